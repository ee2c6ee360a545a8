import { describe, expect, it } from 'vitest'
import { mondayToFridayCalendar, type BusinessCalendar } from '@/domain/calendar/calendar'
import { daysInYear, listableYears, readSlaForm, toNumber, yearNow } from './calendarForm'

const cal: BusinessCalendar = {
  ...mondayToFridayCalendar('Asia/Shanghai'),
  holidays: { '2025-10-01': 'National Day', '2026-01-01': 'New Year', '2026-02-17': 'Spring Festival' },
  extraWorkingDays: { '2026-02-14': 'Make-up day', '2029-09-29': 'Make-up day' },
  coveredYears: [2024, 2026],
}

describe('calendar settings form', () => {
  it("reads this year in the calendar's own time zone", () => {
    const newYearInShanghai = Date.parse('2026-12-31T17:00:00Z') // 01:00 on 1 January 2027 in Shanghai
    expect(yearNow(cal, newYearInShanghai)).toBe(2027)
    expect(yearNow({ ...cal, timeZone: 'America/Los_Angeles' }, newYearInShanghai)).toBe(2026)
    expect(yearNow(null, newYearInShanghai)).toBe(2027)
  })

  it('offers this year and next, covered years and every year with a day, newest first, each once', () => {
    expect(listableYears(cal, 2026)).toEqual([2029, 2027, 2026, 2025, 2024])
    expect(listableYears(null, 2026)).toEqual([2027, 2026])
  })

  it('lists the days of one year only', () => {
    expect(daysInYear(cal.holidays, 2026)).toEqual([
      { date: '2026-01-01', name: 'New Year' },
      { date: '2026-02-17', name: 'Spring Festival' },
    ])
    expect(daysInYear(cal.extraWorkingDays, 2025)).toEqual([])
    expect(daysInYear(undefined, 2026)).toEqual([])
  })

  it('reads number inputs: empty is no number, numbers as typed', () => {
    expect(toNumber('')).toBeNaN()
    expect(toNumber('  ')).toBeNaN()
    expect(toNumber(5)).toBe(5)
    expect(toNumber('08')).toBe(8)
  })

  it('reads the SLA form into settings', () => {
    expect(readSlaForm({ expectedDays: '3', dueDays: 7, atRiskLeadDays: '1' })).toEqual({
      ok: true,
      value: { expectedDays: 3, dueDays: 7, atRiskLeadDays: 1 },
    })
  })

  it('marks the field the problem is about', () => {
    const dueFirst = readSlaForm({ expectedDays: '5', dueDays: '3', atRiskLeadDays: '1' })
    expect(dueFirst).toMatchObject({ ok: false, field: 'dueDays', problem: { key: 'errors.sla.dueBeforeExpected' } })
    const empty = readSlaForm({ expectedDays: '3', dueDays: '7', atRiskLeadDays: '' })
    expect(empty).toMatchObject({ ok: false, field: 'atRiskLeadDays' })
    const tooLong = readSlaForm({ expectedDays: '400', dueDays: '7', atRiskLeadDays: '1' })
    expect(tooLong).toMatchObject({ ok: false, field: 'expectedDays', problem: { key: 'errors.sla.daysRange' } })
  })
})
