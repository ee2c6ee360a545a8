/**
 * Per-tick questions about computed SLA dates. Cheap: number comparisons (and, for the countdown, a few
 * cached array reads in the day index), so one shared clock tick can refresh thousands of reviews.
 */
import { countedDaysBetween, pausedRangesOn, type SlaDates } from './dates'

/** Most important first: the first that applies wins. */
export const SLA_STATUS_PRECEDENCE = ['closed', 'paused', 'overdue', 'atRisk', 'inWindow', 'pending'] as const
export type SlaStatus = (typeof SLA_STATUS_PRECEDENCE)[number]

/**
 * - closed: the review is closed;
 * - paused: a pause covers `now` (started, not ended);
 * - overdue: now > dueBy (after the end of the due day);
 * - atRisk: now >= atRiskFrom (start of business day dueDays - atRiskLeadDays + 1);
 * - inWindow: now > expectedFrom (after the end of the expected-from day);
 * - pending: before that.
 */
export function statusAt(dates: SlaDates, now: number): SlaStatus {
  if (dates.closed) return 'closed'
  for (const p of dates.pauseSpans) if (p.start <= now && now < p.end) return 'paused'
  if (now > dates.dueBy) return 'overdue'
  if (now >= dates.atRiskFrom) return 'atRisk'
  if (now > dates.expectedFrom) return 'inWindow'
  return 'pending'
}

const HOUR = 3_600_000
const MINUTE = 60_000
const DAY = 86_400_000

export type SlaCountdown =
  | { kind: 'closed' }
  | {
      kind: 'remaining'
      /** A pause is open: the figures are as if it ended now. */
      paused: boolean
      /** Counted business days after today, up to and including the due day. */
      businessDays: number
      /** Time left today (to local midnight) if today counts as a business day of this review, else 0. */
      msToday: number
      /** msToday as whole hours and the minutes beyond them. */
      hours: number
      minutes: number
      /** Wall-clock time until the end of the due day (for sorting). */
      msToDue: number
    }
  | {
      kind: 'overdue'
      paused: boolean
      /** Counted business days after the due day that have begun (today included). */
      businessDays: number
      /** Wall-clock time since the due day ended, and the same as days, hours and minutes. */
      ms: number
      days: number
      hours: number
      minutes: number
    }

/**
 * Time left until "due by", in business days and hours:
 * `businessDays` whole counted business days remain after today, plus `hours`/`minutes` left in today when
 * today itself counts (a business day after the submission day, not paused). So on the submission day of a
 * 7-day SLA: 7 days 0 h; on business day 1 at 09:00: 6 days 15 h; on the due day at 18:00: 0 days 6 h;
 * on a weekend before the due day: the business days left, 0 h.
 * Overdue: wall-clock time since the due day ended, and the business days begun since.
 */
export function countdownAt(dates: SlaDates, now: number): SlaCountdown {
  if (dates.closed) return { kind: 'closed' }
  const index = dates.index
  const today = index.dayOf(now)
  const paused = pausedRangesOn(dates, today)
  const isPaused = dates.pauseSpans.some((p) => p.start <= now && now < p.end)
  if (now > dates.dueBy) {
    const ms = now - (dates.dueBy + 1)
    return {
      kind: 'overdue',
      paused: isPaused,
      businessDays: countedDaysBetween(index, dates.dueByDay, today, paused),
      ms,
      days: Math.floor(ms / DAY),
      hours: Math.floor((ms % DAY) / HOUR),
      minutes: Math.floor((ms % HOUR) / MINUTE),
    }
  }
  const from = Math.max(today, dates.submittedDay)
  const businessDays = countedDaysBetween(index, from, dates.dueByDay, paused)
  const todayCounts = today > dates.submittedDay && countedDaysBetween(index, today - 1, today, paused) === 1
  const msToday = todayCounts ? index.endOfDay(today) + 1 - now : 0
  return {
    kind: 'remaining',
    paused: isPaused,
    businessDays,
    msToday,
    hours: Math.floor(msToday / HOUR),
    minutes: Math.floor((msToday % HOUR) / MINUTE),
    msToDue: dates.dueBy + 1 - now,
  }
}

export type SlaAlertKind = 'atRisk' | 'overdue'

export interface SlaAlert {
  kind: SlaAlertKind
  /** When the condition began (may be long before `now` if the app was closed: a catch-up alert). */
  since: number
}

/** What `dueAlerts` needs from a review (a `ReviewRecord` fits). */
export interface SlaAlertState {
  alerted: { atRisk: number | null; overdue: number | null }
}

/**
 * The alerts to fire now, each at most once per review (the store writes `alerted[kind] = now` for each
 * one returned). Stateless, so alerts that fell due while the app was closed fire at the next start.
 * - Only the current status alerts: an overdue review that never alerted at risk fires 'overdue' only
 *   (an at-risk alert after the fact is noise).
 * - Closed and paused reviews fire nothing (a paused review's dates are not final); when the pause ends
 *   the dates are recomputed and a due alert fires then.
 */
export function dueAlerts(review: SlaAlertState, dates: SlaDates, now: number): SlaAlert[] {
  const status = statusAt(dates, now)
  if (status === 'overdue' && review.alerted.overdue === null) return [{ kind: 'overdue', since: dates.dueBy + 1 }]
  if (status === 'atRisk' && review.alerted.atRisk === null) return [{ kind: 'atRisk', since: dates.atRiskFrom }]
  return []
}
