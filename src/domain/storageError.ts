/**
 * Storage failures in plain words. The data layer throws StorageError (see guarded() in src/data/errors.ts);
 * views and stores map anything caught to a Problem with toStorageProblem. Pure: it reads error names only
 * (IndexedDB's and Dexie's), so every layer may use it.
 */
import type { Problem } from './result'

/** A storage failure in plain words for the agent. The operation did not happen (transactions roll back). */
export class StorageError extends Error {
  constructor(
    readonly problem: Problem,
    override readonly cause?: unknown,
  ) {
    super(problem.key)
    this.name = 'StorageError'
  }
}

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

/** Maps any IndexedDB/Dexie failure to a Problem the UI can show. */
export function toStorageProblem(err: unknown): Problem {
  if (err instanceof StorageError) return err.problem
  if (isQuotaError(err)) return { key: 'storage.quota' }
  const name = errorName(err)
  if (name === 'ConstraintError') return { key: 'storage.constraint' }
  if (name === 'VersionError' || name === 'UpgradeError') return { key: 'storage.version' }
  if (name === 'DatabaseClosedError' || name === 'InvalidStateError' || name === 'OpenFailedError') {
    return { key: 'storage.unavailable' }
  }
  const message = err instanceof Error ? err.message : String(err)
  return { key: 'storage.generic', params: { detail: message.slice(0, 200) } }
}
