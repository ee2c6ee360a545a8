import { describe, expect, it } from 'vitest'
import { mondayToFridayCalendar } from '@/domain/calendar/calendar'
import { buildDayIndex } from '@/domain/calendar/dayIndex'
import { buildDashboard } from '@/domain/dashboard/aggregate'
import { HOUR, T0, makeAttempt, makeCase, makeReview } from '@test/exportRecords'
import { METHOD_IDS, SYMPTOMS } from '@/domain/model'
import { SLA_STATUS_PRECEDENCE } from '@/domain/sla/status'
import { durationParts, methodsOption, perDayOption, reviewsOption, type ChartTheme } from './chartOptions'

const theme: ChartTheme = {
  text: '#111',
  muted: '#555',
  axis: '#999',
  split: '#eee',
  tooltipBg: '#fff',
  tooltipBorder: '#ccc',
  primary: '#2563eb',
  font: 'sans-serif',
}
const index = buildDayIndex(mondayToFridayCalendar('Asia/Shanghai'), { fromYear: 2025, toYear: 2027 })
const data = buildDashboard(
  [
    {
      case: makeCase({ id: 1, symptom: 'rejected', resolvedBy: 'email-code' }),
      attempts: [makeAttempt({ caseId: 1, methodId: 'email-code', status: 'resolved', at: T0 + HOUR })],
    },
    { case: makeCase({ id: 2, createdAt: T0 + 24 * HOUR }), attempts: [] },
  ],
  [{ review: makeReview(), status: 'overdue' }],
  { timeZone: 'Asia/Shanghai', from: '2026-11-23', to: '2026-11-25', index, now: T0 },
)
const same = <T extends string>(xs: readonly T[]): Record<T, string> =>
  Object.fromEntries(xs.map((x) => [x, `L:${x}`])) as Record<T, string>

describe('chart options', () => {
  it('stack one series per symptom over every day of the range', () => {
    const o = perDayOption(data, { symptom: same(SYMPTOMS), day: (d) => d.slice(5) }, theme)
    expect(o.xAxis).toMatchObject({ data: ['11-23', '11-24', '11-25'] })
    const series = o.series as Array<{ name: string; data: number[]; stack: string }>
    expect(series.map((s) => s.name)).toEqual(SYMPTOMS.map((s) => `L:${s}`))
    expect(series.find((s) => s.name === 'L:rejected')?.data).toEqual([0, 1, 0])
    expect(series.find((s) => s.name === 'L:not-received')?.data).toEqual([0, 0, 1])
    expect(new Set(series.map((s) => s.stack)).size).toBe(1)
    expect(o.textStyle).toMatchObject({ color: '#111' })
  })

  it('label each method with its count and share', () => {
    const o = methodsOption(data, { method: same(METHOD_IDS), share: (x) => `${Math.round(x * 100)}%` }, theme)
    const [s] = o.series as Array<{ data: number[]; label: { formatter: (p: { dataIndex: number }) => string } }>
    expect(s?.data).toEqual(METHOD_IDS.map((m) => (m === 'email-code' ? 1 : 0)))
    expect(s?.label.formatter({ dataIndex: METHOD_IDS.indexOf('email-code') })).toBe('1 (100%)')
  })

  it('give each SLA status its bar', () => {
    const o = reviewsOption(data, { status: same(SLA_STATUS_PRECEDENCE) }, theme)
    const [s] = o.series as Array<{ data: Array<{ value: number }> }>
    expect(s?.data.map((x) => x.value)).toEqual(SLA_STATUS_PRECEDENCE.map((st) => (st === 'overdue' ? 1 : 0)))
  })
})

describe('durationParts', () => {
  it.each([
    [0, { key: 'minutes', params: { m: 0 } }],
    [45 * 60_000, { key: 'minutes', params: { m: 45 } }],
    [2 * 3_600_000 + 15 * 60_000, { key: 'hours', params: { h: 2, m: 15 } }],
    [3 * 86_400_000 + 4 * 3_600_000 + 20 * 60_000, { key: 'days', params: { d: 3, h: 4 } }],
    [23 * 3_600_000 + 59 * 60_000 + 40_000, { key: 'days', params: { d: 1, h: 0 } }],
  ])('%d ms', (ms, want) => expect(durationParts(ms)).toEqual(want))
})
