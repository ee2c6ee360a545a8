/**
 * The security-reset review SLA, in business days of a business calendar.
 *
 * Rule (all dates are local dates in the calendar's zone, whatever the machine's zone):
 * - Business day k (k >= 1) is the k-th business day after the local date of submission. The submission
 *   day itself never counts; a submission on a day off therefore counts from the next business day.
 * - Paused days do not count: every business day from the local day a pause starts up to, not including,
 *   the local day it ends. A pause that starts and ends on the same day costs nothing; overlapping pauses
 *   count once. An open pause is treated as if it ended now (so the dates move at each local midnight
 *   while it stays open: recompute at `recomputeAt`).
 * - "Expected from" = end (23:59:59.999 local) of business day `expectedDays`; "due by" = end of business
 *   day `dueDays`; "at risk from" = start (00:00 local) of business day `dueDays - atRiskLeadDays + 1`.
 *
 * Dates are computed, never stored: when the calendar gains a year's holidays, recomputing corrects them.
 * `computeSlaDates` runs once per review (and per calendar/settings change); `statusAt`, `countdownAt`
 * and `dueAlerts` (in `./status`) then only compare numbers at each clock tick.
 */
import { yearsWithoutData } from '../calendar/calendar'
import type { DayIndex } from '../calendar/dayIndex'
import { fromEpochDay, type LocalDate } from '../calendar/localDate'
import type { ReviewPause } from '../model'
import type { SlaSettings } from './settings'

/** What the SLA needs from a review (a `ReviewRecord` fits). */
export interface SlaReviewInput {
  submittedAt: number
  pauses: readonly ReviewPause[]
  state: 'open' | 'closed'
}

/** A half-open range of local days [from, to) (epoch days). */
export type DayRange = readonly [from: number, to: number]

export interface SlaDates {
  /** The day index (calendar) these dates were computed with; `countdownAt` reads it. */
  readonly index: DayIndex
  readonly timeZone: string
  readonly settings: Readonly<SlaSettings>
  readonly submittedAt: number
  readonly submittedDay: number
  readonly submittedDate: LocalDate
  readonly expectedFromDay: number
  readonly expectedFromDate: LocalDate
  /** Last millisecond of the expected-from day. */
  readonly expectedFrom: number
  readonly dueByDay: number
  readonly dueByDate: LocalDate
  /** Last millisecond of the due day. Overdue when now > dueBy. */
  readonly dueBy: number
  readonly atRiskFromDay: number
  readonly atRiskFromDate: LocalDate
  /** First millisecond of the at-risk day. */
  readonly atRiskFrom: number
  readonly closed: boolean
  /** Pauses as instants [start, end); end is Infinity while open. */
  readonly pauseSpans: readonly { readonly start: number; readonly end: number }[]
  /** Paused local days of ended pauses, merged and sorted. */
  readonly pausedDays: readonly DayRange[]
  /** Local day the earliest open pause started (null: no open pause that has started). */
  readonly openPauseFromDay: number | null
  /** Paused business days that pushed the dates (those up to the due day). */
  readonly pausedBusinessDays: number
  /** While a pause is open, the dates change at this instant (next local midnight): recompute then. */
  readonly recomputeAt: number | null
  /** Years between submission and due date without holiday data: dates there count weekends only. */
  readonly yearsWithoutData: readonly number[]
}

const NO_RANGES: readonly DayRange[] = Object.freeze([])

/** Sorts and merges day ranges, dropping empty ones. */
export function mergeDayRanges(ranges: readonly DayRange[]): DayRange[] {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0])
  const out: [number, number][] = []
  for (const [a, b] of sorted) {
    const last = out[out.length - 1]
    if (last && a <= last[1]) last[1] = Math.max(last[1], b)
    else out.push([a, b])
  }
  return out
}

/** The paused day ranges in force when the local date is `today` (an open pause ends today). */
export function pausedRangesOn(dates: Pick<SlaDates, 'pausedDays' | 'openPauseFromDay'>, today: number): readonly DayRange[] {
  const open = dates.openPauseFromDay
  if (open === null || open >= today) return dates.pausedDays
  if (dates.pausedDays.length === 0) return [[open, today]]
  return mergeDayRanges([...dates.pausedDays, [open, today]])
}

/** The n-th (n >= 1) counted business day after `afterDay`, skipping paused days. */
export function nthCountedDayAfter(index: DayIndex, afterDay: number, n: number, paused: readonly DayRange[]): number {
  let x = afterDay
  let need = n
  for (const [a, b] of paused) {
    if (b <= x + 1) continue
    const start = Math.max(a, x + 1)
    const available = index.rankOf(start - 1) - index.rankOf(x)
    if (available >= need) break
    need -= available
    x = b - 1
  }
  return index.dayOfRank(index.rankOf(x) + need)
}

/** Counted business days in the local days (fromDay, toDay]: business days not paused. */
export function countedDaysBetween(index: DayIndex, fromDay: number, toDay: number, paused: readonly DayRange[]): number {
  if (toDay <= fromDay) return 0
  let count = index.rankOf(toDay) - index.rankOf(fromDay)
  for (const [a, b] of paused) {
    const lo = Math.max(a - 1, fromDay)
    const hi = Math.min(b - 1, toDay)
    if (hi > lo) count -= index.rankOf(hi) - index.rankOf(lo)
  }
  return count
}

/**
 * Computes a review's SLA dates. `now` matters only while a pause is open (it is treated as ending now);
 * the result then says when to recompute (`recomputeAt`).
 */
export function computeSlaDates(review: SlaReviewInput, index: DayIndex, settings: Readonly<SlaSettings>, now: number): SlaDates {
  const submittedDay = index.dayOf(review.submittedAt)
  const today = index.dayOf(now)
  const ended: DayRange[] = []
  const pauseSpans: { start: number; end: number }[] = []
  let openPauseFromDay: number | null = null
  let anyOpen = false
  for (const p of review.pauses) {
    pauseSpans.push({ start: p.start, end: p.end ?? Number.POSITIVE_INFINITY })
    if (p.end === null) {
      anyOpen = true
      if (p.start <= now) {
        const d = index.dayOf(p.start)
        openPauseFromDay = openPauseFromDay === null ? d : Math.min(openPauseFromDay, d)
      }
    } else if (p.end > p.start) {
      ended.push([index.dayOf(p.start), index.dayOf(p.end)])
    }
  }
  const pausedDays = ended.length === 0 ? NO_RANGES : mergeDayRanges(ended)
  const paused = pausedRangesOn({ pausedDays, openPauseFromDay }, today)

  // Settings are validated on load (parseSlaSettings); clamp anyway so no input can give a day <= submission.
  const atLeastOne = (n: number): number => Math.max(1, Math.floor(n) || 1)
  const dueDays = atLeastOne(settings.dueDays)
  const expectedFromDay = nthCountedDayAfter(index, submittedDay, Math.min(atLeastOne(settings.expectedDays), dueDays), paused)
  const dueByDay = nthCountedDayAfter(index, submittedDay, dueDays, paused)
  const atRiskFromDay = nthCountedDayAfter(
    index,
    submittedDay,
    atLeastOne(dueDays - Math.max(0, Math.floor(settings.atRiskLeadDays) || 0) + 1),
    paused,
  )
  const submittedDate = fromEpochDay(submittedDay)
  const dueByDate = fromEpochDay(dueByDay)
  const pausedBusinessDays = index.rankOf(dueByDay) - index.rankOf(submittedDay) - countedDaysBetween(index, submittedDay, dueByDay, paused)

  return {
    index,
    timeZone: index.timeZone,
    settings,
    submittedAt: review.submittedAt,
    submittedDay,
    submittedDate,
    expectedFromDay,
    expectedFromDate: fromEpochDay(expectedFromDay),
    expectedFrom: index.endOfDay(expectedFromDay),
    dueByDay,
    dueByDate,
    dueBy: index.endOfDay(dueByDay),
    atRiskFromDay,
    atRiskFromDate: fromEpochDay(atRiskFromDay),
    atRiskFrom: index.startOfDay(atRiskFromDay),
    closed: review.state === 'closed',
    pauseSpans,
    pausedDays,
    openPauseFromDay,
    pausedBusinessDays,
    recomputeAt: anyOpen ? index.startOfDay(today + 1) : null,
    yearsWithoutData: yearsWithoutData(index.calendar, submittedDate, dueByDate),
  }
}
