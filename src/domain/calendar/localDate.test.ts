import fc from 'fast-check'
import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import { addDays, fromEpochDay, isLocalDate, toEpochDay, weekdayOf } from './localDate'

describe('local dates', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['2026-02-13', 20_497, 5], // a Friday
    ['2000-02-29', 11_016, 2],
    ['1969-12-31', -1, 3],
  ])('%s is epoch day %i, ISO weekday %i', (date, day, weekday) => {
    expect(toEpochDay(date)).toBe(day)
    expect(fromEpochDay(day)).toBe(date)
    expect(weekdayOf(date)).toBe(weekday)
  })

  it('agrees with Temporal on day numbers and weekdays', () => {
    const base = Temporal.PlainDate.from('1970-01-01')
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const t = base.add({ days: n })
        expect(fromEpochDay(n)).toBe(t.toString())
        expect(toEpochDay(t.toString())).toBe(n)
        expect(weekdayOf(t.toString())).toBe(t.dayOfWeek)
      }),
    )
  })

  it.each(['2024-02-29', '2026-12-31', '2000-02-29'])('accepts %s', (d) => expect(isLocalDate(d)).toBe(true))
  it.each(['2026-02-29', '1900-02-29', '2026-13-01', '2026-04-31', '2026-1-5', '20260105', '', 'x', '2026-02-13T00:00'])(
    'refuses %s',
    (d) => {
      expect(isLocalDate(d)).toBe(false)
    },
  )

  it('adds days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
  })
})
