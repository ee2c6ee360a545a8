import { getDb } from '@/data/db'
import type { SyncNotice } from '@/data/syncOutbox'

/** Replaces the app database's sync notices with these (for tests of what shows them). */
export async function storeSyncNotices(notices: Omit<SyncNotice, 'id'>[]): Promise<void> {
  const db = getDb()
  await db.syncNotices.clear()
  await db.syncNotices.bulkAdd(notices)
}

/** The ids of the stored notices about no case, oldest first. */
export async function caselessNoticeIds(): Promise<number[]> {
  return (
    await getDb()
      .syncNotices.filter((n) => n.caseId === null)
      .sortBy('at')
  ).map((n) => n.id!)
}
