import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { EventRecord } from '@/domain/model'
import { getDb } from '@/data/db'
import { recentFullExports, recordFullExport, type FullExport } from '@/data/exportAudit'
import { clockNow } from '@/clock'
import { useSettingsStore } from './settings'

export type { FullExport, FullExportFormat } from '@/data/exportAudit'

/** Exports and reports with full details: recorded in the audit trail before any file is handed over. */
export const useExportsStore = defineStore('exports', () => {
  const settings = useSettingsStore()
  /** Bumped after every record, so a list of recent full exports refreshes. */
  const revision = ref(0)

  /** Records a full-details export or report; throws (a StorageError) when it cannot be recorded. */
  async function recordFull(input: FullExport): Promise<void> {
    await recordFullExport(getDb(), input, { agent: settings.agent, now: clockNow() })
    revision.value++
  }

  function recentFull(limit = 10): Promise<EventRecord[]> {
    return recentFullExports(getDb(), limit)
  }

  return { revision, recordFull, recentFull }
})
