/**
 * Checklist state, derived from the append-only list of AttemptRecords of one case.
 * The current state of a method is its newest record; every change is a new record.
 */
import { METHOD_IDS, type AttemptRecord, type AttemptStatus, type MethodId } from '../model'
import type { Result } from '../result'

export interface MethodState {
  methodId: MethodId
  status: AttemptStatus
  /** The variant the ticked steps belong to; null while the method has no record. */
  variantId: string | null
  /** Ticked step ids. */
  steps: readonly string[]
  note: string
  /** When the newest record was made; null while the method has no record. */
  at: number | null
  agent: string | null
}

export type MethodStates = Record<MethodId, MethodState>

/** Statuses after which a method is never suggested again. */
export const SETTLED_STATUSES: readonly AttemptStatus[] = ['failed', 'resolved', 'not-applicable', 'declined']

export const ATTEMPT_NOTE_MAX = 2000

export const initialMethodState = (methodId: MethodId): MethodState => ({
  methodId,
  status: 'not-tried',
  variantId: null,
  steps: [],
  note: '',
  at: null,
  agent: null,
})

const isMethodId = (x: unknown): x is MethodId => typeof x === 'string' && (METHOD_IDS as readonly string[]).includes(x)

/**
 * Chronological order: by `at`, then by `id` (a record without an id, i.e. not saved yet, counts as newest),
 * then by position in the input list. Returns a negative number when `a` is older.
 */
function compareRecords(a: AttemptRecord, b: AttemptRecord): number {
  if (a.at !== b.at) return a.at - b.at
  const ai = a.id ?? Number.POSITIVE_INFINITY
  const bi = b.id ?? Number.POSITIVE_INFINITY
  return ai === bi ? 0 : ai < bi ? -1 : 1
}

/** Records in chronological order, oldest first (stable for ties). */
export const chronological = (records: readonly AttemptRecord[]): AttemptRecord[] => [...records].sort(compareRecords)

/** A method's state as one record leaves it. */
export const stateFrom = (r: AttemptRecord): MethodState => ({
  methodId: r.methodId,
  status: r.status,
  variantId: r.variantId,
  steps: [...r.steps],
  note: r.note,
  at: r.at,
  agent: r.agent,
})

/**
 * The current state of every method from one case's records (newest record wins; methods without a
 * record are `not-tried`). Records with an unknown method id are ignored.
 */
export function currentStates(records: readonly AttemptRecord[]): MethodStates {
  const out = Object.fromEntries(METHOD_IDS.map((m) => [m, initialMethodState(m)])) as MethodStates
  for (const r of chronological(records)) {
    if (isMethodId(r.methodId)) out[r.methodId] = stateFrom(r)
  }
  return out
}

/** The current state of one method. */
export const currentState = (records: readonly AttemptRecord[], methodId: MethodId): MethodState => currentStates(records)[methodId]

/** One method's records, oldest first. */
export const methodHistory = (records: readonly AttemptRecord[], methodId: MethodId): AttemptRecord[] =>
  chronological(records.filter((r) => r.methodId === methodId))

/** Every method's records, oldest first. */
export function historyByMethod(records: readonly AttemptRecord[]): Record<MethodId, AttemptRecord[]> {
  const out = Object.fromEntries(METHOD_IDS.map((m) => [m, [] as AttemptRecord[]])) as Record<MethodId, AttemptRecord[]>
  for (const r of chronological(records)) {
    if (isMethodId(r.methodId)) out[r.methodId].push(r)
  }
  return out
}

/** How many of the checklist's steps are ticked (ticks of steps not in the checklist do not count). */
export function stepProgress(state: Pick<MethodState, 'steps'>, checklistStepIds: readonly string[]): { done: number; total: number } {
  return { done: checklistStepIds.filter((s) => state.steps.includes(s)).length, total: checklistStepIds.length }
}

export type AttemptChange =
  { type: 'status'; status: AttemptStatus } | { type: 'step'; stepId: string; ticked: boolean } | { type: 'note'; note: string }

export interface AttemptContext {
  caseId: number
  agent: string
  /** Epoch milliseconds. */
  now: number
  /**
   * The variant shown to the agent now (from `variantFor(methodId, facts)`); null keeps the state's
   * variant. The new record carries it, so a record always says which variant its ticks belong to.
   */
  variantId: string | null
  /**
   * The ids of the checklist shown now (`checklistSteps(...).map(s => s.id)`). When given, ticks of steps
   * not in it (left over from another variant) are dropped, and ticking an unknown step is refused.
   */
  stepIds?: readonly string[]
}

export type NextAttemptResult = Result<AttemptRecord | null>

/**
 * The record to append for one change, given the method's current state. a `null` value means the change
 * changes nothing (same status, step already in that tick state, same note) and nothing should be saved.
 * Ticking a step of a `not-tried` method makes it `suggested` (the agent is walking the user through it);
 * every other change keeps the status. Fails (with an i18n reason) on an unknown step or an over-long note.
 */
export function nextAttempt(current: MethodState, change: AttemptChange, ctx: AttemptContext): NextAttemptResult {
  const variantId = ctx.variantId ?? current.variantId
  const valid = ctx.stepIds
  let steps = valid ? valid.filter((s) => current.steps.includes(s)) : [...current.steps]
  let status = current.status
  let note = current.note

  switch (change.type) {
    case 'status':
      if (change.status === current.status) return { ok: true, value: null }
      status = change.status
      break
    case 'step': {
      if (valid && !valid.includes(change.stepId))
        return { ok: false, error: { key: 'playbook.error.unknown-step', params: { step: change.stepId } } }
      const has = current.steps.includes(change.stepId)
      if (has === change.ticked) return { ok: true, value: null }
      if (change.ticked) {
        steps = valid ? valid.filter((s) => s === change.stepId || steps.includes(s)) : [...steps, change.stepId]
        if (status === 'not-tried') status = 'suggested'
      } else steps = steps.filter((s) => s !== change.stepId)
      break
    }
    case 'note':
      if (change.note.length > ATTEMPT_NOTE_MAX)
        return { ok: false, error: { key: 'playbook.error.note-too-long', params: { max: ATTEMPT_NOTE_MAX } } }
      if (change.note === current.note) return { ok: true, value: null }
      note = change.note
      break
  }

  return {
    ok: true,
    value: { caseId: ctx.caseId, methodId: current.methodId, status, variantId, steps, note, at: ctx.now, agent: ctx.agent },
  }
}
