import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mondayToFridayCalendar } from '../calendar/calendar'
import { buildDayIndex } from '../calendar/dayIndex'
import { zonedEpochMs } from '../calendar/timeZone'
import { HOUR, MINUTE, T0, makeAttempt, makeCase, makeReview } from '@test/exportRecords'
import { METHOD_IDS, SYMPTOMS, type MethodId, type Symptom } from '../model'
import {
  DashboardAccumulator,
  buildDashboard,
  closedWithinBusinessDays,
  dashboardIsEmpty,
  median,
  resolvedAt,
  type DashboardCaseInput,
  type DashboardOptions,
} from './aggregate'

const TZ = 'Asia/Shanghai'
const index = buildDayIndex(mondayToFridayCalendar(TZ), { fromYear: 2020, toYear: 2030 })
/** Shanghai wall time → epoch ms. */
const at = (date: string, time = '10:00'): number => zonedEpochMs(date, time, TZ)
const opts = (over: Partial<DashboardOptions> = {}): DashboardOptions => ({
  timeZone: TZ,
  from: null,
  to: null,
  index,
  now: at('2026-11-24'),
  ...over,
})

let nextId = 1
function caseAt(
  createdAt: number,
  symptom: Symptom = 'not-received',
  resolvedBy: MethodId | null = null,
  resolvedAfter?: number,
): DashboardCaseInput {
  const id = nextId++
  const c = makeCase({ id, createdAt, updatedAt: createdAt, symptom, resolvedBy })
  const attempts =
    resolvedBy && resolvedAfter !== undefined
      ? [makeAttempt({ id, caseId: id, methodId: resolvedBy, status: 'resolved', at: createdAt + resolvedAfter })]
      : []
  return { case: c, attempts }
}

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 1000, 2], 10],
  ])('%j → %s', (xs, want) => expect(median(xs)).toBe(want))
})

describe('resolvedAt', () => {
  const c = makeCase({ resolvedBy: 'email-code' })
  it('is the newest "worked" record of the resolving method', () => {
    const attempts = [
      makeAttempt({ id: 1, methodId: 'email-code', status: 'resolved', at: T0 + 10 * MINUTE }),
      makeAttempt({ id: 2, methodId: 'email-code', status: 'failed', at: T0 + 20 * MINUTE }),
      makeAttempt({ id: 3, methodId: 'email-code', status: 'resolved', at: T0 + 30 * MINUTE }),
      makeAttempt({ id: 4, methodId: 'sms-blocking', status: 'resolved', at: T0 + 40 * MINUTE }),
    ]
    expect(resolvedAt(c, attempts)).toBe(T0 + 30 * MINUTE)
  })
  it('is null without a resolving method or a matching record', () => {
    expect(resolvedAt(makeCase({ resolvedBy: null }), [makeAttempt({ status: 'resolved' })])).toBeNull()
    expect(resolvedAt(c, [makeAttempt({ methodId: 'email-code', status: 'suggested' })])).toBeNull()
  })
})

describe('cases per day by symptom', () => {
  it('buckets by the local date in the calendar zone and fills empty days of the range', () => {
    const d = buildDashboard(
      [
        caseAt(at('2026-11-24', '00:10'), 'not-received'),
        caseAt(at('2026-11-24', '23:50'), 'rejected'),
        // 16:30 UTC on the 24th is already the 25th in Shanghai
        caseAt(Date.UTC(2026, 10, 24, 16, 30), 'rejected'),
        caseAt(at('2026-11-26', '12:00'), 'restricted'),
        caseAt(at('2026-11-30', '12:00'), 'restricted'), // outside the range
      ],
      [],
      opts({ from: '2026-11-23', to: '2026-11-27' }),
    )
    expect(d.days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'])
    expect(d.perDay['not-received']).toEqual([0, 1, 0, 0, 0])
    expect(d.perDay.rejected).toEqual([0, 1, 1, 0, 0])
    expect(d.perDay.restricted).toEqual([0, 0, 0, 1, 0])
    expect(d.cases).toBe(4)
  })
  it('spans the first to the last case when the range is open', () => {
    const d = buildDashboard([caseAt(at('2026-11-20')), caseAt(at('2026-11-22'))], [], opts())
    expect(d.days).toEqual(['2026-11-20', '2026-11-21', '2026-11-22'])
  })
  it('is empty with no data and no range', () => {
    const d = buildDashboard([], [], opts())
    expect(d.days).toEqual([])
    expect(dashboardIsEmpty(d)).toBe(true)
  })
})

describe('resolved by method and time to resolution', () => {
  it('counts each method with its share of resolved cases, and the unresolved apart', () => {
    const d = buildDashboard(
      [
        caseAt(T0, 'not-received', 'email-code', 2 * HOUR),
        caseAt(T0, 'not-received', 'email-code', 4 * HOUR),
        caseAt(T0, 'not-received', 'sms-blocking', 1 * HOUR),
        caseAt(T0, 'not-received', 'carrier-sms'), // resolved, but no record of when
        caseAt(T0),
        caseAt(T0),
      ],
      [],
      opts(),
    )
    expect(d.resolved.count).toBe(4)
    expect(d.resolved.unresolved).toBe(2)
    expect(d.resolved.byMethod.map((m) => m.method)).toEqual([...METHOD_IDS])
    const email = d.resolved.byMethod.find((m) => m.method === 'email-code')
    expect(email).toEqual({ method: 'email-code', count: 2, share: 0.5 })
    expect(d.resolved.byMethod.find((m) => m.method === 'escalate')?.count).toBe(0)
    expect(d.resolution).toEqual({ count: 3, medianMs: 2 * HOUR })
  })
})

describe('reviews', () => {
  // Tuesday 24 Nov 2026; Monday-Friday calendar: business day 3 = Fri 27 Nov, day 7 = Thu 3 Dec
  const submittedAt = at('2026-11-24', '14:00')
  const review = (over: Parameters<typeof makeReview>[0] = {}) => makeReview({ submittedAt, ...over })

  it.each([
    ['closed on business day 3', review({ state: 'closed', closedAt: at('2026-11-27', '23:00') }), at('2026-12-20'), true, true],
    ['closed on business day 4', review({ state: 'closed', closedAt: at('2026-11-30', '09:00') }), at('2026-12-20'), false, true],
    ['closed on business day 8', review({ state: 'closed', closedAt: at('2026-12-04', '09:00') }), at('2026-12-20'), false, false],
    ['open, inside both windows', review(), at('2026-11-26'), null, null],
    ['open, past day 3', review(), at('2026-12-01'), false, null],
    ['open, past day 7', review(), at('2026-12-04'), false, false],
    [
      'paused two days, closed on business day 5 (3 counted)',
      review({
        state: 'closed',
        closedAt: at('2026-12-01', '12:00'),
        pauses: [{ start: at('2026-11-25'), end: at('2026-11-27'), reason: '' }],
      }),
      at('2026-12-20'),
      true,
      true,
    ],
  ])('%s', (_name, r, now, within3, within7) => {
    expect(closedWithinBusinessDays(r, 3, index, now)).toBe(within3)
    expect(closedWithinBusinessDays(r, 7, index, now)).toBe(within7)
  })

  it('counts statuses and shares over the decided reviews', () => {
    const now = at('2026-12-01')
    const d = buildDashboard(
      [],
      [
        { review: review({ state: 'closed', closedAt: at('2026-11-26') }), status: 'closed' },
        { review: review({ state: 'closed', closedAt: at('2026-11-30') }), status: 'closed' },
        { review: review(), status: 'atRisk' }, // past day 3, inside day 7
        { review: review({ submittedAt: at('2026-11-30') }), status: 'pending' }, // inside both
      ],
      opts({ now }),
    )
    expect(d.reviews.total).toBe(4)
    expect(d.reviews.closed).toBe(2)
    expect(d.reviews.byStatus).toEqual({ closed: 2, paused: 0, overdue: 0, atRisk: 1, inWindow: 0, pending: 1 })
    expect(d.reviews.closedWithin).toEqual([
      { days: 3, within: 1, decided: 3, share: 1 / 3 },
      { days: 7, within: 2, decided: 2, share: 1 },
    ])
    expect(dashboardIsEmpty(d)).toBe(false)
  })

  it('has no share while nothing is decided', () => {
    const d = buildDashboard([], [{ review: review(), status: 'pending' }], opts({ now: at('2026-11-25') }))
    expect(d.reviews.closedWithin.map((c) => c.share)).toEqual([null, null])
  })
})

describe('properties', () => {
  const caseArb = fc.record({
    dayOffset: fc.integer({ min: 0, max: 20 }),
    minute: fc.integer({ min: 0, max: 1439 }),
    symptom: fc.constantFrom(...SYMPTOMS),
    resolvedBy: fc.option(fc.constantFrom(...METHOD_IDS), { nil: null }),
    after: fc.integer({ min: 0, max: 10 * 24 * 60 }),
  })
  const build = (xs: Array<{ dayOffset: number; minute: number; symptom: Symptom; resolvedBy: MethodId | null; after: number }>) =>
    xs.map((x) =>
      caseAt(at('2026-11-01', '00:00') + x.dayOffset * 86_400_000 + x.minute * MINUTE, x.symptom, x.resolvedBy, x.after * MINUTE),
    )

  it('per-day counts add up to the cases, shares to one, and chunking changes nothing', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 60 }), fc.integer({ min: 1, max: 7 }), (xs, chunk) => {
        const inputs = build(xs)
        const whole = buildDashboard(inputs, [], opts({ from: '2026-11-01', to: '2026-11-21' }))
        const acc = new DashboardAccumulator(opts({ from: '2026-11-01', to: '2026-11-21' }))
        for (let i = 0; i < inputs.length; i += chunk) acc.addCases(inputs.slice(i, i + chunk))
        expect(acc.result()).toEqual(whole)
        const sum = SYMPTOMS.reduce((s, sym) => s + whole.perDay[sym].reduce((a, b) => a + b, 0), 0)
        expect(sum).toBe(inputs.length)
        expect(whole.resolved.count + whole.resolved.unresolved).toBe(inputs.length)
        if (whole.resolved.count > 0) expect(whole.resolved.byMethod.reduce((s, m) => s + m.share, 0)).toBeCloseTo(1, 9)
        expect(whole.days).toHaveLength(21)
      }),
    )
  })
})
