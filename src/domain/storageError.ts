/**
 * Storage failures in plain words. The data layer throws a ProblemError (see guarded() in
 * src/data/errors.ts); stores map anything caught to a Problem with toStorageProblem. Pure: it reads error
 * names only (IndexedDB's and Dexie's), so every layer may use it.
 */
import { ProblemError, type Problem } from './result'

function errorName(err: unknown): string {
  if (!err || typeof err !== 'object') return ''
  const e = err as { name?: string; inner?: unknown }
  // Dexie wraps the native error in `inner`
  if (e.name === 'AbortError' && e.inner) return errorName(e.inner) || e.name
  return e.name ?? ''
}

export function isQuotaError(err: unknown): boolean {
  const name = errorName(err)
  if (name === 'QuotaExceededError') return true
  const inner = (err as { inner?: unknown } | null)?.inner
  return inner !== undefined && inner !== err && isQuotaError(inner)
}

/** Maps any IndexedDB/Dexie failure to a Problem the UI can show (a ProblemError keeps its own). */
export function toStorageProblem(err: unknown): Problem {
  if (err instanceof ProblemError) return err.problem
  if (isQuotaError(err)) return { key: 'errors.storage.quota' }
  const name = errorName(err)
  if (name === 'ConstraintError') return { key: 'errors.storage.constraint' }
  if (name === 'VersionError' || name === 'UpgradeError') return { key: 'errors.storage.version' }
  if (name === 'DatabaseClosedError' || name === 'InvalidStateError' || name === 'OpenFailedError') {
    return { key: 'errors.storage.unavailable' }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { key: 'errors.storage.generic', params: { detail: message.slice(0, 200) } }
}
