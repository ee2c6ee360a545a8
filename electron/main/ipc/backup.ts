import fs from 'node:fs/promises'
import path from 'node:path'
import type { AutoBackupResult } from '../../shared/contract'
import { inspectBackupHead, inspectBackupText, type BackupInspection } from '../backupFormat'
import { mainLog } from '../log'
import { writeFileAtomic } from './atomic'

/** Backups kept by age: the newest files, whatever they hold. */
export const KEEP_BACKUPS = 7
/** Backups with cases kept in any case: the newest ones, however many empty backups came after them. */
export const KEEP_WITH_CASES = 7
const NAME = /^console-backup-(\d{4}-\d{2}-\d{2})\.json$/
const PARTIAL = /^console-backup-\d{4}-\d{2}-\d{2}\.json\.[0-9a-f]+\.partial$/
/** A temp file this old was left by a crash, not by a write in progress. */
const STALE_PARTIAL_MS = 60 * 60 * 1000
/** How much of a backup file is read to learn what it holds (its header and table list come first). */
const HEAD_BYTES = 256 * 1024
/** Backups hold personal data: only their owner may read them. */
const FILE_MODE = 0o600
const DIR_MODE = 0o700

export interface AutoBackupOptions {
  /** Main's clock, epoch ms: names the day's file and orders the backups. */
  now?: number
  /** Checks the text is a backup of this app (the real handler runs it in a worker thread). */
  inspect?: (text: string) => Promise<BackupInspection>
}

/** `2026-11-30` in main's local time zone. */
export function localDateOf(now: number): string {
  const d = new Date(now)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

interface BackupFile {
  name: string
  mtimeMs: number
  /** Cases in the file (0 for an empty backup, or a file that is not one of ours). */
  cases: number
}

async function readHead(file: string): Promise<string> {
  const handle = await fs.open(file, 'r')
  try {
    const buffer = Buffer.alloc(HEAD_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}

async function onDisk(dir: string, name: string): Promise<BackupFile | null> {
  const file = path.join(dir, name)
  try {
    const stat = await fs.stat(file)
    if (!stat.isFile()) return null
    const summary = inspectBackupHead(await readHead(file))
    return { name, mtimeMs: stat.mtimeMs, cases: summary?.cases ?? 0 }
  } catch (err) {
    mainLog.warn('backup.inspect', err)
    return null
  }
}

/**
 * Which backups to keep: the KEEP_BACKUPS newest, and the KEEP_WITH_CASES newest that hold cases. Newest
 * by main's clock (when main wrote the file), never by the date in a name: a file named for the year 9999
 * is not "newer" than today's.
 */
export function backupsToKeep(files: readonly BackupFile[]): Set<string> {
  const newest = [...files].sort((a, b) => b.mtimeMs - a.mtimeMs || b.name.localeCompare(a.name))
  return new Set([
    ...newest.slice(0, KEEP_BACKUPS).map((f) => f.name),
    ...newest
      .filter((f) => f.cases > 0)
      .slice(0, KEEP_WITH_CASES)
      .map((f) => f.name),
  ])
}

/**
 * Writes the day's automatic backup into `dir`, the day being main's own (any date the renderer may send
 * is not used), then rotates. Refuses text that is not a backup of this app (the IPC envelope carries the
 * reason and nothing on disk changes). A backup without cases never replaces the day's backup with cases
 * (`written: false`), and rotation keeps the newest backups with cases whatever number of empty ones
 * follow, so a wiped database cannot push the good backups out. Files are written for the owner only
 * (0600, folder 0700), atomically (temp file then rename; the same day overwrites); temp files left by
 * crashes are removed.
 */
export async function writeAutoBackup(dir: string, json: string, options: AutoBackupOptions = {}): Promise<AutoBackupResult> {
  const now = options.now ?? Date.now()
  const inspection = await (options.inspect ?? ((t: string) => Promise.resolve(inspectBackupText(t))))(json)
  if (!inspection.ok) throw new Error(`not a backup of this console (${inspection.reason}); nothing was written`)

  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE })
  await fs.chmod(dir, DIR_MODE)
  const name = `console-backup-${localDateOf(now)}.json`
  const file = path.join(dir, name)
  const today = await onDisk(dir, name)
  const written = !(inspection.value.cases === 0 && today !== null && today.cases > 0)
  if (written) {
    await writeFileAtomic(file, { kind: 'text', text: json }, FILE_MODE)
    // the file's time is main's clock at writing: it orders the backups
    await fs.utimes(file, now / 1000, now / 1000)
  }

  const all = await fs.readdir(dir)
  const backups = (await Promise.all(all.filter((n) => NAME.test(n)).map((n) => onDisk(dir, n)))).filter((f): f is BackupFile => f !== null)
  const keep = backupsToKeep(backups)
  const excess = backups.filter((f) => !keep.has(f.name)).map((f) => f.name)
  const stale = await Promise.all(
    all
      .filter((n) => PARTIAL.test(n))
      .map(async (n) =>
        ((await fs.stat(path.join(dir, n)).catch(() => null)) /* gone meanwhile: nothing to remove */?.mtimeMs ?? now) <
        now - STALE_PARTIAL_MS
          ? n
          : null,
      ),
  )
  await Promise.all([...excess, ...stale.filter((n): n is string => n !== null)].map((n) => fs.rm(path.join(dir, n), { force: true })))
  // files written before backups were private
  await Promise.all([...keep].map((n) => fs.chmod(path.join(dir, n), FILE_MODE).catch((err: unknown) => mainLog.warn('backup.chmod', err))))
  return { path: file, written, kept: [...keep].sort() }
}
