import { describe, expect, it } from 'vitest'
import { formatDateOf, formatLocalDate } from '../calendar/format'
import { buildDayIndex } from '../calendar/dayIndex'
import { mainlandChinaCalendar } from '../calendar/presets'
import { computeSlaDates } from './dates'
import { describePromisedDates, promisedDates } from './format'
import { DEFAULT_SLA_SETTINGS } from './settings'

describe('promised dates', () => {
  it.each([
    ['2026-02-25', 'Wednesday, 25 February 2026', '2026年2月25日 星期三'],
    ['2026-03-02', 'Monday, 2 March 2026', '2026年3月2日 星期一'],
    ['2027-01-03', 'Sunday, 3 January 2027', '2027年1月3日 星期日'],
    ['2024-12-28', 'Saturday, 28 December 2024', '2024年12月28日 星期六'],
  ])('%s reads "%s" / "%s"', (date, en, zh) => {
    expect(formatLocalDate(date, 'en')).toBe(en)
    expect(formatLocalDate(date, 'zh-CN')).toBe(zh)
  })

  it("gives the example's promised dates in the calendar's zone, whatever the process zone", () => {
    // Fri 2026-02-13 16:00 Shanghai = 08:00 UTC (still Thursday evening in Los Angeles).
    const d = computeSlaDates(
      { submittedAt: Date.parse('2026-02-13T08:00:00Z'), pauses: [], state: 'open' },
      buildDayIndex(mainlandChinaCalendar()),
      DEFAULT_SLA_SETTINGS,
      0,
    )
    const promised = promisedDates(d)
    expect(promised).toEqual({ submitted: '2026-02-13', expectedFrom: '2026-02-25', dueBy: '2026-03-02' })
    expect(describePromisedDates(promised, 'en')).toEqual({
      submitted: 'Friday, 13 February 2026',
      expectedFrom: 'Wednesday, 25 February 2026',
      dueBy: 'Monday, 2 March 2026',
    })
    expect(describePromisedDates(promised, 'zh-CN').dueBy).toBe('2026年3月2日 星期一')
    // 07:00 UTC is Friday 15:00 in Shanghai and Thursday 23:00 in Los Angeles.
    expect(formatDateOf(Date.parse('2026-02-13T07:00:00Z'), 'Asia/Shanghai', 'en')).toBe('Friday, 13 February 2026')
    expect(formatDateOf(Date.parse('2026-02-13T07:00:00Z'), 'America/Los_Angeles', 'zh-CN')).toBe('2026年2月12日 星期四')
  })
})
