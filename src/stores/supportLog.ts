import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Result } from '@/domain/result'
import { clockNow, localIsoDate } from '@/clock'
import { log, platform, type SaveOutcome } from '@/platform'

/**
 * The troubleshooting log as Settings shows it: where the desktop app writes it, and exporting it for
 * support (the desktop app copies its log files; browser mode saves the entries kept in memory).
 */
export const useSupportLogStore = defineStore('supportLog', () => {
  /** The log file's path in the desktop app; null in browser mode or until known. */
  const location = ref<string | null>(null)

  async function load(): Promise<void> {
    try {
      location.value = await platform().logLocation()
    } catch (err) {
      log.warn('log.location', err)
      location.value = null
    }
  }

  async function exportLog(): Promise<Result<SaveOutcome>> {
    const r = await platform().exportLog(`console-log-${localIsoDate(clockNow())}.txt`)
    if (!r.ok) log.warn('log.export', undefined, { key: r.error.key })
    return r
  }

  return { location, load, exportLog }
})
