import { defineStore } from 'pinia'
import { ref } from 'vue'
import { generateCaseNumber } from '@/domain/case/caseNumber'
import { planLookup, type Match } from '@/domain/case/lookup'
import type { CaseFacts } from '@/domain/case/validation'
import type { AttemptStatus, CaseRecord, CaseStatus, EventRecord, MethodId } from '@/domain/model'
import { variantFor } from '@/domain/playbook/rules'
import {
  createCase,
  findOpenCasesFor,
  getCase,
  getCasesByIds,
  listCaseIds,
  lookupCases,
  relatedCases,
  saveCaseEdit,
  updateCaseFacts,
  type CaseEdit,
  type CaseListFilter,
  type CaseListSort,
  type FactConflict,
} from '@/data/cases'
import { getDb } from '@/data/db'
import { listCaseAgents, readCaseReportData, type CaseReportData } from '@/data/exportReader'
import { caseTimeline } from '@/data/timeline'
import { clockNow, localIsoDate } from '@/clock'
import { useSettingsStore } from './settings'

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
  async function create(facts: CaseFacts, outcomes: readonly CaseOutcome[] = []): Promise<CaseRecord> {
    const c = ctx()
    const attempts = outcomes.map((o) => ({ ...o, variantId: variantFor(o.methodId, facts), steps: [] }))
    const record = await createCase(getDb(), facts, c, () => generateCaseNumber(localIsoDate(c.now), Math.random), attempts)
    revision.value++
    return record
  }

  /** `base`: the facts the editor started from; only what the agent changed is applied. */
  async function update(id: number, facts: CaseFacts, base?: CaseFacts): Promise<CaseRecord> {
    const record = await updateCaseFacts(getDb(), id, facts, ctx(), base)
    revision.value++
    return record
  }

  /**
   * Saves an edit that started from `base` at record revision `baseRev`: merged field by field with what
   * changed meanwhile (another window, another agent); fields both changed come back as conflicts.
   */
  async function saveEdit(id: number, facts: CaseFacts, base: CaseFacts, baseRev: number | undefined): Promise<CaseEdit> {
    const result = await saveCaseEdit(getDb(), id, facts, ctx(), base, baseRev)
    revision.value++
    return result
  }

  /** Sets only the status (a change made meanwhile to other facts stays); "status" event in the history. */
  function setStatus(record: CaseRecord, status: CaseStatus): Promise<CaseRecord> {
    if (record.id === undefined) return Promise.reject(new Error('case without id'))
    return update(record.id, { ...record, status }, { ...record })
  }

  function get(id: number): Promise<CaseRecord | undefined> {
    return getCase(getDb(), id)
  }

  /** Several cases by id, in the order asked (undefined where one is gone). */
  function getMany(ids: number[]): Promise<(CaseRecord | undefined)[]> {
    return getCasesByIds(getDb(), ids)
  }

  /** The ids of the cases the list shows (not in the trash), filtered and sorted through the indexes. */
  function listIds(filter: CaseListFilter, sort: CaseListSort): Promise<number[]> {
    return listCaseIds(getDb(), filter, sort)
  }

  /** A case's audit trail, newest first. */
  function timeline(caseId: number): Promise<EventRecord[]> {
    return caseTimeline(getDb(), caseId)
  }

  /** Everything a case report shows, read in one transaction; undefined when the case does not exist. */
  function reportData(caseId: number): Promise<CaseReportData | undefined> {
    return readCaseReportData(getDb(), caseId)
  }

  /** Every agent name that signed a case, for the export filter. */
  function agents(): Promise<string[]> {
    return listCaseAgents(getDb())
  }

  function lookup(query: string, limit = 20): Promise<Match<CaseRecord>[]> {
    return lookupCases(getDb(), planLookup(query), limit)
  }

  function openDuplicates(facts: Pick<CaseFacts, 'uid' | 'phoneE164'>, excludeId?: number): Promise<CaseRecord[]> {
    return findOpenCasesFor(getDb(), facts, excludeId)
  }

  function related(c: CaseRecord): Promise<CaseRecord[]> {
    return relatedCases(getDb(), c)
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
