import { describe, expect, it } from 'vitest'
import { reviewTimeline } from './reviewTimeline'

type Timed = Parameters<typeof reviewTimeline>[0]

const open: Timed = { submittedAt: 100, reference: 'BO-1', pauses: [], state: 'open', closedAt: null, outcome: null }

describe('a review timeline', () => {
  it('starts with the submission and its reference', () => {
    expect(reviewTimeline(open)).toEqual([{ key: 's', at: 100, event: { kind: 'submitted', reference: 'BO-1' } }])
  })

  it('lists pauses and resumes in time order, an open pause without a resume', () => {
    const r: Timed = {
      ...open,
      // recorded afterwards: the earlier pause comes later in the list
      pauses: [
        { start: 500, end: null, reason: 'ID requested' },
        { start: 200, end: 300, reason: 'Waiting' },
      ],
    }
    expect(reviewTimeline(r).map((i) => [i.at, i.event.kind])).toEqual([
      [100, 'submitted'],
      [200, 'paused'],
      [300, 'resumed'],
      [500, 'paused'],
    ])
  })

  it('ends with the close and its outcome; a pause the close ended shows no resume', () => {
    const r: Timed = {
      ...open,
      state: 'closed',
      closedAt: 900,
      outcome: null,
      pauses: [
        { start: 200, end: 300, reason: 'Waiting' },
        { start: 800, end: 900, reason: 'ID requested' },
      ],
    }
    const items = reviewTimeline(r)
    expect(items.map((i) => i.event.kind)).toEqual(['submitted', 'paused', 'resumed', 'paused', 'closed'])
    expect(items.at(-1)).toEqual({ key: 'c', at: 900, event: { kind: 'closed', outcome: 'withdrawn' } })
  })
})
