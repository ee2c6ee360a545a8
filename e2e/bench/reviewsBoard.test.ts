/** The benchmark hook runs the real helpers on a full board (shape only: no timed assertion). */
import { describe, expect, it } from 'vitest'
import { benchReviewsBoard, syntheticReviews } from './reviewsBoard'

describe('benchReviewsBoard', () => {
  it('runs every step over 2,000 open reviews and reports its timings', () => {
    const r = benchReviewsBoard(2000, 5)
    expect(r).toMatchObject({ reviews: 2000, ticks: 5, rowsRendered: 100 })
    for (const ms of [r.buildIndexMs, r.computeColdMs, r.computeWarmMs, r.sortMs, r.tickMedianMs, r.tickMaxMs])
      expect(Number.isFinite(ms) && ms >= 0).toBe(true)
    expect(r.tickMaxMs).toBeGreaterThanOrEqual(r.tickMedianMs)
    expect(r.checksum).toBeGreaterThan(0)
  })

  it('builds deterministic reviews submitted before now', () => {
    const now = Date.parse('2026-03-16T02:00:00Z')
    const a = syntheticReviews(50, now)
    expect(syntheticReviews(50, now)).toEqual(a)
    expect(a.every((r) => r.review.submittedAt < now && r.review.pauses.every((p) => p.start >= r.review.submittedAt))).toBe(true)
  })
})
