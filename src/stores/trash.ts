import { defineStore } from 'pinia'
import type { CaseRecord } from '@/domain/model'
import type { Result } from '@/domain/result'
import { getDb } from '@/data/db'
import { countTrash, listTrash, purgeCase, restoreCase, trashCase, type TrashEntry } from '@/data/trash'
import { clockNow } from '@/clock'
import { attempt } from './attempt'
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

  async function trash(id: number): Promise<Result<CaseRecord>> {
    const r = await attempt('trash.trash', () => trashCase(getDb(), id, ctx()))
    if (r.ok) changed()
    return r
  }

  async function restore(id: number): Promise<Result<CaseRecord>> {
    const r = await attempt('trash.restore', () => restoreCase(getDb(), id, ctx()))
    if (r.ok) changed()
    return r
  }

  async function purge(id: number): Promise<Result<{ caseNumber: string }>> {
    const r = await attempt('trash.purge', () => purgeCase(getDb(), id, ctx()))
    if (r.ok) changed()
    return r
  }

  function list(): Promise<Result<TrashEntry[]>> {
    return attempt('trash.list', () => listTrash(getDb()))
  }

  function count(): Promise<Result<number>> {
    return attempt('trash.count', () => countTrash(getDb()))
  }

  return { trash, restore, purge, list, count }
})
