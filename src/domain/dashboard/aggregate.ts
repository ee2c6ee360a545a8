/**
 * The support lead's dashboard, as pure aggregates: fed chunk by chunk (the export worker reads
 * IndexedDB in slices of about 2,000 cases), so 100,000 cases never sit in memory at once.
 *
 * What each figure means (the dashboard's captions say the same in words):
 * - cases per day by symptom: cases created in the range, by the local creation date in `timeZone`;
 * - resolved by method: of those cases, how many each method resolved (`resolvedBy`), and the share of
 *   all resolved cases; cases not resolved by any method are counted apart;
 * - time to resolution: from a case's creation to the moment its resolving method was marked "worked"
 *   (the newest attempt record of `resolvedBy` with status `resolved`); the median over those cases;
 * - reviews by SLA status: security-reset reviews submitted in the range, by their status now;
 * - closed within 3 / 7 business days: a review counts as "within N" when it was closed by the end of
 *   business day N after submission (the SLA rule: the submission day never counts, paused days do
 *   not count). The share is taken over the reviews whose outcome for that N is known: every closed
 *   review, plus the open ones whose day N has already passed (they can no longer make it). Open
 *   reviews still inside the window are left out of that share, not counted as failures.
 */
import type { DayIndex } from '../calendar/dayIndex'
import { fromEpochDay, toEpochDay, type LocalDate } from '../calendar/localDate'
import { createZonedClock, type ZonedClock } from '../export/time'
import { METHOD_IDS, SYMPTOMS, type AttemptRecord, type CaseRecord, type MethodId, type ReviewRecord, type Symptom } from '../model'
import { computeSlaDates } from '../sla/dates'
import { SLA_STATUS_PRECEDENCE, type SlaStatus } from '../sla/status'

const DAY_MS = 86_400_000

/** The business-day thresholds the dashboard reports (fixed, whatever the SLA settings). */
export const CLOSED_WITHIN_DAYS = [3, 7] as const

export interface DashboardCaseInput {
  case: CaseRecord
  /** The case's attempt records (only the resolving method's are read). */
  attempts: readonly AttemptRecord[]
}

export interface DashboardReviewInput {
  review: ReviewRecord
  /** The review's SLA status now, computed by the SLA code with the console's calendar and settings. */
  status: SlaStatus
}

export interface DashboardOptions {
  /** IANA zone of the business calendar: days are local dates there. */
  timeZone: string
  /** Inclusive local dates; null: from the first / to the last case seen. */
  from: LocalDate | null
  to: LocalDate | null
  /** The business calendar's day index (for "closed within N business days"). */
  index: DayIndex
  /** Epoch ms "now" (decides whether an open review can still close within N days). */
  now: number
}

export interface MethodShare {
  method: MethodId
  count: number
  /** count / all resolved cases, 0..1. */
  share: number
}

export interface ClosedWithin {
  days: number
  /** Reviews closed by the end of business day `days`. */
  within: number
  /** Reviews whose outcome for this threshold is known (the share's denominator). */
  decided: number
  /** within / decided, or null when nothing is decided yet. */
  share: number | null
}

export interface DashboardData {
  /** Every local date of the range, oldest first (empty when there is no case and no range). */
  days: LocalDate[]
  /** Cases created per day, per symptom; each array is aligned with `days`. */
  perDay: Record<Symptom, number[]>
  /** Cases created in the range. */
  cases: number
  resolved: {
    /** Cases resolved by a method. */
    count: number
    /** Cases not resolved by any method. */
    unresolved: number
    /** Every method, in the article's order (methods with no case have count 0). */
    byMethod: MethodShare[]
  }
  resolution: {
    /** Cases with a known resolution time. */
    count: number
    /** Median creation-to-resolution time in ms, or null without such cases. */
    medianMs: number | null
  }
  reviews: {
    total: number
    /** Every status, in SLA precedence order. */
    byStatus: Record<SlaStatus, number>
    closed: number
    closedWithin: ClosedWithin[]
  }
}

/** The median of numbers (mean of the two middle ones for an even count), or null for none. */
export function median(values: ArrayLike<number>): number | null {
  const n = values.length
  if (n === 0) return null
  const sorted = Float64Array.from(values).sort()
  const mid = n >> 1
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/**
 * When a case's resolving method was marked "worked": the newest attempt of `resolvedBy` with status
 * `resolved` (ties: the larger id). Null when the case has no resolving method or no such record.
 */
export function resolvedAt(c: CaseRecord, attempts: readonly AttemptRecord[]): number | null {
  if (c.resolvedBy === null) return null
  let best: AttemptRecord | null = null
  for (const a of attempts) {
    if (a.methodId !== c.resolvedBy || a.status !== 'resolved') continue
    if (!best || a.at > best.at || (a.at === best.at && (a.id ?? 0) > (best.id ?? 0))) best = a
  }
  return best ? best.at : null
}

/**
 * Whether a review was closed within `days` business days (see the module comment): `within` true or
 * false once known, null while an open review can still make it.
 */
export function closedWithinBusinessDays(review: ReviewRecord, days: number, index: DayIndex, now: number): boolean | null {
  const closedAt = review.state === 'closed' && review.closedAt !== null ? review.closedAt : null
  // an open pause counts as ending at the close (or now): the SLA code's rule
  const dates = computeSlaDates(review, index, { expectedDays: days, dueDays: days, atRiskLeadDays: 0 }, closedAt ?? now)
  if (closedAt !== null) return closedAt <= dates.dueBy
  return now > dates.dueBy ? false : null
}

/** Collects the dashboard's figures chunk by chunk; `result()` may be called at any point. */
export class DashboardAccumulator {
  private readonly clock: ZonedClock
  private readonly fromDay: number | null
  private readonly toDay: number | null
  private minDay = Number.POSITIVE_INFINITY
  private maxDay = Number.NEGATIVE_INFINITY
  /** epoch day → counts per symptom (index in SYMPTOMS). */
  private readonly daily = new Map<number, number[]>()
  private caseCount = 0
  private unresolved = 0
  private readonly methodCounts = new Map<MethodId, number>()
  private durations: number[] = []
  private reviewTotal = 0
  private readonly statusCounts = new Map<SlaStatus, number>()
  private closedCount = 0
  private readonly within = CLOSED_WITHIN_DAYS.map(() => ({ within: 0, decided: 0 }))

  constructor(readonly options: DashboardOptions) {
    this.clock = createZonedClock(options.timeZone)
    this.fromDay = options.from ? toEpochDay(options.from) : null
    this.toDay = options.to ? toEpochDay(options.to) : null
  }

  private dayOf(ms: number): number {
    return Math.floor(this.clock.wallMs(ms) / DAY_MS)
  }

  /** Adds cases (the caller has already applied the date range; cases outside it are ignored anyway). */
  addCases(inputs: readonly DashboardCaseInput[]): void {
    for (const { case: c, attempts } of inputs) {
      const day = this.dayOf(c.createdAt)
      if (!Number.isFinite(day)) continue
      if ((this.fromDay !== null && day < this.fromDay) || (this.toDay !== null && day > this.toDay)) continue
      this.caseCount++
      if (day < this.minDay) this.minDay = day
      if (day > this.maxDay) this.maxDay = day
      let counts = this.daily.get(day)
      if (!counts) {
        counts = SYMPTOMS.map(() => 0)
        this.daily.set(day, counts)
      }
      const s = SYMPTOMS.indexOf(c.symptom)
      if (s >= 0) counts[s] = (counts[s] ?? 0) + 1
      if (c.resolvedBy === null || !METHOD_IDS.includes(c.resolvedBy)) {
        this.unresolved++
        continue
      }
      this.methodCounts.set(c.resolvedBy, (this.methodCounts.get(c.resolvedBy) ?? 0) + 1)
      const at = resolvedAt(c, attempts)
      if (at !== null && at >= c.createdAt) this.durations.push(at - c.createdAt)
    }
  }

  /** Adds reviews (submitted in the range: the caller selects them). */
  addReviews(inputs: readonly DashboardReviewInput[]): void {
    for (const { review, status } of inputs) {
      this.reviewTotal++
      this.statusCounts.set(status, (this.statusCounts.get(status) ?? 0) + 1)
      if (review.state === 'closed') this.closedCount++
      CLOSED_WITHIN_DAYS.forEach((days, i) => {
        const w = closedWithinBusinessDays(review, days, this.options.index, this.options.now)
        const slot = this.within[i]
        if (w === null || !slot) return
        slot.decided++
        if (w) slot.within++
      })
    }
  }

  result(): DashboardData {
    const first = this.fromDay ?? (Number.isFinite(this.minDay) ? this.minDay : null)
    const last = this.toDay ?? (Number.isFinite(this.maxDay) ? Math.max(this.maxDay, first ?? this.maxDay) : first)
    const days: LocalDate[] = []
    const perDay = Object.fromEntries(SYMPTOMS.map((s) => [s, [] as number[]])) as Record<Symptom, number[]>
    if (first !== null && last !== null) {
      for (let d = first; d <= last; d++) {
        days.push(fromEpochDay(d))
        const counts = this.daily.get(d)
        SYMPTOMS.forEach((s, i) => perDay[s].push(counts?.[i] ?? 0))
      }
    }
    const resolvedCount = [...this.methodCounts.values()].reduce((a, b) => a + b, 0)
    const byStatus = Object.fromEntries(SLA_STATUS_PRECEDENCE.map((s) => [s, this.statusCounts.get(s) ?? 0])) as Record<SlaStatus, number>
    return {
      days,
      perDay,
      cases: this.caseCount,
      resolved: {
        count: resolvedCount,
        unresolved: this.unresolved,
        byMethod: METHOD_IDS.map((method) => {
          const count = this.methodCounts.get(method) ?? 0
          return { method, count, share: resolvedCount ? count / resolvedCount : 0 }
        }),
      },
      resolution: { count: this.durations.length, medianMs: median(this.durations) },
      reviews: {
        total: this.reviewTotal,
        byStatus,
        closed: this.closedCount,
        closedWithin: CLOSED_WITHIN_DAYS.map((days, i) => {
          const slot = this.within[i] ?? { within: 0, decided: 0 }
          return { days, within: slot.within, decided: slot.decided, share: slot.decided ? slot.within / slot.decided : null }
        }),
      },
    }
  }
}

/** All at once (small data and tests). */
export function buildDashboard(
  cases: readonly DashboardCaseInput[],
  reviews: readonly DashboardReviewInput[],
  options: DashboardOptions,
): DashboardData {
  const acc = new DashboardAccumulator(options)
  acc.addCases(cases)
  acc.addReviews(reviews)
  return acc.result()
}

/** Whether there is anything to chart. */
export const dashboardIsEmpty = (d: DashboardData): boolean => d.cases === 0 && d.reviews.total === 0
