import { defineStore } from 'pinia'
import { ref } from 'vue'
import { z } from 'zod'
import { autoBackupIfDue, type AutoBackupState } from '@/data/autoBackup'
import {
  backupFileName,
  backupFileSizeProblem,
  createBackup,
  restoreWentThrough,
  tableCounts,
  type BackupProgress,
  type BackupSummary,
  type TableCounts,
} from '@/data/backup'
import { openBackupSession, type BackupWorkerSession } from '@/data/backupWorker'
import { getDb, SCHEMA_VERSION, TABLE_NAMES } from '@/data/db'
import { storageEstimate, usageShare, type StorageEstimate } from '@/data/storage'
import { fail, ok, type Problem, type Result } from '@/domain/result'
import { clockNow, localIsoDate } from '@/clock'
import { log, platform, type PlatformResult, type SaveOutcome } from '@/platform'
import { attempt } from './attempt'
import { useCalendarStore } from './calendar'
import { useCasesStore } from './cases'
import { usePlaybookStore } from './playbook'
import { useRepliesStore } from './replies'
import { useReviewsStore } from './reviews'
import { useSettingsStore } from './settings'

export type { BackupProgress, BackupSummary, StorageEstimate, TableCounts }

const AUTO_KEY = 'console.autoBackup'
const autoStateSchema = z.object({ date: z.string(), path: z.string(), at: z.number() })

/**
 * The last automatic backup is remembered outside the database (localStorage), so restoring an older
 * backup does not make the console think today's backup is still to be written — or already written.
 */
function readAutoState(): AutoBackupState | null {
  try {
    const parsed = autoStateSchema.safeParse(JSON.parse(localStorage.getItem(AUTO_KEY) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch (err) {
    log.warn('backup.auto.read-state', err) // unreadable: the next automatic backup is simply written
    return null
  }
}

export const useBackupStore = defineStore('backup', () => {
  const cases = useCasesStore()
  const settings = useSettingsStore()
  const lastAuto = ref<AutoBackupState | null>(readAutoState())
  const autoError = ref<Problem | null>(null)
  let autoRunning: Promise<void> | null = null

  async function appVersion(): Promise<string> {
    try {
      return (await platform().appInfo()).version
    } catch (err) {
      log.warn('backup.app-version', err) // the backup is still good, it names the version as unknown
      return 'unknown'
    }
  }

  async function backupText(): Promise<string> {
    return createBackup(getDb(), { appVersion: await appVersion(), now: clockNow(), agent: settings.agent })
  }

  /** A full backup written where the agent chooses (save dialog), or downloaded in the browser. */
  async function backupNow(): Promise<PlatformResult<SaveOutcome>> {
    const json = await attempt('backup.create', backupText)
    if (!json.ok) return json
    return platform().saveFile({
      defaultName: backupFileName(localIsoDate(clockNow())),
      filters: [{ name: 'Console backup', extensions: ['json'] }],
      data: json.value,
      mimeType: 'application/json',
    })
  }

  // The worker holding the file being checked or restored (src/data/backupSession.ts), and what it found.
  let session: BackupWorkerSession | null = null
  let checked: BackupSummary | null = null

  /** Stops the check or restore under way (its worker): nothing half-restored (see `restore`). */
  function cancelJob(): void {
    session?.cancel()
    session = null
    checked = null
  }

  /**
   * Checks a chosen file as a backup in a worker: one too large is refused by its size, before it is read.
   * The worker keeps the checked rows for `restore`; the page gets the summary. 'cancelled' after cancelJob.
   */
  async function checkFile(file: Blob, onProgress: (p: BackupProgress) => void): Promise<Result<BackupSummary> | 'cancelled'> {
    cancelJob()
    const tooLarge = backupFileSizeProblem(file.size)
    if (tooLarge) return fail(tooLarge)
    const s = openBackupSession()
    session = s
    const outcome = await s.check(file, getDb().name, onProgress)
    if (outcome.kind === 'cancelled') return 'cancelled'
    if (outcome.kind === 'failed' || !outcome.value.ok) {
      if (session === s) cancelJob()
      if (outcome.kind === 'failed') {
        log.error('backup.check.worker', undefined, { detail: outcome.detail.slice(0, 120) })
        return fail({ key: 'backup.problem.unreadable', params: { detail: outcome.detail.slice(0, 200) } })
      }
      return outcome.value
    }
    checked = outcome.value.value
    return outcome.value
  }

  /**
   * Replaces all data with the checked backup (in its worker, one transaction), then refreshes every page
   * and the settings. `removeSecrets`: the agent agreed to take out the codes, keys and ID numbers the
   * backup holds (notes in the UI language). A failed restore answers a Problem that says what happened to
   * the data (restoreProblem). Cancelled: the worker is stopped, which aborts the transaction unless it had
   * already committed; which of the two happened is read back ('cancelled' means nothing changed).
   */
  async function restore(removeSecrets: boolean, onProgress: (p: BackupProgress) => void): Promise<Result<TableCounts> | 'cancelled'> {
    const s = session
    const summary = checked
    if (!s || !summary) return fail({ key: 'backup.problem.empty' })
    const now = clockNow()
    const outcome = await s.restore(
      { agent: settings.agent, now, ...(removeSecrets ? { removeSecrets: { language: settings.uiLocale } } : {}) },
      onProgress,
    )
    if (session === s) {
      session = null
      checked = null
    }
    let counts: TableCounts
    if (outcome.kind === 'done') {
      if (!outcome.value.ok) {
        log.error('backup.restore', undefined, { problem: outcome.value.error.key })
        s.cancel()
        return outcome.value
      }
      counts = outcome.value.value
      s.cancel() // the worker's work is done
    } else if (outcome.kind === 'failed') {
      log.error('backup.restore.worker', undefined, { detail: outcome.detail.slice(0, 120) })
      if (!(await restoreWentThrough(getDb(), summary.meta.createdAt, now)))
        return fail({ key: 'backup.problem.unreadable', params: { detail: outcome.detail.slice(0, 200) } })
      counts = { ...summary.counts, events: summary.counts.events + 1 }
    } else {
      // stopped half way: the transaction was aborted, unless it had already committed
      if (!(await restoreWentThrough(getDb(), summary.meta.createdAt, now))) return 'cancelled'
      counts = { ...summary.counts, events: summary.counts.events + 1 }
    }
    cases.touched()
    await settings.load()
    // every store holding data from the old database reads the restored one
    await Promise.all([usePlaybookStore().reset(), useRepliesStore().refresh(), useCalendarStore().reload()])
    await useReviewsStore().reload()
    // the restored cases may come from before checklist summaries: they get theirs in the background
    void import('./summaryBackfill').then((m) => m.startSummaryBackfill()).catch((err: unknown) => log.warn('summaries.backfill.load', err))
    return ok(counts)
  }

  function counts(): Promise<TableCounts> {
    return tableCounts(getDb())
  }

  /** The browser's storage estimate and the share of the quota in use (null when unknown). Never throws. */
  async function estimate(): Promise<StorageEstimate & { share: number | null }> {
    const e = await storageEstimate()
    return { ...e, share: usageShare(e) }
  }

  /** Desktop only: today's automatic backup, if not yet written. Safe to call often. */
  function autoBackupIfNeeded(): Promise<void> {
    if (platform().kind !== 'electron') return Promise.resolve()
    const now = clockNow()
    if (lastAuto.value?.date === localIsoDate(now)) return Promise.resolve()
    autoRunning ??= (async () => {
      const outcome = await autoBackupIfDue(
        getDb(),
        lastAuto.value,
        localIsoDate(now),
        { appVersion: await appVersion(), now, agent: settings.agent },
        (json) => platform().autoBackup(json),
      )
      if (!outcome.ok) {
        log.error('backup.auto', undefined, { problem: outcome.error.key })
        autoError.value = outcome.error
      } else if (outcome.value) {
        lastAuto.value = outcome.value
        autoError.value = null
        try {
          localStorage.setItem(AUTO_KEY, JSON.stringify(outcome.value))
        } catch (err) {
          log.warn('backup.auto.remember', err) // remembered for this session only
        }
      }
    })().finally(() => {
      autoRunning = null
    })
    return autoRunning
  }

  return {
    /** The tables a backup holds, in order, and the schema version this console writes. */
    tableNames: TABLE_NAMES,
    schemaVersion: SCHEMA_VERSION,
    lastAuto,
    autoError,
    backupNow,
    checkFile,
    restore,
    cancelJob,
    counts,
    estimate,
    autoBackupIfNeeded,
  }
})
