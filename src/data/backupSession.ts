/**
 * Checking and restoring a backup in a worker of its own (src/data/backup.worker.ts), so a big file (a
 * 221 MB backup of 150k cases) never holds up the page: the worker reads, parses, stages and checks the
 * file, keeps the checked rows, and answers only a summary (no rows cross to the page); on the agent's
 * word it restores them into the real database, in the one transaction `restoreBackup` uses.
 *
 * The protocol, page → worker: `check` (the file and the database's name), then at most one `restore`.
 * Worker → page: `progress` (throttled), then `checked`, then `restored`; `failed` for a request out of
 * turn or an error no step caught. Stopping the worker (Cancel) is the page's business (backupWorker.ts):
 * a check leaves at most a staging database behind (removed at the next check); a restore is one
 * transaction, aborted with the worker, or already complete.
 */
import type { Language } from '@/domain/model'
import { fail, ok, type Result } from '@/domain/result'
import {
  checkBackupFile,
  restoreBackup,
  restoreProblem,
  summarize,
  type BackupFile,
  type BackupProgress,
  type BackupSummary,
  type CheckedBackup,
  type TableCounts,
} from './backup'
import { ConsoleDb } from './db'

export type BackupRequest =
  | { type: 'check'; file: BackupFile; dbName: string }
  | { type: 'restore'; agent: string; now: number; removeSecrets?: { language: Language } }

export type BackupReply =
  | { type: 'progress'; progress: BackupProgress }
  | { type: 'checked'; result: Result<BackupSummary> }
  | { type: 'restored'; result: Result<TableCounts> }
  | { type: 'failed'; detail: string }

/** At most one progress message per this many ms (the last of a step always goes). */
export const PROGRESS_EVERY_MS = 100

export interface SessionOptions {
  /** The database to restore into (the page's, opened again in the worker). */
  openDb?: (name: string) => ConsoleDb
  /** Milliseconds, for throttling progress. */
  now?: () => number
}

/** The worker's side: a handler for the page's messages, answering through `post`. */
export function backupSession(post: (m: BackupReply) => void, options: SessionOptions = {}): (m: BackupRequest) => Promise<void> {
  const openDb = options.openDb ?? ((name: string) => new ConsoleDb(name))
  const now = options.now ?? (() => performance.now())
  let dbName: string | null = null
  let checked: CheckedBackup | null = null
  let busy = false

  let last = -Infinity
  const progress = (p: BackupProgress): void => {
    const t = now()
    if (t - last < PROGRESS_EVERY_MS && p.done < p.total) return
    last = t
    post({ type: 'progress', progress: p })
  }

  return async (m) => {
    if (busy) return post({ type: 'failed', detail: `${m.type} while busy` })
    busy = true
    try {
      if (m.type === 'check') {
        if (dbName !== null) return post({ type: 'failed', detail: 'one check per worker' })
        dbName = m.dbName
        const db = openDb(m.dbName)
        try {
          const r = await checkBackupFile(db, m.file, progress)
          if (r.ok) checked = r.value
          post({ type: 'checked', result: r.ok ? ok(summarize(r.value)) : r })
        } finally {
          db.close()
        }
      } else {
        if (!checked || dbName === null) return post({ type: 'failed', detail: 'restore without a checked backup' })
        const rows = checked
        checked = null // one restore per check
        const db = openDb(dbName)
        try {
          const counts = await restoreBackup(
            db,
            rows,
            { agent: m.agent, now: m.now, ...(m.removeSecrets ? { removeSecrets: m.removeSecrets } : {}) },
            progress,
          )
          post({ type: 'restored', result: ok(counts) })
        } catch (err) {
          post({ type: 'restored', result: fail(restoreProblem(err)) })
        } finally {
          db.close()
        }
      }
    } catch (err) {
      post({ type: 'failed', detail: err instanceof Error ? err.message.slice(0, 200) : 'unknown' })
    } finally {
      busy = false
    }
  }
}
