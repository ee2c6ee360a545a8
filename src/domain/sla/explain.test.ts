import { describe, expect, it } from 'vitest'
import { buildDayIndex } from '../calendar/dayIndex'
import { mainlandChinaCalendar } from '../calendar/presets'
import { computeSlaDates } from './dates'
import { explainSlaDates } from './explain'
import { DEFAULT_SLA_SETTINGS } from './settings'

const index = buildDayIndex(mainlandChinaCalendar())
const sh = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}+08:00`)

describe('explainSlaDates', () => {
  // the example: submitted Fri 13 Feb 2026; Sat 14 is a make-up working day, 15–23 the Spring Festival,
  // Sat 28 a make-up working day; business day 7 (due) is Mon 2 Mar, day 3 (expected from) Wed 25 Feb
  it('lists the holidays skipped and the make-up days counted up to the due day', () => {
    const dates = computeSlaDates(
      { submittedAt: sh('2026-02-13 16:00'), pauses: [], state: 'open' },
      index,
      DEFAULT_SLA_SETTINGS,
      sh('2026-02-13 16:00'),
    )
    const days = explainSlaDates(dates, sh('2026-02-13 16:00'))
    expect(days[0]).toMatchObject({ date: '2026-02-14', kind: 'extraWorking', counted: 1 })
    expect(days.at(-1)).toMatchObject({ date: '2026-03-02', counted: 7, dueBy: true })
    expect(days.find((d) => d.expectedFrom)).toMatchObject({ date: '2026-02-25', counted: 3 })
    expect(days.filter((d) => d.kind === 'holiday').map((d) => d.date)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ])
    expect(days.filter((d) => d.kind === 'holiday').every((d) => d.counted === null && d.name !== '')).toBe(true)
    expect(days.find((d) => d.date === '2026-02-28')).toMatchObject({ kind: 'extraWorking', counted: 6 })
    expect(days.filter((d) => d.counted !== null)).toHaveLength(7)
  })

  it('marks paused days as not counted, and the dates move past them', () => {
    const pauses = [{ start: sh('2026-02-26 10:00'), end: sh('2026-02-27 10:00'), reason: 'ID' }]
    const at = sh('2026-02-27 12:00')
    const dates = computeSlaDates({ submittedAt: sh('2026-02-13 16:00'), pauses, state: 'open' }, index, DEFAULT_SLA_SETTINGS, at)
    const days = explainSlaDates(dates, at)
    expect(days.find((d) => d.date === '2026-02-26')).toMatchObject({ kind: 'working', paused: true, counted: null })
    expect(days.at(-1)).toMatchObject({ date: '2026-03-03', counted: 7, dueBy: true })
  })
})
