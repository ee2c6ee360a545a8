import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import { buildQuickIndex, type ReviewDatesInput, type TemplateData, type TemplateEdit } from '@/domain/replies'
import type { AttemptRecord, CaseRecord, Language, PromisedDates, ReplyRecord, TemplateRecord, TemplateVersionRecord } from '@/domain/model'
import { listAttempts } from '@/data/attempts'
import { getDb } from '@/data/db'
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
import { clockNow, localIsoDate } from '@/clock'
import { platform, type PlatformResult, type SaveOutcome } from '@/platform'
import { composeReply, type ComposeTarget } from './replyHelpers'
import { useReviewsStore } from './reviews'
import { useSettingsStore } from './settings'

/** An open review's dates as a reply states them, and what is stored as the promise. */
export interface ReviewPromise {
  dates: ReviewDatesInput
  promised: PromisedDates
  reviewId: number
}

export interface ReviewStatusReply {
  text: string
  promise: ReviewPromise
  templateId: string
  templateVersion: number
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

  const create = async (data: Omit<TemplateData, 'id' | 'version'>): Promise<TemplateWriteResult> =>
    after(await createTemplate(getDb(), data, ctx()))
  const update = async (id: string, edit: TemplateEdit): Promise<TemplateWriteResult> =>
    after(await updateTemplate(getDb(), id, edit, ctx()))
  const setEnabled = async (id: string, enabled: boolean): Promise<TemplateWriteResult> =>
    after(await setTemplateEnabled(getDb(), id, enabled, ctx()))
  const duplicate = async (id: string): Promise<TemplateWriteResult> => after(await duplicateTemplate(getDb(), id, ctx()))
  const restore = async (id: string, version: number): Promise<TemplateWriteResult> =>
    after(await restoreTemplateVersion(getDb(), id, version, ctx()))
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
    return listAttempts(getDb(), caseId)
  }

  /**
   * The open review's dates for a reply in `language` (words for the template, ISO dates to store as the
   * promise, the review id), from the reviews store's business-day SLA. null without an open review.
   */
  async function reviewPromiseForCase(caseId: number, language: Language): Promise<ReviewPromise | null> {
    const answer = await useReviewsStore().promisedForCase(caseId, language)
    if (!answer) return null
    const { submitted, expectedFrom, dueBy } = answer.described
    return { dates: { submitted, expectedFrom, dueBy }, promised: answer.promised, reviewId: answer.reviewId }
  }

  async function reviewDatesForCase(caseId: number, language: Language): Promise<ReviewDatesInput | null> {
    return (await reviewPromiseForCase(caseId, language))?.dates ?? null
  }

  /**
   * "When will my reset be done?": the review-status template rendered for the case, with the promise to
   * store alongside. null when there is no open review or the template is disabled or fails to render.
   */
  async function reviewStatusReply(record: CaseRecord, language: Language): Promise<ReviewStatusReply | null> {
    if (record.id === undefined) return null
    await load()
    const [promise, attempts] = await Promise.all([reviewPromiseForCase(record.id, language), attemptsFor(record.id)])
    if (!promise) return null
    const settings = useSettingsStore()
    const c = composeReply({
      record,
      attempts,
      templates: templates.value,
      language,
      agentName: settings.agentIsSet ? settings.agent : null,
      review: promise.dates,
      target: { kind: 'purpose', purpose: 'review-status' },
    })
    if (!c.template || !c.rendered?.ok) return null
    return { text: c.rendered.text, promise, templateId: c.template.id, templateVersion: c.template.version }
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
    reviewPromiseForCase,
    reviewStatusReply,
  }
})
