import { defineStore } from 'pinia'
import type { CaseRecord } from '@/domain/model'
import { getDb } from '@/data/db'
import { countTrash, listTrash, purgeCase, restoreCase, trashCase, type TrashEntry } from '@/data/trash'
import { clockNow } from '@/clock'
import { useCasesStore } from './cases'
import { useReviewsStore } from './reviews'
import { useSettingsStore } from './settings'

export type { TrashEntry }

/** Delete (to the trash), restore and purge. Every write bumps the cases revision so pages refresh. */
export const useTrashStore = defineStore('trash', () => {
  const cases = useCasesStore()
  const settings = useSettingsStore()
  const ctx = (): { agent: string; now: number } => ({ agent: settings.agent, now: clockNow() })
  /** A trashed case's reviews leave the board (and its alerts); a restored one's come back. */
  const changed = (): void => {
    cases.touched()
    void useReviewsStore().reload()
  }

  async function trash(id: number): Promise<CaseRecord> {
    const r = await trashCase(getDb(), id, ctx())
    changed()
    return r
  }

  async function restore(id: number): Promise<CaseRecord> {
    const r = await restoreCase(getDb(), id, ctx())
    changed()
    return r
  }

  async function purge(id: number): Promise<{ caseNumber: string }> {
    const r = await purgeCase(getDb(), id, ctx())
    changed()
    return r
  }

  function list(): Promise<TrashEntry[]> {
    return listTrash(getDb())
  }

  function count(): Promise<number> {
    return countTrash(getDb())
  }

  return { trash, restore, purge, list, count }
})
