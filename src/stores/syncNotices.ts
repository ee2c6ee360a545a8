import { defineStore } from 'pinia'
import { ref } from 'vue'
import { dismissNotice, noticesForCase } from '@/data/replica'
import type { SyncNotice } from '@/data/syncOutbox'
import { getDb } from '@/data/db'

export type { SyncNotice }

/** Team sync notices on a case (conflicts, refused changes, renumbering): read and dismissed here. */
export const useSyncNoticesStore = defineStore('syncNotices', () => {
  /** Bumped after a dismissal so a case page showing notices refreshes. */
  const revision = ref(0)

  function forCase(caseId: number): Promise<SyncNotice[]> {
    return noticesForCase(getDb(), caseId)
  }

  async function dismiss(id: number): Promise<void> {
    await dismissNotice(getDb(), id)
    revision.value++
  }

  return { revision, forCase, dismiss }
})
