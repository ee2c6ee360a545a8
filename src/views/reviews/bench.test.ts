/** The benchmark hook runs the real helpers on a full board (shape only: no timed assertion). */
import { describe, expect, it } from 'vitest'
import { benchReviewsBoard, syntheticReviews } from './bench'

describe('benchReviewsBoard', () => {
  it('runs every step over 2,000 open reviews and reports its timings', () => {
    let fake = 0
    const r = benchReviewsBoard(2000, 5, () => (fake += 1))
    expect(r).toMatchObject({ reviews: 2000, ticks: 5, rowsRendered: 100, buildIndexMs: 1, computeColdMs: 1, computeWarmMs: 1, sortMs: 1 })
    expect(r.tickMedianMs).toBe(1)
    expect(r.checksum).toBeGreaterThan(0)
  })

  it('builds deterministic reviews submitted before now', () => {
    const now = Date.parse('2026-03-16T02:00:00Z')
    const a = syntheticReviews(50, now)
    expect(syntheticReviews(50, now)).toEqual(a)
    expect(a.every((r) => r.review.submittedAt < now && r.review.pauses.every((p) => p.start >= r.review.submittedAt))).toBe(true)
  })
})
