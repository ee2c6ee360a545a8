/**
 * Properties of the SLA arithmetic, on random calendars, zones, submissions, settings and pauses.
 * The reference (`oracle`) is a deliberately naive second implementation: it walks Temporal.PlainDate
 * one day at a time and reads the calendar's maps directly (no day index, no epoch-day arithmetic).
 * `npm run test:tz` runs this file under several process zones, and the fixed cases below must hold in each.
 */
import fc from 'fast-check'
import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import type { BusinessCalendar } from '../calendar/calendar'
import { buildDayIndex } from '../calendar/dayIndex'
import type { IsoWeekday } from '../calendar/localDate'
import { mainlandChinaCalendar } from '../calendar/presets'
import type { ReviewPause } from '../model'
import { computeSlaDates, type SlaDates } from './dates'
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from './settings'
import { countdownAt, statusAt } from './status'

const ZONES = [
  'Asia/Shanghai',
  'UTC',
  'America/Los_Angeles',
  'America/Santiago',
  'Europe/London',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Asia/Kolkata',
]
const FROM = Date.parse('2024-01-01T00:00:00Z')
const TO = Date.parse('2027-06-30T00:00:00Z')
const DAY = 86_400_000

const CN = mainlandChinaCalendar()
const cnIndex = buildDayIndex(CN)

const dateArb = fc
  .integer({ min: Date.parse('2024-01-01T00:00:00Z') / DAY, max: Date.parse('2027-12-31T00:00:00Z') / DAY })
  .map((d) => Temporal.PlainDate.from('1970-01-01').add({ days: d }).toString())

const calendarArb: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    workingWeekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    holidays: fc.uniqueArray(dateArb, { maxLength: 60 }),
    extra: fc.uniqueArray(dateArb, { maxLength: 20 }),
  })
  .map(({ timeZone, workingWeekdays, holidays, extra }) => ({
    version: 1,
    timeZone,
    workingWeekdays: (workingWeekdays as IsoWeekday[]).sort((a, b) => a - b),
    holidays: Object.fromEntries(holidays.map((d) => [d, 'off'])),
    extraWorkingDays: Object.fromEntries(extra.filter((d) => !holidays.includes(d)).map((d) => [d, 'on'])),
    coveredYears: [2024, 2025, 2026],
    tracksHolidays: true,
    basedOn: null,
  }))

const settingsArb: fc.Arbitrary<SlaSettings> = fc
  .tuple(fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }))
  .map(([expectedDays, extra, lead]) => ({
    expectedDays,
    dueDays: expectedDays + extra,
    atRiskLeadDays: Math.min(lead, expectedDays + extra),
  }))

const instantArb = fc.integer({ min: FROM, max: TO })

/** Pauses after the submission: ended ones and at most one open. */
const pausesArb = (submittedAt: number): fc.Arbitrary<ReviewPause[]> =>
  fc.array(
    fc
      .record({ offset: fc.integer({ min: -2 * DAY, max: 40 * DAY }), length: fc.integer({ min: 0, max: 12 * DAY }), open: fc.boolean() })
      .map(({ offset, length, open }) => ({
        start: submittedAt + offset,
        end: open ? null : submittedAt + offset + length,
        reason: '',
      })),
    { maxLength: 4 },
  )

/** Naive reference: walk local dates with Temporal, reading the calendar maps directly. */
function oracle(
  cal: BusinessCalendar,
  submittedAt: number,
  k: number,
  pauses: readonly ReviewPause[],
  now: number,
): { date: string; end: number; start: number } {
  const zone = cal.timeZone
  const local = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDate()
  const paused = new Set<string>()
  for (const p of pauses) {
    if (p.end === null && p.start > now) continue
    const end = local(p.end ?? now)
    for (let d = local(p.start); Temporal.PlainDate.compare(d, end) < 0; d = d.add({ days: 1 })) paused.add(d.toString())
  }
  const business = (d: Temporal.PlainDate) =>
    !(d.toString() in cal.holidays) && (cal.workingWeekdays.includes(d.dayOfWeek as IsoWeekday) || d.toString() in cal.extraWorkingDays)
  let d = local(submittedAt)
  for (let n = 0; n < k;) {
    d = d.add({ days: 1 })
    if (business(d) && !paused.has(d.toString())) n++
  }
  const start = d.toZonedDateTime({ timeZone: zone }).epochMilliseconds
  const end = d.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds - 1
  return { date: d.toString(), start, end }
}

const compute = (
  cal: BusinessCalendar,
  submittedAt: number,
  pauses: ReviewPause[],
  settings: SlaSettings,
  now: number,
  index = buildDayIndex(cal),
): SlaDates => computeSlaDates({ submittedAt, pauses, state: 'open' }, index, settings, now)

const scenarioArb = fc
  .tuple(calendarArb, instantArb, settingsArb, fc.integer({ min: 0, max: 60 * DAY }), fc.boolean())
  .chain(([cal, submittedAt, settings, later, narrow]) =>
    pausesArb(submittedAt).map((pauses) => ({ cal, submittedAt, settings, now: submittedAt + later, pauses, narrow })),
  )

describe('SLA properties', () => {
  it('agree with a naive day-by-day reference (random calendars, zones, pauses, index ranges)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ cal, submittedAt, settings, now, pauses, narrow }) => {
        const index = buildDayIndex(cal, narrow ? { fromYear: 2025, toYear: 2026 } : {})
        const d = compute(cal, submittedAt, pauses, settings, now, index)
        const exp = oracle(cal, submittedAt, settings.expectedDays, pauses, now)
        const due = oracle(cal, submittedAt, settings.dueDays, pauses, now)
        const risk = oracle(cal, submittedAt, settings.dueDays - settings.atRiskLeadDays + 1, pauses, now)
        expect([d.expectedFromDate, d.expectedFrom]).toEqual([exp.date, exp.end])
        expect([d.dueByDate, d.dueBy]).toEqual([due.date, due.end])
        expect([d.atRiskFromDate, d.atRiskFrom]).toEqual([risk.date, risk.start])
      }),
      { numRuns: 150 },
    )
  })

  it('never gives a date before the submission, and expected-from <= at-risk start <= due-by', () => {
    fc.assert(
      fc.property(scenarioArb, ({ cal, submittedAt, settings, now, pauses }) => {
        const d = compute(cal, submittedAt, pauses, settings, now)
        expect(d.expectedFrom).toBeGreaterThan(submittedAt)
        expect(d.dueBy).toBeGreaterThan(submittedAt)
        expect(d.expectedFromDay).toBeGreaterThan(d.submittedDay)
        expect(d.expectedFrom).toBeLessThanOrEqual(d.dueBy)
        if (settings.atRiskLeadDays >= 1) expect(d.atRiskFrom).toBeLessThanOrEqual(d.dueBy)
        else expect(d.atRiskFrom).toBeGreaterThan(d.dueBy)
      }),
      { numRuns: 200 },
    )
  })

  it('more business days never give an earlier date', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 1, max: 20 }), (cal, submittedAt, k) => {
        const index = buildDayIndex(cal)
        const at = (days: number) =>
          compute(cal, submittedAt, [], { expectedDays: days, dueDays: days, atRiskLeadDays: 1 }, submittedAt, index).dueBy
        expect(at(k + 1)).toBeGreaterThan(at(k))
      }),
      { numRuns: 200 },
    )
  })

  it('pausing never brings a date earlier', () => {
    fc.assert(
      fc.property(scenarioArb, ({ cal, submittedAt, settings, now, pauses }) => {
        const index = buildDayIndex(cal)
        const without = compute(cal, submittedAt, pauses.slice(1), settings, now, index)
        const withAll = compute(cal, submittedAt, pauses, settings, now, index)
        expect(withAll.expectedFrom).toBeGreaterThanOrEqual(without.expectedFrom)
        expect(withAll.dueBy).toBeGreaterThanOrEqual(without.dueBy)
      }),
      { numRuns: 200 },
    )
  })

  it('statusAt and countdownAt agree with each other and with the dates', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 40 * DAY }), (submittedAt, later) => {
        const d = compute(CN, submittedAt, [], DEFAULT_SLA_SETTINGS, submittedAt, cnIndex)
        const now = submittedAt + later
        const status = statusAt(d, now)
        const c = countdownAt(d, now)
        expect(c.kind === 'overdue').toBe(status === 'overdue')
        if (c.kind === 'remaining') {
          expect(c.businessDays).toBeGreaterThanOrEqual(0)
          expect(c.businessDays).toBeLessThanOrEqual(DEFAULT_SLA_SETTINGS.dueDays)
          expect(c.msToday).toBeLessThanOrEqual(25 * 3_600_000)
          expect(c.msToDue).toBeGreaterThan(0)
          if (status === 'atRisk') expect(c.businessDays).toBe(0)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('independence from the process time zone', () => {
  it(`gives the reference results in the process zone ${Intl.DateTimeFormat().resolvedOptions().timeZone}`, () => {
    // Fixed instants whose local dates differ between UTC, Los Angeles and Shanghai.
    const cases: [string, string, string][] = [
      ['2026-03-12T16:30:00Z', '2026-03-18', '2026-03-24'], // Fri 00:30 in Shanghai, Thu in UTC and LA
      ['2026-02-13T08:00:00Z', '2026-02-25', '2026-03-02'],
      ['2026-12-31T20:00:00Z', '2027-01-06', '2027-01-12'], // Fri 2027-01-01 04:00 in Shanghai (no data: counts weekends only)
    ]
    for (const [iso, expected, due] of cases) {
      const d = compute(CN, Date.parse(iso), [], DEFAULT_SLA_SETTINGS, 0, cnIndex)
      expect([iso, d.expectedFromDate, d.dueByDate]).toEqual([iso, expected, due])
    }
  })

  it('leaves local-time Date methods out of the calendar and SLA sources', () => {
    // The process zone can only leak in through Date's local-time API or Intl defaults. (Switching
    // process.env.TZ in-process has no effect in vitest's worker threads, hence this check plus test:tz.)
    const sources = {
      ...import.meta.glob<string>(['./*.ts', '!./*.test.ts', '!./bench.ts'], { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob<string>(['../calendar/*.ts', '!../calendar/*.test.ts'], { query: '?raw', import: 'default', eager: true }),
    }
    expect(Object.keys(sources).length).toBeGreaterThan(10)
    const forbidden =
      /\bnew Date\(|\.get(?:FullYear|Month|Date|Day|Hours|Minutes|Seconds|TimezoneOffset)\(|\.set(?:FullYear|Month|Date|Hours|Minutes)\(|toLocale\w*String|Temporal\.Now/
    for (const [file, text] of Object.entries(sources)) expect([file, forbidden.exec(text)?.[0]]).toEqual([file, undefined])
  })
})
