import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Match } from '@/domain/case/lookup'
import type { CaseFacts } from '@/domain/case/validation'
import type { AttemptStatus, CaseRecord, CaseStatus, EventRecord, MethodId } from '@/domain/model'
import type { Result } from '@/domain/result'
import { getCase, getCasesByIds, listCaseIds, takeFirstCasesPage, type CaseListFilter, type CaseListSort } from '@/data/caseList'
import type { CaseEdit, FactConflict, SameUser } from '@/data/cases'
import { getDb } from '@/data/db'
import type { CaseReportData } from '@/data/exportReader'
import { clockNow } from '@/clock'
import { attempt } from './attempt'
import { useSettingsStore } from './settings'

/*
 * The first screen (the case list) needs only the list reads above. Writes, look-ups (phone parsing), the
 * playbook's variants and the report reader load on first use: they are most of this store's code.
 */
const casesData = loadOnce(() => import('@/data/cases'))
const lookupPlanner = loadOnce(() => import('@/domain/case/lookup'))

/**
 * The module's import, made once and kept: each `import()` of a chunk goes through Vite's preload helper
 * (a querySelector and a URL per dependency), which every Ctrl+K keystroke paid twice. A failed load is
 * forgotten, so the next call tries again.
 */
function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = null
      throw err
    }))
}

/** A checklist outcome to record with a new case. */
export interface CaseOutcome {
  methodId: MethodId
  status: AttemptStatus
  note: string
}

export type { CaseListFilter, CaseListSort, CaseReportData, FactConflict }

export const useCasesStore = defineStore('cases', () => {
  const settings = useSettingsStore()
  /** Bumped after every write so lists and pages showing cases refresh. */
  const revision = ref(0)

  const ctx = (): { agent: string; now: number } => ({ agent: settings.agent, now: clockNow() })

  /**
   * Logs a new case; `outcomes` (methods the user already tried, accepted from the chat) are recorded on
   * its checklist in the same transaction, each for the variant that fits the facts.
   */
  async function create(facts: CaseFacts, outcomes: readonly CaseOutcome[] = []): Promise<Result<CaseRecord>> {
    const c = ctx()
    const r = await attempt('cases.create', async () => {
      const [{ createCase }, { variantFor }, { generateCaseNumber }, { DEFAULT_TIME_ZONE, localDateOf }, { useCalendarStore }] =
        await Promise.all([
          casesData(),
          import('@/domain/playbook/rules'),
          import('@/domain/case/caseNumber'),
          import('@/domain/calendar/timeZone'),
          import('./calendar'),
        ])
      const attempts = outcomes.map((o) => ({ ...o, variantId: variantFor(o.methodId, facts), steps: [] }))
      // the date in a case number is the business calendar's (Asia/Shanghai by default), whatever the
      // machine's zone: every agent of a team reads the same day in it
      const calendar = useCalendarStore()
      await calendar.load()
      const zone = calendar.calendar?.timeZone ?? DEFAULT_TIME_ZONE
      return createCase(getDb(), facts, c, () => generateCaseNumber(localDateOf(c.now, zone), Math.random), attempts)
    })
    if (r.ok) revision.value++
    return r
  }

  /** `base`: the facts the editor started from; only what the agent changed is applied. */
  async function update(id: number, facts: CaseFacts, base?: CaseFacts): Promise<Result<CaseRecord>> {
    const r = await attempt('cases.update', async () => (await casesData()).updateCaseFacts(getDb(), id, facts, ctx(), base), {
      caseId: id,
    })
    if (r.ok) revision.value++
    return r
  }

  /**
   * Saves an edit that started from `base` at record revision `baseRev`: merged field by field with what
   * changed meanwhile (another window, another agent); fields both changed come back as conflicts.
   */
  async function saveEdit(id: number, facts: CaseFacts, base: CaseFacts, baseRev: number | undefined): Promise<Result<CaseEdit>> {
    const r = await attempt('cases.save-edit', async () => (await casesData()).saveCaseEdit(getDb(), id, facts, ctx(), base, baseRev), {
      caseId: id,
    })
    if (r.ok) revision.value++
    return r
  }

  /** Sets only the status (a change made meanwhile to other facts stays); "status" event in the history. */
  function setStatus(record: CaseRecord, status: CaseStatus): Promise<Result<CaseRecord>> {
    if (record.id === undefined)
      return Promise.resolve({ ok: false, error: { key: 'errors.storage.generic', params: { detail: 'case without id' } } })
    return update(record.id, { ...record, status }, { ...record })
  }

  function get(id: number): Promise<Result<CaseRecord | undefined>> {
    return attempt('cases.get', () => getCase(getDb(), id), { caseId: id })
  }

  /** Several cases by id, in the order asked (undefined where one is gone). */
  function getMany(ids: number[]): Promise<Result<(CaseRecord | undefined)[]>> {
    return attempt('cases.get-many', () => getCasesByIds(getDb(), ids), { count: ids.length })
  }

  /** The ids of the cases the list shows (not in the trash), filtered and sorted through the indexes. */
  function listIds(filter: CaseListFilter, sort: CaseListSort): Promise<Result<number[]>> {
    return attempt('cases.list', () => listCaseIds(getDb(), filter, sort))
  }

  /** The unfiltered list's first `limit` cases in `sort`'s order, read with a limit (the first screen's rows). */
  function firstPage(sort: CaseListSort, limit: number): Promise<Result<CaseRecord[]>> {
    return attempt('cases.first-page', () => takeFirstCasesPage(getDb(), sort, limit))
  }

  /** A case's audit trail, newest first. */
  function timeline(caseId: number): Promise<Result<EventRecord[]>> {
    return attempt('cases.timeline', async () => (await import('@/data/timeline')).caseTimeline(getDb(), caseId), { caseId })
  }

  /** Everything a case report shows, read in one transaction; undefined when the case does not exist. */
  function reportData(caseId: number): Promise<Result<CaseReportData | undefined>> {
    return attempt('cases.report', async () => (await import('@/data/exportReader')).readCaseReportData(getDb(), caseId), { caseId })
  }

  /** Every agent name that signed a case, for the export filter. */
  function agents(): Promise<Result<string[]>> {
    return attempt('cases.agents', async () => (await import('@/data/exportReader')).listCaseAgents(getDb()))
  }

  /** The query itself is never logged (it is a UID, a phone or an email). */
  function lookup(query: string, limit = 20): Promise<Result<Match<CaseRecord>[]>> {
    return attempt('cases.lookup', async () => {
      const [{ lookupCases }, { stageLookup }] = await Promise.all([casesData(), lookupPlanner()])
      return lookupCases(getDb(), stageLookup(query), limit)
    })
  }

  /** The open cases of the user with this UID, phone or email (the values are never logged). */
  function openDuplicates(who: SameUser, excludeId?: number): Promise<Result<CaseRecord[]>> {
    return attempt('cases.open-duplicates', async () => (await casesData()).findOpenCasesFor(getDb(), who, excludeId))
  }

  function related(c: CaseRecord): Promise<Result<CaseRecord[]>> {
    return attempt('cases.related', async () => (await casesData()).relatedCases(getDb(), c), { caseNumber: c.caseNumber })
  }

  function touched(): void {
    revision.value++
  }

  return {
    revision,
    create,
    update,
    saveEdit,
    setStatus,
    get,
    getMany,
    firstPage,
    listIds,
    timeline,
    reportData,
    agents,
    lookup,
    openDuplicates,
    related,
    touched,
  }
})
