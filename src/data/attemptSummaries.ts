/**
 * Keeping the cases' local `attemptSummary` (src/domain/export/attemptSummary.ts) in line with their
 * checklist records. appendAttempt writes it with each record; this module serves the other paths:
 * - a pull refreshes the cases it touched, in its own unqueued transaction (`refreshAttemptSummaries`);
 * - the back-fill (`backfillAttemptSummaries`) gives one to the cases of a database made before summaries
 *   existed, or restored from such a file: after the first screen, a slice at a time at idle moments, so
 *   neither the start nor the agent's work waits for it. Its progress is local bookkeeping (`syncState`,
 *   never backed up, cleared by a restore, so a restored database is gone through again).
 * Until then, a cases-only export reads those cases' records: slower, never wrong.
 */
import { sameSummary, summarizeAttempts } from '@/domain/export/attemptSummary'
import type { AttemptRecord, CaseRecord } from '@/domain/model'
import type { ConsoleDb } from './db'
import { withoutQueueing } from './syncOutbox'

/** Cases per read of a refresh. */
const REFRESH_SLICE = 2000

/** The cases among `ids` whose stored summary differs from their records', with the summary they need. */
async function staleSummaries(tables: Pick<ConsoleDb, 'cases' | 'attempts'>, ids: readonly number[]): Promise<CaseRecord[]> {
  const lo = Math.min(...ids)
  const hi = Math.max(...ids)
  // ids close together (a slice of every case, a pull of recent work): one index range instead of many keys
  const byCaseId = tables.attempts.where('caseId')
  const [cases, records] = await Promise.all([
    tables.cases.bulkGet([...ids]),
    (hi - lo < ids.length * 4 ? byCaseId.between(lo, hi, true, true) : byCaseId.anyOf([...ids])).toArray(),
  ])
  const byCase = new Map<number, AttemptRecord[]>()
  for (const a of records) {
    const list = byCase.get(a.caseId)
    if (list) list.push(a)
    else byCase.set(a.caseId, [a])
  }
  const changed: CaseRecord[] = []
  for (const c of cases) {
    if (c?.id === undefined) continue
    const own = byCase.get(c.id) ?? []
    // no records and no summary: nothing to say (a case without a summary counts as one without records)
    if (own.length === 0 && c.attemptSummary === undefined) continue
    const summary = summarizeAttempts(own)
    if (sameSummary(summary, c.attemptSummary)) continue
    const next = { ...c }
    if (summary) next.attemptSummary = summary
    else delete next.attemptSummary
    changed.push(next)
  }
  return changed
}

/**
 * Brings the local `attemptSummary` of these cases in line with their checklist records, writing only the
 * cases whose summary changed. Runs in the caller's read-write transaction over cases and attempts, which
 * the caller has marked `withoutQueueing`: a derived field neither bumps `rev` nor queues a change.
 * Returns how many cases it wrote.
 */
export async function refreshAttemptSummaries(tables: Pick<ConsoleDb, 'cases' | 'attempts'>, caseIds: Iterable<number>): Promise<number> {
  const ids = [...new Set(caseIds)]
  let written = 0
  for (let from = 0; from < ids.length; from += REFRESH_SLICE) {
    const changed = await staleSummaries(tables, ids.slice(from, from + REFRESH_SLICE))
    if (changed.length > 0) await tables.cases.bulkPut(changed)
    written += changed.length
  }
  return written
}

/** Where the back-fill stands (a `syncState` row): done, or the last case id it went through. */
export const BACKFILL_KEY = 'attemptSummaries'
type BackfillState = { done: true } | { after: number }

/**
 * Cases per slice of the back-fill: one short transaction each (25-33 ms of work per slice in the bench,
 * 100,000 cases on 2 cores), so a look-up never waits long behind it.
 */
const BACKFILL_SLICE = 100

/**
 * Goes once through every case, oldest id first, and gives those with checklist records whose summary is
 * missing or stale the right one. Each slice is read in a read-only transaction (a slice without records
 * only counts them through the index; most need nothing written) and only the cases
 * to change are written, in a short unqueued read-write transaction that reads them again. `pause` is
 * awaited between slices (the app: an idle moment). Where it stands is kept, so a closed window resumes
 * there; once through, it does nothing until a restore clears that. Returns how many cases it wrote.
 */
export async function backfillAttemptSummaries(db: ConsoleDb, pause: () => Promise<void>, slice = BACKFILL_SLICE): Promise<number> {
  const state = (await db.syncState.get(BACKFILL_KEY))?.value as BackfillState | undefined
  if (state && 'done' in state) return 0
  let after = state && typeof state.after === 'number' ? state.after : 0
  let written = 0
  for (;;) {
    const ids = (await db.cases.where(':id').above(after).limit(slice).primaryKeys()) as number[]
    if (ids.length === 0) break
    // cases without records need no summary: a slice without any is not read
    const stale = await db.transaction('r', db.cases, db.attempts, async () =>
      (await db.attempts
        .where('caseId')
        .between(ids[0]!, ids[ids.length - 1]!, true, true)
        .count()) > 0
        ? staleSummaries(db, ids)
        : [],
    )
    if (stale.length > 0)
      written += await db.transaction('rw', db.cases, db.attempts, (tx) => {
        withoutQueueing((tx as unknown as { idbtrans: object }).idbtrans)
        return refreshAttemptSummaries(
          db,
          stale.map((c) => c.id!),
        )
      })
    after = ids[ids.length - 1]!
    await db.syncState.put({ key: BACKFILL_KEY, value: { after } satisfies BackfillState })
    await pause()
  }
  await db.syncState.put({ key: BACKFILL_KEY, value: { done: true } satisfies BackfillState })
  return written
}
