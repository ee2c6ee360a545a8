import { defineStore } from 'pinia'
import { ref } from 'vue'
import { generateCaseNumber } from '@/domain/case/caseNumber'
import { planLookup, type Match } from '@/domain/case/lookup'
import type { CaseFacts } from '@/domain/case/validation'
import type { CaseRecord } from '@/domain/model'
import { createCase, findOpenCasesFor, getCase, lookupCases, relatedCases, updateCaseFacts } from '@/data/cases'
import { getDb } from '@/data/db'
import { clockNow, localIsoDate } from '@/clock'
import { useSettingsStore } from './settings'

export const useCasesStore = defineStore('cases', () => {
  const settings = useSettingsStore()
  /** Bumped after every write so lists and pages showing cases refresh. */
  const revision = ref(0)

  const ctx = (): { agent: string; now: number } => ({ agent: settings.agent, now: clockNow() })

  async function create(facts: CaseFacts): Promise<CaseRecord> {
    const c = ctx()
    const record = await createCase(getDb(), facts, c, () => generateCaseNumber(localIsoDate(c.now), Math.random))
    revision.value++
    return record
  }

  /** `base`: the facts the editor started from; only what the agent changed is applied. */
  async function update(id: number, facts: CaseFacts, base?: CaseFacts): Promise<CaseRecord> {
    const record = await updateCaseFacts(getDb(), id, facts, ctx(), base)
    revision.value++
    return record
  }

  function get(id: number): Promise<CaseRecord | undefined> {
    return getCase(getDb(), id)
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

  return { revision, create, update, get, lookup, openDuplicates, related, touched }
})
