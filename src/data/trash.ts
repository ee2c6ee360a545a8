import { ProblemError } from '@/domain/result'
import Dexie from 'dexie'
import type { CaseRecord } from '@/domain/model'
import type { WriteContext } from './cases'
import type { ConsoleDb } from './db'
import { guarded } from './errors'
import { appendEvent } from './events'

/**
 * The trash: deleting a case only marks it (`deletedAt`), so it can be restored; lists and look-ups skip
 * marked cases. Purging is a separate, final step that removes the case and everything about it.
 */

export interface TrashEntry {
  record: CaseRecord
  /** Who moved it to the trash (from its newest "deleted" event), if known. */
  deletedBy: string | null
}

const notFound = (id: number): ProblemError => new ProblemError({ key: 'trash.problem.notFound', params: { id } })

/** Moves a case to the trash, with a "deleted" event. Already in the trash: nothing changes. */
export function trashCase(db: ConsoleDb, id: number, ctx: WriteContext): Promise<CaseRecord> {
  return guarded(() =>
    db.transaction('rw', db.cases, db.events, async () => {
      const before = await db.cases.get(id)
      if (!before) throw notFound(id)
      if (before.deletedAt !== undefined) return before
      const after: CaseRecord = { ...before, deletedAt: ctx.now }
      await db.cases.put(after)
      await appendEvent(
        db,
        { entity: 'case', entityId: id, caseId: id, action: 'deleted', changes: [{ field: 'deletedAt', from: null, to: ctx.now }] },
        ctx.agent,
        ctx.now,
      )
      return after
    }),
  )
}

/** Takes a case out of the trash, with a "restored" event. Not in the trash: nothing changes. */
export function restoreCase(db: ConsoleDb, id: number, ctx: WriteContext): Promise<CaseRecord> {
  return guarded(() =>
    db.transaction('rw', db.cases, db.events, async () => {
      const before = await db.cases.get(id)
      if (!before) throw notFound(id)
      if (before.deletedAt === undefined) return before
      const { deletedAt, ...after } = before
      await db.cases.put(after)
      await appendEvent(
        db,
        { entity: 'case', entityId: id, caseId: id, action: 'restored', changes: [{ field: 'deletedAt', from: deletedAt, to: null }] },
        ctx.agent,
        ctx.now,
      )
      return after
    }),
  )
}

/**
 * Deletes a trashed case for good, in ONE transaction: the case, its checklist records, replies, reviews and
 * its whole history. What remains is a tombstone event (entity "case", action "purged") holding only the
 * case number, who purged it and when: no personal data. A case that is not in the trash is refused.
 */
export function purgeCase(db: ConsoleDb, id: number, ctx: WriteContext): Promise<{ caseNumber: string }> {
  return guarded(() =>
    db.transaction('rw', [db.cases, db.attempts, db.replies, db.reviews, db.events], async () => {
      const c = await db.cases.get(id)
      if (!c) throw notFound(id)
      if (c.deletedAt === undefined) throw new ProblemError({ key: 'trash.problem.notInTrash', params: { number: c.caseNumber } })
      const [attemptIds, replyIds, reviewIds] = await Promise.all([
        db.attempts.where('caseId').equals(id).primaryKeys(),
        db.replies.where('caseId').equals(id).primaryKeys(),
        db.reviews.where('caseId').equals(id).primaryKeys(),
      ])
      // the case's events, plus any that name the case or its records without carrying its id
      const byCase = await db.events.where('[caseId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey], true, true).primaryKeys()
      const byEntity = await db.events
        .where('[entity+entityId]')
        .anyOf([
          ['case', String(id)],
          ...attemptIds.map((a) => ['attempt', String(a)]),
          ...replyIds.map((r) => ['reply', String(r)]),
          ...reviewIds.map((r) => ['review', String(r)]),
        ])
        .filter((e) => e.action !== 'purged' && (e.caseId === null || e.caseId === id))
        .primaryKeys()
      await db.events.bulkDelete([...new Set([...byCase, ...byEntity])])
      await db.attempts.bulkDelete(attemptIds)
      await db.replies.bulkDelete(replyIds)
      await db.reviews.bulkDelete(reviewIds)
      await db.cases.delete(id)
      await appendEvent(db, { entity: 'case', entityId: id, caseId: null, action: 'purged', note: c.caseNumber }, ctx.agent, ctx.now)
      return { caseNumber: c.caseNumber }
    }),
  )
}

/** Cases in the trash, most recently deleted first (through the `deletedAt` index). */
export function listTrash(db: ConsoleDb): Promise<TrashEntry[]> {
  return guarded(() =>
    db.transaction('r', db.cases, db.events, async () => {
      const records = await db.cases.where('deletedAt').above(0).reverse().toArray()
      return Promise.all(
        records.map(async (record) => {
          const events = await db.events
            .where('[entity+entityId]')
            .equals(['case', String(record.id)])
            .toArray()
          const deleted = events.filter((e) => e.action === 'deleted').sort((a, b) => b.at - a.at)[0]
          return { record, deletedBy: deleted?.agent ?? null }
        }),
      )
    }),
  )
}

export function countTrash(db: ConsoleDb): Promise<number> {
  return guarded(() => db.cases.where('deletedAt').above(0).count())
}
