/**
 * Pure helpers behind the reviews store and board (no Vue, no Dexie), so they test without Pinia and the
 * benchmark times exactly what the board runs.
 *
 * Cost model: `computeAllDates` runs once per calendar / SLA-settings change (and `computeDates` once per
 * review change); each clock tick then runs only `statusAt` / `countdownAt` through `boardRows`,
 * `countAttention` and `collectDueAlerts`, plus `refreshDueDates` for the rare review whose dates move at
 * midnight (an open pause).
 */
import { Temporal } from 'temporal-polyfill'
import type { DayIndex } from '@/domain/calendar/dayIndex'
import { isLocalDate } from '@/domain/calendar/localDate'
import { computeSlaDates, type SlaDates } from '@/domain/sla/dates'
import { describePromisedDates, promisedDates } from '@/domain/sla/format'
import type { SlaSettings } from '@/domain/sla/settings'
import { countdownAt, dueAlerts, statusAt, type SlaStatus } from '@/domain/sla/status'
import { currentStates } from '@/domain/playbook/checklist'
import { formatPhoneInternational } from '@/domain/case/phone'
import { dateTimeFormat } from '@/domain/intl'
import type { ReviewDatesInput } from '@/domain/replies'
import {
  METHOD_IDS,
  type AttemptRecord,
  type AttemptStatus,
  type CaseRecord,
  type CaseStatus,
  type Language,
  type MethodId,
  type PromisedDates,
  type ReviewOutcome,
  type ReviewRecord,
} from '@/domain/model'

/**
 * What a decided security-reset review means for its case. Escalation (method 7) is not a method that
 * fails by itself: its state follows the review. Approved: method 7 solved it, the case is resolved and
 * the user gets the closing reply. Rejected: method 7 did not work, the case goes back to open and the
 * checklist gives the next step (a new review may be opened). Withdrawn: the user stepped back (method 7
 * "user declined"), the case is open again.
 */
export interface ReviewDecision {
  method7: Extract<AttemptStatus, 'resolved' | 'failed' | 'declined'>
  caseStatus: CaseStatus
  reply: 'closing' | 'next'
}
export const REVIEW_DECISIONS: Readonly<Record<ReviewOutcome, ReviewDecision>> = {
  approved: { method7: 'resolved', caseStatus: 'resolved', reply: 'closing' },
  rejected: { method7: 'failed', caseStatus: 'open', reply: 'next' },
  withdrawn: { method7: 'declined', caseStatus: 'open', reply: 'next' },
}

/** An open review as the board shows it: the record plus what it needs from the case. */
export interface BoardReview {
  review: ReviewRecord & { id: number }
  caseNumber: string
  language: Language
}

/** The statuses the board filters on (an open review is never 'closed'). */
export const BOARD_STATUSES = ['pending', 'inWindow', 'atRisk', 'overdue', 'paused'] as const
export type BoardStatus = (typeof BOARD_STATUSES)[number]

export type DatesMap = ReadonlyMap<number, SlaDates>

export function computeDates(review: ReviewRecord, index: DayIndex, sla: Readonly<SlaSettings>, now: number): SlaDates {
  return Object.freeze(computeSlaDates(review, index, sla, now))
}

/** Every review's dates, once per calendar or settings change. */
export function computeAllDates(
  reviews: readonly BoardReview[],
  index: DayIndex,
  sla: Readonly<SlaSettings>,
  now: number,
): Map<number, SlaDates> {
  const out = new Map<number, SlaDates>()
  for (const r of reviews) out.set(r.review.id, computeDates(r.review, index, sla, now))
  return out
}

/**
 * Recomputes the dates whose `recomputeAt` has come (open pauses move the dates at each local midnight).
 * Returns a new map when something changed, or null when nothing did (the common case: no allocation).
 */
export function refreshDueDates(
  reviews: readonly BoardReview[],
  dates: DatesMap,
  index: DayIndex,
  sla: Readonly<SlaSettings>,
  now: number,
): Map<number, SlaDates> | null {
  let out: Map<number, SlaDates> | null = null
  for (const r of reviews) {
    const d = dates.get(r.review.id)
    if (d && (d.recomputeAt === null || now < d.recomputeAt)) continue
    out ??= new Map(dates)
    out.set(r.review.id, computeDates(r.review, index, sla, now))
  }
  return out
}

export interface BoardRow {
  item: BoardReview
  dates: SlaDates
  status: SlaStatus
}

/** Counts per status at `now` (one statusAt per review). */
export function countByStatus(reviews: readonly BoardReview[], dates: DatesMap, now: number): Record<BoardStatus, number> {
  const out: Record<BoardStatus, number> = { pending: 0, inWindow: 0, atRisk: 0, overdue: 0, paused: 0 }
  for (const r of reviews) {
    const d = dates.get(r.review.id)
    if (!d) continue
    const s = statusAt(d, now)
    if (s !== 'closed') out[s]++
  }
  return out
}

/** How many open reviews need attention (at risk or overdue): the nav badge and the app badge. */
export function countAttention(reviews: readonly BoardReview[], dates: DatesMap, now: number): number {
  let n = 0
  for (const r of reviews) {
    const d = dates.get(r.review.id)
    if (!d) continue
    const s = statusAt(d, now)
    if (s === 'atRisk' || s === 'overdue') n++
  }
  return n
}

export interface DatedReview {
  item: BoardReview
  dates: SlaDates
}

/** Open reviews with their dates, sorted by due date, then submission (once per dates change, not per tick). */
export function sortByDue(reviews: readonly BoardReview[], dates: DatesMap): DatedReview[] {
  const out: DatedReview[] = []
  for (const item of reviews) {
    const d = dates.get(item.review.id)
    if (d) out.push({ item, dates: d })
  }
  return out.sort(
    (a, b) => a.dates.dueBy - b.dates.dueBy || a.dates.submittedAt - b.dates.submittedAt || a.item.review.id - b.item.review.id,
  )
}

/** The rows at `now` (one statusAt each), keeping the order, filtered by status (empty filter: all). */
export function rowsAt(sorted: readonly DatedReview[], now: number, filter: ReadonlySet<BoardStatus> = new Set()): BoardRow[] {
  const rows: BoardRow[] = []
  for (const { item, dates } of sorted) {
    const status = statusAt(dates, now)
    if (filter.size > 0 && (status === 'closed' || !filter.has(status))) continue
    rows.push({ item, dates, status })
  }
  return rows
}

/** An escalated case's open review as the case list shows it: when it is due and how it stands at `now`. */
export interface CaseDue {
  dueBy: number
  dueByDate: SlaDates['dueByDate']
  status: SlaStatus
}

/** caseId → its open review's due date and status (a case has at most one open review). */
export function dueByCaseAt(reviews: readonly BoardReview[], dates: DatesMap, now: number): Map<number, CaseDue> {
  const out = new Map<number, CaseDue>()
  for (const { review } of reviews) {
    const d = dates.get(review.id)
    if (d) out.set(review.caseId, { dueBy: d.dueBy, dueByDate: d.dueByDate, status: statusAt(d, now) })
  }
  return out
}

/**
 * `prev` when it says the same as `next` (same cases, due dates and statuses), else `next`: the store's
 * per-second tick then hands the case list the same map, so nothing it shows re-renders until a status or a
 * due date changes.
 */
export function sameDueOr<M extends ReadonlyMap<number, CaseDue>>(prev: M | undefined, next: M): M {
  if (!prev || prev.size !== next.size) return next
  for (const [caseId, d] of next) {
    const p = prev.get(caseId)
    if (!p || p.dueBy !== d.dueBy || p.dueByDate !== d.dueByDate || p.status !== d.status) return next
  }
  return prev
}

/** `prev` when every status has the same count in `next`, else `next` (see sameDueOr). */
export function sameCountsOr<C extends Readonly<Record<BoardStatus, number>>>(prev: C | undefined, next: C): C {
  return prev && BOARD_STATUSES.every((s) => prev[s] === next[s]) ? prev : next
}

/**
 * `prev` when it shows the same as `next` (the same reviews with the same dates and statuses, in the same order,
 * and the same countdown text where rows carry one), else `next`: the board's rows are rebuilt on every clock
 * tick, and handing back the previous array lets the board render only when something it shows changes.
 */
export function sameRowsOr<R extends BoardRow & { countdown?: string }>(prev: readonly R[] | undefined, next: R[]): R[] {
  if (!prev || prev.length !== next.length) return next
  const same = next.every((n, i) => {
    const p = prev[i]
    return p !== undefined && p.item === n.item && p.dates === n.dates && p.status === n.status && p.countdown === n.countdown
  })
  return same ? (prev as R[]) : next
}

/** The board's rows at `now`: filtered by status, sorted by due date (sortByDue + rowsAt). */
export function boardRows(
  reviews: readonly BoardReview[],
  dates: DatesMap,
  now: number,
  filter: ReadonlySet<BoardStatus> = new Set(),
): BoardRow[] {
  return rowsAt(sortByDue(reviews, dates), now, filter)
}

export interface DueAlert {
  reviewId: number
  caseId: number
  caseNumber: string
  kind: 'atRisk' | 'overdue'
  since: number
  dueByDate: string
}

/** The alerts due now over all open reviews (each fires once: `alerted` is checked). */
export function collectDueAlerts(reviews: readonly BoardReview[], dates: DatesMap, now: number): DueAlert[] {
  const out: DueAlert[] = []
  for (const r of reviews) {
    const d = dates.get(r.review.id)
    if (!d) continue
    for (const a of dueAlerts(r.review, d, now)) {
      out.push({
        reviewId: r.review.id,
        caseId: r.review.caseId,
        caseNumber: r.caseNumber,
        kind: a.kind,
        since: a.since,
        dueByDate: d.dueByDate,
      })
    }
  }
  return out
}

/** Checklist statuses that count as "tried" for the back office. */
export const TRIED_STATUSES: readonly AttemptStatus[] = ['failed', 'declined']

/** What a new review starts with, from the case and its checklist (the agent edits it before saving). */
export function prefillDetails(c: CaseRecord, attempts: readonly AttemptRecord[]) {
  const states = currentStates(attempts)
  const methodsTried: MethodId[] = METHOD_IDS.filter((m) => m !== 'escalate' && TRIED_STATUSES.includes(states[m].status))
  const contact = [c.phoneE164 ? formatPhoneInternational(c.phoneE164) : null, c.email].filter((x): x is string => !!x).join(' / ')
  return {
    registeredContact: contact,
    uid: c.uid ?? '',
    description: c.notes,
    methodsTried,
    identityRequested: false,
    identityReceived: false,
    reference: '',
  }
}

/** The dates of a promise that have moved since it was given (null: none moved). */
export function movedPromise(given: PromisedDates, dates: SlaDates): { given: PromisedDates; now: PromisedDates } | null {
  const now = promisedDates(dates)
  return now.expectedFrom !== given.expectedFrom || now.dueBy !== given.dueBy || now.submitted !== given.submitted ? { given, now } : null
}

// ---- "When will my reset be done?" ----

/**
 * The open review's answer facts: the SLA status now, the promised dates (ISO, stored with the reply) and
 * the same in words in the reply's language. The wording itself is the review-status reply template.
 */
export interface StatusAnswer {
  reviewId: number
  status: SlaStatus
  promised: PromisedDates
  /** The promised dates in words, in the answer's language. */
  described: PromisedDates
  expectedDays: number
  dueDays: number
}

export function statusAnswer(reviewId: number, dates: SlaDates, now: number, language: Language): StatusAnswer {
  const promised = promisedDates(dates)
  return {
    reviewId,
    status: statusAt(dates, now),
    promised,
    described: describePromisedDates(promised, language),
    expectedDays: dates.settings.expectedDays,
    dueDays: dates.settings.dueDays,
  }
}

/** The variables a reply template gets for the answer: the dates in words, the status, the SLA's business days. */
export function reviewDatesInput(answer: StatusAnswer): ReviewDatesInput {
  const { submitted, expectedFrom, dueBy } = answer.described
  return {
    submitted,
    expectedFrom,
    dueBy,
    ...(answer.status === 'closed' ? {} : { status: answer.status }),
    expectedDays: answer.expectedDays,
    dueDays: answer.dueDays,
  }
}

// ---- Board formatting (locale-aware, calendar-zone-aware, never the machine's zone). ----

/** A local date (YYYY-MM-DD, already in the calendar's zone) as a short date, e.g. "Mon, 2 Mar 2026". */
export function shortLocalDate(date: string, locale: string): string {
  if (!isLocalDate(date)) return date
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
  return dateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(ms)
}

/** An instant as date and time in the calendar's zone. */
export function zonedDateTime(ms: number, timeZone: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms)
}

/** An instant as a `datetime-local` value (YYYY-MM-DDTHH:mm) in `timeZone`. */
export function toZonedInput(ms: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: 'minute' })
}

/** A `datetime-local` value read as a wall time in `timeZone` (NaN when it is not a valid value). */
export function fromZonedInput(value: string, timeZone: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return Number.NaN
  try {
    return Temporal.PlainDateTime.from(value).toZonedDateTime(timeZone).epochMilliseconds
  } catch {
    return Number.NaN
  }
}

export type { SlaStatus }
/** Re-exported so views and the bench read one module. */
export { countdownAt, statusAt }
