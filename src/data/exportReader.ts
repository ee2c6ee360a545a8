/**
 * Reading for bulk exports and the dashboard (run inside the export Web Worker, which opens its own
 * ConsoleDb). Two steps, so 100,000 cases never sit in memory at once:
 *
 * 1. `matchingCaseIds`: which cases the filter selects, in date order, from indexes and primary keys
 *    only (no record is read): the date range is one index range, each other field a key set from its own
 *    index, and the review status a look-up in the (small) reviews table. So the live count is cheap.
 * 2. `readCaseChunk`: the records of one slice of those ids (about 2,000) with their attempts (or, for the
 *    cases file alone, only the methods' newest statuses from the cases' stored summaries), in one
 *    read transaction. The worker applies the compiled filter's `matches` again on the records: it is the
 *    authority; step 1 only narrows what is read.
 */
import { currentFromSummaries, type CurrentMethod } from '@/domain/export/attemptSummary'
import { NO_REVIEW, NOT_RESOLVED, type CompiledExportFilter } from '@/domain/export/filter'
import type { AttemptRecord, CaseRecord, ReplyRecord, ReviewRecord } from '@/domain/model'
import type { ConsoleDb } from './db'
import { guarded } from './errors'

/** Cases per chunk read (and per progress message). */
export const EXPORT_CHUNK = 2000

export type StoredCase = CaseRecord & { id: number }

/** Every review, grouped by case id. Reviews are few (one per escalated case), so this is one read. */
export function reviewsByCase(db: ConsoleDb): Promise<Map<number, ReviewRecord[]>> {
  return guarded(async () => {
    const out = new Map<number, ReviewRecord[]>()
    for (const r of await db.reviews.toArray()) {
      const list = out.get(r.caseId)
      if (list) list.push(r)
      else out.set(r.caseId, [r])
    }
    return out
  })
}

/** Primary keys of the cases in a date range of an indexed date field, in that field's order. */
function rangeKeys(db: ConsoleDb, field: 'createdAt' | 'updatedAt', lo: number | null, hi: number | null): Promise<number[]> {
  const where = db.cases.where(field)
  const q =
    lo !== null && hi !== null
      ? where.between(lo, hi, true, false)
      : lo !== null
        ? where.aboveOrEqual(lo)
        : hi !== null
          ? where.below(hi)
          : db.cases.orderBy(field)
  return q.primaryKeys() as Promise<number[]>
}

/**
 * Ids of the cases the filter selects (oldest first by the filter's date field).
 * `latestReviewStatus(caseId)`: the SLA status of the case's latest review, undefined without one; needed
 * only when the filter names review statuses.
 */
export function matchingCaseIds(
  db: ConsoleDb,
  compiled: CompiledExportFilter,
  latestReviewStatus: (caseId: number) => string | undefined = () => undefined,
): Promise<number[]> {
  return guarded(async () => {
    const f = compiled.filter
    const keysOf = (index: string, values: readonly string[]): Promise<Set<number>> =>
      Promise.all(values.map((v) => db.cases.where(index).equals(v).primaryKeys() as Promise<number[]>)).then(
        (lists) => new Set(lists.flat()),
      )
    const methods = f.resolvedBy.filter((m) => m !== NOT_RESOLVED)
    const wantsUnresolved = f.resolvedBy.includes(NOT_RESOLVED)
    const [ordered, trashed, statuses, symptoms, channels, agents, byMethod, anyResolved] = await db.transaction('r', db.cases, () =>
      Promise.all([
        rangeKeys(db, compiled.dateField, compiled.rangeStart, compiled.rangeEnd),
        f.includeTrashed
          ? null
          : db.cases
              .orderBy('deletedAt')
              .primaryKeys()
              .then((k) => new Set(k as number[])),
        f.statuses.length ? keysOf('status', f.statuses) : null,
        f.symptoms.length ? keysOf('symptom', f.symptoms) : null,
        f.channels.length ? keysOf('channels', f.channels) : null,
        f.agents.length ? keysOf('agent', f.agents) : null,
        methods.length ? keysOf('resolvedBy', methods) : null,
        // null is not an index key: the unresolved cases are those missing from the resolvedBy index
        wantsUnresolved
          ? db.cases
              .orderBy('resolvedBy')
              .primaryKeys()
              .then((k) => new Set(k as number[]))
          : null,
      ]),
    )
    const reviewStatuses = f.reviewStatuses.length ? new Set(f.reviewStatuses) : null
    const sets = [statuses, symptoms, channels, agents].filter((s): s is Set<number> => s !== null)
    const resolvedFilter = f.resolvedBy.length > 0
    return ordered.filter((id) => {
      if (trashed?.has(id)) return false
      for (const s of sets) if (!s.has(id)) return false
      if (resolvedFilter && !(byMethod?.has(id) || (anyResolved !== null && !anyResolved.has(id)))) return false
      if (reviewStatuses && !reviewStatuses.has(latestReviewStatus(id) ?? NO_REVIEW)) return false
      return true
    })
  })
}

export interface CaseChunkItem {
  case: StoredCase
  /** Every attempt record of the case (unsorted); empty when they were not read (see `current`). */
  attempts: AttemptRecord[]
  /** With `attempts: 'current'`, when the case's stored summary was used: the methods' newest statuses. */
  current?: CurrentMethod[]
}

/**
 * What a chunk read brings of the cases' checklist records:
 * - 'records': every record (the attempts file, the dashboard);
 * - 'current': only each method's newest status, which the cases file needs. It comes from the cases'
 *   stored summaries when their fingerprints account for the records that exist now, read as primary keys
 *   of the `caseId` index (src/domain/export/attemptSummary.ts); otherwise the records are read;
 * - 'none': nothing.
 */
export type AttemptsRead = 'records' | 'current' | 'none'

/** One IndexedDB request as a promise. */
const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })

/**
 * The records of a slice of case ids, in the slice's order, with their attempts. When the ids are
 * close together (the usual case: ids grow with creation time) both come from one key-range getAll each,
 * straight on IndexedDB in one read-only transaction (Dexie's per-record wrapping doubled the time of a
 * 100,000-case export); scattered ids are read key by key through Dexie.
 */
export function readCaseChunk(db: ConsoleDb, ids: readonly number[], attemptsRead: AttemptsRead = 'records'): Promise<CaseChunkItem[]> {
  return guarded(async () => {
    if (ids.length === 0) return []
    let lo = Number.POSITIVE_INFINITY
    let hi = Number.NEGATIVE_INFINITY
    for (const id of ids) {
      if (id < lo) lo = id
      if (id > hi) hi = id
    }
    const wanted = new Set(ids)
    const dense = hi - lo + 1 <= ids.length * 4
    // 'current' asks first for the records' ids only; `attempts` stays null when the summaries answer
    const keysOnly = attemptsRead === 'current'
    let cases: (CaseRecord | undefined)[]
    let attempts: AttemptRecord[] | null
    let current: Map<number, CurrentMethod[]> | null = null
    if (dense) {
      if (!db.isOpen()) await db.open()
      const range = IDBKeyRange.bound(lo, hi)
      const tx = db.backendDB().transaction(['cases', 'attempts'], 'readonly')
      const byCaseId = tx.objectStore('attempts').index('caseId')
      const [rows, found] = await Promise.all([
        request(tx.objectStore('cases').getAll(range) as IDBRequest<CaseRecord[]>),
        attemptsRead === 'none'
          ? Promise.resolve([])
          : keysOnly
            ? request(byCaseId.getAllKeys(range) as IDBRequest<number[]>)
            : request(byCaseId.getAll(range) as IDBRequest<AttemptRecord[]>),
      ])
      // every case of the key range and every record of the same range of the index: the fingerprints
      // must add up over exactly these
      if (keysOnly) {
        current = currentFromSummaries(rows, found as number[])
        attempts = current
          ? null
          : await request(
              db.backendDB().transaction('attempts', 'readonly').objectStore('attempts').index('caseId').getAll(range) as IDBRequest<
                AttemptRecord[]
              >,
            )
      } else attempts = found as AttemptRecord[]
      const byId = new Map(rows.map((r) => [r.id, r]))
      cases = ids.map((id) => byId.get(id))
    } else {
      const byCaseId = () => db.attempts.where('caseId').anyOf([...ids])
      ;[cases, attempts] = await db.transaction('r', db.cases, db.attempts, async () => {
        const [rows, found] = await Promise.all([
          db.cases.bulkGet([...ids]),
          attemptsRead === 'none'
            ? Promise.resolve([] as AttemptRecord[])
            : keysOnly
              ? (byCaseId().primaryKeys() as Promise<number[]>)
              : byCaseId().toArray(),
        ])
        if (!keysOnly) return [rows, found as AttemptRecord[]] as const
        current = currentFromSummaries(
          rows.filter((r) => r !== undefined),
          found as number[],
        )
        return [rows, current ? null : await byCaseId().toArray()] as const
      })
    }
    const byCase = new Map<number, AttemptRecord[]>()
    for (const a of attempts ?? []) {
      if (!wanted.has(a.caseId)) continue
      const list = byCase.get(a.caseId)
      if (list) list.push(a)
      else byCase.set(a.caseId, [a])
    }
    const out: CaseChunkItem[] = []
    for (const c of cases) {
      if (c?.id === undefined) continue
      const item: CaseChunkItem = { case: c as StoredCase, attempts: byCase.get(c.id) ?? [] }
      const now = current?.get(c.id)
      if (now) item.current = now
      out.push(item)
    }
    return out
  })
}

/** Agent names that appear on cases (from the agent index, no record read), sorted. */
export function listCaseAgents(db: ConsoleDb): Promise<string[]> {
  return guarded(async () =>
    ((await db.cases.orderBy('agent').uniqueKeys()) as string[]).filter((a) => a !== '').sort((a, b) => a.localeCompare(b)),
  )
}

/** Reviews submitted in a range [lo, hi) (epoch ms; null: open), for the dashboard. */
export function reviewsSubmittedIn(db: ConsoleDb, lo: number | null, hi: number | null): Promise<ReviewRecord[]> {
  return guarded(() => {
    const where = db.reviews.where('submittedAt')
    const q =
      lo !== null && hi !== null
        ? where.between(lo, hi, true, false)
        : lo !== null
          ? where.aboveOrEqual(lo)
          : hi !== null
            ? where.below(hi)
            : db.reviews.toCollection()
    return q.toArray()
  })
}

export interface CaseReportData {
  case: StoredCase
  attempts: AttemptRecord[]
  replies: ReplyRecord[]
  reviews: ReviewRecord[]
}

/** Everything a case report shows, read in one transaction; undefined when the case does not exist. */
export function readCaseReportData(db: ConsoleDb, caseId: number): Promise<CaseReportData | undefined> {
  return guarded(() =>
    db.transaction('r', db.cases, db.attempts, db.replies, db.reviews, async () => {
      const c = await db.cases.get(caseId)
      if (c?.id === undefined) return undefined
      const [attempts, replies, reviews] = await Promise.all([
        db.attempts.where('caseId').equals(caseId).toArray(),
        db.replies.where('caseId').equals(caseId).toArray(),
        db.reviews.where('caseId').equals(caseId).toArray(),
      ])
      return { case: c as StoredCase, attempts, replies, reviews }
    }),
  )
}
