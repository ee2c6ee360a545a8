import { ProblemError } from '@/domain/result'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { planLookup } from '@/domain/case/lookup'
import { UUID_PATTERN } from '@/domain/sync/records'
import { emptyFilter, listCaseIds } from './caseList'
import { lookupCases, relatedCases } from './cases'
import type { ConsoleDb } from './db'
import { fixture, T0, writeFixture } from '@test/fixture'
import { caseTimeline } from './timeline'
import { countTrash, listTrash, purgeCase, restoreCase, trashCase } from './trash'
import { testDb } from '@test/db'

let db: ConsoleDb
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

const ctx = (now: number, agent = 'Mei') => ({ now, agent })

async function seeded(): Promise<ConsoleDb> {
  db = testDb()
  const f = fixture()
  // case 2 shares case 1's UID so "related cases" has something to hide
  f.cases[1] = { ...f.cases[1]!, uid: '35001234' }
  await writeFixture(db, f)
  return db
}

async function everything(d: ConsoleDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const t of d.tables) out[t.name] = await t.toArray()
  return out
}

describe('trash', () => {
  it('moving a case to the trash hides it from look-up, the list and related cases, and logs who did it', async () => {
    await seeded()
    const trashed = await trashCase(db, 2, ctx(T0 + 10_000_000))
    expect(trashed.deletedAt).toBe(T0 + 10_000_000)
    expect((await lookupCases(db, planLookup('+852 9123 4567'))).map((m) => m.record.id)).toEqual([])
    expect(await listCaseIds(db, emptyFilter(), { field: 'createdAt', dir: 'desc' })).toEqual([1])
    expect((await relatedCases(db, (await db.cases.get(1))!)).map((c) => c.id)).toEqual([])
    const [latest] = await caseTimeline(db, 2)
    expect(latest).toMatchObject({ action: 'deleted', agent: 'Mei', changes: [{ field: 'deletedAt', from: null, to: T0 + 10_000_000 }] })

    const trash = await listTrash(db)
    expect(trash.map((e) => [e.record.id, e.deletedBy])).toEqual([
      [2, 'Mei'],
      [3, 'Lin'],
    ])
    expect(await countTrash(db)).toBe(2)
  })

  it('trashing twice changes nothing the second time', async () => {
    await seeded()
    await trashCase(db, 2, ctx(T0 + 10_000_000))
    const again = await trashCase(db, 2, ctx(T0 + 20_000_000))
    expect(again.deletedAt).toBe(T0 + 10_000_000)
    expect((await caseTimeline(db, 2)).filter((e) => e.action === 'deleted')).toHaveLength(1)
  })

  it('restoring brings the case back exactly as it was, with a "restored" event', async () => {
    await seeded()
    const original = await db.cases.get(2)
    await trashCase(db, 2, ctx(T0 + 10_000_000))
    const restored = await restoreCase(db, 2, ctx(T0 + 10_005_000, 'Lin'))
    expect('deletedAt' in restored).toBe(false)
    // the same record, two local revisions later (trashed, restored)
    expect(await db.cases.get(2)).toEqual({ ...original, rev: original!.rev! + 2 })
    expect((await lookupCases(db, planLookup('91234567'))).map((m) => m.record.id)).toEqual([2])
    expect((await caseTimeline(db, 2))[0]).toMatchObject({
      action: 'restored',
      agent: 'Lin',
      changes: [{ field: 'deletedAt', from: T0 + 10_000_000, to: null }],
    })
    expect((await listTrash(db)).map((e) => e.record.id)).toEqual([3])
  })

  it('refuses to purge a case that is not in the trash, and changes nothing', async () => {
    await seeded()
    const before = await everything(db)
    const err = await purgeCase(db, 1, ctx(T0 + 10_000_000)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProblemError)
    expect((err as ProblemError).problem).toEqual({ key: 'trash.problem.notInTrash', params: { number: 'VC-20261124-7K3Q' } })
    expect(await everything(db)).toEqual(before)
    expect(((await purgeCase(db, 99, ctx(1)).catch((e: unknown) => e)) as ProblemError).problem.key).toBe('trash.problem.notFound')
  })

  it('purging removes the case, its checklist, replies, reviews and history in one go, leaving a tombstone without personal data', async () => {
    await seeded()
    const f = fixture()
    await trashCase(db, 1, ctx(T0 + 10_000_000))
    const result = await purgeCase(db, 1, ctx(T0 + 10_100_000, 'Lead'))
    expect(result).toEqual({ caseNumber: 'VC-20261124-7K3Q' })
    expect(await db.cases.get(1)).toBeUndefined()
    expect(await db.attempts.where('caseId').equals(1).count()).toBe(0)
    expect(await db.replies.where('caseId').equals(1).count()).toBe(0)
    expect(await db.reviews.where('caseId').equals(1).count()).toBe(0)
    expect(await caseTimeline(db, 1)).toEqual([])
    // the other cases keep all their records
    expect((await db.attempts.toArray()).map((a) => a.id)).toEqual([3])
    expect(await db.events.where('caseId').equals(2).count()).toBe(1)

    const tombstones = await db.events.where('[entity+entityId]').equals(['case', '1']).toArray()
    expect(tombstones).toEqual([
      {
        id: expect.any(Number),
        at: T0 + 10_100_000,
        agent: 'Lead',
        entity: 'case',
        entityId: '1',
        caseId: null,
        action: 'purged',
        changes: [],
        note: 'VC-20261124-7K3Q',
        syncId: expect.stringMatching(UUID_PATTERN),
        rev: 1,
        serverVersion: null,
      },
    ])
    const left = JSON.stringify(await everything(db))
    // case 1's phone, email, notes, reply text, review reference and description are gone everywhere
    for (const personal of [
      f.cases[0]!.phoneE164!,
      f.cases[0]!.emailLower!,
      '华为',
      '预计 2026-11-27',
      'SR-2026-000417',
      'cannot log in another way',
    ]) {
      expect(left.includes(personal), personal).toBe(false)
    }
  })

  it('purge is all or nothing', async () => {
    await seeded()
    await trashCase(db, 1, ctx(T0 + 10_000_000))
    const before = await everything(db)
    db.events.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError')
    })
    const err = await purgeCase(db, 1, ctx(T0 + 10_100_000)).catch((e: unknown) => e)
    expect((err as ProblemError).problem.key).toBe('errors.storage.quota')
    expect(await everything(db)).toEqual(before)
  })
})
