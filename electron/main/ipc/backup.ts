import fs from 'node:fs/promises'
import path from 'node:path'
import type { AutoBackupRequest, AutoBackupResult } from '../../shared/contract'
import { writeFileAtomic } from './atomic'

export const KEEP_BACKUPS = 7
const NAME = /^console-backup-(\d{4}-\d{2}-\d{2})\.json$/
const PARTIAL = /^console-backup-\d{4}-\d{2}-\d{2}\.json\.[0-9a-f]+\.partial$/
/** A temp file this old was left by a crash, not by a write in progress. */
const STALE_PARTIAL_MS = 60 * 60 * 1000

/**
 * Writes the day's automatic backup into `dir` (atomic: temp file then rename; the same day overwrites)
 * and keeps the newest KEEP_BACKUPS files by date, deleting older ones and temp files left by crashes.
 */
export async function writeAutoBackup(dir: string, req: AutoBackupRequest, now: number = Date.now()): Promise<AutoBackupResult> {
  await fs.mkdir(dir, { recursive: true })
  const file = path.join(dir, `console-backup-${req.date}.json`)
  await writeFileAtomic(file, { kind: 'text', text: req.json })
  const all = await fs.readdir(dir)
  const names = all.filter((n) => NAME.test(n)).sort()
  const excess = names.slice(0, Math.max(0, names.length - KEEP_BACKUPS))
  const stale = await Promise.all(
    all
      .filter((n) => PARTIAL.test(n))
      .map(async (n) => (((await fs.stat(path.join(dir, n)).catch(() => null))?.mtimeMs ?? now) < now - STALE_PARTIAL_MS ? n : null)),
  )
  await Promise.all([...excess, ...stale.filter((n): n is string => n !== null)].map((n) => fs.rm(path.join(dir, n), { force: true })))
  return { path: file, kept: names.slice(-KEEP_BACKUPS) }
}
