import Dexie from 'dexie'
import { diffFacts, FACT_FIELDS, type CaseFacts } from '@/domain/case/validation'
import { rankMatches, type LookupPlan, type Match, type StagedLookup } from '@/domain/case/lookup'
import type { CaseRecord, CaseStatus } from '@/domain/model'
import { mergeFields } from '@/domain/sync/merge'
import { reverseDigits } from '@/domain/case/phone'
import type { ConsoleDb } from './db'
import { guarded } from './errors'
import { appendAttempt, type NewAttempt } from './attempts'
import { appendEvent } from './events'

export interface WriteContext {
  agent: string
  now: number
}

export const OPEN_STATUSES: readonly CaseStatus[] = ['open', 'waiting', 'escalated']

const isConstraintError = (err: unknown): boolean =>
  err instanceof Dexie.DexieError &&
  (err.name === 'ConstraintError' || (err as { inner?: { name?: string } }).inner?.name === 'ConstraintError')

/** A checklist outcome known when the case is logged (the user said in the chat what they already tried). */
export type InitialAttempt = Omit<NewAttempt, 'caseId'>

/**
 * Logs a new case and its "created" event in one transaction, with its first checklist records (each with
 * its own audit event, as src/data/attempts.ts writes them) when `attempts` are given: all or nothing. The
 * case number comes from `nextNumber`; on the rare collision with an existing number (unique index) it
 * retries with a new one.
 */
export async function createCase(
  db: ConsoleDb,
  facts: CaseFacts,
  ctx: WriteContext,
  nextNumber: () => string,
  attempts: readonly InitialAttempt[] = [],
): Promise<CaseRecord> {
  return guarded(async () => {
    for (let attempt = 0; ; attempt++) {
      const record: CaseRecord = {
        ...facts,
        caseNumber: nextNumber(),
        agent: ctx.agent,
        resolvedBy: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      try {
        return await db.transaction('rw', db.cases, db.attempts, db.events, async () => {
          const id = (await db.cases.add(record)) as number
          await appendEvent(db, { entity: 'case', entityId: id, caseId: id, action: 'created' }, ctx.agent, ctx.now)
          let saved: CaseRecord = { ...record, id }
          for (const a of attempts) saved = (await appendAttempt(db, { ...a, caseId: id }, ctx))?.caseRecord ?? saved
          return saved
        })
      } catch (err) {
        if (attempt < 5 && isConstraintError(err)) continue
        throw err
      }
    }
  })
}

/** A field both this editor and someone else changed: theirs was kept; the agent chooses. */
export interface FactConflict {
  field: keyof CaseFacts
  mine: unknown
  theirs: unknown
}

export interface CaseEdit {
  record: CaseRecord
  /** Fields changed meanwhile (another window, another agent) that this edit also changed differently. */
  conflicts: FactConflict[]
  /** Who made the newest change meanwhile (an agent's name, or a user id in team mode), when there are conflicts. */
  changedBy: string | null
}

const pickFacts = (c: Partial<CaseFacts>): Record<string, unknown> => Object.fromEntries(FACT_FIELDS.map((f) => [f, c[f] ?? null]))

/**
 * Saves an edit of a case's facts (docs/team-sync.md, "Field merge": one mechanism for two windows and two
 * agents). `base` is the facts the editor started from and `baseRev` the record's `rev` then. When the stored
 * `rev` is still `baseRev` the edit applies as is; otherwise it is merged field by field (`mergeFields`):
 * a field only this editor changed is applied, a field changed meanwhile and not here is kept, and a field
 * both changed differently keeps the stored value and comes back in `conflicts` (nothing is silently
 * overwritten). Without `base` every field is written. An "updated" event lists what changed; no change, no write.
 */
export async function saveCaseEdit(
  db: ConsoleDb,
  id: number,
  facts: CaseFacts,
  ctx: WriteContext,
  base?: CaseFacts,
  baseRev?: number,
): Promise<CaseEdit> {
  return guarded(() =>
    db.transaction('rw', db.cases, db.events, async () => {
      const before = await db.cases.get(id)
      if (!before) throw new Error(`case ${id} not found`)
      let edited: Partial<CaseFacts> = facts
      let conflicts: FactConflict[] = []
      if (base) {
        const unchanged = baseRev !== undefined && before.rev === baseRev
        const m = mergeFields(pickFacts(base), pickFacts(facts), unchanged ? pickFacts(base) : pickFacts(before))
        edited = Object.fromEntries(m.applied.map((f) => [f, facts[f as keyof CaseFacts]]))
        conflicts = m.conflicts.map((c) => ({ field: c.field as keyof CaseFacts, mine: c.lost, theirs: c.kept }))
        if ('phoneE164' in edited) edited.phoneRev = facts.phoneRev
        if ('email' in edited) edited.emailLower = facts.emailLower
      }
      let changedBy: string | null = null
      if (conflicts.length > 0) {
        const newest = await db.events.where('[caseId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey]).last()
        changedBy = before.updatedBy ?? newest?.agent ?? null
      }
      const after: CaseRecord = { ...before, ...edited }
      const changes = diffFacts(before, after)
      if (changes.length === 0) return { record: before, conflicts, changedBy }
      after.updatedAt = ctx.now
      await db.cases.put(after)
      await appendEvent(db, { entity: 'case', entityId: id, caseId: id, action: 'updated', changes }, ctx.agent, ctx.now)
      return { record: (await db.cases.get(id)) ?? after, conflicts, changedBy }
    }),
  )
}

/** `saveCaseEdit` for callers that only need the record. */
export async function updateCaseFacts(
  db: ConsoleDb,
  id: number,
  facts: CaseFacts,
  ctx: WriteContext,
  base?: CaseFacts,
  baseRev?: number,
): Promise<CaseRecord> {
  return (await saveCaseEdit(db, id, facts, ctx, base, baseRev)).record
}

/** How a user is recognised again: any one of these, as stored (the email lower-cased). */
export interface SameUser {
  uid: string | null
  phoneE164: string | null
  /** Matched only when given. */
  emailLower?: string | null
}

/** Cases (not in the trash) sharing the UID, the phone or the email, newest first, through their indexes. */
async function casesOfSameUser(
  db: ConsoleDb,
  who: SameUser,
  keep: (c: CaseRecord) => boolean,
  order: 'createdAt' | 'updatedAt',
): Promise<CaseRecord[]> {
  const [byUid, byPhone, byEmail] = await Promise.all([
    who.uid ? db.cases.where('uid').equals(who.uid).toArray() : [],
    who.phoneE164 ? db.cases.where('phoneE164').equals(who.phoneE164).toArray() : [],
    who.emailLower ? db.cases.where('emailLower').equals(who.emailLower).toArray() : [],
  ])
  const seen = new Map<number, CaseRecord>()
  for (const c of [...byUid, ...byPhone, ...byEmail]) {
    if (c.id !== undefined && c.deletedAt === undefined && keep(c)) seen.set(c.id, c)
  }
  return [...seen.values()].sort((a, b) => b[order] - a[order])
}

/** Open cases for the same UID, phone or email: intake offers them instead of a duplicate. */
export function findOpenCasesFor(db: ConsoleDb, who: SameUser, excludeId?: number): Promise<CaseRecord[]> {
  return guarded(() => casesOfSameUser(db, who, (c) => c.id !== excludeId && OPEN_STATUSES.includes(c.status), 'updatedAt'))
}

/**
 * The user's other cases (same UID, phone or email, as intake recognises the user), newest first: a case
 * logged anyway beside an open case found by its email lists that case too.
 */
export function relatedCases(db: ConsoleDb, c: CaseRecord): Promise<CaseRecord[]> {
  return guarded(() =>
    casesOfSameUser(db, { uid: c.uid, phoneE164: c.phoneE164, emailLower: c.emailLower }, (r) => r.id !== c.id, 'createdAt'),
  )
}

/** An index a look-up reads, and how: rows whose value equals `value`, or starts with it. */
interface IndexRead {
  index: 'uid' | 'phoneE164' | 'phoneRev' | 'emailLower' | 'caseNumber'
  value: string
  prefix: boolean
  kind: (record: CaseRecord) => Match<CaseRecord>['kind']
}

/** Dexie's upper bound of a startsWith() range (its `maxString`). */
const MAX_CHAR = '\uffff'

/**
 * Runs a lookup plan: every part is one index range, never a table scan. The parts are asked at once in one
 * read transaction (a transaction per part cost more than the reads themselves: ~1 ms a keystroke), each as
 * one `getAll` with a limit issued on that IndexedDB transaction itself: Dexie opens the database and the
 * transaction and reports their errors, but its Collection layers (a query object, promise zones and
 * middleware calls per read) cost more than the reads (bench, 100k cases, interleaved A/B: see the commit).
 * The answer is returned as soon as the reads are in: a Dexie transaction's own promise waits for
 * IndexedDB's "complete" event, one more round trip to the browser's storage process that a read-only
 * look-up does not need. The ranges are Dexie's own: `equals(v)` is `only(v)`, `startsWith(p)` is
 * `bound(p, p + "\uffff")`.
 *
 * Given a staged plan (stageLookup), the reads that need no phone parsing are issued first, then
 * libphonenumber parses, and the phone reads follow on the same transaction (in the same task, so it is
 * still active). A read whose rows another read already holds is not made (an index is ordered, so a prefix
 * range lists the rows whose value is the prefix itself first, exactly the rows an equals range gives within
 * the same limit; and a range read whole holds every row of any range inside it):
 * - an exact UID with a UID prefix of the same digits: one read on the prefix;
 * - a candidate number whose digits are the digits typed (`+86 138…` in full; `+1…`, `+852…` tried from
 *   digits typed without "+"): its rows come first in the last-digits read;
 * - a candidate number whose digits end with the digits typed (`+86 138…` from `138…`): its rows are in the
 *   last-digits read when that read came back with fewer rows than its limit (so it holds its whole range);
 *   only when it came back full is the number read on its own, from that read's callback.
 * Each record is read once where it was read twice (the +86 number's and the last digits' reads), which is
 * most of what a national form cost beyond the raw anchor's one read.
 */
export async function lookupCases(db: ConsoleDb, plan: LookupPlan | StagedLookup, limit = 20): Promise<Match<CaseRecord>[]> {
  const staged = 'plan' in plan ? plan : null
  const p = 'plan' in plan ? plan.plan : plan
  const reads: IndexRead[] = []
  const read = (index: IndexRead['index'], value: string, prefix: boolean, kind: Match<CaseRecord>['kind']): void => {
    reads.push({ index, value, prefix, kind: () => kind })
  }
  const { uidExact, uidPrefix, phoneRevPrefix } = p
  if (uidExact !== null && uidExact === uidPrefix) {
    // an exact UID and a UID prefix of the same digits: one read answers both
    reads.push({ index: 'uid', value: uidPrefix, prefix: true, kind: (r) => (r.uid === uidExact ? 'uid' : 'uidPrefix') })
  } else {
    if (uidExact) read('uid', uidExact, false, 'uid')
    if (uidPrefix) read('uid', uidPrefix, true, 'uidPrefix')
  }
  const uidReads = reads.length
  const lastDigits = phoneRevPrefix ? reads.length : -1
  if (phoneRevPrefix) read('phoneRev', phoneRevPrefix, true, 'phoneSuffix')
  if (p.emailPrefix) read('emailLower', p.emailPrefix, true, 'email')
  if (p.caseNumberPrefix) read('caseNumber', p.caseNumberPrefix, true, 'caseNumber')
  const planReads = reads.length
  // nothing to read but maybe numbers (`+8525…`): nothing to overlap, so parse first
  let phones: readonly string[] | null = staged && reads.length > 0 ? null : staged ? staged.phones() : p.phoneExact
  if (reads.length === 0 && phones?.length === 0) return []
  return guarded(async () => {
    const take = limit + 5
    // not open yet: Dexie opens it as for any query (or refuses, as for any query, after an explicit close())
    const idb = db.isOpen() ? db.backendDB() : await db.transaction('r', db.cases, () => db.backendDB())
    const store = idb.transaction('cases', 'readonly').objectStore('cases')
    const out: CaseRecord[][] = []
    let left = 0
    let failed: unknown = null
    let settle: ((error?: unknown) => void) | null = null
    /** Per candidate number: the read holding its rows (its own, or the last-digits read: then filtered). */
    const phoneReads: number[] = []
    /** Candidates inside the last-digits range, read on their own only if that read comes back full. */
    const inside: number[] = []
    const issue = (i: number): void => {
      const r = reads[i]!
      left++
      const range = r.prefix ? IDBKeyRange.bound(r.value, r.value + MAX_CHAR) : IDBKeyRange.only(r.value)
      const req = store.index(r.index).getAll(range, take)
      req.onsuccess = () => {
        const rows = req.result as CaseRecord[]
        out[i] = rows
        // the transaction is active in this callback: a full last-digits read may have cut a number's rows off
        if (i === lastDigits && rows.length >= take) for (const k of inside) phoneReads[k] = readNumber(phones![k]!)
        if (--left === 0) settle?.()
      }
      req.onerror = () => {
        failed ??= req.error ?? new Error('look-up read failed')
        settle?.(failed)
      }
    }
    /** One read per candidate number (an equals range is one getAll, where anyOf() would walk a cursor). */
    const readNumber = (phone: string): number => {
      read('phoneE164', phone, false, 'phone')
      issue(reads.length - 1)
      return reads.length - 1
    }
    for (let i = 0; i < reads.length; i++) issue(i)
    // the parse runs while IndexedDB answers the reads above
    phones ??= staged!.phones()
    phones.forEach((phone, k) => {
      const rev = phoneRevPrefix ? reverseDigits(phone) : ''
      if (phoneRevPrefix && rev.startsWith(phoneRevPrefix)) {
        phoneReads.push(lastDigits)
        if (rev !== phoneRevPrefix) inside.push(k)
      } else phoneReads.push(readNumber(phone))
    })
    if (left > 0)
      await new Promise<void>((resolve, reject) => {
        settle = (error) => (error === undefined ? resolve() : reject(error))
      })
    if (failed !== null) throw failed
    // matches in the plan's order (UID, numbers, last digits, email, case number): ties keep it when ranked
    const all: Match<CaseRecord>[] = []
    const add = (i: number, only?: string): void => {
      const kind = only === undefined ? reads[i]!.kind : () => 'phone' as const
      for (const record of out[i]!)
        if (record.deletedAt === undefined && (only === undefined || record.phoneE164 === only)) all.push({ record, kind: kind(record) })
    }
    for (let i = 0; i < uidReads; i++) add(i)
    phoneReads.forEach((i, k) => add(i, i === lastDigits ? phones![k] : undefined))
    for (let i = uidReads; i < planReads; i++) add(i)
    return rankMatches(all).slice(0, limit)
  })
}

/**
 * Inserts many complete case records in chunks, each chunk in one transaction with one "imported"
 * event per case. Used by restore-style imports and by the benchmark's seeding.
 */
export async function bulkInsertCases(
  db: ConsoleDb,
  records: CaseRecord[],
  ctx: WriteContext,
  chunk = 5000,
  onProgress?: (done: number) => void,
): Promise<number[]> {
  return guarded(async () => {
    const ids: number[] = []
    for (let i = 0; i < records.length; i += chunk) {
      const part = records.slice(i, i + chunk)
      const partIds = await db.transaction('rw', db.cases, db.events, async () => {
        const keys = (await db.cases.bulkAdd(part, { allKeys: true })) as number[]
        await db.events.bulkAdd(
          keys.map((id) => ({
            at: ctx.now,
            agent: ctx.agent,
            entity: 'case' as const,
            entityId: String(id),
            caseId: id,
            action: 'imported',
            changes: [],
            note: '',
          })),
        )
        return keys
      })
      ids.push(...partIds)
      onProgress?.(ids.length)
    }
    return ids
  })
}
