import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { SCHEMA_V2 } from './db'
import type { ConsoleDb } from './db'
import type { ProblemError } from '@/domain/result'
import { appendEvent } from './events'
import { SecretRefused } from './secretGuard'
import { testDb } from '@test/db'

let db: ConsoleDb
afterEach(() => db?.close())

const T = Date.UTC(2026, 10, 24, 6)

describe('the data layer refuses secrets in any table', () => {
  it('a new record with a code in its notes is refused, naming the field', async () => {
    db = testDb()
    const err = await db.settings.put({ key: 'prefs', value: { agentName: 'Lin code 482913' } }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SecretRefused)
    expect((err as ProblemError).problem).toMatchObject({
      key: 'errors.guard.stored',
      params: { fieldKey: 'guard.fields.agentName', kindKey: 'guard.kinds.verificationCode', count: 1 },
    })
    expect(await db.settings.count()).toBe(0)
  })
  it('inside a transaction: nothing of it is written', async () => {
    db = testDb()
    const write = db.transaction('rw', db.settings, db.events, async () => {
      await appendEvent(db, { entity: 'settings', entityId: 'x', caseId: null, action: 'changed' }, 'Lin', T)
      await db.settings.put({ key: 'x', value: ['fine', { deep: 'key JBSWY3DPEHPK3PXP' }] })
    })
    await expect(write).rejects.toBeInstanceOf(SecretRefused)
    expect(await db.events.count()).toBe(0)
  })
  it('a change is checked for new text only: a record stored before the guard stays editable', async () => {
    db = testDb()
    // written below the guard, as an older build would have
    const old = new Dexie(db.name)
    old.version(2).stores(SCHEMA_V2)
    await old.table('settings').put({ key: 'old', value: { note: 'code 482913', other: 'fine' } })
    old.close()
    const put = (value: object) => db.settings.put({ key: 'old', value })
    await put({ note: 'code 482913', other: 'still fine' })
    expect((await db.settings.get('old'))?.value).toEqual({ note: 'code 482913', other: 'still fine' })
    // update() and modify() pass the same hook as put()
    await expect(db.table('settings').update('old', { 'value.other': 'ID 11010519491231002X' })).rejects.toBeInstanceOf(SecretRefused)
    // editing the old text means removing the secret
    await expect(put({ note: 'code 482913, called back', other: 'still fine' })).rejects.toBeInstanceOf(SecretRefused)
    await put({ note: 'code [verification code removed], called back', other: 'still fine' })
  })
  it('the audit trail redacts what a field held before, and refuses new text', async () => {
    db = testDb()
    await appendEvent(
      db,
      {
        entity: 'case',
        entityId: 1,
        caseId: 1,
        action: 'updated',
        changes: [{ field: 'notes', from: 'code 482913', to: 'code [verification code removed]' }],
      },
      'Lin',
      T,
    )
    const [e] = await db.events.toArray()
    expect(e?.changes[0]?.from).toBe('code [verification code removed]')
    await expect(
      appendEvent(
        db,
        { entity: 'case', entityId: 1, caseId: 1, action: 'updated', changes: [{ field: 'notes', from: '', to: 'code 482913' }] },
        'Lin',
        T,
      ),
    ).rejects.toBeInstanceOf(SecretRefused)
  })
})
