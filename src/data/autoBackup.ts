import type { ConsoleDb } from './db'
import { createBackup, type BackupInfo } from './backup'

export interface AutoBackupState {
  /** Local calendar date (YYYY-MM-DD) of the last automatic backup. */
  date: string
  path: string
  at: number
}

/** Hands the backup to the desktop, which dates it by its own clock, checks it and keeps the newest files. */
export type AutoBackupWriter = (json: string) => Promise<{ ok: true; value: { path: string } } | { ok: false; error: string }>

export type AutoBackupOutcome = { kind: 'skipped' } | { kind: 'written'; state: AutoBackupState } | { kind: 'failed'; error: string }

/**
 * Writes today's automatic backup if none was written today (`last` is the previous state). The desktop's
 * main process names the file by its own date and rotates (see electron/main/ipc/backup.ts). Never throws.
 */
export async function autoBackupIfDue(
  db: ConsoleDb,
  last: AutoBackupState | null,
  today: string,
  info: BackupInfo,
  write: AutoBackupWriter,
): Promise<AutoBackupOutcome> {
  if (last?.date === today) return { kind: 'skipped' }
  try {
    const json = await createBackup(db, info)
    const r = await write(json)
    if (!r.ok) return { kind: 'failed', error: r.error }
    return { kind: 'written', state: { date: today, path: r.value.path, at: info.now } }
  } catch (err) {
    return { kind: 'failed', error: err instanceof Error ? err.message : String(err) }
  }
}
