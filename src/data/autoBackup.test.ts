import Dexie from 'dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { autoBackupIfDue } from './autoBackup'
import { checkBackup } from './backup'
import type { ConsoleDb } from './db'
import { fixture, T0, writeFixture } from './fixtures'
import { storageEstimate, usageShare } from './storage'
import { testDb } from './testing'

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
    const write = vi.fn(async (date: string, _json: string) => ({
      ok: true as const,
      value: { path: `/data/backups/console-backup-${date}.json` },
    }))
    const first = await autoBackupIfDue(db, null, '2026-11-24', info, write)
    expect(first).toEqual({ kind: 'written', state: { date: '2026-11-24', path: '/data/backups/console-backup-2026-11-24.json', at: T0 } })
    expect((await checkBackup(db, write.mock.calls[0]![1])).ok).toBe(true)

    const state = first.kind === 'written' ? first.state : null
    expect(await autoBackupIfDue(db, state, '2026-11-24', info, write)).toEqual({ kind: 'skipped' })
    expect(write).toHaveBeenCalledTimes(1)
    expect((await autoBackupIfDue(db, state, '2026-11-25', info, write)).kind).toBe('written')
    expect(write).toHaveBeenCalledTimes(2)
  })

  it('reports a failed write without throwing', async () => {
    db = testDb()
    const r = await autoBackupIfDue(db, null, '2026-11-24', info, async () => ({ ok: false, error: 'disk full' }))
    expect(r).toEqual({ kind: 'failed', error: 'disk full' })
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
