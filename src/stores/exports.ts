import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { EventRecord } from '@/domain/model'
import type { Result } from '@/domain/result'
import { getDb } from '@/data/db'
import { recentFullExports, recordFullExport, type FullExport } from '@/data/exportAudit'
import { clockNow } from '@/clock'
import { attempt } from './attempt'
import { useSettingsStore } from './settings'

export type { FullExport, FullExportFormat } from '@/data/exportAudit'

/** Exports and reports with full details: recorded in the audit trail before any file is handed over. */
export const useExportsStore = defineStore('exports', () => {
  const settings = useSettingsStore()
  /** Bumped after every record, so a list of recent full exports refreshes. */
  const revision = ref(0)

  /** Records a full-details export or report; a failure means nothing may be handed over. */
  async function recordFull(input: FullExport): Promise<Result<number>> {
    const r = await attempt('exports.record-full', () => recordFullExport(getDb(), input, { agent: settings.agent, now: clockNow() }), {
      format: input.format,
    })
    if (r.ok) revision.value++
    return r
  }

  function recentFull(limit = 10): Promise<Result<EventRecord[]>> {
    return attempt('exports.recent-full', () => recentFullExports(getDb(), limit))
  }

  return { revision, recordFull, recentFull }
})
