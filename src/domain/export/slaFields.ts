/**
 * The one adapter between security-reset reviews and exports, reports and the dashboard: a review's SLA
 * status and promised dates, computed by the SLA domain (`computeSlaDates`, `statusAt`) with a business
 * calendar and SLA settings. No Vue, no Dexie: the export worker imports it too.
 *
 * Callers pass the calendar store's `calendar` and `sla` (see `useBusinessCalendar`), so exports and
 * reports state the same dates as the reviews board; without them, the defaults (Mainland China
 * calendar, DEFAULT_SLA_SETTINGS).
 */
import type { BusinessCalendar } from '@/domain/calendar/calendar'
import { buildDayIndex, type DayIndex } from '@/domain/calendar/dayIndex'
import type { Language, ReviewRecord } from '@/domain/model'
import type { ReviewSlaFields } from '@/domain/export/rows'
import { computeSlaDates } from '@/domain/sla/dates'
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '@/domain/sla/settings'
import { statusAt, type SlaStatus } from '@/domain/sla/status'

/** SLA statuses as written in exports and reports (the worker has no vue-i18n). Same words as the review board. */
export const SLA_STATUS_LABELS: Record<SlaStatus, Record<Language, string>> = {
  pending: { en: 'Pending', 'zh-CN': '未到预计日' },
  inWindow: { en: 'In window', 'zh-CN': '预计期内' },
  atRisk: { en: 'At risk', 'zh-CN': '有逾期风险' },
  overdue: { en: 'Overdue', 'zh-CN': '已逾期' },
  paused: { en: 'Paused', 'zh-CN': '已暂停' },
  closed: { en: 'Closed', 'zh-CN': '已结束' },
}

export interface SlaContext {
  readonly index: DayIndex
  readonly settings: Readonly<SlaSettings>
  readonly timeZone: string
}

/**
 * The calendar's day index and the SLA settings. Without arguments: the Mainland China calendar
 * (imported lazily: it carries the holiday data) and the default settings.
 */
export async function loadSlaContext(calendar?: BusinessCalendar | null, settings?: SlaSettings | null): Promise<SlaContext> {
  const cal = calendar ?? (await import('@/domain/calendar/presets')).buildCalendarPreset('cn-mainland')
  const index = buildDayIndex(cal)
  return { index, settings: settings ?? DEFAULT_SLA_SETTINGS, timeZone: index.timeZone }
}

/** A review's SLA status at `now` and its promised dates (local dates in the calendar's zone). */
export function reviewSlaFields(
  review: ReviewRecord,
  ctx: SlaContext,
  now: number,
  language?: Language,
): ReviewSlaFields & { status: SlaStatus } {
  const dates = computeSlaDates(review, ctx.index, ctx.settings, now)
  const status = statusAt(dates, now)
  return {
    status,
    statusLabel: language ? SLA_STATUS_LABELS[status][language] : undefined,
    expectedFrom: dates.expectedFromDate,
    dueBy: dates.dueByDate,
  }
}
