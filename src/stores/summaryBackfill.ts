/**
 * Runs the cases' checklist-summary back-fill (src/data/attemptSummaries.ts) in the background: once after
 * the first screen, and again after a restore (the restored file may come from before summaries). One run
 * at a time; a run asked for during one follows it. A slice at a time at idle moments; a failure is logged
 * (no case data) and only leaves exports reading records.
 */
import { backfillAttemptSummaries } from '@/data/attemptSummaries'
import { getDb } from '@/data/db'
import { log } from '@/platform'

/** The browser's next idle moment (2 s at the latest): the back-fill's pause between slices. */
const idleMoment = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 })
    else setTimeout(resolve, 0)
  })

let running: Promise<void> | null = null
let again = false

export function startSummaryBackfill(): Promise<void> {
  if (running) {
    again = true
    return running
  }
  running = (async () => {
    do {
      again = false
      try {
        await backfillAttemptSummaries(getDb(), idleMoment)
      } catch (err) {
        log.warn('summaries.backfill', err)
      }
    } while (again)
    running = null
  })()
  return running
}
