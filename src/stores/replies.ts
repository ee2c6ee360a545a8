import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import { buildQuickIndex, type ReviewDatesInput, type TemplateData, type TemplateEdit } from '@/domain/replies'
import type { AttemptRecord, Language, PromisedDates, ReplyRecord, TemplateRecord, TemplateVersionRecord } from '@/domain/model'
import { ProblemError, type Problem, type Result } from '@/domain/result'
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
import { attempt, attemptResult } from './attempt'
import type { ComposeTarget } from './replyHelpers'
import { reviewDatesInput } from './reviewHelpers'
import { useReviewsStore } from './reviews'
import { useSettingsStore } from './settings'

/** An open review's dates as a reply states them, and what is stored as the promise. */
export interface ReviewPromise {
  dates: ReviewDatesInput
  promised: PromisedDates
  reviewId: number
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

  let loading: Promise<Result<void>> | null = null
  /** Loads the library once (seeding the defaults on first run). A failed load can be retried. */
  function load(): Promise<Result<void>> {
    loading ??= attempt('replies.load', async () => {
      await seedTemplates(getDb(), ctx())
      await refresh()
      loaded.value = true
    }).then((r) => {
      if (!r.ok) loading = null
      return r
    })
    return loading
  }

  /** A template write: every problem of a refused template at once; a storage failure as one problem. */
  const write = <T>(code: string, work: () => Promise<Result<T, Problem[]>>, context?: Record<string, unknown>) =>
    attemptResult(
      code,
      async () => {
        const r = await work()
        if (r.ok) await refresh()
        return r
      },
      (p) => [p],
      context,
    )

  const create = (data: Omit<TemplateData, 'id' | 'version'>): Promise<TemplateWriteResult> =>
    write('replies.create', () => createTemplate(getDb(), data, ctx()))
  const update = (id: string, edit: TemplateEdit): Promise<TemplateWriteResult> =>
    write('replies.update', () => updateTemplate(getDb(), id, edit, ctx()), { templateId: id })
  const setEnabled = (id: string, enabled: boolean): Promise<TemplateWriteResult> =>
    write('replies.set-enabled', () => setTemplateEnabled(getDb(), id, enabled, ctx()), { templateId: id })
  const duplicate = (id: string): Promise<TemplateWriteResult> =>
    write('replies.duplicate', () => duplicateTemplate(getDb(), id, ctx()), { templateId: id })
  const restore = (id: string, version: number): Promise<TemplateWriteResult> =>
    write('replies.restore', () => restoreTemplateVersion(getDb(), id, version, ctx()), { templateId: id, version })
  const importFile = (text: string): Promise<ImportOutcome> =>
    attemptResult(
      'replies.import',
      async () => {
        const r = await importTemplates(getDb(), text, ctx())
        if (r.ok) await refresh()
        return r
      },
      (p) => p,
    )

  /** Resets templates to their defaults; answers the ids that changed. */
  function reset(ids: readonly string[] | 'all'): Promise<Result<string[]>> {
    return attempt('replies.reset', async () => {
      const changed = await resetTemplates(getDb(), ids, ctx())
      await refresh()
      return changed
    })
  }

  function history(id: string): Promise<Result<TemplateVersionRecord[]>> {
    return attempt('replies.history', () => templateHistory(getDb(), id), { templateId: id })
  }

  /** Saves the library as a JSON file where the agent chooses (a download in the browser). */
  async function exportFile(): Promise<PlatformResult<SaveOutcome>> {
    const now = clockNow()
    const data = await attempt('replies.export', () => exportTemplatesFile(getDb(), now))
    if (!data.ok) return data
    return platform().saveFile({
      defaultName: `reply-templates-${localIsoDate(now)}.json`,
      filters: [{ name: 'JSON', extensions: ['json'] }],
      data: data.value,
      mimeType: 'application/json',
    })
  }

  async function send(input: ReplyInput): Promise<Result<ReplyRecord>> {
    const r = await attempt('replies.send', () => logReply(getDb(), input, ctx()), { caseId: input.caseId })
    if (r.ok) sentRevision.value++
    return r
  }

  function sentFor(caseId: number): Promise<Result<ReplyRecord[]>> {
    return attempt('replies.sent-for', () => repliesForCase(getDb(), caseId), { caseId })
  }

  function attemptsFor(caseId: number): Promise<Result<AttemptRecord[]>> {
    return attempt('replies.attempts-for', () => listAttempts(getDb(), caseId), { caseId })
  }

  /** The reviews store's answer, thrown on failure (already logged there): for use inside `attempt`. */
  async function promiseOrThrow(caseId: number, language: Language): Promise<ReviewPromise | null> {
    const answer = await useReviewsStore().promisedForCase(caseId, language)
    if (!answer.ok) throw new ProblemError(answer.error)
    if (!answer.value) return null
    return { dates: reviewDatesInput(answer.value), promised: answer.value.promised, reviewId: answer.value.reviewId }
  }

  /**
   * The open review's dates for a reply in `language` (words for the template, ISO dates to store as the
   * promise, the review id), from the reviews store's business-day SLA. null without an open review.
   */
  function reviewPromiseForCase(caseId: number, language: Language): Promise<Result<ReviewPromise | null>> {
    return attempt('replies.review-promise', () => promiseOrThrow(caseId, language), { caseId })
  }

  async function reviewDatesForCase(caseId: number, language: Language): Promise<Result<ReviewDatesInput | null>> {
    const r = await reviewPromiseForCase(caseId, language)
    return r.ok ? { ok: true, value: r.value?.dates ?? null } : r
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
  }
})
