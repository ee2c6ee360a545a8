import Dexie from 'dexie'
import type { EventRecord } from '@/domain/model'
import type { ConsoleDb } from './db'
import { guarded } from './errors'

/**
 * A case's audit trail, newest first, read from the `[caseId+at]` index (schema v2): a key range walked
 * backwards, no in-memory sort. Events with the same time come newest-written first.
 */
export function caseTimeline(db: ConsoleDb, caseId: number, limit?: number): Promise<EventRecord[]> {
  return guarded(() => {
    const q = db.events.where('[caseId+at]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey], true, true).reverse()
    return (limit === undefined ? q : q.limit(limit)).toArray()
  })
}
