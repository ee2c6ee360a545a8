import { describe, expect, it } from 'vitest'
import {
  addDayOff,
  addExtraWorkingDay,
  type BusinessCalendar,
  CALENDAR_PRESETS,
  describeDay,
  mergeDateEntries,
  mondayToFridayCalendar,
  parseCalendar,
  removeDayOff,
  removeExtraWorkingDay,
  setTimeZone,
  setWorkingWeekdays,
  setYearCovered,
  yearsWithoutData,
} from './calendar'
import { buildCalendarPreset, mainlandChinaCalendar } from './presets'
import { normalizeTimeZone } from './timeZone'

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.value
}

describe('time-zone names', () => {
  it.each([
    ['Asia/Shanghai', 'Asia/Shanghai'],
    ['asia/shanghai', 'Asia/Shanghai'],
    ['UTC', 'UTC'],
    ['America/Los_Angeles', 'America/Los_Angeles'],
  ])('accepts %s as %s', (name, canonical) => expect(normalizeTimeZone(name)).toEqual({ ok: true, value: canonical }))

  it.each(['Mars/Olympus_Mons', 'Beijing', '+08:00', '', 'Asia/Shanghai/Extra'])('refuses %j with calendar.badTimezone', (name) => {
    expect(normalizeTimeZone(name)).toEqual({ ok: false, error: { key: 'errors.calendar.badTimezone', params: { name } } })
  })
})

describe('calendar schema', () => {
  it('accepts both presets, as stored (JSON round trip)', () => {
    for (const { id } of CALENDAR_PRESETS) {
      const cal = buildCalendarPreset(id)
      expect(ok(parseCalendar(JSON.parse(JSON.stringify(cal))))).toEqual(cal)
    }
  })

  it('normalises the zone name and the order of weekdays and years', () => {
    const cal = { ...mondayToFridayCalendar(), timeZone: 'asia/shanghai', workingWeekdays: [5, 1, 3], coveredYears: [2026, 2025, 2026] }
    const parsed = ok(parseCalendar(cal))
    expect([parsed.timeZone, parsed.workingWeekdays, parsed.coveredYears]).toEqual(['Asia/Shanghai', [1, 3, 5], [2025, 2026]])
  })

  it.each<[string, (c: BusinessCalendar) => unknown, object]>([
    ['an unknown zone', (c) => ({ ...c, timeZone: 'Mars/Base' }), { key: 'errors.calendar.badTimezone', params: { name: 'Mars/Base' } }],
    ['no working weekday', (c) => ({ ...c, workingWeekdays: [] }), { key: 'errors.calendar.noWorkingDays' }],
    ['a bad date', (c) => ({ ...c, holidays: { '2026-02-30': 'x' } }), { key: 'errors.calendar.badDate', params: { date: '2026-02-30' } }],
    [
      'a date both off and working',
      (c) => ({ ...c, holidays: { '2026-02-14': 'a' }, extraWorkingDays: { '2026-02-14': 'b' } }),
      { key: 'errors.calendar.dayConflict', params: { date: '2026-02-14' } },
    ],
    ['a weekday out of range', (c) => ({ ...c, workingWeekdays: [0, 1] }), { key: 'errors.calendar.invalid' }],
    ['a missing field', ({ coveredYears: _, ...rest }) => rest, { key: 'errors.calendar.invalid' }],
    ['not an object', () => 'calendar', { key: 'errors.calendar.invalid' }],
  ])('refuses %s', (_name, make, error) => {
    expect(parseCalendar(make(mondayToFridayCalendar()))).toEqual({ ok: false, error })
  })
})

describe('presets', () => {
  const cn = mainlandChinaCalendar()
  it('builds mainland China from chinese-days: holidays, adjusted working days, covered years', () => {
    expect(cn.timeZone).toBe('Asia/Shanghai')
    expect(cn.workingWeekdays).toEqual([1, 2, 3, 4, 5])
    expect(cn.holidays['2026-02-17']).toBe('春节 Spring Festival')
    expect(cn.holidays['2025-10-01']).toBe('国庆节 National Day')
    expect(cn.extraWorkingDays['2026-02-14']).toBe('春节 Spring Festival')
    expect(cn.extraWorkingDays['2025-09-28']).toBe('国庆节 National Day')
    expect(cn.coveredYears).toContain(2025)
    expect(cn.coveredYears).toContain(2026)
    expect(cn.coveredYears).not.toContain(2027)
    expect([cn.tracksHolidays, cn.basedOn]).toEqual([true, 'cn-mainland'])
  })
  it('builds Monday–Friday with no holidays and no missing-data warning', () => {
    const mf = buildCalendarPreset('mon-fri', 'Europe/London')
    expect(mf).toMatchObject({ timeZone: 'Europe/London', holidays: {}, extraWorkingDays: {}, tracksHolidays: false, basedOn: 'mon-fri' })
    expect(yearsWithoutData(mf, '2026-12-24', '2030-01-04')).toEqual([])
  })
  it('warns about years without data', () => {
    expect(yearsWithoutData(cn, '2026-12-24', '2027-01-04')).toEqual([2027])
    expect(yearsWithoutData(cn, '2026-02-13', '2026-03-02')).toEqual([])
  })
})

describe('manual edits', () => {
  const base = mainlandChinaCalendar()
  it('adds a day off (which stops being an extra working day), leaving the original untouched', () => {
    const cal = ok(addDayOff(base, '2026-02-14', ' company day '))
    expect(cal.holidays['2026-02-14']).toBe('company day')
    expect(cal.extraWorkingDays['2026-02-14']).toBeUndefined()
    expect(base.extraWorkingDays['2026-02-14']).toBe('春节 Spring Festival')
    expect(describeDay(cal, '2026-02-14')).toEqual({ kind: 'holiday', name: 'company day', business: false })
  })
  it('removes a day off', () => {
    const cal = removeDayOff(base, '2026-02-16')
    expect(describeDay(cal, '2026-02-16')).toEqual({ kind: 'working', name: '', business: true })
    expect(removeDayOff(base, '2026-03-10')).toBe(base)
  })
  it('adds and removes an extra working day', () => {
    const cal = ok(addExtraWorkingDay(base, '2026-02-17', 'on call'))
    expect(describeDay(cal, '2026-02-17')).toEqual({ kind: 'extraWorking', name: 'on call', business: true })
    expect(cal.holidays['2026-02-17']).toBeUndefined()
    expect(describeDay(removeExtraWorkingDay(base, '2026-02-28'), '2026-02-28')).toEqual({ kind: 'weekend', name: '', business: false })
  })
  it('refuses bad dates, empty weekdays and unknown zones', () => {
    expect(addDayOff(base, '2026-02-30')).toEqual({ ok: false, error: { key: 'errors.calendar.badDate', params: { date: '2026-02-30' } } })
    expect(addExtraWorkingDay(base, 'tomorrow')).toEqual({
      ok: false,
      error: { key: 'errors.calendar.badDate', params: { date: 'tomorrow' } },
    })
    expect(setWorkingWeekdays(base, [])).toEqual({ ok: false, error: { key: 'errors.calendar.noWorkingDays' } })
    expect(setTimeZone(base, 'Nowhere/Land')).toEqual({
      ok: false,
      error: { key: 'errors.calendar.badTimezone', params: { name: 'Nowhere/Land' } },
    })
  })
  it('changes working weekdays, zone and covered years', () => {
    expect(ok(setWorkingWeekdays(base, [6, 1, 1, 2])).workingWeekdays).toEqual([1, 2, 6])
    expect(ok(setTimeZone(base, 'europe/london')).timeZone).toBe('Europe/London')
    const covered = setYearCovered(mondayToFridayCalendar(), 2027, true)
    expect([covered.coveredYears, covered.tracksHolidays]).toEqual([[2027], true])
    expect(setYearCovered(covered, 2027, false).coveredYears).toEqual([])
  })
  it('keeps every edited calendar valid for the schema', () => {
    const edited = ok(addExtraWorkingDay(ok(addDayOff(base, '2026-03-10', 'x')), '2026-02-16', 'y'))
    expect(parseCalendar(edited).ok).toBe(true)
  })
})

describe('mergeDateEntries', () => {
  const base = mondayToFridayCalendar()
  it('applies entries as days off and reports the years now covered', () => {
    const r = ok(
      mergeDateEntries(
        base,
        [
          { date: '2027-01-01', name: 'New Year' },
          { date: '2027-02-08', name: '' },
        ],
        'dayOff',
      ),
    )
    expect(r.calendar.holidays).toEqual({ '2027-01-01': 'New Year', '2027-02-08': '' })
    expect([r.added, r.moved, r.entryYears, r.coveredYears, r.newlyCoveredYears]).toEqual([2, 0, [2027], [2027], [2027]])
    expect(r.calendar.tracksHolidays).toBe(true)
    expect(base.holidays).toEqual({})
  })
  it('applies entries as working days, moving dates out of the days off', () => {
    const cn = mainlandChinaCalendar()
    const r = ok(
      mergeDateEntries(
        cn,
        [
          { date: '2026-02-16', name: 'work' },
          { date: '2027-02-06', name: 'adjusted' },
        ],
        'workingDay',
        { coverYears: [] },
      ),
    )
    expect(r.calendar.extraWorkingDays['2026-02-16']).toBe('work')
    expect(r.calendar.holidays['2026-02-16']).toBeUndefined()
    expect([r.added, r.moved, r.newlyCoveredYears]).toEqual([1, 1, []])
    expect(parseCalendar(r.calendar).ok).toBe(true)
  })
  it('keeps an existing name when the entry has none', () => {
    const cn = mainlandChinaCalendar()
    const r = ok(mergeDateEntries(cn, [{ date: '2026-02-17', name: '' }], 'dayOff'))
    expect([r.calendar.holidays['2026-02-17'], r.added]).toEqual(['春节 Spring Festival', 0])
  })
  it('refuses the whole list, changing nothing, when one date is bad', () => {
    expect(
      mergeDateEntries(
        base,
        [
          { date: '2027-01-01', name: '' },
          { date: '2027-13-01', name: '' },
        ],
        'dayOff',
      ),
    ).toEqual({
      ok: false,
      error: { key: 'errors.calendar.badDate', params: { date: '2027-13-01' } },
    })
  })
})
