import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { planLookup, rankMatches, stageLookup, type LookupPlan, type Match } from '@/domain/case/lookup'
import type { CaseRecord } from '@/domain/model'
import { reverseDigits } from '@/domain/case/phone'
import { testDb } from '@test/db'
import { lookupCases } from './cases'
import { ConsoleDb } from './db'

/**
 * lookupCases as it was before its fast paths (one Dexie read per plan part, a UID asked twice: equals and
 * startsWith), the reference the fast paths must agree with, result for result and in the same order.
 */
async function lookupReference(db: ConsoleDb, plan: LookupPlan, limit = 20): Promise<Match<CaseRecord>[]> {
  return db.transaction('r', db.cases, async () => {
    const take = limit + 5
    const parts: Promise<Match<CaseRecord>[]>[] = []
    const add = (kind: Match<CaseRecord>['kind'], q: Promise<CaseRecord[]>): void => {
      parts.push(q.then((rows) => rows.map((record) => ({ record, kind }))))
    }
    if (plan.uidExact) add('uid', db.cases.where('uid').equals(plan.uidExact).limit(take).toArray())
    if (plan.uidPrefix) add('uidPrefix', db.cases.where('uid').startsWith(plan.uidPrefix).limit(take).toArray())
    for (const phone of plan.phoneExact) add('phone', db.cases.where('phoneE164').equals(phone).limit(take).toArray())
    if (plan.phoneRevPrefix) add('phoneSuffix', db.cases.where('phoneRev').startsWith(plan.phoneRevPrefix).limit(take).toArray())
    if (plan.emailPrefix) add('email', db.cases.where('emailLower').startsWith(plan.emailPrefix).limit(take).toArray())
    if (plan.caseNumberPrefix) add('caseNumber', db.cases.where('caseNumber').startsWith(plan.caseNumberPrefix).limit(take).toArray())
    const all = (await Promise.all(parts)).flat().filter((m) => m.record.deletedAt === undefined)
    return rankMatches(all).slice(0, limit)
  })
}

let db: ConsoleDb | undefined
afterEach(() => db?.close())

/** Few digits, so that UIDs share prefixes and some UID is held by more cases than one read takes (25). */
const uid = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('1', '12', '123', '1234', '12345', '123456', '2', '21') },
  { weight: 2, arbitrary: fc.stringMatching(/^[12]{1,6}$/) },
)
/**
 * 13022345678 is valid both as a mainland mobile and, typed without "+", as +1 302 234 5678 (two candidate
 * numbers); 14155552671 only as +1 415 555 2671; the others share their last digits.
 */
const phone = fc.constantFrom(
  '+8613800138000',
  '+8613912348000',
  '+85291234567',
  '+8613800138001',
  '+8613022345678',
  '+13022345678',
  '+14155552671',
)
const row = fc.record({
  uid: fc.option(uid, { nil: null }),
  phone: fc.option(phone, { nil: null }),
  email: fc.option(fc.constantFrom('li.wei@gmail.com', 'li@qq.com', '12@qq.com'), { nil: null }),
  updatedAt: fc.integer({ min: 1, max: 6 }),
  deleted: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
})

type Row = typeof row extends fc.Arbitrary<infer R> ? R : never

function record(i: number, r: Row): CaseRecord {
  return {
    caseNumber: `VC-20261124-${String(i).padStart(4, '0')}`,
    uid: r.uid,
    phoneE164: r.phone,
    phoneRev: r.phone ? reverseDigits(r.phone) : null,
    email: r.email,
    emailLower: r.email,
    updatedAt: r.updatedAt,
    createdAt: r.updatedAt,
    ...(r.deleted ? { deletedAt: 9 } : {}),
  } as unknown as CaseRecord
}

/** A phone as agents type or paste it: every form the bench measures, and a few more. */
const phoneQuery = fc
  .tuple(
    fc.constantFrom('13800138000', '13022345678', '13912348000', '14155552671', '13800138001'),
    fc.constantFrom<(n: string) => string>(
      (n) => n,
      (n) => `+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
      (n) => `0086${n}`,
      (n) => `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
      (n) => `86${n}`,
      (n) => `+1 ${n.slice(1, 4)} ${n.slice(4, 7)} ${n.slice(7)}`,
      (n) => n.slice(-4),
      (n) => n.slice(-6),
    ),
  )
  .map(([n, form]) => form(n))
const query = fc.oneof(
  uid,
  phoneQuery,
  fc.constantFrom('13800138000', '008613800138000', '+86 138 0013 8000', '852 9123 4567', '8000', 'li', '12@', 'vc-2026'),
  // the hot number typed nationally: its +86 rows sit inside a last-digits range that +1 rows may fill first
  fc.constant('13022345678'),
)

describe('lookupCases fast paths', () => {
  it('answer exactly what one read per plan part answers (same cases, kinds and order)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 40 }),
        // sometimes one UID held by more cases than a read takes
        fc.array(
          row.map((r) => ({ ...r, uid: '12' })),
          { maxLength: 35 },
        ),
        // sometimes one phone held by more cases than a read takes
        fc.array(
          row.map((r) => ({ ...r, phone: '+8613022345678' as const })),
          { maxLength: 35 },
        ),
        fc.array(query, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 20 }),
        async (rows, hot, hotPhone, queries, limit) => {
          db?.close()
          db = testDb()
          await db.cases.bulkAdd([...rows, ...hot, ...hotPhone].map((r, i) => record(i, r)))
          for (const q of queries) {
            const plan = planLookup(q)
            const got = (await lookupCases(db, plan, limit)).map((m) => [m.record.caseNumber, m.kind])
            const want = (await lookupReference(db, plan, limit)).map((m) => [m.record.caseNumber, m.kind])
            expect(got, q).toEqual(want)
            // staged as the search box runs it: the phone parse after the other reads are issued
            const staged = (await lookupCases(db, stageLookup(q), limit)).map((m) => [m.record.caseNumber, m.kind])
            expect(staged, q).toEqual(want)
          }
        },
      ),
      { numRuns: 80 },
    )
  })

  it('reads a number on its own when the last-digits read that holds its range comes back full', async () => {
    db = testDb()
    // +1 302 234 5678 first in the reversed-digits index, then 12 cases of +86 130 2234 5678, newer by id
    const rows = [
      ...[1, 2, 3].map(() => ({ uid: null, phone: '+13022345678' as const, email: null, updatedAt: 1, deleted: false })),
      ...Array.from({ length: 12 }, (_, i) => ({
        uid: null,
        phone: '+8613022345678' as const,
        email: null,
        updatedAt: 2 + i,
        deleted: false,
      })),
    ]
    await db.cases.bulkAdd(rows.map((r, i) => record(i, r)))
    const plan = planLookup('13022345678')
    const want = (await lookupReference(db, plan, 5)).map((m) => m.record.caseNumber)
    expect(want).toEqual(['VC-20261124-0012', 'VC-20261124-0011', 'VC-20261124-0010', 'VC-20261124-0009', 'VC-20261124-0008'])
    expect((await lookupCases(db, stageLookup('13022345678'), 5)).map((m) => m.record.caseNumber)).toEqual(want)
    expect((await lookupCases(db, plan, 5)).map((m) => m.record.caseNumber)).toEqual(want)
  })

  it('opens a database that is not open yet, and after an explicit close() refuses as any Dexie query does', async () => {
    db = testDb()
    await db.cases.add(record(0, { uid: '1', phone: '+8613800138000', email: null, updatedAt: 1, deleted: false }))
    db.close()
    const later = new ConsoleDb(db.name)
    db = later
    expect((await lookupCases(later, planLookup('138 0013 8000'))).map((m) => m.kind)).toEqual(['phone'])
    later.close()
    await expect(lookupCases(later, planLookup('138 0013 8000'))).rejects.toThrow()
  })
})
