import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KEEP_BACKUPS, writeAutoBackup } from './backup'

const name = (date: string): string => `console-backup-${date}.json`
const day = (n: number): string => new Date(Date.UTC(2026, 10, 1 + n)).toISOString().slice(0, 10)

describe('writeAutoBackup', () => {
  let dir: string
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'backup-')), 'user-data', 'backups')
  })
  afterEach(() => fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true }))

  it('creates the folder and writes the dated backup', async () => {
    const result = await writeAutoBackup(dir, { date: '2026-11-30', json: '{"cases":[]}' })
    expect(result).toEqual({ path: path.join(dir, name('2026-11-30')), kept: [name('2026-11-30')] })
    expect(fs.readFileSync(result.path, 'utf8')).toBe('{"cases":[]}')
    expect(fs.readdirSync(dir)).toEqual([name('2026-11-30')])
  })

  it('keeps only the newest seven, by date', async () => {
    // written out of order, as a clock change might
    const order = [3, 0, 9, 1, 5, 2, 8, 4, 7, 6]
    for (const n of order) await writeAutoBackup(dir, { date: day(n), json: `{"n":${n}}` })
    const expected = [3, 4, 5, 6, 7, 8, 9].map((n) => name(day(n)))
    expect(KEEP_BACKUPS).toBe(7)
    expect(fs.readdirSync(dir).sort()).toEqual(expected)
    const last = await writeAutoBackup(dir, { date: day(10), json: '{"n":10}' })
    expect(last.kept).toEqual([4, 5, 6, 7, 8, 9, 10].map((n) => name(day(n))))
    expect(fs.readdirSync(dir).sort()).toEqual(last.kept)
  })

  it('overwrites the same day instead of adding a file', async () => {
    await writeAutoBackup(dir, { date: '2026-11-30', json: '{"v":1}' })
    await writeAutoBackup(dir, { date: '2026-11-30', json: '{"v":2}' })
    expect(fs.readdirSync(dir)).toEqual([name('2026-11-30')])
    expect(fs.readFileSync(path.join(dir, name('2026-11-30')), 'utf8')).toBe('{"v":2}')
  })

  it('leaves files that are not its backups alone', async () => {
    fs.mkdirSync(dir, { recursive: true })
    const others = ['notes.txt', 'console-backup-latest.json', 'console-backup-2026-01-01.json.bak']
    for (const o of others) fs.writeFileSync(path.join(dir, o), 'x')
    for (let n = 0; n < 9; n++) await writeAutoBackup(dir, { date: day(n), json: '{}' })
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => others.includes(f))
        .sort(),
    ).toEqual([...others].sort())
  })

  it('writes atomically: two writes of the same day at once leave one whole file and no temp files', async () => {
    const big = (c: string): string => JSON.stringify({ fill: c.repeat(2_000_000) })
    await Promise.all([
      writeAutoBackup(dir, { date: '2026-11-30', json: big('a') }),
      writeAutoBackup(dir, { date: '2026-11-30', json: big('b') }),
    ])
    expect(fs.readdirSync(dir)).toEqual([name('2026-11-30')])
    const text = fs.readFileSync(path.join(dir, name('2026-11-30')), 'utf8')
    expect([big('a'), big('b')]).toContain(text)
  })

  it('a failed write keeps the previous backup intact and leaves no temp file', async () => {
    await writeAutoBackup(dir, { date: '2026-11-30', json: '{"v":1}' })
    // a text payload that cannot be written makes the write fail after the temp file exists
    await expect(writeAutoBackup(dir, { date: '2026-11-30', json: 42 as unknown as string })).rejects.toThrow()
    expect(fs.readdirSync(dir)).toEqual([name('2026-11-30')])
    expect(fs.readFileSync(path.join(dir, name('2026-11-30')), 'utf8')).toBe('{"v":1}')
  })

  it('removes temp files left by a crash once they are stale, not fresh ones', async () => {
    fs.mkdirSync(dir, { recursive: true })
    const stale = path.join(dir, `${name('2026-11-01')}.0a1b2c.partial`)
    const fresh = path.join(dir, `${name('2026-11-02')}.3d4e5f.partial`)
    fs.writeFileSync(stale, '{"half')
    fs.writeFileSync(fresh, '{"half')
    const now = Date.now()
    fs.utimesSync(stale, new Date(now - 2 * 3600_000), new Date(now - 2 * 3600_000))
    await writeAutoBackup(dir, { date: '2026-11-30', json: '{}' }, now)
    expect(fs.existsSync(stale)).toBe(false)
    expect(fs.existsSync(fresh)).toBe(true)
  })
})
