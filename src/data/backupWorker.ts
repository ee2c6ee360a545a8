/**
 * The page's side of a backup worker (./backupSession.ts): one worker per chosen file, kept between the
 * check and the restore (it holds the checked rows). `cancel()` stops the worker at once: the request in
 * flight answers `cancelled`, and the worker is gone (a new file needs a new session).
 */
import type { Result } from '@/domain/result'
import type { BackupProgress, BackupSummary, TableCounts } from './backup'
import type { BackupReply, BackupRequest } from './backupSession'
import type { Language } from '@/domain/model'

export type WorkerOutcome<R> = { kind: 'done'; value: R } | { kind: 'cancelled' } | { kind: 'failed'; detail: string }

export interface BackupWorkerSession {
  check(file: Blob, dbName: string, onProgress: (p: BackupProgress) => void): Promise<WorkerOutcome<Result<BackupSummary>>>
  restore(
    ctx: { agent: string; now: number; removeSecrets?: { language: Language } },
    onProgress: (p: BackupProgress) => void,
  ): Promise<WorkerOutcome<Result<TableCounts>>>
  /** Stops the worker; a request in flight answers `cancelled`. */
  cancel(): void
}

export function createBackupWorker(): Worker {
  return new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module', name: 'backup' })
}

export function openBackupSession(create: () => Worker = createBackupWorker): BackupWorkerSession {
  const worker = create()
  let stopped = false
  let pending: {
    expect: 'checked' | 'restored'
    settle: (o: WorkerOutcome<never>) => void
    onProgress: (p: BackupProgress) => void
  } | null = null

  const settle = (o: WorkerOutcome<unknown>): void => {
    const p = pending
    pending = null
    p?.settle(o as WorkerOutcome<never>)
  }
  const stop = (): void => {
    if (stopped) return
    stopped = true
    worker.terminate()
  }

  worker.onmessage = (event: MessageEvent<BackupReply>) => {
    const m = event.data
    if (!pending) return
    if (m.type === 'progress') pending.onProgress(m.progress)
    else if (m.type === 'failed') {
      settle({ kind: 'failed', detail: m.detail })
      stop()
    } else if (m.type === pending.expect) settle({ kind: 'done', value: m.result })
  }
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault()
    settle({ kind: 'failed', detail: event.message || 'worker error' })
    stop()
  }
  worker.onmessageerror = () => {
    settle({ kind: 'failed', detail: 'message could not be read' })
    stop()
  }

  function ask<R>(
    request: BackupRequest,
    expect: 'checked' | 'restored',
    onProgress: (p: BackupProgress) => void,
  ): Promise<WorkerOutcome<R>> {
    if (stopped) return Promise.resolve({ kind: 'cancelled' })
    if (pending) return Promise.resolve({ kind: 'failed', detail: 'a request is in flight' })
    return new Promise<WorkerOutcome<R>>((resolve) => {
      pending = { expect, settle: resolve as (o: WorkerOutcome<never>) => void, onProgress }
      worker.postMessage(request)
    })
  }

  return {
    check: (file, dbName, onProgress) => ask({ type: 'check', file, dbName }, 'checked', onProgress),
    restore: (ctx, onProgress) => ask({ type: 'restore', ...ctx }, 'restored', onProgress),
    cancel() {
      stop()
      settle({ kind: 'cancelled' })
    },
  }
}
