/**
 * The case list's reads: ordered ids through the indexes, and the rows on screen. Apart from src/data/cases
 * (writes, look-ups, related cases) so the first screen loads without the case validation and phone code.
 */
import type { CaseRecord, Channel, CaseStatus, Symptom } from '@/domain/model'
import type { ConsoleDb } from './db'
import { guarded } from './errors'

export function getCase(db: ConsoleDb, id: number): Promise<CaseRecord | undefined> {
  return guarded(() => db.cases.get(id))
}

export interface CaseListFilter {
  statuses: CaseStatus[]
  channels: Channel[]
  symptoms: Symptom[]
  /** createdAt range, epoch ms, inclusive. */
  from: number | null
  to: number | null
}

export interface CaseListSort {
  /** Indexed fields only. `agent`: who logged the case (ties in id order). */
  field: 'createdAt' | 'updatedAt' | 'agent'
  dir: 'asc' | 'desc'
}

export const emptyFilter = (): CaseListFilter => ({ statuses: [], channels: [], symptoms: [], from: null, to: null })

/**
 * Ordered ids of the cases matching a filter. Reads only indexes (primary keys), never the records:
 * the ordering comes from the sort index, each filter is a key set from its own index, and the lists
 * intersect in memory. Rows are fetched later, only for what is on screen.
 */
export async function listCaseIds(db: ConsoleDb, filter: CaseListFilter, sort: CaseListSort): Promise<number[]> {
  return guarded(async () => {
    const ranged = filter.from !== null || filter.to !== null
    const lo = filter.from ?? -Infinity
    const hi = filter.to ?? Infinity
    const orderedQuery =
      ranged && sort.field === 'createdAt' ? db.cases.where('createdAt').between(lo, hi, true, true) : db.cases.orderBy(sort.field)
    const setQueries: Promise<Set<number>>[] = []
    const asSet = (p: Promise<unknown[]>): Promise<Set<number>> => p.then((keys) => new Set(keys as number[]))
    /** Keys having any of the values: one getAllKeys per value (fast), unioned. */
    const anyOf = (index: string, values: readonly string[]): Promise<Set<number>> =>
      Promise.all(values.map((v) => db.cases.where(index).equals(v).primaryKeys() as Promise<number[]>)).then(
        (lists) => new Set(lists.flat()),
      )
    if (filter.statuses.length > 0) setQueries.push(anyOf('status', filter.statuses))
    if (filter.channels.length > 0) setQueries.push(anyOf('channels', filter.channels))
    if (filter.symptoms.length > 0) setQueries.push(anyOf('symptom', filter.symptoms))
    if (ranged && sort.field !== 'createdAt') {
      setQueries.push(asSet(db.cases.where('createdAt').between(lo, hi, true, true).primaryKeys()))
    }
    const [ordered, trashed, ...sets] = await Promise.all([
      orderedQuery.primaryKeys() as Promise<number[]>,
      asSet(db.cases.where('deletedAt').above(0).primaryKeys()),
      ...setQueries,
    ])
    const keep = (id: number): boolean => !trashed.has(id) && sets.every((s) => s.has(id))
    const result = trashed.size === 0 && sets.length === 0 ? ordered : ordered.filter(keep)
    return sort.dir === 'desc' ? result.slice().reverse() : result
  })
}

/**
 * The first `limit` cases of the unfiltered list in `sort`'s order, read as records straight from the sort
 * index with a limit (the trash skipped): the first screen paints from these while `listCaseIds` reads every
 * key (100,000 of them take most of a second). The same cases, in the same order, as the start of
 * `listCaseIds(db, emptyFilter(), sort)`: an index cursor runs by value, then primary key, both ways.
 */
export function firstCasesPage(db: ConsoleDb, sort: CaseListSort, limit: number): Promise<CaseRecord[]> {
  return guarded(() => {
    const ordered = db.cases.orderBy(sort.field)
    return (sort.dir === 'desc' ? ordered.reverse() : ordered)
      .filter((c) => c.deletedAt === undefined)
      .limit(limit)
      .toArray()
  })
}

/** The first page read ahead by start-up (`readFirstCasesPageEarly`), until the case list takes it. */
let early: { key: string; read: Promise<CaseRecord[]> } | null = null
const pageKey = (sort: CaseListSort, limit: number): string => `${sort.field} ${sort.dir} ${limit}`

/**
 * Starts `firstCasesPage` now, before the app that shows it is up: start-up calls it while the rest of the
 * code still evaluates, so opening the database and reading the rows overlap that work instead of following
 * it. The case list then takes the read with `takeFirstCasesPage`. Resolves (never rejects) once it is done.
 */
export function readFirstCasesPageEarly(db: ConsoleDb, sort: CaseListSort, limit: number): Promise<void> {
  const read = firstCasesPage(db, sort, limit)
  early = { key: pageKey(sort, limit), read }
  // settled either way: a failure is the taker's to report (an untaken read is dropped)
  return read.then(
    () => undefined,
    () => undefined,
  )
}

/** The read started early for this sort and limit (once), else a new `firstCasesPage`. */
export function takeFirstCasesPage(db: ConsoleDb, sort: CaseListSort, limit: number): Promise<CaseRecord[]> {
  const taken = early
  early = null
  return taken?.key === pageKey(sort, limit) ? taken.read : firstCasesPage(db, sort, limit)
}

export function getCasesByIds(db: ConsoleDb, ids: number[]): Promise<(CaseRecord | undefined)[]> {
  return guarded(() => db.cases.bulkGet(ids))
}
