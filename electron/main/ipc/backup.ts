import fs from 'node:fs/promises'
import path from 'node:path'
import type { AutoBackupRequest, AutoBackupResult } from '../../shared/contract'

export const KEEP_BACKUPS = 7
const NAME = /^console-backup-(\d{4}-\d{2}-\d{2})\.json$/

/**
 * Writes today's automatic backup into `dir` (atomic: temp file then rename) and keeps the newest
 * KEEP_BACKUPS files, deleting older ones.
 */
export async function writeAutoBackup(dir: string, req: AutoBackupRequest): Promise<AutoBackupResult> {
  await fs.mkdir(dir, { recursive: true })
  const file = path.join(dir, `console-backup-${req.date}.json`)
  const tmp = `${file}.partial`
  await fs.writeFile(tmp, req.json, 'utf8')
  await fs.rename(tmp, file)
  const names = (await fs.readdir(dir)).filter((n) => NAME.test(n)).sort()
  const excess = names.slice(0, Math.max(0, names.length - KEEP_BACKUPS))
  await Promise.all(excess.map((n) => fs.rm(path.join(dir, n), { force: true })))
  return { path: file, kept: names.slice(-KEEP_BACKUPS) }
}
