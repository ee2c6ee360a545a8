import { describe, expect, it } from 'vitest'
import { mondayToFridayCalendar } from '@/domain/calendar/calendar'
import { zonedEpochMs } from '@/domain/calendar/timeZone'
import { makeReview } from '@test/exportRecords'
import { loadSlaContext, reviewSlaFields, SLA_STATUS_LABELS } from './slaFields'

const at = (date: string, time = '10:00'): number => zonedEpochMs(date, time, 'Asia/Shanghai')

describe('reviewSlaFields with the default calendar (Mainland China) and settings (3 / 7 business days)', () => {
  // Wednesday 30 Sep 2026; 1-7 Oct are National Day holidays, Saturday 10 Oct is an adjusted working day
  const review = makeReview({ submittedAt: at('2026-09-30') })

  it.each([
    ['2026-10-09', 'pending'],
    ['2026-10-11', 'inWindow'],
    ['2026-10-15', 'atRisk'],
    ['2026-10-16', 'overdue'],
  ] as const)('on %s the status is %s', async (date, status) => {
    const ctx = await loadSlaContext()
    expect(ctx.timeZone).toBe('Asia/Shanghai')
    expect(reviewSlaFields(review, ctx, at(date, '12:00'))).toEqual({
      status,
      statusLabel: undefined,
      expectedFrom: '2026-10-10',
      dueBy: '2026-10-15',
    })
  })

  it('labels the status in the export language, and says closed / paused', async () => {
    const ctx = await loadSlaContext()
    const closed = makeReview({ submittedAt: at('2026-09-30'), state: 'closed', closedAt: at('2026-10-09'), outcome: 'approved' })
    expect(reviewSlaFields(closed, ctx, at('2026-10-20'), 'zh-CN')).toMatchObject({
      status: 'closed',
      statusLabel: SLA_STATUS_LABELS.closed['zh-CN'],
    })
    const paused = makeReview({ submittedAt: at('2026-09-30'), pauses: [{ start: at('2026-10-08'), end: null, reason: 'waiting' }] })
    const fields = reviewSlaFields(paused, ctx, at('2026-10-12'), 'en')
    expect(fields.status).toBe('paused')
    expect(fields.statusLabel).toBe('Paused')
    // paused since business day 1: the open pause pushes the dates (as if it ended today, Monday 12 Oct)
    expect((fields.dueBy ?? '') > '2026-10-15').toBe(true)
  })

  it('uses a given calendar and settings instead of the defaults', async () => {
    const ctx = await loadSlaContext(mondayToFridayCalendar('Asia/Shanghai'), { expectedDays: 1, dueDays: 2, atRiskLeadDays: 1 })
    // no holidays: Thursday 1 Oct and Friday 2 Oct are business days 1 and 2
    expect(reviewSlaFields(review, ctx, at('2026-09-30'))).toMatchObject({
      expectedFrom: '2026-10-01',
      dueBy: '2026-10-02',
      status: 'pending',
    })
  })
})
