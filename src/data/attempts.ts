/**
 * Checklist attempts: the append-only history of what the agent tried on a case.
 *
 * Every change is a new AttemptRecord written together with its audit event in ONE transaction; an
 * older record is never changed. When a method's status moves to or from `resolved`, the same
 * transaction updates the case, and the same event records that change:
 * - marked `resolved`: `resolvedBy` becomes that method; an `open` or `waiting` case becomes `resolved`.
 *   An `escalated` case keeps its status (its security-reset review is still pending and is closed
 *   through the review), and a `closed` case stays closed.
 * - changed away from `resolved`: `resolvedBy` falls back to the newest other method still marked
 *   resolved, or null. When none is left and the case is `resolved`, it goes back to `open`.
 * Every attempt also bumps the case's `updatedAt` (work on the checklist is activity on the case), and
 * refreshes the case's local `attemptSummary` (src/domain/export/attemptSummary.ts) in the same write.
 *
 * The event: entity `attempt`, entityId = the new attempt's id, action `recorded`; its changes name the
 * method (`sms-blocking.status`, `.steps`, `.note`, `.variantId`: only what changed) and the case
 * (`case.resolvedBy`, `case.status`).
 */
import {
  ATTEMPT_STATUSES,
  METHOD_IDS,
  type AttemptRecord,
  type CaseRecord,
  type CaseStatus,
  type FieldChange,
  type MethodId,
} from '@/domain/model'
import { ATTEMPT_NOTE_MAX, chronological, currentStates } from '@/domain/playbook/checklist'
import { summarizeAttempts } from '@/domain/export/attemptSummary'
import type { ConsoleDb } from './db'
import type { WriteContext } from './cases'
import { guarded } from './errors'
import { appendEvent } from './events'

/** Case statuses that a method marked `resolved` moves to `resolved`. */
export const RESOLVE_FROM_STATUSES: readonly CaseStatus[] = ['open', 'waiting']
/** The status a case returns to when the method that resolved it is changed away from `resolved`. */
export const REOPEN_STATUS: CaseStatus = 'open'

export type NewAttempt = Omit<AttemptRecord, 'id' | 'at' | 'agent'>

export interface AttemptWrite {
  /** The record as stored (with its id). */
  attempt: AttemptRecord & { id: number }
  /** The case after the write (updatedAt bumped; resolvedBy and status changed when applicable). */
  caseRecord: CaseRecord
  /** What changed on the case (resolvedBy, status); empty when only updatedAt moved. */
  caseChanges: FieldChange[]
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])

function checkAttempt(a: NewAttempt): void {
  if (!(METHOD_IDS as readonly string[]).includes(a.methodId)) throw new Error(`unknown method ${String(a.methodId)}`)
  if (!(ATTEMPT_STATUSES as readonly string[]).includes(a.status)) throw new Error(`unknown attempt status ${String(a.status)}`)
  if (a.note.length > ATTEMPT_NOTE_MAX) throw new Error(`attempt note longer than ${ATTEMPT_NOTE_MAX} characters`)
  if (!Array.isArray(a.steps) || a.steps.some((s) => typeof s !== 'string')) throw new Error('attempt steps must be a list of step ids')
}

/** Newest method marked resolved in these records (ties: article order), or null. */
function newestResolved(records: readonly AttemptRecord[]): MethodId | null {
  const states = currentStates(records)
  let best: MethodId | null = null
  let bestAt = Number.NEGATIVE_INFINITY
  for (const m of METHOD_IDS) {
    const s = states[m]
    if (s.status === 'resolved' && (best === null || (s.at ?? 0) > bestAt)) {
      best = m
      bestAt = s.at ?? 0
    }
  }
  return best
}

/**
 * Appends one checklist change for a case (see the module comment). Returns null and writes nothing when
 * the record equals the method's current state (same status, variant, steps and note). Throws a
 * ProblemError when the case does not exist or storage fails; then nothing is written.
 */
export async function appendAttempt(db: ConsoleDb, input: NewAttempt, ctx: WriteContext): Promise<AttemptWrite | null> {
  checkAttempt(input)
  return guarded(() =>
    db.transaction('rw', db.cases, db.attempts, db.events, async () => {
      const before = await db.cases.get(input.caseId)
      if (!before) throw new Error(`case ${input.caseId} not found`)
      const all = await db.attempts.where('caseId').equals(input.caseId).toArray()
      const previous = chronological(all.filter((r) => r.methodId === input.methodId)).at(-1)
      const from = {
        status: previous?.status ?? 'not-tried',
        variantId: previous?.variantId ?? null,
        steps: previous?.steps ?? [],
        note: previous?.note ?? '',
      }
      const m = input.methodId
      const changes: FieldChange[] = []
      if (from.status !== input.status) changes.push({ field: `${m}.status`, from: from.status, to: input.status })
      if (!sameList(from.steps, input.steps)) changes.push({ field: `${m}.steps`, from: [...from.steps], to: [...input.steps] })
      if (from.note !== input.note) changes.push({ field: `${m}.note`, from: from.note, to: input.note })
      // a variant change alone (facts edited) is not worth a record; it rides along with a real change
      if (changes.length === 0) return null
      if (from.variantId !== input.variantId) changes.push({ field: `${m}.variantId`, from: from.variantId, to: input.variantId })

      const record: AttemptRecord = {
        caseId: input.caseId,
        methodId: input.methodId,
        status: input.status,
        variantId: input.variantId,
        steps: [...input.steps],
        note: input.note,
        at: ctx.now,
        agent: ctx.agent,
      }
      const id = (await db.attempts.add(record)) as number
      const attempt = { ...record, id }

      const after: CaseRecord = { ...before, updatedAt: Math.max(before.updatedAt, ctx.now) }
      const summary = summarizeAttempts([...all, attempt])
      if (summary) after.attemptSummary = summary
      else delete after.attemptSummary
      const caseChanges: FieldChange[] = []
      const wasResolved = from.status === 'resolved'
      const isResolved = input.status === 'resolved'
      if (isResolved !== wasResolved) {
        const resolvedBy = isResolved ? input.methodId : newestResolved([...all, attempt])
        if (resolvedBy !== before.resolvedBy) {
          after.resolvedBy = resolvedBy
          caseChanges.push({ field: 'case.resolvedBy', from: before.resolvedBy, to: resolvedBy })
        }
        let status = before.status
        if (isResolved && RESOLVE_FROM_STATUSES.includes(before.status)) status = 'resolved'
        if (!isResolved && resolvedBy === null && before.status === 'resolved') status = REOPEN_STATUS
        if (status !== before.status) {
          after.status = status
          caseChanges.push({ field: 'case.status', from: before.status, to: status })
        }
      }
      await db.cases.put(after)
      await appendEvent(
        db,
        { entity: 'attempt', entityId: id, caseId: input.caseId, action: 'recorded', changes: [...changes, ...caseChanges] },
        ctx.agent,
        ctx.now,
      )
      return { attempt, caseRecord: after, caseChanges }
    }),
  )
}

/** All checklist records of a case, oldest first (through the `caseId` index). */
export function listAttempts(db: ConsoleDb, caseId: number): Promise<AttemptRecord[]> {
  return guarded(async () => chronological(await db.attempts.where('caseId').equals(caseId).toArray()))
}
