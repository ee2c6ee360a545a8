/**
 * Security-reset reviews: every write is ONE transaction with its audit events, wrapped in `guarded()`.
 * Refusals (a second open review, a closed review, a time in the future…) throw a ProblemError carrying
 * the Problem (keys `errors.review.…`), so the UI shows them like any failed save: nothing changed.
 *
 * Rules kept here, inside the transaction, so no view can break them:
 * - one open review per case at a time;
 * - opening a review sets the case status to 'escalated' (with its own audit event);
 * - at most one open pause; closing a review ends an open pause at the closing time;
 * - each alert kind fires once (`alerted[kind]` is set once, with an event).
 * The console never stores identity documents: the review keeps only "requested" / "received" flags.
 */
import { findSecrets } from '@/domain/guard/secrets'
import { REVIEW_TEXT_MAX, validatePastPause, validatePause, validateSubmittedAt } from '@/domain/sla/validation'
import {
  METHOD_IDS,
  REVIEW_OUTCOMES,
  type AttemptRecord,
  type CaseRecord,
  type FieldChange,
  type ReplyRecord,
  type ReviewDetails,
  type ReviewOutcome,
  type ReviewRecord,
} from '@/domain/model'
import { refuse } from '@/domain/result'
import type { ConsoleDb } from './db'
import { guarded } from './errors'
import { appendEvent } from './events'
import { SecretRefused, storedSecretProblem } from './secretGuard'

export interface WriteContext {
  agent: string
  now: number
}

export interface OpenReviewInput extends ReviewDetails {
  submittedAt: number
}

export type AlertKind = 'atRisk' | 'overdue'

/**
 * Verification codes, authenticator keys and ID numbers are never stored: refuse the write, naming the
 * field (`path`, e.g. `uid`, `pauses.0.reason`; the view shows the refusal under that field).
 */
function refuseSecrets(text: string, path: string): void {
  const findings = findSecrets(text)
  if (findings.length > 0) throw new SecretRefused(storedSecretProblem('reviews', [{ path, findings }]), [{ path, findings }])
}

/** Trims and checks the details; throws a ProblemError with the first problem. */
export function cleanDetails(input: ReviewDetails): ReviewDetails {
  const text = (field: keyof typeof REVIEW_TEXT_MAX, value: string): string => {
    const v = String(value ?? '').trim()
    if (v.length > REVIEW_TEXT_MAX[field]) refuse('errors.review.textTooLong', { max: REVIEW_TEXT_MAX[field] })
    refuseSecrets(v, field)
    return v
  }
  const methods = METHOD_IDS.filter((m) => input.methodsTried.includes(m))
  return {
    registeredContact: text('registeredContact', input.registeredContact),
    uid: text('uid', input.uid),
    description: text('description', input.description),
    methodsTried: methods,
    identityRequested: !!input.identityRequested,
    identityReceived: !!input.identityReceived,
    reference: text('reference', input.reference),
  }
}

function diff<T extends object>(before: T, after: T, fields: (keyof T)[]): FieldChange[] {
  const out: FieldChange[] = []
  for (const f of fields) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) out.push({ field: String(f), from: before[f], to: after[f] })
  }
  return out
}

async function openReviewOf(db: ConsoleDb, caseId: number): Promise<ReviewRecord | undefined> {
  return db.reviews
    .where('caseId')
    .equals(caseId)
    .filter((r) => r.state === 'open')
    .first()
}

/**
 * Opens a review on a case: checks the submission time (not in the future, not before the case), refuses a
 * second open review, sets the case to 'escalated'. Events: review 'opened', case 'status' (if it changed).
 */
export async function openReview(db: ConsoleDb, caseId: number, input: OpenReviewInput, ctx: WriteContext): Promise<ReviewRecord> {
  return guarded(() =>
    db.transaction('rw', db.cases, db.reviews, db.events, async () => {
      const c = await db.cases.get(caseId)
      if (!c || c.deletedAt !== undefined) return refuse('errors.review.caseNotFound')
      const when = validateSubmittedAt(input.submittedAt, { now: ctx.now, caseCreatedAt: c.createdAt })
      if (!when.ok) return refuse(when.error.key, when.error.params)
      if (await openReviewOf(db, caseId)) return refuse('errors.review.alreadyOpen')
      const details = cleanDetails(input)
      const record: ReviewRecord = {
        caseId,
        state: 'open',
        ...details,
        submittedAt: when.value,
        pauses: [],
        outcome: null,
        closedAt: null,
        alerted: { atRisk: null, overdue: null },
        agent: ctx.agent,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      const id = (await db.reviews.add(record)) as number
      await appendEvent(
        db,
        { entity: 'review', entityId: id, caseId, action: 'opened', changes: [{ field: 'submittedAt', from: null, to: when.value }] },
        ctx.agent,
        ctx.now,
      )
      if (c.status !== 'escalated') {
        await db.cases.update(caseId, { status: 'escalated', updatedAt: ctx.now })
        await appendEvent(
          db,
          {
            entity: 'case',
            entityId: caseId,
            caseId,
            action: 'status',
            changes: [{ field: 'status', from: c.status, to: 'escalated' }],
            note: `review ${id}`,
          },
          ctx.agent,
          ctx.now,
        )
      }
      return { ...record, id }
    }),
  )
}

/** Runs `change` on an open review inside one transaction; `change` returns the new record and the event. */
async function changeReview(
  db: ConsoleDb,
  id: number,
  ctx: WriteContext,
  change: (
    r: ReviewRecord,
    c: CaseRecord | undefined,
  ) => { next: ReviewRecord; action: string; changes: FieldChange[]; note?: string } | null,
  options: { allowClosed?: boolean } = {},
): Promise<ReviewRecord> {
  return guarded(() =>
    db.transaction('rw', db.cases, db.reviews, db.events, async () => {
      const r = await db.reviews.get(id)
      if (!r) return refuse('errors.review.notFound')
      if (r.state === 'closed' && !options.allowClosed) return refuse('errors.review.closed')
      const result = change(r, await db.cases.get(r.caseId))
      if (!result) return r
      const next = { ...result.next, updatedAt: ctx.now }
      await db.reviews.put(next)
      await appendEvent(
        db,
        { entity: 'review', entityId: id, caseId: r.caseId, action: result.action, changes: result.changes, note: result.note ?? '' },
        ctx.agent,
        ctx.now,
      )
      return next
    }),
  )
}

/**
 * Edits what the user provided, the identity flags, the reference and (optionally) the submission time;
 * also on a closed review (the back-office reference often comes later). No change, no write. Event 'updated' with the changed fields.
 */
export function updateReview(
  db: ConsoleDb,
  id: number,
  patch: ReviewDetails & { submittedAt?: number },
  ctx: WriteContext,
): Promise<ReviewRecord> {
  return changeReview(
    db,
    id,
    ctx,
    (r, c) => {
      const details = cleanDetails(patch)
      let submittedAt = r.submittedAt
      if (patch.submittedAt !== undefined && patch.submittedAt !== r.submittedAt) {
        const when = validateSubmittedAt(patch.submittedAt, { now: ctx.now, caseCreatedAt: c?.createdAt ?? -Infinity })
        if (!when.ok) return refuse(when.error.key, when.error.params)
        const firstPause = r.pauses.reduce((min, p) => Math.min(min, p.start), Infinity)
        if (when.value > firstPause) return refuse('errors.review.pauseBeforeSubmission')
        if (r.closedAt !== null && when.value > r.closedAt) return refuse('errors.review.closedBeforeSubmission')
        submittedAt = when.value
      }
      const next: ReviewRecord = { ...r, ...details, submittedAt }
      const changes = diff(r, next, [
        'registeredContact',
        'uid',
        'description',
        'methodsTried',
        'identityRequested',
        'identityReceived',
        'reference',
        'submittedAt',
      ])
      return changes.length === 0 ? null : { next, action: 'updated', changes }
    },
    { allowClosed: true },
  )
}

/** Pauses the SLA clock from `start` (default now) with a reason. Refuses a second open pause. */
export function pauseReview(
  db: ConsoleDb,
  id: number,
  input: { reason: string; start?: number },
  ctx: WriteContext,
): Promise<ReviewRecord> {
  return changeReview(db, id, ctx, (r) => {
    const reason = pauseReason(input.reason, 'pauses.0.reason')
    if (r.pauses.some((p) => p.end === null)) return refuse('errors.review.alreadyPaused')
    const checked = validatePause({ start: input.start ?? ctx.now, end: null }, { now: ctx.now, submittedAt: r.submittedAt })
    if (!checked.ok) return refuse(checked.error.key, checked.error.params)
    const lastEnd = r.pauses.reduce((max, p) => Math.max(max, p.end ?? p.start), -Infinity)
    const start = Math.max(checked.value.start, lastEnd)
    const pause = { start, end: null, reason }
    return {
      next: { ...r, pauses: [...r.pauses, pause] },
      action: 'paused',
      changes: [{ field: 'pauses', from: null, to: { start } }],
      note: reason,
    }
  })
}

/** The reason of a pause, trimmed and checked (required, bounded, no secrets); throws a ProblemError. */
function pauseReason(input: string, path: string): string {
  const reason = String(input ?? '').trim()
  if (reason === '') return refuse('errors.review.reasonRequired')
  if (reason.length > REVIEW_TEXT_MAX.reason) return refuse('errors.review.textTooLong', { max: REVIEW_TEXT_MAX.reason })
  refuseSecrets(reason, path)
  return reason
}

/**
 * Records a pause that already ended (the agent forgot to press Pause): start and end in the past, after
 * the submission, overlapping no other pause (`validatePastPause`). Event 'pause-recorded' with the span
 * and the reason; the SLA dates move like those of a pause pressed at the time.
 */
export function recordPastPause(
  db: ConsoleDb,
  id: number,
  input: { reason: string; start: number; end: number },
  ctx: WriteContext,
): Promise<ReviewRecord> {
  return changeReview(db, id, ctx, (r) => {
    const reason = pauseReason(input.reason, 'pauses.0.reason')
    const checked = validatePastPause(
      { start: input.start, end: input.end },
      { now: ctx.now, submittedAt: r.submittedAt, pauses: r.pauses },
    )
    if (!checked.ok) return refuse(checked.error.key, checked.error.params)
    const { start, end } = checked.value
    const pauses = [...r.pauses, { start, end, reason }].sort((a, b) => a.start - b.start)
    return {
      next: { ...r, pauses },
      action: 'pause-recorded',
      changes: [{ field: 'pauses', from: null, to: { start, end } }],
      note: reason,
    }
  })
}

/** Ends the open pause at `end` (default now). */
export function resumeReview(db: ConsoleDb, id: number, input: { end?: number }, ctx: WriteContext): Promise<ReviewRecord> {
  return changeReview(db, id, ctx, (r) => {
    const i = r.pauses.findIndex((p) => p.end === null)
    const open = r.pauses[i]
    if (!open) return refuse('errors.review.notPaused')
    const checked = validatePause({ start: open.start, end: input.end ?? ctx.now }, { now: ctx.now, submittedAt: r.submittedAt })
    if (!checked.ok) return refuse(checked.error.key, checked.error.params)
    const end = Math.max(open.start, checked.value.end ?? ctx.now)
    const pauses = r.pauses.map((p, k) => (k === i ? { ...p, end } : p))
    return {
      next: { ...r, pauses },
      action: 'resumed',
      changes: [{ field: 'pauses', from: { start: open.start }, to: { start: open.start, end } }],
      note: open.reason,
    }
  })
}

/** Records the outcome and closes the review (an open pause ends at the closing time). */
export function closeReview(
  db: ConsoleDb,
  id: number,
  input: { outcome: ReviewOutcome; closedAt?: number },
  ctx: WriteContext,
): Promise<ReviewRecord> {
  return changeReview(db, id, ctx, (r) => {
    if (!REVIEW_OUTCOMES.includes(input.outcome)) return refuse('errors.review.outcomeRequired')
    const closedAt = input.closedAt ?? ctx.now
    if (!Number.isFinite(closedAt)) return refuse('errors.review.submittedAtInvalid')
    if (closedAt > ctx.now + 60_000) return refuse('errors.review.closedInFuture')
    if (closedAt < r.submittedAt) return refuse('errors.review.closedBeforeSubmission')
    const pauses = r.pauses.map((p) => (p.end === null ? { ...p, end: Math.max(p.start, closedAt) } : p))
    const next: ReviewRecord = { ...r, state: 'closed', outcome: input.outcome, closedAt, pauses }
    return {
      next,
      action: 'closed',
      changes: [
        { field: 'state', from: 'open', to: 'closed' },
        { field: 'outcome', from: null, to: input.outcome },
      ],
    }
  })
}

/**
 * Records that alerts fired, in one transaction for the whole batch. Each (review, kind) is set once:
 * an alert already recorded (or a closed or missing review) is skipped. Returns the alerts recorded now,
 * so the caller notifies only those.
 */
export async function markAlerted(
  db: ConsoleDb,
  alerts: readonly { reviewId: number; kind: AlertKind; since: number }[],
  ctx: WriteContext,
): Promise<{ reviewId: number; kind: AlertKind; since: number }[]> {
  if (alerts.length === 0) return []
  return guarded(() =>
    db.transaction('rw', db.reviews, db.events, async () => {
      const done: { reviewId: number; kind: AlertKind; since: number }[] = []
      for (const a of alerts) {
        const r = await db.reviews.get(a.reviewId)
        if (!r || r.state !== 'open' || r.alerted[a.kind] !== null) continue
        const alerted = { ...r.alerted, [a.kind]: ctx.now }
        await db.reviews.update(a.reviewId, { alerted })
        await appendEvent(
          db,
          {
            entity: 'review',
            entityId: a.reviewId,
            caseId: r.caseId,
            action: 'alerted',
            changes: [{ field: `alerted.${a.kind}`, from: null, to: ctx.now }],
            note: `since ${new Date(a.since).toISOString()}`,
          },
          ctx.agent,
          ctx.now,
        )
        done.push(a)
      }
      return done
    }),
  )
}

export function getReview(db: ConsoleDb, id: number): Promise<ReviewRecord | undefined> {
  return guarded(() => db.reviews.get(id))
}

/** Every open review (through the `state` index). */
export function listOpenReviews(db: ConsoleDb): Promise<ReviewRecord[]> {
  return guarded(() => db.reviews.where('state').equals('open').toArray())
}

/** A case's reviews, newest submission first. */
export async function reviewsForCase(db: ConsoleDb, caseId: number): Promise<ReviewRecord[]> {
  return guarded(async () =>
    (await db.reviews.where('caseId').equals(caseId).toArray()).sort((a, b) => b.submittedAt - a.submittedAt || (b.id ?? 0) - (a.id ?? 0)),
  )
}

/** The cases of some reviews (by id), for case numbers and languages on the board. */
export async function casesByIds(db: ConsoleDb, ids: readonly number[]): Promise<Map<number, CaseRecord>> {
  return guarded(async () => {
    const unique = [...new Set(ids)]
    const rows = await db.cases.bulkGet(unique)
    const out = new Map<number, CaseRecord>()
    rows.forEach((c, i) => {
      if (c) out.set(unique[i]!, c)
    })
    return out
  })
}

/** A case and its checklist records, to prefill a new review. */
export async function caseWithAttempts(
  db: ConsoleDb,
  caseId: number,
): Promise<{ record: CaseRecord | undefined; attempts: AttemptRecord[] }> {
  return guarded(async () => {
    const [record, attempts] = await Promise.all([db.cases.get(caseId), db.attempts.where('caseId').equals(caseId).toArray()])
    return { record, attempts }
  })
}

/** The newest reply that promised dates for each of a case's reviews (reviewId → reply). */
export async function latestPromisesForCase(db: ConsoleDb, caseId: number): Promise<Map<number, ReplyRecord>> {
  return guarded(async () => {
    const replies = await db.replies.where('caseId').equals(caseId).toArray()
    const out = new Map<number, ReplyRecord>()
    for (const r of replies) {
      if (r.reviewId === null || r.promised === null) continue
      const prev = out.get(r.reviewId)
      if (!prev || r.sentAt > prev.sentAt || (r.sentAt === prev.sentAt && (r.id ?? 0) > (prev.id ?? 0))) out.set(r.reviewId, r)
    }
    return out
  })
}
