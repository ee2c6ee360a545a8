import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backupText } from '../test-support/backups'
import { KEEP_BACKUPS, KEEP_WITH_CASES, localDateOf, writeAutoBackup } from './backup'

const name = (date: string): string => `console-backup-${date}.json`
const DAY = 86_400_000
/** Noon, local time, `n` days after 1 November 2026: main's clock in these tests. */
const at = (n: number): number => new Date(2026, 10, 1 + n, 12).getTime()
const dateOf = (n: number): string => localDateOf(at(n))
const read = (dir: string, n: number): string => fs.readFileSync(path.join(dir, name(dateOf(n))), 'utf8')

describe('writeAutoBackup', () => {
  let dir: string
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'backup-')), 'user-data', 'backups')
  })
  afterEach(() => fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true }))

  /** Seven days of good backups, as main would have written them. */
  async function sevenGoodDays(): Promise<string[]> {
    for (let n = 0; n < 7; n++) await writeAutoBackup(dir, backupText({ cases: 3, marker: `day ${n}` }), { now: at(n) })
    const files = fs.readdirSync(dir).sort()
    expect(files).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => name(dateOf(n))))
    return files
  }

  it('creates the folder and writes the backup under the date of main’s clock', async () => {
    const json = backupText({ cases: 2 })
    const result = await writeAutoBackup(dir, json, { now: at(29) })
    expect(dateOf(29)).toBe('2026-11-30')
    expect(result).toEqual({ path: path.join(dir, name('2026-11-30')), written: true, kept: [name('2026-11-30')] })
    expect(fs.readFileSync(result.path, 'utf8')).toBe(json)
    expect(fs.readdirSync(dir)).toEqual([name('2026-11-30')])
  })

  it.skipIf(process.platform === 'win32')('writes backups readable by their owner only (file 0600, folder 0700)', async () => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 })
    fs.chmodSync(dir, 0o755)
    const older = path.join(dir, name('2026-10-01'))
    fs.writeFileSync(older, backupText({ cases: 1 }), { mode: 0o644 })
    const result = await writeAutoBackup(dir, backupText({ cases: 1 }), { now: at(0) })
    expect(fs.statSync(result.path).mode & 0o777).toBe(0o600)
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700)
    // a backup written before backups were private is made private too
    expect(fs.statSync(older).mode & 0o777).toBe(0o600)
  })

  it('refuses text that is not a backup of this console, and changes nothing on disk', async () => {
    const before = await sevenGoodDays()
    const garbage = [
      '{}',
      '{"cases":[]}',
      'not json at all',
      JSON.stringify({ ...JSON.parse(backupText({ cases: 1 })), console: { app: 'another-app', schemaVersion: 2 } }),
      backupText({ cases: 1, schemaVersion: 99 }),
      backupText({ cases: 2 }).replace('"rowCount":2', '"rowCount":5'),
      backupText({ cases: 1 }).replace('{"id":1,"marker":""}', '7'),
    ]
    for (const json of garbage) {
      await expect(writeAutoBackup(dir, json, { now: at(7) }), json.slice(0, 40)).rejects.toThrow(/not a backup of this console/)
    }
    expect(fs.readdirSync(dir).sort()).toEqual(before)
  })

  it('seven calls that used to delete every real backup now delete none', async () => {
    // The old handler took the date from the renderer and kept the seven newest names: seven calls
    // "dated" 9999-12-25…31 pushed every real backup out. Main now dates by its own clock, refuses what
    // is not a backup, and never lets backups without cases push out backups with cases.
    const before = await sevenGoodDays()
    const contents = before.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    for (let d = 25; d <= 31; d++) {
      await expect(writeAutoBackup(dir, `{"date":"9999-12-${d}"}`, { now: at(7) })).rejects.toThrow()
    }
    expect(fs.readdirSync(dir).sort()).toEqual(before)
    // the same seven calls with a well-formed empty backup (a wiped database)
    for (let d = 25; d <= 31; d++) await writeAutoBackup(dir, backupText({ cases: 0 }), { now: at(7) + d })
    const after = fs.readdirSync(dir).sort()
    expect(after).toEqual([...before, name(dateOf(7))])
    expect(before.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))).toEqual(contents)
  })

  it('a wiped database backed up daily never rotates the good backups out', async () => {
    const good = await sevenGoodDays()
    for (let n = 7; n < 7 + 3 * KEEP_BACKUPS; n++) await writeAutoBackup(dir, backupText({ cases: 0 }), { now: at(n) })
    const files = fs.readdirSync(dir).sort()
    expect(KEEP_WITH_CASES).toBe(7)
    expect(files.filter((f) => good.includes(f))).toEqual(good)
    // plus the newest empty ones: the folder does not grow without end
    expect(files).toHaveLength(KEEP_WITH_CASES + KEEP_BACKUPS)
    expect(files.slice(-1)).toEqual([name(dateOf(6 + 3 * KEEP_BACKUPS))])
  })

  it('an empty backup never replaces the day’s backup with cases', async () => {
    const good = backupText({ cases: 4, marker: 'morning' })
    await writeAutoBackup(dir, good, { now: at(0) })
    const r = await writeAutoBackup(dir, backupText({ cases: 0 }), { now: at(0) + 3_600_000 })
    expect(r).toMatchObject({ written: false, path: path.join(dir, name(dateOf(0))) })
    expect(read(dir, 0)).toBe(good)
    // a backup with cases does replace it
    const later = backupText({ cases: 5, marker: 'evening' })
    expect((await writeAutoBackup(dir, later, { now: at(0) + 7_200_000 })).written).toBe(true)
    expect(read(dir, 0)).toBe(later)
  })

  it('keeps the seven newest by main’s clock, once new backups with cases come in', async () => {
    for (let n = 0; n < 10; n++) await writeAutoBackup(dir, backupText({ cases: 1, marker: `${n}` }), { now: at(n) })
    expect(KEEP_BACKUPS).toBe(7)
    const expected = [3, 4, 5, 6, 7, 8, 9].map((n) => name(dateOf(n)))
    expect(fs.readdirSync(dir).sort()).toEqual(expected)
    const last = await writeAutoBackup(dir, backupText({ cases: 1 }), { now: at(10) })
    expect(last.kept).toEqual([4, 5, 6, 7, 8, 9, 10].map((n) => name(dateOf(n))))
    expect(fs.readdirSync(dir).sort()).toEqual(last.kept)
  })

  it('a file named for a far-off date is not newer than today’s backup', async () => {
    fs.mkdirSync(dir, { recursive: true })
    // left by the old handler: names from the renderer, written last week
    for (let d = 25; d <= 31; d++) {
      const f = path.join(dir, name(`9999-12-${d}`))
      fs.writeFileSync(f, backupText({ cases: 0 }))
      fs.utimesSync(f, (at(0) - 7 * DAY) / 1000, (at(0) - 7 * DAY) / 1000)
    }
    await writeAutoBackup(dir, backupText({ cases: 1 }), { now: at(0) })
    expect(fs.readdirSync(dir)).toContain(name(dateOf(0)))
    for (let n = 1; n < KEEP_BACKUPS; n++) await writeAutoBackup(dir, backupText({ cases: 1 }), { now: at(n) })
    expect(fs.readdirSync(dir).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => name(dateOf(n))))
  })

  it('overwrites the same day instead of adding a file', async () => {
    await writeAutoBackup(dir, backupText({ cases: 1, marker: 'v1' }), { now: at(0) })
    await writeAutoBackup(dir, backupText({ cases: 1, marker: 'v2' }), { now: at(0) + 60_000 })
    expect(fs.readdirSync(dir)).toEqual([name(dateOf(0))])
    expect(read(dir, 0)).toContain('"v2"')
  })

  it('leaves files that are not its backups alone', async () => {
    fs.mkdirSync(dir, { recursive: true })
    const others = ['notes.txt', 'console-backup-latest.json', 'console-backup-2026-01-01.json.bak']
    for (const o of others) fs.writeFileSync(path.join(dir, o), 'x')
    for (let n = 0; n < 9; n++) await writeAutoBackup(dir, backupText({ cases: 1 }), { now: at(n) })
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => others.includes(f))
        .sort(),
    ).toEqual([...others].sort())
  })

  it('writes atomically: two writes of the same day at once leave one whole file and no temp files', async () => {
    const a = backupText({ cases: 20_000, marker: 'a'.repeat(50) })
    const b = backupText({ cases: 20_000, marker: 'b'.repeat(50) })
    await Promise.all([writeAutoBackup(dir, a, { now: at(29) }), writeAutoBackup(dir, b, { now: at(29) })])
    expect(fs.readdirSync(dir)).toEqual([name('2026-11-30')])
    expect([a, b]).toContain(fs.readFileSync(path.join(dir, name('2026-11-30')), 'utf8'))
  })

  it('removes temp files left by a crash once they are stale, not fresh ones', async () => {
    fs.mkdirSync(dir, { recursive: true })
    const stale = path.join(dir, `${name('2026-11-01')}.0a1b2c.partial`)
    const fresh = path.join(dir, `${name('2026-11-02')}.3d4e5f.partial`)
    fs.writeFileSync(stale, '{"half')
    fs.writeFileSync(fresh, '{"half')
    const now = Date.now()
    fs.utimesSync(stale, new Date(now - 2 * 3600_000), new Date(now - 2 * 3600_000))
    await writeAutoBackup(dir, backupText({ cases: 1 }), { now })
    expect(fs.existsSync(stale)).toBe(false)
    expect(fs.existsSync(fresh)).toBe(true)
  })
})
