import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import { buildQuickIndex, type ReviewDatesInput, type TemplateData, type TemplateEdit } from '@/domain/replies'
import type { AttemptRecord, Language, ReplyRecord, TemplateRecord, TemplateVersionRecord } from '@/domain/model'
import type { ConsoleDb } from '@/data/db'
import { getDb } from '@/data/db'
import { guarded } from '@/data/errors'
import { logReply, repliesForCase, type ReplyInput } from '@/data/replies'
import {
  createTemplate,
  duplicateTemplate,
  exportTemplatesFile,
  importTemplates,
  listTemplates,
  resetTemplates,
  restoreTemplateVersion,
  seedTemplates,
  setTemplateEnabled,
  sortTemplates,
  templateHistory,
  updateTemplate,
  type ImportOutcome,
  type TemplateWriteResult,
} from '@/data/templates'
import { clockNow, localIsoDate } from '@/composables/useNow'
import { platform, type PlatformResult, type SaveOutcome } from '@/platform'
import type { ComposeTarget } from './replyHelpers'
import { useSettingsStore } from './settings'

/**
 * A case's attempt log, for the next-step rules. Kept in one small function so it can be swapped for
 * the attempts repository (`src/data/attempts.ts`) once that lands. Used inside Dexie liveQuery.
 */
export function readAttempts(db: ConsoleDb, caseId: number): Promise<AttemptRecord[]> {
  return db.attempts.where('caseId').equals(caseId).toArray()
}

/** Whether the case has a review in progress (state `open`). */
export async function hasOpenReview(db: ConsoleDb, caseId: number): Promise<boolean> {
  return (await db.reviews.where('caseId').equals(caseId).filter((r) => r.state === 'open').count()) > 0
}

/** The reply box's state per case, kept in memory while the app runs (leaving the page loses nothing). */
export interface ReplyDraft {
  text: string
  /** The text as last composed (unedited), to tell edits apart. */
  composed: string
  target: ComposeTarget
  language: Language
  customerName: string
}

export const useRepliesStore = defineStore('replies', () => {
  const settings = useSettingsStore()
  /** The library in display order. */
  const templates = shallowRef<TemplateRecord[]>([])
  const loaded = ref(false)
  /** Bumped after every template write. */
  const revision = ref(0)
  /** Bumped after every reply logged. */
  const sentRevision = ref(0)
  /** Rebuilt whenever the library changes. */
  const quickIndex = computed(() => buildQuickIndex(templates.value))
  const byId = computed(() => new Map(templates.value.map((t) => [t.id, t])))
  const drafts = markRaw(new Map<number, ReplyDraft>())

  const ctx = (): { agent: string; now: number } => ({ agent: settings.agent, now: clockNow() })

  async function refresh(): Promise<void> {
    templates.value = sortTemplates(await listTemplates(getDb()))
    revision.value++
  }

  let loading: Promise<void> | null = null
  /** Loads the library once (seeding the defaults on first run). A failed load can be retried. */
  function load(): Promise<void> {
    loading ??= (async () => {
      await seedTemplates(getDb(), ctx())
      await refresh()
      loaded.value = true
    })().catch((err: unknown) => {
      loading = null
      throw err
    })
    return loading
  }

  async function after<T extends { ok: boolean }>(result: T): Promise<T> {
    if (result.ok) await refresh()
    return result
  }

  const create = async (data: Omit<TemplateData, 'id' | 'version'>): Promise<TemplateWriteResult> => after(await createTemplate(getDb(), data, ctx()))
  const update = async (id: string, edit: TemplateEdit): Promise<TemplateWriteResult> => after(await updateTemplate(getDb(), id, edit, ctx()))
  const setEnabled = async (id: string, enabled: boolean): Promise<TemplateWriteResult> => after(await setTemplateEnabled(getDb(), id, enabled, ctx()))
  const duplicate = async (id: string): Promise<TemplateWriteResult> => after(await duplicateTemplate(getDb(), id, ctx()))
  const restore = async (id: string, version: number): Promise<TemplateWriteResult> => after(await restoreTemplateVersion(getDb(), id, version, ctx()))
  const importFile = async (text: string): Promise<ImportOutcome> => after(await importTemplates(getDb(), text, ctx()))

  async function reset(ids: readonly string[] | 'all'): Promise<string[]> {
    const changed = await resetTemplates(getDb(), ids, ctx())
    await refresh()
    return changed
  }

  function history(id: string): Promise<TemplateVersionRecord[]> {
    return templateHistory(getDb(), id)
  }

  /** Saves the library as a JSON file where the agent chooses (a download in the browser). */
  async function exportFile(): Promise<PlatformResult<SaveOutcome>> {
    const now = clockNow()
    const data = await exportTemplatesFile(getDb(), now)
    return platform().saveFile({
      defaultName: `reply-templates-${localIsoDate(now)}.json`,
      filters: [{ name: 'JSON', extensions: ['json'] }],
      data,
      mimeType: 'application/json',
    })
  }

  async function send(input: ReplyInput): Promise<ReplyRecord> {
    const record = await logReply(getDb(), input, ctx())
    sentRevision.value++
    return record
  }

  function sentFor(caseId: number): Promise<ReplyRecord[]> {
    return repliesForCase(getDb(), caseId)
  }

  function attemptsFor(caseId: number): Promise<AttemptRecord[]> {
    return guarded(() => readAttempts(getDb(), caseId))
  }

  /**
   * The review dates a reply states (submitted, expected from, due by), formatted for `language`, or null.
   * TODO(reviews integration): for a case with an open review (`db.reviews`, state 'open'), compute the
   * dates from the review's business-day SLA (submitted, + 3 and + 7 business days, pauses included)
   * and format them for the user's language. Until then this returns null and review-status replies use
   * their no-date wording. Never invent dates here.
   */
  async function reviewDatesForCase(caseId: number, language: Language): Promise<ReviewDatesInput | null> {
    void language
    if (!(await guarded(() => hasOpenReview(getDb(), caseId)))) return null
    return null
  }

  return {
    templates,
    loaded,
    revision,
    sentRevision,
    quickIndex,
    byId,
    drafts,
    load,
    refresh,
    create,
    update,
    setEnabled,
    duplicate,
    restore,
    importFile,
    reset,
    history,
    exportFile,
    send,
    sentFor,
    attemptsFor,
    reviewDatesForCase,
  }
})
