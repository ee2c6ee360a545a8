import { ProblemError } from '@/domain/result'
import { toStorageProblem } from '@/domain/storageError'

/**
 * Runs a storage operation and rethrows any failure as a ProblemError with a plain-words Problem (the
 * operation did not happen: transactions roll back). Store actions turn it into a Result.
 */
export async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (err) {
    if (err instanceof ProblemError) throw err
    throw new ProblemError(toStorageProblem(err), err)
  }
}
