import { ProblemError } from '@/domain/result'
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConsoleDb } from './db'
import {
  clearPlaybookFiles,
  installPlaybookFiles,
  PLAYBOOK_FILES_SETTING,
  PLAYBOOK_INSTALLED_SETTING,
  readStoredPlaybook,
} from './playbookFiles'
import { testDb } from '@test/db'

let db: ConsoleDb
afterEach(() => db?.close())
const files = [
  { file: 'playbook.en.json', text: '{"version":2}' },
  { file: 'playbook.zh-CN.json', text: '{"version":2}' },
]

describe('stored playbook files', () => {
  it('nothing stored: no files, no install record', async () => {
    db = testDb()
    expect(await readStoredPlaybook(db)).toEqual({ files: undefined, installed: null })
  })

  it('install then reset: files, who and when, and one audit event each', async () => {
    db = testDb()
    const meta = await installPlaybookFiles(db, files, 2, { agent: 'Lin', now: 5_000, fromVersion: 1, fromCustom: false })
    expect(meta).toEqual({ at: 5_000, agent: 'Lin', version: 2 })
    expect(await readStoredPlaybook(db)).toEqual({ files, installed: meta })

    await clearPlaybookFiles(db, 1, { agent: 'Mei', now: 6_000, fromVersion: 2, fromCustom: true })
    expect(await readStoredPlaybook(db)).toEqual({ files: null, installed: null })

    const events = await db.events.toArray()
    expect(events.map((e) => [e.entity, e.entityId, e.action, e.agent, e.at])).toEqual([
      ['settings', PLAYBOOK_FILES_SETTING, 'installed', 'Lin', 5_000],
      ['settings', PLAYBOOK_FILES_SETTING, 'reset', 'Mei', 6_000],
    ])
    expect(events[0]?.note).toBe('playbook.en.json, playbook.zh-CN.json')
    expect(events[0]?.changes).toEqual([
      { field: 'content', from: 'bundled', to: 'custom' },
      { field: 'version', from: 1, to: 2 },
    ])
    expect(events[1]?.changes).toEqual([
      { field: 'content', from: 'custom', to: 'bundled' },
      { field: 'version', from: 2, to: 1 },
    ])
  })

  it('an unreadable install record reads as unknown, the files are still returned', async () => {
    db = testDb()
    await db.settings.bulkPut([
      { key: PLAYBOOK_FILES_SETTING, value: files },
      { key: PLAYBOOK_INSTALLED_SETTING, value: { at: 'yesterday' } },
    ])
    expect(await readStoredPlaybook(db)).toEqual({ files, installed: null })
  })

  it('refuses files it could not read back, and stores nothing', async () => {
    db = testDb()
    const many = Array.from({ length: 11 }, (_, i) => ({ file: `f${i}.json`, text: '{}' }))
    await expect(installPlaybookFiles(db, many, 1, { agent: 'Lin', now: 1, fromVersion: 1, fromCustom: false })).rejects.toThrow()
    expect(await db.settings.count()).toBe(0)
    expect(await db.events.count()).toBe(0)
  })

  it('a storage failure comes back as a ProblemError (plain words for the agent)', async () => {
    db = testDb()
    db.close()
    await expect(installPlaybookFiles(db, files, 2, { agent: 'Lin', now: 1, fromVersion: 1, fromCustom: false })).rejects.toBeInstanceOf(
      ProblemError,
    )
  })
})
