import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { summarizeAttempts } from '@/domain/export/attemptSummary'
import type { AttemptRecord, CaseRecord } from '@/domain/model'
import { makeAttempt, makeCase } from '@test/exportRecords'
import { testDb } from '@test/db'
import { appendAttempt } from './attempts'
import { BACKFILL_KEY, backfillAttemptSummaries } from './attemptSummaries'
import type { ConsoleDb } from './db'
import { readCaseChunk } from './exportReader'
import { currentAttempts } from '@/domain/export/rows'

let db: ConsoleDb
let ids: number[] = []

/** 12 cases as a database from before summaries holds them: the first 9 with 1-3 checklist records. */
beforeEach(async () => {
  db = testDb()
  const cases: CaseRecord[] = []
  for (let i = 0; i < 12; i++) {
    const c = makeCase({ caseNumber: `VC-20261110-${String(i).padStart(4, '0')}`, uid: String(30_000_000 + i) })
    delete c.id
    cases.push(c)
  }
  ids = (await db.cases.bulkAdd(cases, { allKeys: true })) as number[]
  const records: AttemptRecord[] = []
  for (const [i, id] of ids.slice(0, 9).entries())
    for (let k = 0; k <= i % 3; k++)
      records.push({
        ...makeAttempt({
          caseId: id,
          methodId: k === 1 ? 'carrier-sms' : 'sms-blocking',
          status: k ? 'failed' : 'suggested',
          at: 1_000 + k,
        }),
        id: undefined,
      })
  await db.attempts.bulkAdd(records)
})
afterEach(() => db.delete())

const expected = async (caseId: number) => summarizeAttempts(await db.attempts.where('caseId').equals(caseId).toArray())

describe('backfillAttemptSummaries', () => {
  it('gives every case with records its summary, a slice at a time, and leaves the others and their revision alone', async () => {
    const revs = new Map((await db.cases.toArray()).map((c) => [c.id, c.rev]))
    let pauses = 0
    const written = await backfillAttemptSummaries(db, async () => void pauses++, 5)
    expect(written).toBe(9)
    expect(pauses).toBe(3) // 12 cases in slices of 5
    for (const c of await db.cases.toArray()) {
      if (ids.indexOf(c.id!) < 9) expect(c.attemptSummary, c.caseNumber).toEqual(await expected(c.id!))
      else expect(c.attemptSummary, c.caseNumber).toBeUndefined()
      expect(c.rev).toBe(revs.get(c.id))
    }
    expect((await db.syncState.get(BACKFILL_KEY))?.value).toEqual({ done: true })
    expect(await db.outbox.count()).toBe(0)
    // once through, it does nothing
    await db.cases.update(ids[0]!, { attemptSummary: undefined })
    expect(await backfillAttemptSummaries(db, async () => undefined, 5)).toBe(0)
    expect((await db.cases.get(ids[0]!))!.attemptSummary).toBeUndefined()
  })

  it('in team mode, writes nothing to the outbox and bumps no revision (a derived, local-only field)', async () => {
    db.syncQueueing = true
    const revs = new Map((await db.cases.toArray()).map((c) => [c.id, c.rev]))
    expect(await backfillAttemptSummaries(db, async () => undefined)).toBe(9)
    expect(await db.outbox.count()).toBe(0)
    for (const c of await db.cases.toArray()) expect(c.rev, c.caseNumber).toBe(revs.get(c.id))
  })

  it('resumes after the last case it went through (a window closed half way)', async () => {
    await db.syncState.put({ key: BACKFILL_KEY, value: { after: ids[4]! } })
    expect(await backfillAttemptSummaries(db, async () => undefined, 5)).toBe(4) // cases 6-9 of those with records
    expect((await db.cases.get(ids[4]!))!.attemptSummary).toBeUndefined()
    expect((await db.cases.get(ids[5]!))!.attemptSummary).toEqual(await expected(ids[5]!))
  })

  it('rewrites a stale summary and keeps what appendAttempt wrote', async () => {
    await appendAttempt(
      db,
      { caseId: ids[10]!, methodId: 'email-code', status: 'resolved', variantId: null, steps: [], note: '' },
      { agent: 'Lin', now: 5_000 },
    )
    const fresh = (await db.cases.get(ids[10]!))!.attemptSummary
    await db.cases.update(ids[1]!, { attemptSummary: { n: 1, sum: 1, xor: 1, current: 'sms-blocking=resolved' } })
    expect(await backfillAttemptSummaries(db, async () => undefined)).toBe(9)
    expect((await db.cases.get(ids[1]!))!.attemptSummary).toEqual(await expected(ids[1]!))
    expect((await db.cases.get(ids[10]!))!.attemptSummary).toEqual(fresh)
  })
})

describe("readCaseChunk 'current' (the cases file alone)", () => {
  const statuses = (records: readonly AttemptRecord[]) => currentAttempts(records).map((a) => ({ methodId: a.methodId, status: a.status }))

  it('answers from the summaries when they hold, for ids close together and far apart', async () => {
    await backfillAttemptSummaries(db, async () => undefined)
    for (const slice of [ids.slice(0, 6), [ids[0]!, ids[11]!]]) {
      const chunk = await readCaseChunk(db, slice, 'current')
      expect(chunk.map((x) => x.case.id)).toEqual(slice)
      for (const x of chunk) {
        expect(x.attempts).toEqual([]) // not read
        expect(x.current, x.case.caseNumber).toEqual(statuses(await db.attempts.where('caseId').equals(x.case.id).toArray()))
      }
    }
  })

  it('reads the records when the summaries do not account for them (near and far)', async () => {
    await backfillAttemptSummaries(db, async () => undefined)
    await db.attempts.add({ ...makeAttempt({ caseId: ids[11]!, methodId: 'email-code', status: 'declined', at: 9_000 }), id: undefined })
    for (const slice of [ids.slice(6, 12), [ids[0]!, ids[11]!]]) {
      const chunk = await readCaseChunk(db, slice, 'current')
      const last = chunk.find((x) => x.case.id === ids[11])!
      expect(last.current).toBeUndefined()
      expect(statuses(last.attempts)).toEqual([{ methodId: 'email-code', status: 'declined' }])
    }
  })
})
