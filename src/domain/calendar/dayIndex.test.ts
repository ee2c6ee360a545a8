import fc from 'fast-check'
import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import { mondayToFridayCalendar } from './calendar'
import { buildDayIndex } from './dayIndex'
import { fromEpochDay, toEpochDay } from './localDate'
import { mainlandChinaCalendar } from './presets'

const ZONES = [
  'Asia/Shanghai',
  'UTC',
  'America/Los_Angeles',
  'America/Santiago',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
]

describe('DayIndex', () => {
  it('finds the local day of any instant as Temporal does (DST, ±14 h, and Samoa’s skipped 2011-12-30)', () => {
    const indexes = new Map(ZONES.map((z) => [z, buildDayIndex(mondayToFridayCalendar(z), { fromYear: 2005, toYear: 2030 })]))
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.parse('1995-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }),
        (zone, ms) => {
          const index = indexes.get(zone)
          if (!index) throw new Error(zone)
          const zdt = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone)
          expect(index.localDateOf(ms)).toBe(zdt.toPlainDate().toString())
          const day = index.dayOf(ms)
          expect(index.startOfDay(day)).toBe(zdt.startOfDay().epochMilliseconds)
          expect(index.startOfDay(day)).toBeLessThanOrEqual(ms)
          expect(index.endOfDay(day)).toBeGreaterThanOrEqual(ms)
        },
      ),
      { numRuns: 2000 },
    )
    const apia = indexes.get('Pacific/Apia')
    // Samoa jumped from 29 to 31 December 2011: the last instant of the 29th is followed by the 31st.
    const endOf29 = apia?.endOfDay(toEpochDay('2011-12-29')) ?? 0
    expect(apia?.localDateOf(endOf29 + 1)).toBe('2011-12-31')
  })

  it('has 23- and 25-hour days where the zone changes clocks', () => {
    const la = buildDayIndex(mondayToFridayCalendar('America/Los_Angeles'))
    const hours = (date: string) => (la.endOfDay(toEpochDay(date)) + 1 - la.startOfDay(toEpochDay(date))) / 3_600_000
    expect([hours('2026-03-08'), hours('2026-11-01'), hours('2026-03-09')]).toEqual([23, 25, 24])
  })

  it('keeps ranks consistent with business days, inside and outside the precomputed range', () => {
    const index = buildDayIndex(mainlandChinaCalendar(), { fromYear: 2025, toYear: 2025 })
    const first = toEpochDay('2023-06-01')
    const last = toEpochDay('2027-06-01')
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        expect(index.rankOf(day) - index.rankOf(day - 1)).toBe(index.isBusinessDay(day) ? 1 : 0)
        const next = index.nthBusinessDayAfter(day, 1)
        expect(next).toBeGreaterThan(day)
        expect(index.isBusinessDay(next)).toBe(true)
        for (let d = day + 1; d < next; d++) expect(index.isBusinessDay(d)).toBe(false)
        if (index.isBusinessDay(day)) expect(index.dayOfRank(index.rankOf(day))).toBe(day)
      }),
      { numRuns: 500 },
    )
  })

  it('reads the calendar: holidays, adjusted working days, weekends', () => {
    const index = buildDayIndex(mainlandChinaCalendar())
    const business = (d: string) => index.isBusinessDay(toEpochDay(d))
    expect([
      business('2026-02-13'),
      business('2026-02-14'),
      business('2026-02-17'),
      business('2026-02-21'),
      business('2026-03-07'),
    ]).toEqual([true, true, false, false, false])
    expect(fromEpochDay(index.nthBusinessDayAfter(toEpochDay('2026-02-14'), 1))).toBe('2026-02-24')
  })

  it('refuses to build for an unknown zone', () => {
    expect(() => buildDayIndex({ ...mondayToFridayCalendar(), timeZone: 'Mars/Base' })).toThrow(RangeError)
  })

  it('is frozen (so Vue will not proxy it)', () => {
    expect(Object.isFrozen(buildDayIndex(mondayToFridayCalendar()))).toBe(true)
  })
})

it('refuses a calendar with no working weekday (there would be no next business day)', () => {
  expect(() => buildDayIndex({ ...mondayToFridayCalendar(), workingWeekdays: [] })).toThrow(RangeError)
})
