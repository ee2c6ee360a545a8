import type { Result } from '@/domain/result'
import type { ConsoleDb } from './db'
import { createBackup, type BackupInfo } from './backup'
import { toStorageProblem } from '@/domain/storageError'

export interface AutoBackupState {
  /** Local calendar date (YYYY-MM-DD) of the last automatic backup. */
  date: string
  path: string
  at: number
}

/** Hands the backup to the desktop, which dates it by its own clock, checks it and keeps the newest files. */
export type AutoBackupWriter = (json: string) => Promise<Result<{ path: string }>>

/** The new state when a backup was written, null when today's was already written. */
export type AutoBackupOutcome = Result<AutoBackupState | null>

/**
 * Writes today's automatic backup if none was written today (`last` is the previous state). The desktop's
 * main process names the file by its own date and rotates (see electron/main/ipc/backup.ts). Never throws: a
 * failure comes back as a Problem.
 */
export async function autoBackupIfDue(
  db: ConsoleDb,
  last: AutoBackupState | null,
  today: string,
  info: BackupInfo,
  write: AutoBackupWriter,
): Promise<AutoBackupOutcome> {
  if (last?.date === today) return { ok: true, value: null }
  try {
    const json = await createBackup(db, info)
    const r = await write(json)
    if (!r.ok) return r
    return { ok: true, value: { date: today, path: r.value.path, at: info.now } }
  } catch (err) {
    // reading the database failed: the caller logs and shows the Problem
    return { ok: false, error: toStorageProblem(err) }
  }
}
