/**
 * The troubleshooting playbook in the console: the content in both languages, and the checklist of each
 * case (its append-only attempt records) with the actions that change it.
 *
 * Content: the bundled playbook, unless a support lead installed custom files (kept in the settings
 * table under `playbook.files`, see src/data/playbookFiles.ts). Stored custom files that no longer load
 * are reported (`issues`: file, field, message) and the console keeps the last good content (at start:
 * the bundled one). Files refused by `installFiles` change nothing but `refused`. Pure choices live in
 * ./playbookHelpers.ts.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  checklistSteps,
  currentStates,
  bundledPlaybooks,
  variantFor,
  type Playbook,
  type PlaybookIssue,
  type PlaybookSet,
} from '@/domain/playbook'
import type { AttemptRecord, CaseRecord, Language, MethodId } from '@/domain/model'
import type { Result } from '@/domain/result'
import { appendAttempt, listAttempts, type AttemptWrite } from '@/data/attempts'
import { getDb } from '@/data/db'
import {
  clearPlaybookFiles,
  installPlaybookFiles,
  PLAYBOOK_FILES_SETTING,
  readStoredPlaybook,
  storedFilesSchema,
  type PlaybookInstall,
} from '@/data/playbookFiles'
import { clockNow } from '@/clock'
import { log } from '@/platform'
import {
  buildAttempt,
  parsePlaybookFiles,
  resolvePlaybooks,
  type ChecklistChange,
  type PlaybookFile,
  type PlaybookOrigin,
} from './playbookHelpers'
import { attemptResult } from './attempt'
import { useCasesStore } from './cases'
import { useSettingsStore } from './settings'

export { PLAYBOOK_FILES_SETTING }

export type ChecklistResult = Result<AttemptWrite | null>

export const usePlaybookStore = defineStore('playbook', () => {
  const settings = useSettingsStore()
  const cases = useCasesStore()

  const playbooks = shallowRef<PlaybookSet | null>(null)
  const origin = ref<PlaybookOrigin>('none')
  /** Problems with the content files (file, field, message); empty when the content loaded cleanly. */
  const issues = ref<PlaybookIssue[]>([])
  /** Why the last files offered to installFiles were refused (empty after an install or none tried). */
  const refused = ref<PlaybookIssue[]>([])
  /** When the custom files were installed and by whom; null for the bundled content or when unknown. */
  const installed = ref<PlaybookInstall | null>(null)
  /** Attempt records per case id, oldest first, for the cases opened in this session. */
  const attempts = ref<Record<number, AttemptRecord[]>>({})
  let started: Promise<void> | null = null
  let queue: Promise<unknown> = Promise.resolve()

  function apply(custom: readonly PlaybookFile[] | null): void {
    const load = resolvePlaybooks({ bundled: bundledPlaybooks, custom, lastGood: playbooks.value })
    playbooks.value = load.playbooks
    origin.value = load.origin
    issues.value = load.issues
  }

  /** Loads the content once: the bundled playbook at once, then custom files if any were installed. */
  function init(): Promise<void> {
    started ??= (async () => {
      // the bundled content at once on the first load; a re-read keeps what is shown until the files are read
      const first = playbooks.value === null
      if (first) apply(null)
      let saved: unknown
      try {
        const stored = await readStoredPlaybook(getDb())
        saved = stored.files
        installed.value = stored.installed
      } catch (err) {
        log.warn('playbook.load', err)
        return // storage unreadable: the bundled content is in use
      }
      if (saved === undefined || saved === null) {
        if (!first) apply(null)
        return
      }
      const files = storedFilesSchema.safeParse(saved)
      if (files.success) apply(files.data)
      else
        issues.value = [
          { file: PLAYBOOK_FILES_SETTING, field: '(file)', message: 'the saved playbook files are unreadable; using the bundled playbook' },
        ]
    })()
    return started
  }

  const writeContext = () => ({
    agent: settings.agent,
    now: clockNow(),
    fromVersion: playbooks.value?.en.version ?? null,
    fromCustom: origin.value === 'custom',
  })

  /**
   * Installs custom playbook files (both languages, validated together). Valid files replace the
   * content at once and are kept for the next start (with an audit event); refused ones change nothing
   * but `refused` (every issue: file, field, message). Returns whether they were installed. A storage
   * failure throws (ProblemError) and changes nothing.
   */
  async function installFiles(files: PlaybookFile[]): Promise<boolean> {
    refused.value = []
    const shape = storedFilesSchema.safeParse(files)
    if (!shape.success) {
      refused.value = [
        {
          file: files.map((f) => f.file).join(', ') || '—',
          field: '(file)',
          message: 'too many files, or a file or name too long to keep',
        },
      ]
      return false
    }
    const checked = parsePlaybookFiles(shape.data)
    if (!checked.ok) {
      refused.value = checked.error
      return false
    }
    const meta = await installPlaybookFiles(getDb(), shape.data, checked.value.en.version, writeContext())
    installed.value = meta
    apply(shape.data)
    return origin.value === 'custom'
  }

  /** Goes back to the bundled content and forgets installed files (with an audit event). */
  async function useBundled(): Promise<void> {
    const bundled = bundledPlaybooks()
    // a broken bundle has no version; apply() below reports its issues
    const bundledVersion = bundled.ok ? bundled.value.en.version : null
    await clearPlaybookFiles(getDb(), bundledVersion, writeContext())
    installed.value = null
    refused.value = []
    apply(null)
  }

  /** The content in a language (the checklist follows the UI language), or null when none is valid. */
  function playbookFor(language: Language): Playbook | null {
    return playbooks.value?.[language] ?? null
  }
  const uiPlaybook = computed(() => playbookFor(settings.uiLocale))

  async function loadAttempts(caseId: number): Promise<AttemptRecord[]> {
    const list = await listAttempts(getDb(), caseId)
    attempts.value = { ...attempts.value, [caseId]: list }
    return list
  }

  function attemptsOf(caseId: number): AttemptRecord[] {
    return attempts.value[caseId] ?? []
  }

  /**
   * Records one checklist change for a method of a case: the record is built from the method's current
   * state and the case's facts (the variant shown now; stale ticks of another variant are dropped), then
   * appended with its audit event. Changes run one after another, each on the state the previous left.
   * A method marked resolved updates the case too (see src/data/attempts.ts); the cases store is told.
   */
  function change(record: CaseRecord, methodId: MethodId, ch: ChecklistChange): Promise<ChecklistResult> {
    const run = async (): Promise<ChecklistResult> => {
      const caseId = record.id
      if (caseId === undefined) throw new Error('the case has not been saved')
      const records = attempts.value[caseId] ?? (await loadAttempts(caseId))
      const state = currentStates(records)[methodId]
      const variantId = variantFor(methodId, record)
      const pb = uiPlaybook.value
      const now = clockNow()
      const built = buildAttempt(state, ch, {
        caseId,
        agent: settings.agent,
        now,
        variantId,
        stepIds: pb ? checklistSteps(pb, methodId, variantId).map((s) => s.id) : undefined,
      })
      if (!built.ok) return built
      if (!built.value) return { ok: true, value: null }
      const { caseId: _c, methodId: _m, status, variantId: v, steps, note } = built.value
      const write = await appendAttempt(getDb(), { caseId, methodId, status, variantId: v, steps, note }, { agent: settings.agent, now })
      if (write) {
        attempts.value = { ...attempts.value, [caseId]: [...(attempts.value[caseId] ?? records), write.attempt] }
        cases.touched()
      }
      return { ok: true, value: write }
    }
    const next = queue.then(run, run)
    queue = next.catch(() => undefined) // the failure is answered below (and logged there); the queue goes on
    return attemptResult(
      'playbook.change',
      () => next,
      (p) => p,
      { methodId },
    )
  }

  /**
   * The team's playbook files changed (a lead installed files or went back to the bundled playbook, pulled
   * in team mode): read them again. Attempt logs stay. Nothing to do before the first load.
   */
  function reread(): Promise<void> {
    if (started === null) return Promise.resolve()
    started = null
    return init()
  }

  /** After a restore replaced the database: forget cached attempt logs, read the playbook files again. */
  function reset(): Promise<void> {
    attempts.value = {}
    installed.value = null
    refused.value = []
    started = null
    return init()
  }

  return {
    playbooks,
    origin,
    issues,
    refused,
    installed,
    attempts,
    uiPlaybook,
    init,
    reread,
    reset,
    installFiles,
    useBundled,
    playbookFor,
    loadAttempts,
    attemptsOf,
    change,
  }
})
