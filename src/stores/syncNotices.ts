import { defineStore } from 'pinia'
import { ref } from 'vue'
import { dismissNotice, noticesForCase, noticesWithoutCase } from '@/data/replica'
import type { SyncNotice } from '@/data/syncOutbox'
import { getDb } from '@/data/db'

export type { SyncNotice }

/** Team sync notices on a case (conflicts, refused changes, renumbering) and on no case (redacted team records): read and dismissed here. */
export const useSyncNoticesStore = defineStore('syncNotices', () => {
  /** Bumped after a dismissal so a case page showing notices refreshes. */
  const revision = ref(0)

  function forCase(caseId: number): Promise<SyncNotice[]> {
    return noticesForCase(getDb(), caseId)
  }

  /** Notices about no case (pulled templates and team settings whose secrets were removed), newest first. */
  const withoutCase = ref<SyncNotice[]>([])

  async function loadWithoutCase(): Promise<void> {
    withoutCase.value = await noticesWithoutCase(getDb())
  }

  async function dismiss(id: number): Promise<void> {
    await dismissNotice(getDb(), id)
    withoutCase.value = withoutCase.value.filter((n) => n.id !== id)
    revision.value++
  }

  return { revision, forCase, withoutCase, loadWithoutCase, dismiss }
})
