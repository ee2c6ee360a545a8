/**
 * The one result type of the console.
 *
 * - `Result<T>`: `{ ok: true, value }` or `{ ok: false, error: Problem }`. Domain functions, data
 *   repositories that refuse, store actions, the platform edge and IPC all answer with it.
 * - `Result<T, E>`: the same envelope with another error shape, for the few answers that legitimately
 *   carry more than one problem: per-field validation (`FieldProblems<F>`: one Problem per form field),
 *   lists of Problems (template saves) and playbook file diagnostics (`PlaybookIssue[]`).
 *
 * A Problem's `key` is always a full vue-i18n key (`errors.storage.quota`, `replies.import.notJson`),
 * never a part glued together at the call site; the view translates it with `t(key, params)`.
 *
 * Inside a layer, code may `throw new ProblemError(problem)` where a throw is the mechanism (a Dexie
 * transaction rolls back only on a throw; a deep parser bails out); the layer's boundary turns it back
 * into a Result. Nothing else is thrown on purpose.
 */
export interface Problem {
  key: string
  params?: Record<string, string | number>
}

export type Result<T, E = Problem> = { ok: true; value: T } | { ok: false; error: E }

/** One Problem per field of a form; a field without a problem is absent. */
export type FieldProblems<F extends string> = Partial<Record<F, Problem>>

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value })
export const fail = <E = Problem>(error: E): { ok: false; error: E } => ({ ok: false, error })

/** A Problem with a full i18n key; params are left out when there are none. */
export const problem = (key: string, params?: Problem['params']): Problem => (params ? { key, params } : { key })

/** A Problem thrown where a throw is the mechanism (transaction rollback); turned back into a Result at the layer's edge. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    override readonly cause?: unknown,
  ) {
    super(problem.key)
    this.name = 'ProblemError'
  }
}

/** Throws a ProblemError: for use inside transactions, `return refuse(...)` keeps control flow visible. */
export function refuse(key: string, params?: Problem['params']): never {
  throw new ProblemError(problem(key, params))
}
