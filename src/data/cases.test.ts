import { ProblemError } from '@/domain/result'
import { afterEach, describe, expect, it } from 'vitest'
import { planLookup } from '@/domain/case/lookup'
import { createCase, type InitialAttempt, findOpenCasesFor, lookupCases, relatedCases, saveCaseEdit, updateCaseFacts } from './cases'
import { emptyFilter, firstCasesPage, listCaseIds, readFirstCasesPageEarly, takeFirstCasesPage } from './caseList'
import type { ConsoleDb } from './db'
import { isQuotaError, toStorageProblem } from '@/domain/storageError'
import { eventsForCase } from './events'
import { facts, numbers, testDb } from '@test/db'

let db: ConsoleDb
afterEach(async () => {
  db?.close()
})

const ctx = (now = 1_000, agent = 'Lin') => ({ now, agent })

describe('createCase', () => {
  it('writes the case and its "created" event together', async () => {
    db = testDb()
    const c = await createCase(db, facts({ uid: '35001234' }), ctx(), numbers())
    expect(c.id).toBeTypeOf('number')
    expect(c).toMatchObject({ caseNumber: 'VC-20261124-0000', agent: 'Lin', createdAt: 1000, updatedAt: 1000, resolvedBy: null })
    const events = await eventsForCase(db, c.id!)
    expect(events).toMatchObject([{ entity: 'case', action: 'created', agent: 'Lin', at: 1000, caseId: c.id }])
  })

  it('retries with a new number when the generated one is taken', async () => {
    db = testDb()
    await createCase(db, facts({ uid: '11111111' }), ctx(), () => 'VC-20261124-AAAA')
    const seq = ['VC-20261124-AAAA', 'VC-20261124-BBBB']
    const second = await createCase(db, facts({ uid: '22222222' }), ctx(), () => seq.shift()!)
    expect(second.caseNumber).toBe('VC-20261124-BBBB')
    expect(await db.cases.count()).toBe(2)
    expect(await db.events.count()).toBe(2)
  })

  it('writes nothing when part of the transaction fails', async () => {
    db = testDb()
    db.events.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError')
    })
    const err = await createCase(db, facts({ uid: '35001234' }), ctx(), numbers()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProblemError)
    expect((err as ProblemError).problem.key).toBe('errors.storage.quota')
    expect(await db.cases.count()).toBe(0)
  })
})

describe('createCase with the outcomes the user reported in the chat', () => {
  it('writes the case, its checklist records and every audit event in one go', async () => {
    db = testDb()
    const c = await createCase(db, facts({ uid: '35001234' }), ctx(), numbers(), [
      { methodId: 'carrier-sms', status: 'failed', variantId: 'china-mobile', steps: [], note: 'From the chat: “打过10086”' },
      { methodId: 'email-code', status: 'failed', variantId: 'qq', steps: [], note: '' },
    ])
    const attempts = await db.attempts.where('caseId').equals(c.id!).toArray()
    expect(attempts.map((a) => [a.methodId, a.status, a.variantId, a.at, a.agent])).toEqual([
      ['carrier-sms', 'failed', 'china-mobile', 1000, 'Lin'],
      ['email-code', 'failed', 'qq', 1000, 'Lin'],
    ])
    const events = await eventsForCase(db, c.id!)
    expect(events.map((e) => [e.entity, e.action])).toEqual([
      ['case', 'created'],
      ['attempt', 'recorded'],
      ['attempt', 'recorded'],
    ])
    expect(events[1]?.changes).toContainEqual({ field: 'carrier-sms.status', from: 'not-tried', to: 'failed' })
  })

  it('an outcome that resolved it resolves the new case', async () => {
    db = testDb()
    const c = await createCase(db, facts({ uid: '35001234' }), ctx(), numbers(), [
      { methodId: 'email-code', status: 'resolved', variantId: 'qq', steps: [], note: '' },
    ])
    expect(c).toMatchObject({ status: 'resolved', resolvedBy: 'email-code' })
    expect(await db.cases.get(c.id!)).toMatchObject({ status: 'resolved', resolvedBy: 'email-code' })
  })

  it('a refused outcome writes nothing, not even the case', async () => {
    db = testDb()
    const bad = { methodId: 'sms-blocker', status: 'failed', variantId: null, steps: [], note: '' } as unknown as InitialAttempt
    await expect(createCase(db, facts({ uid: '35001234' }), ctx(), numbers(), [bad])).rejects.toThrow()
    expect(await db.cases.count()).toBe(0)
    expect(await db.events.count()).toBe(0)
    expect(await db.attempts.count()).toBe(0)
  })
})

describe('updateCaseFacts', () => {
  it('records what changed from what to what, and skips no-op saves', async () => {
    db = testDb()
    const c = await createCase(db, facts({ uid: '35001234' }), ctx(), numbers())
    const updated = await updateCaseFacts(db, c.id!, facts({ uid: '35001234', carrier: 'china-unicom' }), ctx(2000, 'Mei'))
    expect(updated.carrier).toBe('china-unicom')
    expect(updated.updatedAt).toBe(2000)
    expect(updated.createdAt).toBe(1000)
    await updateCaseFacts(db, c.id!, facts({ uid: '35001234', carrier: 'china-unicom' }), ctx(3000))
    const events = await eventsForCase(db, c.id!)
    expect(events.map((e) => e.action)).toEqual(['created', 'updated'])
    expect(events[1]).toMatchObject({ agent: 'Mei', changes: [{ field: 'carrier', from: null, to: 'china-unicom' }] })
    expect((await db.cases.get(c.id!))?.updatedAt).toBe(2000)
  })
})

describe('lookup', () => {
  async function seed(): Promise<void> {
    db = testDb()
    const next = numbers()
    await createCase(db, facts({ uid: '35001234', phone: '13800138000', email: 'Li.Wei@Gmail.com' }), ctx(1), next)
    await createCase(db, facts({ uid: '35009999', phone: '+852 9123 4567' }), ctx(2), next)
    await createCase(db, facts({ email: 'other@qq.com', phone: '13912348000' }), ctx(3), next)
  }
  const find = async (q: string) => (await lookupCases(db, planLookup(q))).map((m) => [m.record.caseNumber, m.kind])

  it('finds by exact UID first, then UID prefix', async () => {
    await seed()
    expect(await find('35001234')).toEqual([['VC-20261124-0000', 'uid']])
    expect(await find('3500')).toEqual([
      ['VC-20261124-0001', 'uidPrefix'],
      ['VC-20261124-0000', 'uidPrefix'],
    ])
  })

  it('finds by every phone form and by last digits', async () => {
    await seed()
    for (const q of ['+86 138 0013 8000', '008613800138000', '13800138000', '138-0013-8000']) {
      expect((await find(q))[0], q).toEqual(['VC-20261124-0000', 'phone'])
    }
    expect(await find('8000')).toEqual([
      ['VC-20261124-0002', 'phoneSuffix'],
      ['VC-20261124-0000', 'phoneSuffix'],
    ])
    expect(await find('91234567')).toEqual([['VC-20261124-0001', 'phoneSuffix']])
    expect(await find('+852 9123 4567')).toEqual([['VC-20261124-0001', 'phone']])
  })

  it('finds by email in any case, and by case number', async () => {
    await seed()
    expect(await find('LI.WEI@GMAIL.COM')).toEqual([['VC-20261124-0000', 'email']])
    expect(await find('vc-20261124-0002')).toEqual([['VC-20261124-0002', 'caseNumber']])
  })

  it('leaves trashed cases out', async () => {
    await seed()
    await db.cases.where('uid').equals('35001234').modify({ deletedAt: 5 })
    expect(await find('35001234')).toEqual([])
  })
})

describe('listCaseIds', () => {
  it('filters through indexes and sorts both ways', async () => {
    db = testDb()
    const next = numbers()
    const a = await createCase(db, facts({ uid: '10000001', channels: ['sms'], symptom: 'not-received' }), ctx(100), next)
    const b = await createCase(db, facts({ uid: '10000002', channels: ['email'], symptom: 'rejected', status: 'waiting' }), ctx(200), next)
    const c = await createCase(db, facts({ uid: '10000003', channels: ['sms', 'email'], symptom: 'restricted' }), ctx(300), next)
    await updateCaseFacts(db, a.id!, facts({ uid: '10000001', notes: 'x' }), ctx(400))
    const all = emptyFilter()
    expect(await listCaseIds(db, all, { field: 'createdAt', dir: 'desc' })).toEqual([c.id, b.id, a.id])
    expect(await listCaseIds(db, all, { field: 'updatedAt', dir: 'desc' })).toEqual([a.id, c.id, b.id])
    expect(await listCaseIds(db, { ...all, channels: ['email'] }, { field: 'createdAt', dir: 'asc' })).toEqual([b.id, c.id])
    expect(await listCaseIds(db, { ...all, statuses: ['waiting'] }, { field: 'createdAt', dir: 'asc' })).toEqual([b.id])
    expect(await listCaseIds(db, { ...all, symptoms: ['restricted', 'not-received'] }, { field: 'createdAt', dir: 'asc' })).toEqual([
      a.id,
      c.id,
    ])
    expect(await listCaseIds(db, { ...all, from: 150, to: 300 }, { field: 'createdAt', dir: 'asc' })).toEqual([b.id, c.id])
    expect(await listCaseIds(db, { ...all, from: 150, to: 300 }, { field: 'updatedAt', dir: 'desc' })).toEqual([c.id, b.id])
    expect(await listCaseIds(db, { ...all, channels: ['sms'], from: 250, to: null }, { field: 'createdAt', dir: 'asc' })).toEqual([c.id])
    await db.cases.update(c.id!, { deletedAt: 9 })
    expect(await listCaseIds(db, all, { field: 'createdAt', dir: 'asc' })).toEqual([a.id, b.id])
  })

  it('sorts by the agent who logged the case, ties in the order they were logged', async () => {
    db = testDb()
    const next = numbers()
    const by = (agent: string, at: number) => ({ ...ctx(at), agent })
    const z = await createCase(db, facts({ uid: '20000001' }), by('Zhang Wei', 100), next)
    const l1 = await createCase(db, facts({ uid: '20000002' }), by('Li Na', 200), next)
    const l2 = await createCase(db, facts({ uid: '20000003' }), by('Li Na', 300), next)
    const all = emptyFilter()
    expect(await listCaseIds(db, all, { field: 'agent', dir: 'asc' })).toEqual([l1.id, l2.id, z.id])
    expect(await listCaseIds(db, all, { field: 'agent', dir: 'desc' })).toEqual([z.id, l2.id, l1.id])
    expect(await listCaseIds(db, { ...all, from: 150, to: null }, { field: 'agent', dir: 'asc' })).toEqual([l1.id, l2.id])
  })
})

describe('firstCasesPage', () => {
  it('is the start of the unfiltered list in every sort, ties and the trash included', async () => {
    db = testDb()
    const next = numbers()
    const agents = ['Zhang Wei', 'Li Na', 'Li Na', 'Ahmed', 'Zhang Wei', 'Li Na', 'Ahmed', 'Li Na']
    // equal times and equal agents: the order falls back to the primary key, both ways
    const made = []
    for (const [i, agent] of agents.entries())
      made.push(await createCase(db, facts({ uid: `3000000${i}` }), { now: 100 * (i % 3), agent }, next))
    await db.cases.update(made[1]!.id!, { deletedAt: 50 })
    await db.cases.update(made[4]!.id!, { deletedAt: 60 })
    for (const field of ['createdAt', 'updatedAt', 'agent'] as const)
      for (const dir of ['asc', 'desc'] as const) {
        const all = await listCaseIds(db, emptyFilter(), { field, dir })
        expect(all).toHaveLength(6)
        for (const limit of [1, 3, 6, 10])
          expect((await firstCasesPage(db, { field, dir }, limit)).map((c) => c.id)).toEqual(all.slice(0, limit))
      }
  })
})

describe('the first page read early (start-up)', () => {
  it('is taken once, for its own sort and limit; anything else reads anew', async () => {
    db = testDb()
    const next = numbers()
    const a = await createCase(db, facts({ uid: '30000001' }), ctx(100), next)
    const b = await createCase(db, facts({ uid: '30000002' }), ctx(200), next)
    const newest = { field: 'updatedAt', dir: 'desc' } as const
    await readFirstCasesPageEarly(db, newest, 50)
    // written after the early read: the taker gets what was read then, a later read sees the write
    const c = await createCase(db, facts({ uid: '30000003' }), ctx(300), next)
    expect((await takeFirstCasesPage(db, newest, 50)).map((x) => x.id)).toEqual([b.id, a.id])
    expect((await takeFirstCasesPage(db, newest, 50)).map((x) => x.id)).toEqual([c.id, b.id, a.id])
    await readFirstCasesPageEarly(db, newest, 50)
    expect((await takeFirstCasesPage(db, { field: 'updatedAt', dir: 'asc' }, 50)).map((x) => x.id)).toEqual([a.id, b.id, c.id])
    expect((await takeFirstCasesPage(db, newest, 1)).map((x) => x.id)).toEqual([c.id]) // the early read was dropped
  })

  it('settles when the read fails, and the taker sees the failure', async () => {
    db = testDb()
    db.close()
    await expect(readFirstCasesPageEarly(db, { field: 'updatedAt', dir: 'desc' }, 50)).resolves.toBeUndefined()
    await expect(takeFirstCasesPage(db, { field: 'updatedAt', dir: 'desc' }, 50)).rejects.toThrow()
  })
})

describe('duplicates and related cases', () => {
  it('offers open cases for the same UID, phone or email only', async () => {
    db = testDb()
    const next = numbers()
    const open = await createCase(db, facts({ uid: '35001234' }), ctx(1), next)
    await createCase(db, facts({ phone: '13800138000', status: 'resolved' }), ctx(2), next)
    const byPhone = await createCase(db, facts({ phone: '13800138000' }), ctx(3), next)
    expect((await findOpenCasesFor(db, { uid: '35001234', phoneE164: null })).map((c) => c.id)).toEqual([open.id])
    expect((await findOpenCasesFor(db, { uid: null, phoneE164: '+8613800138000' })).map((c) => c.id)).toEqual([byPhone.id])
    expect(await findOpenCasesFor(db, { uid: '35001234', phoneE164: null }, open.id)).toEqual([])
    const byEmail = await createCase(db, facts({ email: 'Li.Wei@Gmail.com' }), ctx(4), next)
    expect((await findOpenCasesFor(db, { uid: null, phoneE164: null, emailLower: 'li.wei@gmail.com' })).map((c) => c.id)).toEqual([
      byEmail.id,
    ])
    const mine = await createCase(db, facts({ uid: '35001234', phone: '13800138000' }), ctx(5), next)
    expect((await relatedCases(db, mine)).map((c) => c.caseNumber)).toEqual(['VC-20261124-0002', 'VC-20261124-0001', 'VC-20261124-0000'])
    // the user's other cases include those found by the email, as intake's check does
    const sameEmail = await createCase(db, facts({ email: 'LI.WEI@gmail.com' }), ctx(6), next)
    expect((await relatedCases(db, sameEmail)).map((c) => c.id)).toEqual([byEmail.id])
  })
})

describe('storage errors', () => {
  it('are put in plain words', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true)
    expect(toStorageProblem(new DOMException('x', 'QuotaExceededError')).key).toBe('errors.storage.quota')
    expect(toStorageProblem({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }).key).toBe('errors.storage.quota')
    expect(toStorageProblem(new DOMException('x', 'ConstraintError')).key).toBe('errors.storage.constraint')
    expect(toStorageProblem(new Error('boom'))).toEqual({ key: 'errors.storage.generic', params: { detail: 'boom' } })
  })
})

describe('concurrent edits', () => {
  it('applies only what the editor changed, keeping a status set meanwhile', async () => {
    db = testDb()
    const c = await createCase(db, facts({ uid: '35001234' }), ctx(1), numbers())
    const base = { ...c }
    // meanwhile the checklist resolves the case
    await db.cases.update(c.id!, { status: 'resolved', resolvedBy: 'sms-blocking' })
    // the agent, editing since before, changes the carrier only (their form still says "open")
    const saved = await updateCaseFacts(db, c.id!, facts({ uid: '35001234', carrier: 'china-mobile' }), ctx(2), base)
    expect(saved.status).toBe('resolved')
    expect(saved.carrier).toBe('china-mobile')
    expect(saved.resolvedBy).toBe('sms-blocking')
  })

  it('keeps the look-up keys in step with a changed phone or email', async () => {
    db = testDb()
    const c = await createCase(db, facts({ uid: '35001234', phone: '13800138000', email: 'a@qq.com' }), ctx(1), numbers())
    const saved = await updateCaseFacts(db, c.id!, facts({ uid: '35001234', phone: '13900139000', email: 'B@gmail.com' }), ctx(2), { ...c })
    expect(saved.phoneRev).toBe('00093100931' + '68')
    expect(saved.emailLower).toBe('b@gmail.com')
  })
})

describe('saveCaseEdit: two windows of one agent, one mechanism with the team', () => {
  const f = (over: Parameters<typeof facts>[0] = {}) => facts({ uid: '35001234', phone: '+8613800138000', channels: ['sms'], ...over })

  it('applies an edit as is when the stored rev is still the one the editor started from', async () => {
    db = testDb()
    const c = await createCase(db, f(), ctx(), numbers())
    const start = (await db.cases.get(c.id!))!
    const r = await saveCaseEdit(db, c.id!, f({ notes: 'one' }), ctx(2_000), f(), start.rev)
    expect(r.conflicts).toEqual([])
    expect(r.record).toMatchObject({ notes: 'one', rev: start.rev! + 1 })
  })

  it('the second save of the same field keeps the stored value and reports the conflict; other fields merge', async () => {
    db = testDb()
    const c = await createCase(db, f(), ctx(), numbers())
    const start = (await db.cases.get(c.id!))!
    // window A and window B both opened the editor at `start`
    await saveCaseEdit(db, c.id!, f({ notes: 'from A', status: 'waiting' }), ctx(2_000, 'Lin'), f(), start.rev)
    const b = await saveCaseEdit(db, c.id!, f({ notes: 'from B', carrier: 'china-mobile' }), ctx(3_000, 'Lin'), f(), start.rev)
    expect(b.conflicts).toEqual([{ field: 'notes', mine: 'from B', theirs: 'from A' }])
    expect(b.changedBy).toBe('Lin')
    // A's notes and status stay, B's carrier is applied
    expect(b.record).toMatchObject({ notes: 'from A', status: 'waiting', carrier: 'china-mobile' })
    // "keep mine": saved again from what is stored now
    const now = (await db.cases.get(c.id!))!
    const keep = await saveCaseEdit(
      db,
      c.id!,
      { ...f({ notes: 'from B', status: 'waiting', carrier: 'china-mobile' }) },
      ctx(4_000),
      { ...now },
      now.rev,
    )
    expect(keep.conflicts).toEqual([])
    expect(keep.record.notes).toBe('from B')
  })

  it('the same change made in both windows is no conflict; a phone edit carries its look-up digits', async () => {
    db = testDb()
    const c = await createCase(db, f(), ctx(), numbers())
    const start = (await db.cases.get(c.id!))!
    await saveCaseEdit(db, c.id!, f({ notes: 'same' }), ctx(2_000), f(), start.rev)
    const b = await saveCaseEdit(db, c.id!, f({ notes: 'same', phone: '+8613900139000' }), ctx(3_000), f(), start.rev)
    expect(b.conflicts).toEqual([])
    expect(b.record).toMatchObject({ notes: 'same', phoneE164: '+8613900139000', phoneRev: '0009310093168' })
    expect(await db.cases.where('phoneRev').startsWith('00093100').count()).toBe(1)
  })
})
