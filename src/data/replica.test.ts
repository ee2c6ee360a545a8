import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { SYNC_DOC_SCHEMAS, UUID_PATTERN, type SyncKind } from '@/domain/sync/records'
import type { OutboxEntry } from '@/sync/types'
import { appendAttempt } from './attempts'
import { createCase, updateCaseFacts } from './cases'
import { SCHEMAS, type ConsoleDb } from './db'
import { saveSlaSettings } from './calendarSettings'
import { eventsForCase } from './events'
import { createReplica, type DexieReplica } from './replica'
import { closeReview, openReview } from './reviews'
import { writeSetting } from './settings'
import { seedTemplates } from './templates'
import { facts, numbers, testDb } from '@test/db'
import { purgeCase, trashCase } from './trash'
import { DEFAULT_SLA_SETTINGS } from '@/domain/sla/settings'

const T0 = Date.parse('2026-11-24T08:00:00Z')
const USER = '0190a000-0000-7000-8000-000000000001'
const ctx = (now = T0, agent = 'Lin') => ({ now, agent })

const dbs: ConsoleDb[] = []
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

function setup(queueing = true): { db: ConsoleDb; replica: DexieReplica } {
  const db = testDb()
  dbs.push(db)
  let n = 0
  const replica = createReplica(db, {
    now: () => T0 + 1000,
    nextCaseNumber: () => `VC-20261124-R${String(n++).padStart(3, '0')}`,
    agent: () => 'Lin',
  })
  replica.setQueueing(queueing)
  return { db, replica }
}

/** The document as the server stores it after its stamps, checked with the shared schema. */
function expectValidInsert(e: OutboxEntry): void {
  if (e.op !== 'insert') throw new Error(`expected an insert, got ${e.op}`)
  const stamped: Record<string, unknown> = { ...e.doc, id: e.id, updatedAt: T0, updatedBy: USER }
  if (['case', 'attempt', 'reply', 'event', 'review'].includes(e.kind)) stamped.agent = USER
  if (e.kind === 'review') stamped.owner = USER
  const r = SYNC_DOC_SCHEMAS[e.kind].safeParse(stamped)
  expect(r.success, `${e.kind}: ${JSON.stringify(r.error?.issues)}`).toBe(true)
}

const newCase = (db: ConsoleDb, over: Parameters<typeof facts>[0] = {}, nextNumber = numbers()) =>
  createCase(db, facts({ uid: '35001234', phone: '+8613800138000', channels: ['sms'], ...over }), ctx(), nextNumber)

const pendingOf = async (replica: DexieReplica): Promise<OutboxEntry[]> => replica.nextBatch(1000)

describe('outbox written with every local change', () => {
  it('solo: records get a syncId and rev, and nothing is queued', async () => {
    const { db, replica } = setup(false)
    const c = await newCase(db)
    const stored = (await db.cases.get(c.id!))!
    expect(stored.syncId).toMatch(UUID_PATTERN)
    expect(stored.rev).toBe(1)
    expect(stored.serverVersion).toBeNull()
    await updateCaseFacts(db, c.id!, facts({ uid: '35001235', phone: '+8613800138000', channels: ['sms'] }), ctx(T0 + 1))
    expect((await db.cases.get(c.id!))!.rev).toBe(2)
    expect(await replica.pendingCount()).toBe(0)
  })

  it('team: a new case and its event are queued in the same transaction, as valid wire documents', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    const stored = (await db.cases.get(c.id!))!
    const batch = await pendingOf(replica)
    expect(batch.map((e) => [e.kind, e.op])).toEqual([
      ['case', 'insert'],
      ['event', 'insert'],
    ])
    expect(batch[0]!.id).toBe(stored.syncId)
    batch.forEach(expectValidInsert)
    const [caseEntry, eventEntry] = batch as [OutboxEntry & { op: 'insert' }, OutboxEntry & { op: 'insert' }]
    expect(caseEntry.doc).toMatchObject({ caseNumber: stored.caseNumber, uid: '35001234', deletedAt: null })
    expect(caseEntry.doc).not.toHaveProperty('rev')
    expect(caseEntry.doc).not.toHaveProperty('syncId')
    // references travel as syncIds
    expect(eventEntry.doc).toMatchObject({ entity: 'case', entityId: stored.syncId, caseId: stored.syncId, action: 'created' })
    expect(new Set(batch.map((e) => e.mutationId)).size).toBe(2)
  })

  it('a failed write queues nothing (the outbox entry rolls back with it)', async () => {
    const { db, replica } = setup()
    await newCase(db, {}, () => 'VC-20261124-SAME')
    const before = await replica.pendingCount()
    await expect(newCase(db, {}, () => 'VC-20261124-SAME')).rejects.toThrow()
    expect(await replica.pendingCount()).toBe(before)
  })

  it('an edit is a patch of the changed fields with their stored values as base', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    await replica.acknowledge((await pendingOf(replica)).map((e) => ({ mutationId: e.mutationId, status: 'applied', version: 1 })))
    await updateCaseFacts(db, c.id!, facts({ uid: '35001234', phone: '+8613900139000', channels: ['sms'] }), ctx(T0 + 5))
    const [patch, event] = await pendingOf(replica)
    expect(patch).toMatchObject({
      kind: 'case',
      op: 'patch',
      fields: { phoneE164: '+8613900139000', phoneRev: '0009310093168' },
      base: { phoneE164: '+8613800138000', phoneRev: '0008310083168' },
      baseVersion: null,
    })
    expect(event).toMatchObject({ kind: 'event', op: 'insert' })
  })

  it('checklist records carry their case by syncId; their event names the record by syncId', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    const w = await appendAttempt(
      db,
      { caseId: c.id!, methodId: 'sms-blocking', status: 'suggested', variantId: null, steps: [], note: '' },
      ctx(T0 + 10),
    )
    const caseSync = (await db.cases.get(c.id!))!.syncId
    const attemptSync = (await db.attempts.get(w!.attempt.id))!.syncId
    const batch = await pendingOf(replica)
    const attempt = batch.find((e) => e.kind === 'attempt')!
    expectValidInsert(attempt)
    expect(attempt).toMatchObject({ id: attemptSync, doc: { caseId: caseSync } })
    const ev = batch.filter((e) => e.kind === 'event').at(-1)!
    expect(ev).toMatchObject({ doc: { entity: 'attempt', entityId: attemptSync, caseId: caseSync } })
    // only updatedAt moved on the case: nothing to patch
    expect(batch.filter((e) => e.kind === 'case').map((e) => e.op)).toEqual(['insert'])
  })

  it('trash is a patch of deletedAt; a purge is a tombstone of the case and its reviews (append-only kinds queue nothing)', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    const review = await openReview(
      db,
      c.id!,
      {
        registeredContact: 'li@example.com',
        uid: '35001234',
        description: 'lost phone',
        methodsTried: [],
        identityRequested: false,
        identityReceived: false,
        reference: '',
        submittedAt: T0,
      },
      ctx(T0 + 20),
    )
    await appendAttempt(
      db,
      { caseId: c.id!, methodId: 'escalate', status: 'suggested', variantId: null, steps: [], note: '' },
      ctx(T0 + 30),
    )
    await replica.acknowledge((await pendingOf(replica)).map((e) => ({ mutationId: e.mutationId, status: 'applied', version: 3 })))
    await db.cases.update(c.id!, { serverVersion: 7 })

    await trashCase(db, c.id!, ctx(T0 + 40))
    const trash = (await pendingOf(replica)).find((e) => e.kind === 'case')!
    expect(trash).toMatchObject({ op: 'patch', fields: { deletedAt: T0 + 40 }, base: { deletedAt: null }, baseVersion: 7 })
    await replica.acknowledge((await pendingOf(replica)).map((e) => ({ mutationId: e.mutationId, status: 'applied', version: 8 })))

    const caseSync = (await db.cases.get(c.id!))!.syncId
    const reviewSync = (await db.reviews.get(review.id!))!.syncId
    await purgeCase(db, c.id!, ctx(T0 + 50))
    const purge = await pendingOf(replica)
    expect(purge.filter((e) => e.op === 'delete').map((e) => [e.kind, e.id])).toEqual([
      ['review', reviewSync],
      ['case', caseSync],
    ])
    expect(purge.find((e) => e.kind === 'case')).toMatchObject({ op: 'delete', baseVersion: 7 })
    expect(purge.filter((e) => e.op !== 'delete').map((e) => [e.kind, e.op])).toEqual([['event', 'insert']]) // the purge tombstone event
  })

  it('closing a review is the close command (the server records its event), other review fields a patch', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    const r = await openReview(
      db,
      c.id!,
      {
        registeredContact: 'li@example.com',
        uid: '35001234',
        description: 'lost phone',
        methodsTried: [],
        identityRequested: false,
        identityReceived: false,
        reference: '',
        submittedAt: T0,
      },
      ctx(T0 + 20),
    )
    await replica.acknowledge((await pendingOf(replica)).map((e) => ({ mutationId: e.mutationId, status: 'applied', version: 3 })))
    await closeReview(db, r.id!, { outcome: 'approved' }, ctx(T0 + 60))
    const batch = await pendingOf(replica)
    expect(batch.map((e) => [e.kind, e.op])).toEqual([['review', 'command']])
    expect(batch[0]).toMatchObject({ command: 'close', args: { outcome: 'approved' } })
  })

  it('only team settings are queued', async () => {
    const { db, replica } = setup()
    await writeSetting(db, 'prefs', { theme: 'dark' })
    expect(await replica.pendingCount()).toBe(0)
    await saveSlaSettings(db, { ...DEFAULT_SLA_SETTINGS }, ctx())
    const batch = await pendingOf(replica)
    expect(batch.map((e) => [e.kind, e.op, e.id])).toEqual([
      ['setting', 'insert', 'slaSettings'],
      ['event', 'insert', expect.stringMatching(UUID_PATTERN)],
    ])
    expectValidInsert(batch[0]!)
  })

  it('a large write queues every record in its transaction (the 25 default templates seeded at once in team mode)', async () => {
    const { db, replica } = setup()
    // this failed ("reading 'table'"): after many awaits Dexie's zone was gone when the outbox was written
    const seeded = await seedTemplates(db, ctx())
    expect(seeded.length).toBeGreaterThanOrEqual(25)
    const batch = await pendingOf(replica)
    expect(batch.filter((e) => e.kind === 'template').map((e) => e.id)).toEqual(seeded)
    for (const e of batch.filter((x) => x.kind === 'template')) expectValidInsert(e)
    expect(await db.templates.count()).toBe(seeded.length)
  })
})

describe('acknowledge', () => {
  it('drops applied entries; a conflict becomes a notice on the case', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    const [ins, ev] = await pendingOf(replica)
    await replica.acknowledge([
      { mutationId: ins!.mutationId, status: 'applied', version: 1 },
      { mutationId: ev!.mutationId, status: 'conflict', version: 1, conflicts: [{ field: 'note', kept: 'a', lost: 'b' }] },
    ])
    expect(await replica.pendingCount()).toBe(0)
    const notices = await replica.noticesForCase(c.id!)
    expect(notices).toMatchObject([{ type: 'conflict', kind: 'event', conflicts: [{ field: 'note', kept: 'a', lost: 'b' }] }])
    await replica.dismissNotice(notices[0]!.id!)
    expect(await replica.noticesForCase(c.id!)).toEqual([])
  })

  it('a refused patch is undone where the record still shows it, with a notice', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    await replica.acknowledge((await pendingOf(replica)).map((e) => ({ mutationId: e.mutationId, status: 'applied', version: 1 })))
    await updateCaseFacts(db, c.id!, facts({ uid: '35001234', phone: '+8613800138000', channels: ['sms'], notes: 'new note' }), ctx(T0 + 5))
    const patch = (await pendingOf(replica)).find((e) => e.op === 'patch')!
    await replica.acknowledge([{ mutationId: patch.mutationId, status: 'rejected', reason: 'forbidden' }])
    expect((await db.cases.get(c.id!))!.notes).toBe('')
    expect(await replica.noticesForCase(c.id!)).toMatchObject([{ type: 'rejected', reason: 'forbidden' }])
    // the undo itself is not queued
    expect((await pendingOf(replica)).filter((e) => e.kind === 'case')).toEqual([])
  })

  it('a conflict shows the value the server kept (it may not send the record again), without queueing it', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    await replica.acknowledge((await pendingOf(replica)).map((e) => ({ mutationId: e.mutationId, status: 'applied', version: 1 })))
    await updateCaseFacts(db, c.id!, facts({ uid: '35001234', phone: '+8613800138000', channels: ['sms'], notes: 'mine' }), ctx(T0 + 5))
    const patch = (await pendingOf(replica)).find((e) => e.op === 'patch')!
    await replica.acknowledge([
      { mutationId: patch.mutationId, status: 'conflict', version: 2, conflicts: [{ field: 'notes', kept: 'theirs', lost: 'mine' }] },
    ])
    expect((await db.cases.get(c.id!))!.notes).toBe('theirs')
    expect(await replica.noticesForCase(c.id!)).toMatchObject([{ type: 'conflict', conflicts: [{ field: 'notes', kept: 'theirs' }] }])
    expect((await pendingOf(replica)).filter((e) => e.kind === 'case')).toEqual([])
  })

  it('a conflict leaves a field alone that changed again locally since the push', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    await replica.acknowledge((await pendingOf(replica)).map((e) => ({ mutationId: e.mutationId, status: 'applied', version: 1 })))
    await updateCaseFacts(db, c.id!, facts({ uid: '35001234', phone: '+8613800138000', channels: ['sms'], notes: 'mine' }), ctx(T0 + 5))
    const patch = (await pendingOf(replica)).find((e) => e.op === 'patch')!
    await updateCaseFacts(db, c.id!, facts({ uid: '35001234', phone: '+8613800138000', channels: ['sms'], notes: 'later' }), ctx(T0 + 6))
    await replica.acknowledge([
      { mutationId: patch.mutationId, status: 'conflict', version: 2, conflicts: [{ field: 'notes', kept: 'theirs', lost: 'mine' }] },
    ])
    expect((await db.cases.get(c.id!))!.notes).toBe('later')
  })

  it('case-number-taken renumbers the case, records it in the audit trail and queues the insert again', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    const [ins] = await pendingOf(replica)
    await replica.acknowledge([
      { mutationId: ins!.mutationId, status: 'rejected', reason: 'case-number-taken', details: { caseNumber: c.caseNumber } },
    ])
    const stored = (await db.cases.get(c.id!))!
    expect(stored.caseNumber).toBe('VC-20261124-R000')
    const again = (await pendingOf(replica)).filter((e) => e.kind === 'case')
    expect(again).toHaveLength(1)
    expect(again[0]).toMatchObject({ op: 'insert', id: stored.syncId, doc: { caseNumber: 'VC-20261124-R000' } })
    expect(again[0]!.mutationId).not.toBe(ins!.mutationId)
    const events = await eventsForCase(db, c.id!)
    expect(events.at(-1)).toMatchObject({
      action: 'renumbered',
      changes: [{ field: 'caseNumber', from: c.caseNumber, to: 'VC-20261124-R000' }],
    })
    // the audit event is pushed too
    expect((await pendingOf(replica)).some((e) => e.kind === 'event' && e.op === 'insert' && e.doc.action === 'renumbered')).toBe(true)
    expect(await replica.noticesForCase(c.id!)).toMatchObject([
      { type: 'renumbered', details: { from: c.caseNumber, to: 'VC-20261124-R000' } },
    ])
  })
})

const CASE_A = '0190a000-0000-7000-8000-00000000000a'
const ATTEMPT_A = '0190a000-0000-7000-8000-0000000000a1'
const EVENT_A = '0190a000-0000-7000-8000-0000000000e1'

function caseDoc(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: CASE_A,
    caseNumber: 'VC-20261124-TEAM',
    uid: '77001234',
    phoneE164: '+8613700137000',
    phoneRev: '0007310073168',
    email: null,
    emailLower: null,
    channels: ['sms'],
    operation: null,
    symptom: 'not-received',
    phoneOs: null,
    blockingApp: null,
    carrier: null,
    emailProvider: null,
    boundMethods: [],
    unavailableMethods: [],
    language: 'en',
    notes: 'from B',
    status: 'open',
    agent: USER,
    resolvedBy: null,
    createdAt: T0,
    updatedAt: T0,
    updatedBy: USER,
    deletedAt: null,
    ...over,
  }
}

const pulled = (kind: SyncKind, id: string, version: number, doc: Record<string, unknown> | null) => ({
  kind,
  id,
  version,
  deleted: doc === null,
  doc,
})

describe('applyPulled', () => {
  it('stores pulled records under new local ids, references resolved even when the case comes later', async () => {
    const { db, replica } = setup()
    const attempt = {
      id: ATTEMPT_A,
      caseId: CASE_A,
      methodId: 'sms-blocking',
      status: 'suggested',
      variantId: null,
      steps: [],
      note: '',
      at: T0,
      agent: USER,
      updatedAt: T0,
      updatedBy: USER,
    }
    const event = {
      id: EVENT_A,
      at: T0,
      agent: USER,
      entity: 'attempt',
      entityId: ATTEMPT_A,
      caseId: CASE_A,
      action: 'recorded',
      changes: [],
      note: '',
      updatedAt: T0,
      updatedBy: USER,
    }
    // first page: the checklist record and its event (the case was patched later, so it comes later)
    await replica.applyPulled([pulled('attempt', ATTEMPT_A, 3, attempt), pulled('event', EVENT_A, 3, event)], { version: 3, id: EVENT_A })
    await replica.applyPulled([pulled('case', CASE_A, 5, caseDoc())], { version: 5, id: CASE_A })
    const c = (await db.cases.where('syncId').equals(CASE_A).first())!
    expect(c).toMatchObject({ caseNumber: 'VC-20261124-TEAM', serverVersion: 5, notes: 'from B' })
    expect('deletedAt' in c).toBe(false)
    const a = (await db.attempts.where('syncId').equals(ATTEMPT_A).first())!
    expect(a.caseId).toBe(c.id)
    const e = (await db.events.where('syncId').equals(EVENT_A).first())!
    expect(e).toMatchObject({ caseId: c.id, entityId: String(a.id) })
    // the pulled case gets its local checklist summary from the record pulled before it (not queued)
    expect(c.attemptSummary).toEqual({ n: 1, sum: a.id, xor: a.id, current: 'sms-blocking=suggested' })
    // look-ups find it through the usual indexes; nothing pulled is queued
    expect(await db.cases.where('phoneRev').startsWith('00073').primaryKeys()).toEqual([c.id])
    expect(await replica.pendingCount()).toBe(0)
    expect(await replica.checkpoint()).toEqual({ version: 5, id: CASE_A })
    // a local id handed out for a pulled record is never handed out again
    const mine = await newCase(db)
    expect([c.id, a.id]).not.toContain(mine.id)
  })

  it('re-applies pending patches on top of a pulled record; a tombstone removes the case and its records', async () => {
    const { db, replica } = setup()
    await replica.applyPulled([pulled('case', CASE_A, 5, caseDoc())], { version: 5, id: CASE_A })
    const c = (await db.cases.where('syncId').equals(CASE_A).first())!
    await updateCaseFacts(db, c.id!, facts({ uid: '77001234', phone: '+8613700137000', channels: ['sms'], notes: 'mine' }), ctx(T0 + 5), {
      ...facts({ uid: '77001234', phone: '+8613700137000', channels: ['sms'], notes: 'from B' }),
    })
    expect((await pendingOf(replica)).find((e) => e.kind === 'case')).toMatchObject({
      op: 'patch',
      fields: { notes: 'mine' },
      baseVersion: 5,
    })
    await replica.applyPulled([pulled('case', CASE_A, 6, caseDoc({ status: 'waiting', notes: 'from B' }))], { version: 6, id: CASE_A })
    expect(await db.cases.get(c.id!)).toMatchObject({ status: 'waiting', notes: 'mine', serverVersion: 6 })

    await replica.applyPulled([pulled('case', CASE_A, 7, null)], { version: 7, id: CASE_A })
    expect(await db.cases.get(c.id!)).toBeUndefined()
    expect(await db.events.where('caseId').equals(c.id!).count()).toBe(0)
  })

  it('a pulled case whose number a local unsynced case holds: the local one is renumbered', async () => {
    const { db, replica } = setup()
    const mine = await newCase(db, {}, () => 'VC-20261124-TEAM')
    await replica.applyPulled([pulled('case', CASE_A, 5, caseDoc())], { version: 5, id: CASE_A })
    expect((await db.cases.get(mine.id!))!.caseNumber).toBe('VC-20261124-R000')
    const insert = (await pendingOf(replica)).find((e) => e.kind === 'case' && e.op === 'insert')
    expect(insert).toMatchObject({ doc: { caseNumber: 'VC-20261124-R000' } })
  })
})

describe('the secret guard and team sync', () => {
  const SECRET_NOTE = 'user says 482913, key JBSW Y3DP EHPK 3PXP'

  it('a pulled record holding secrets is stored without them, with a notice naming the fields (never refused)', async () => {
    const { db, replica } = setup()
    const event = {
      id: EVENT_A,
      at: T0,
      agent: USER,
      entity: 'case',
      entityId: CASE_A,
      caseId: CASE_A,
      action: 'changed',
      changes: [{ field: 'notes', from: 'ID 11010519491231002X', to: SECRET_NOTE }],
      note: '',
      updatedAt: T0,
      updatedBy: USER,
    }
    await replica.applyPulled(
      [
        pulled('case', CASE_A, 5, caseDoc({ notes: SECRET_NOTE })),
        pulled('event', EVENT_A, 5, event),
        pulled('setting', 'playbook.installed', 5, { id: 'playbook.installed', value: { agent: 'Lin code 135790' } }),
      ],
      { version: 5, id: EVENT_A },
    )
    // sync went on: the checkpoint moved past the records
    expect(await replica.checkpoint()).toEqual({ version: 5, id: EVENT_A })
    const c = (await db.cases.where('syncId').equals(CASE_A).first())!
    expect(c.notes).not.toContain('482913')
    expect(c.notes).toContain('[verification code removed]')
    expect(c.notes).toContain('[authenticator key removed]')
    const e = (await db.events.where('syncId').equals(EVENT_A).first())!
    expect(JSON.stringify(e.changes)).not.toMatch(/482913|JBSW|11010519491231002X/)
    expect(JSON.stringify(await db.settings.get('playbook.installed'))).not.toContain('135790')
    const notices = await replica.noticesForCase(c.id!)
    expect(notices.map((n) => n.type)).toEqual(['redacted', 'redacted'])
    expect(notices.find((n) => n.kind === 'case')).toMatchObject({ details: { fields: ['case.fields.notes'], count: 2 } })
    expect(notices.find((n) => n.kind === 'event')).toMatchObject({ details: { fields: ['guard.fields.history'] } })
    // nothing stored anywhere holds the secrets, and the replica's redaction is not queued
    for (const table of db.tables) expect(JSON.stringify(await table.toArray()), table.name).not.toMatch(/482913|135790|JBSW/)
    expect(await replica.pendingCount()).toBe(0)
  })

  it('a record without secrets is pulled untouched and makes no notice', async () => {
    const { db, replica } = setup()
    await replica.applyPulled([pulled('case', CASE_A, 5, caseDoc({ notes: 'SMS never arrived; order 20261124 placed at 08:15' }))], {
      version: 5,
      id: CASE_A,
    })
    const c = (await db.cases.where('syncId').equals(CASE_A).first())!
    expect(await replica.noticesForCase(c.id!)).toEqual([])
  })

  it('a notice showing a server value (a conflict) is stored redacted', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    const [ins, ev] = await pendingOf(replica)
    await replica.acknowledge([
      { mutationId: ins!.mutationId, status: 'applied', version: 1 },
      { mutationId: ev!.mutationId, status: 'conflict', version: 1, conflicts: [{ field: 'note', kept: SECRET_NOTE, lost: 'b' }] },
    ])
    const [notice] = await replica.noticesForCase(c.id!)
    expect(notice).toMatchObject({ type: 'conflict', conflicts: [{ field: 'note', lost: 'b' }] })
    expect(String(notice!.conflicts[0]!.kept)).not.toContain('482913')
  })

  it('a conflict whose kept value holds a secret shows it redacted (the acknowledgement goes through)', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    await replica.acknowledge((await pendingOf(replica)).map((e) => ({ mutationId: e.mutationId, status: 'applied', version: 1 })))
    await updateCaseFacts(db, c.id!, facts({ uid: '35001234', phone: '+8613800138000', channels: ['sms'], notes: 'mine' }), ctx(T0 + 5))
    const patch = (await pendingOf(replica)).find((e) => e.op === 'patch')!
    await replica.acknowledge([
      { mutationId: patch.mutationId, status: 'conflict', version: 2, conflicts: [{ field: 'notes', kept: SECRET_NOTE, lost: 'mine' }] },
    ])
    expect((await pendingOf(replica)).filter((e) => e.kind === 'case')).toEqual([])
    const notes = (await db.cases.get(c.id!))!.notes
    expect(notes).toContain('[verification code removed]')
    expect(notes).not.toMatch(/482913|JBSW/)
    expect((await replica.noticesForCase(c.id!)).map((n) => n.type).sort()).toEqual(['conflict', 'redacted'])
  })

  it('editing a record stored before the guard queues its old text as the patch base (the outbox is not re-checked)', async () => {
    const { db, replica } = setup()
    const c = await newCase(db)
    await replica.acknowledge((await pendingOf(replica)).map((e) => ({ mutationId: e.mutationId, status: 'applied', version: 1 })))
    // written below the guard, as an older build would have
    const raw = new Dexie(db.name)
    raw.version(3).stores(SCHEMAS[3]!)
    await raw.table('cases').update(c.id!, { notes: 'old note: code 482913' })
    raw.close()
    await updateCaseFacts(
      db,
      c.id!,
      facts({ uid: '35001234', phone: '+8613800138000', channels: ['sms'], notes: 'cleaned up' }),
      ctx(T0 + 5),
    )
    expect((await db.cases.get(c.id!))!.notes).toBe('cleaned up')
    expect((await pendingOf(replica)).find((e) => e.kind === 'case' && e.op === 'patch')).toMatchObject({ fields: { notes: 'cleaned up' } })
  })
})

describe('joining and leaving', () => {
  it('summarises, queues every record once, and forgets the outbox and checkpoint on reset', async () => {
    const { db, replica } = setup(false)
    const c = await newCase(db)
    await appendAttempt(db, { caseId: c.id!, methodId: 'sms-blocking', status: 'suggested', variantId: null, steps: [], note: '' }, ctx())
    await saveSlaSettings(db, { ...DEFAULT_SLA_SETTINGS }, ctx())
    expect(await replica.shareSummary()).toEqual({ cases: 1, attempts: 1, replies: 0, reviews: 0, events: 3, templates: 0, settings: 1 })
    const seen: number[] = []
    const stop = replica.onPendingChange((n) => seen.push(n))
    expect(await replica.enqueueAll({ teamSettings: false })).toBe(5)
    expect(await replica.enqueueAll({ teamSettings: false })).toBe(0)
    const batch = await pendingOf(replica)
    expect(batch.map((e) => e.kind)).toEqual(['case', 'attempt', 'event', 'event', 'event'])
    batch.forEach(expectValidInsert)
    expect(await replica.enqueueAll({ teamSettings: true })).toBe(1)
    await new Promise((r) => setTimeout(r, 50))
    expect(seen.at(-1)).toBe(6)
    stop()
    await replica.applyPulled([], { version: 9, id: 'x' })
    await replica.reset()
    expect(await replica.pendingCount()).toBe(0)
    expect(await replica.checkpoint()).toEqual({ version: 0, id: '' })
    expect(await db.cases.count()).toBe(1)
  })
})
