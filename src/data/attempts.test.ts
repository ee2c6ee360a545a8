import { ProblemError } from '@/domain/result'
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { emptyDraft, validateDraft } from '@/domain/case/validation'
import type { AttemptStatus, CaseRecord, CaseStatus, MethodId } from '@/domain/model'
import { appendAttempt, listAttempts, type NewAttempt } from './attempts'
import { createCase } from './cases'
import { ConsoleDb } from './db'
import { eventsForCase } from './events'

let db: ConsoleDb
let n = 0

beforeEach(() => {
  db = new ConsoleDb(`test-attempts-${Math.random().toString(36).slice(2)}`)
})
afterEach(async () => {
  await db.delete()
})

async function newCase(status: CaseStatus = 'open'): Promise<CaseRecord & { id: number }> {
  const v = validateDraft({ ...emptyDraft(), uid: String(10_000_000 + n++), status })
  if (!v.ok) throw new Error('bad draft')
  const c = await createCase(db, v.value, { agent: 'Ann', now: 1_000 }, () => `VC-TEST-${n++}`)
  return c as CaseRecord & { id: number }
}

const attempt = (caseId: number, methodId: MethodId, status: AttemptStatus, extra: Partial<NewAttempt> = {}): NewAttempt => ({
  caseId,
  methodId,
  status,
  variantId: 'default',
  steps: [],
  note: '',
  ...extra,
})

describe('appendAttempt', () => {
  it("keeps the case's local checklist summary in the same write (what a cases-only export reads)", async () => {
    const c = await newCase()
    expect((await db.cases.get(c.id))!.attemptSummary).toBeUndefined()
    const a = await appendAttempt(db, attempt(c.id, 'email-code', 'failed'), { agent: 'Ann', now: 2_000 })
    const b = await appendAttempt(db, attempt(c.id, 'sms-blocking', 'suggested'), { agent: 'Ann', now: 3_000 })
    const d = await appendAttempt(db, attempt(c.id, 'email-code', 'resolved'), { agent: 'Ann', now: 4_000 })
    const ids = [a, b, d].map((w) => w!.attempt.id)
    const want = {
      n: 3,
      sum: ids[0]! + ids[1]! + ids[2]!,
      xor: ids[0]! ^ ids[1]! ^ ids[2]!,
      current: 'sms-blocking=suggested;email-code=resolved',
    }
    expect((await db.cases.get(c.id))!.attemptSummary).toEqual(want)
    expect(d!.caseRecord.attemptSummary).toEqual(want)
  })

  it('appends a record and an audit event naming what changed from and to', async () => {
    const c = await newCase()
    const w = await appendAttempt(
      db,
      attempt(c.id, 'sms-blocking', 'suggested', { variantId: 'android-360', steps: ['open-blocked-folder'] }),
      { agent: 'Bo', now: 2_000 },
    )
    expect(w).not.toBeNull()
    expect(w?.attempt).toMatchObject({
      caseId: c.id,
      methodId: 'sms-blocking',
      status: 'suggested',
      agent: 'Bo',
      at: 2_000,
      steps: ['open-blocked-folder'],
    })
    const events = (await eventsForCase(db, c.id)).filter((e) => e.entity === 'attempt')
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ entityId: String(w?.attempt.id), action: 'recorded', agent: 'Bo', at: 2_000, caseId: c.id })
    expect(events[0]?.changes).toEqual([
      { field: 'sms-blocking.status', from: 'not-tried', to: 'suggested' },
      { field: 'sms-blocking.steps', from: [], to: ['open-blocked-folder'] },
      { field: 'sms-blocking.variantId', from: null, to: 'android-360' },
    ])
    expect((await db.cases.get(c.id))?.updatedAt).toBe(2_000)
  })

  it('keeps the history: a later change is a new record, the earlier one is never overwritten', async () => {
    const c = await newCase()
    const first = await appendAttempt(db, attempt(c.id, 'carrier-sms', 'suggested', { steps: ['a'] }), { agent: 'Ann', now: 2_000 })
    await appendAttempt(db, attempt(c.id, 'carrier-sms', 'failed', { steps: ['a'], note: 'no luck' }), { agent: 'Bo', now: 3_000 })
    await appendAttempt(db, attempt(c.id, 'sms-blocking', 'declined'), { agent: 'Bo', now: 4_000 })
    const all = await listAttempts(db, c.id)
    expect(all.map((r) => [r.methodId, r.status, r.agent, r.at])).toEqual([
      ['carrier-sms', 'suggested', 'Ann', 2_000],
      ['carrier-sms', 'failed', 'Bo', 3_000],
      ['sms-blocking', 'declined', 'Bo', 4_000],
    ])
    expect(await db.attempts.get(first?.attempt.id ?? -1)).toMatchObject({ status: 'suggested', note: '', agent: 'Ann' })
    const last = (await eventsForCase(db, c.id)).filter((e) => e.entity === 'attempt')[1]
    expect(last?.changes).toEqual([
      { field: 'carrier-sms.status', from: 'suggested', to: 'failed' },
      { field: 'carrier-sms.note', from: '', to: 'no luck' },
    ])
  })

  it('writes nothing when the record equals the current state', async () => {
    const c = await newCase()
    await appendAttempt(db, attempt(c.id, 'email-code', 'failed'), { agent: 'Ann', now: 2_000 })
    expect(await appendAttempt(db, attempt(c.id, 'email-code', 'failed'), { agent: 'Ann', now: 3_000 })).toBeNull()
    expect(await db.attempts.count()).toBe(1)
    expect((await eventsForCase(db, c.id)).filter((e) => e.entity === 'attempt')).toHaveLength(1)
    expect((await db.cases.get(c.id))?.updatedAt).toBe(2_000)
  })

  it('only reads the records of its own case', async () => {
    const a = await newCase()
    const b = await newCase()
    await appendAttempt(db, attempt(a.id, 'sms-blocking', 'failed'), { agent: 'Ann', now: 2_000 })
    const w = await appendAttempt(db, attempt(b.id, 'sms-blocking', 'failed'), { agent: 'Ann', now: 3_000 })
    expect(w).not.toBeNull()
    expect((await listAttempts(db, a.id)).map((r) => r.caseId)).toEqual([a.id])
    expect((await listAttempts(db, b.id)).map((r) => r.caseId)).toEqual([b.id])
  })
})

describe('appendAttempt and the case resolution', () => {
  it.each([
    ['open', 'resolved'],
    ['waiting', 'resolved'],
    ['escalated', 'escalated'],
    ['closed', 'closed'],
    ['resolved', 'resolved'],
  ] as const)('a method marked resolved on a %s case sets resolvedBy; the status becomes %s', async (start, expected) => {
    const c = await newCase(start)
    const w = await appendAttempt(db, attempt(c.id, 'carrier-sms', 'resolved', { note: 'works now' }), { agent: 'Bo', now: 5_000 })
    const stored = await db.cases.get(c.id)
    expect(stored).toMatchObject({ resolvedBy: 'carrier-sms', status: expected, updatedAt: 5_000 })
    expect(w?.caseRecord).toEqual(stored)
    const event = (await eventsForCase(db, c.id)).find((e) => e.entity === 'attempt')
    const caseChanges = [
      { field: 'case.resolvedBy', from: null, to: 'carrier-sms' },
      ...(start === expected ? [] : [{ field: 'case.status', from: start, to: expected }]),
    ]
    expect(w?.caseChanges).toEqual(caseChanges)
    expect(event?.changes).toEqual([
      { field: 'carrier-sms.status', from: 'not-tried', to: 'resolved' },
      { field: 'carrier-sms.note', from: '', to: 'works now' },
      { field: 'carrier-sms.variantId', from: null, to: 'default' },
      ...caseChanges,
    ])
  })

  it('changing the resolving method away from resolved clears resolvedBy and reopens the case', async () => {
    const c = await newCase()
    await appendAttempt(db, attempt(c.id, 'sms-blocking', 'resolved'), { agent: 'Ann', now: 2_000 })
    const w = await appendAttempt(db, attempt(c.id, 'sms-blocking', 'failed'), { agent: 'Ann', now: 3_000 })
    expect(await db.cases.get(c.id)).toMatchObject({ resolvedBy: null, status: 'open' })
    expect(w?.caseChanges).toEqual([
      { field: 'case.resolvedBy', from: 'sms-blocking', to: null },
      { field: 'case.status', from: 'resolved', to: 'open' },
    ])
    expect(await db.attempts.count()).toBe(2)
  })

  it('falls back to another method that is still resolved, and the case stays resolved', async () => {
    const c = await newCase()
    await appendAttempt(db, attempt(c.id, 'sms-blocking', 'resolved'), { agent: 'Ann', now: 2_000 })
    await appendAttempt(db, attempt(c.id, 'carrier-sms', 'resolved'), { agent: 'Ann', now: 3_000 })
    expect(await db.cases.get(c.id)).toMatchObject({ resolvedBy: 'carrier-sms', status: 'resolved' })
    await appendAttempt(db, attempt(c.id, 'carrier-sms', 'not-tried'), { agent: 'Ann', now: 4_000 })
    expect(await db.cases.get(c.id)).toMatchObject({ resolvedBy: 'sms-blocking', status: 'resolved' })
  })

  it('an escalated case keeps its status when the resolving method is undone', async () => {
    const c = await newCase('escalated')
    await appendAttempt(db, attempt(c.id, 'network-time', 'resolved'), { agent: 'Ann', now: 2_000 })
    await appendAttempt(db, attempt(c.id, 'network-time', 'declined'), { agent: 'Ann', now: 3_000 })
    expect(await db.cases.get(c.id)).toMatchObject({ resolvedBy: null, status: 'escalated' })
  })

  it('a change that does not touch resolved leaves resolvedBy and status alone', async () => {
    const c = await newCase()
    await appendAttempt(db, attempt(c.id, 'sms-blocking', 'resolved'), { agent: 'Ann', now: 2_000 })
    const w = await appendAttempt(db, attempt(c.id, 'sms-blocking', 'resolved', { note: 'user confirmed' }), { agent: 'Ann', now: 3_000 })
    expect(w?.caseChanges).toEqual([])
    expect(await db.cases.get(c.id)).toMatchObject({ resolvedBy: 'sms-blocking', status: 'resolved', updatedAt: 3_000 })
  })
})

describe('appendAttempt is all-or-nothing', () => {
  it('when the audit event cannot be written, neither the attempt nor the case change is kept', async () => {
    const c = await newCase()
    const boom = (): void => {
      throw new Error('disk full')
    }
    db.events.hook('creating', boom)
    await expect(appendAttempt(db, attempt(c.id, 'sms-blocking', 'resolved'), { agent: 'Ann', now: 2_000 })).rejects.toBeInstanceOf(
      ProblemError,
    )
    db.events.hook('creating').unsubscribe(boom)
    expect(await db.attempts.count()).toBe(0)
    expect(await db.cases.get(c.id)).toMatchObject({ resolvedBy: null, status: 'open', updatedAt: 1_000 })
  })

  it('when the case cannot be saved, the attempt is not kept either', async () => {
    const c = await newCase()
    const boom = (): void => {
      throw new Error('disk full')
    }
    db.cases.hook('updating', boom)
    await expect(appendAttempt(db, attempt(c.id, 'sms-blocking', 'resolved'), { agent: 'Ann', now: 2_000 })).rejects.toBeInstanceOf(
      ProblemError,
    )
    db.cases.hook('updating').unsubscribe(boom)
    expect(await db.attempts.count()).toBe(0)
    expect((await eventsForCase(db, c.id)).filter((e) => e.entity === 'attempt')).toHaveLength(0)
  })

  it('refuses an attempt for a case that does not exist', async () => {
    await expect(appendAttempt(db, attempt(999, 'sms-blocking', 'failed'), { agent: 'Ann', now: 2_000 })).rejects.toBeInstanceOf(
      ProblemError,
    )
    expect(await db.attempts.count()).toBe(0)
    expect(await db.events.count()).toBe(0)
  })

  it('refuses malformed records before touching storage', async () => {
    const c = await newCase()
    await expect(appendAttempt(db, attempt(c.id, 'no-such-method' as MethodId, 'failed'), { agent: 'Ann', now: 2_000 })).rejects.toThrow(
      /unknown method/,
    )
    await expect(appendAttempt(db, attempt(c.id, 'sms-blocking', 'maybe' as AttemptStatus), { agent: 'Ann', now: 2_000 })).rejects.toThrow(
      /unknown attempt status/,
    )
    await expect(
      appendAttempt(db, attempt(c.id, 'sms-blocking', 'failed', { note: 'x'.repeat(2001) }), { agent: 'Ann', now: 2_000 }),
    ).rejects.toThrow(/note/)
    expect(await db.attempts.count()).toBe(0)
  })
})
