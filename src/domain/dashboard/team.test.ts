import { describe, expect, it } from 'vitest'
import { buildDayIndex } from '../calendar/dayIndex'
import { mainlandChinaCalendar } from '../calendar/presets'
import { computeSlaDates } from '../sla/dates'
import { DEFAULT_SLA_SETTINGS } from '../sla/settings'
import { teamRows, type TeamReview } from './team'

const index = buildDayIndex(mainlandChinaCalendar())
const sh = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}+08:00`)
// submitted Fri 2026-02-13 16:00: due by the end of Mon 2026-03-02 (business day 7)
const dates = computeSlaDates({ submittedAt: sh('2026-02-13 16:00'), pauses: [], state: 'open' }, index, DEFAULT_SLA_SETTINGS, 0)
const review = (agent: string, owner?: string | null): TeamReview => ({ agent, owner, dates })

describe('teamRows', () => {
  it('counts open and waiting cases per agent; resolved and closed cases are not open', () => {
    const rows = teamRows(
      [
        { agent: 'u-bo', status: 'open' },
        { agent: 'u-ann', status: 'waiting' },
        { agent: 'u-ann', status: 'escalated' },
        { agent: 'u-ann', status: 'resolved' },
        { agent: 'u-cy', status: 'closed' },
      ],
      [],
      sh('2026-02-20 10:00'),
    )
    expect(rows).toEqual([
      { agent: 'u-ann', openCases: 2, waitingOnUser: 1, openReviews: 0, reviewsDueSoon: 0 },
      { agent: 'u-bo', openCases: 1, waitingOnUser: 0, openReviews: 0, reviewsDueSoon: 0 },
    ])
  })

  it('counts reviews for their owner: an older record for its agent, a released one for no one', () => {
    const rows = teamRows([], [review('u-ann', 'u-bo'), review('u-ann'), review('u-ann', null)], sh('2026-02-20 10:00'))
    expect(rows.map((r) => [r.agent, r.openReviews])).toEqual([
      ['u-ann', 1],
      ['u-bo', 1],
    ])
  })

  it.each([
    ['2026-02-26 10:00', 0], // three business days left
    ['2026-02-27 10:00', 0], // Fri: two left (Sat 02-28 is a make-up working day in 2026, then Mon)
    ['2026-02-28 10:00', 1], // Sat, a working day: due on the next business day (Mon)
    ['2026-03-01 10:00', 1], // Sun, a day off: due on the next business day
    ['2026-03-02 10:00', 1], // due today
    ['2026-03-03 00:00', 1], // overdue
  ])('at %s, %i review due within one business day or overdue', (wall, soon) => {
    expect(teamRows([], [review('u-ann', 'u-ann'), { agent: 'u-ann', owner: 'u-ann', dates: undefined }], sh(wall))).toEqual([
      { agent: 'u-ann', openCases: 0, waitingOnUser: 0, openReviews: 2, reviewsDueSoon: soon },
    ])
  })
})
