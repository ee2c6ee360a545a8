import { toStorageProblem } from '@/domain/storageError'
import { ProblemError, type Problem, type Result } from '@/domain/result'
import { log } from '@/platform'

/**
 * A refusal made on purpose (a ProblemError without a cause: "this review is already closed") is an
 * answer, not a fault; anything else (storage failed, a bug) is logged before it becomes a Problem.
 */
function problemOf(code: string, err: unknown, context?: Record<string, unknown>): Problem {
  const refusal = err instanceof ProblemError && err.cause === undefined
  if (!refusal) log.error(code, err instanceof ProblemError ? err.cause : err, context)
  return toStorageProblem(err)
}

/**
 * The edge between the data layer (which throws, so transactions roll back) and everything above it:
 * runs a store action's work and answers with a Result. `code` names the action in the log
 * (`trash.restore`); `context` adds non-personal fields (a case number, never a UID or note text).
 */
export async function attempt<T>(code: string, work: () => Promise<T>, context?: Record<string, unknown>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() }
  } catch (err) {
    return { ok: false, error: problemOf(code, err, context) }
  }
}

/** Like `attempt`, for work that answers with a Result itself (a refusal with several problems stays as it is). */
export async function attemptResult<T, E>(
  code: string,
  work: () => Promise<Result<T, E>>,
  wrap: (p: Problem) => E,
  context?: Record<string, unknown>,
): Promise<Result<T, E>> {
  try {
    return await work()
  } catch (err) {
    return { ok: false, error: wrap(problemOf(code, err, context)) }
  }
}
