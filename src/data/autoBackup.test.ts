import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { autoBackupIfDue } from './autoBackup'
import { BACKUP_TABLES, inspectBackupHead, inspectBackupText } from '../../electron/main/backupFormat'
import { checkBackup, createBackup } from './backup'
import { SCHEMA_VERSION, SCHEMAS, backupTables, type ConsoleDb } from './db'
import { fixture, T0, writeFixture } from '@test/fixture'
import { storageEstimate, usageShare } from './storage'
import { testDb } from '@test/db'

let db: ConsoleDb
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

const info = { appVersion: '0.1.0', now: T0, agent: 'Lin' }

describe('autoBackupIfDue', () => {
  it('writes one backup a day, a restorable one, and remembers where', async () => {
    db = testDb()
    await writeFixture(db, fixture())
    const write = vi.fn(async (_json: string) => ({ ok: true as const, value: { path: '/data/backups/console-backup-2026-11-24.json' } }))
    const first = await autoBackupIfDue(db, null, '2026-11-24', info, write)
    expect(first).toEqual({ ok: true, value: { date: '2026-11-24', path: '/data/backups/console-backup-2026-11-24.json', at: T0 } })
    expect((await checkBackup(db, write.mock.calls[0]![0])).ok).toBe(true)

    const state = first.ok ? first.value : null
    expect(await autoBackupIfDue(db, state, '2026-11-24', info, write)).toEqual({ ok: true, value: null })
    expect(write).toHaveBeenCalledTimes(1)
    expect(await autoBackupIfDue(db, state, '2026-11-25', info, write)).toMatchObject({ ok: true, value: { date: '2026-11-25' } })
    expect(write).toHaveBeenCalledTimes(2)
  })

  it('reports a failed write without throwing', async () => {
    db = testDb()
    const diskFull = { key: 'errors.ipc.failed', params: { channel: 'backup:auto', detail: 'ENOSPC' } }
    const r = await autoBackupIfDue(db, null, '2026-11-24', info, async () => ({ ok: false, error: diskFull }))
    expect(r).toEqual({ ok: false, error: diskFull })
  })
})

describe("the desktop's own check of automatic backups (electron/main/backupFormat.ts)", () => {
  it('knows the tables of every shipped schema version', () => {
    const fromDb = Object.fromEntries(Object.keys(SCHEMAS).map((v) => [v, backupTables(Number(v)).sort()]))
    expect(BACKUP_TABLES).toEqual(fromDb)
    expect(Math.max(...Object.keys(BACKUP_TABLES).map(Number))).toBe(SCHEMA_VERSION)
  })

  it('accepts what the console writes, and reads its case count from the head of the file', async () => {
    db = testDb()
    const f = fixture()
    await writeFixture(db, f)
    const json = await createBackup(db, info)
    const cases = await db.cases.count()
    expect(cases).toBeGreaterThan(0)
    const whole = inspectBackupText(json)
    expect(whole).toEqual({ ok: true, value: { schemaVersion: SCHEMA_VERSION, cases, rows: expect.any(Number) } })
    expect(inspectBackupHead(json.slice(0, 4000))).toEqual(whole.ok ? whole.value : null)
  })

  it('accepts an empty database as an empty backup', async () => {
    db = testDb()
    await db.open()
    const r = inspectBackupText(await createBackup(db, info))
    expect(r.ok && r.value.cases).toBe(0)
  })
})

describe('storageEstimate', () => {
  it('reads usage, quota and persistence, and tolerates a browser without them', async () => {
    const storage = {
      estimate: async () => ({ usage: 5_000_000, quota: 100_000_000 }),
      persisted: async () => true,
    } as unknown as StorageManager
    const e = await storageEstimate(storage)
    expect(e).toEqual({ usage: 5_000_000, quota: 100_000_000, persisted: true })
    expect(usageShare(e)).toBeCloseTo(0.05)
    expect(await storageEstimate(undefined)).toEqual({ usage: null, quota: null, persisted: null })
    const broken = {
      estimate: async () => Promise.reject(new Error('no')),
      persisted: async () => Promise.reject(new Error('no')),
    } as unknown as StorageManager
    expect(await storageEstimate(broken)).toEqual({ usage: null, quota: null, persisted: null })
    expect(usageShare({ usage: 1, quota: 0, persisted: null })).toBeNull()
  })
})
