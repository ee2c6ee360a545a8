import { findSecrets, redactSecrets } from '@/domain/guard/secrets'
import { defineStore } from 'pinia'
import { markRaw, ref, shallowRef } from 'vue'
import {
  mergeDateEntries,
  type BusinessCalendar,
  type CalendarPresetId,
  type DateEntry,
  type DateEntryKind,
  type MergeReport,
} from '@/domain/calendar/calendar'
import { buildDayIndex, type DayIndex } from '@/domain/calendar/dayIndex'
import type { IcsParseResult } from '@/domain/calendar/ics'
import { DEFAULT_TIME_ZONE, localDateOf } from '@/domain/calendar/timeZone'
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '@/domain/sla/settings'
import { type Problem, ProblemError, type Result } from '@/domain/result'
import { loadCalendarSettings, saveCalendar, saveSlaSettings } from '@/data/calendarSettings'
import { getDb } from '@/data/db'
import { toStorageProblem } from '@/domain/storageError'
import { log } from '@/platform'
import { clockNow } from '@/clock'
import { ICS_TIME_LIMIT_MS, readIcsInWorker, type IcsJobProgress } from '@/workers/ics'
import { useSettingsStore } from './settings'

/**
 * The business calendar and SLA targets. The day index is rebuilt once per calendar change (markRaw: Vue
 * never wraps it); the reviews store watches `index` and `sla` and recomputes every open review's dates.
 */
export const useCalendarStore = defineStore('calendar', () => {
  const settings = useSettingsStore()
  const calendar = shallowRef<BusinessCalendar | null>(null)
  const index = shallowRef<DayIndex | null>(null)
  const sla = shallowRef<SlaSettings>({ ...DEFAULT_SLA_SETTINGS })
  /** Why the stored calendar / SLA settings were not used (the defaults are in use instead). */
  const calendarProblem = ref<Problem | null>(null)
  const slaProblem = ref<Problem | null>(null)
  const loadError = ref<Problem | null>(null)
  const loaded = ref(false)
  let loading: Promise<void> | null = null

  const ctx = () => ({ agent: settings.agent, now: clockNow() })

  function use(cal: BusinessCalendar): void {
    calendar.value = markRaw(cal)
    index.value = markRaw(buildDayIndex(cal))
  }

  /** Loads once (later calls wait for the same load). */
  function load(): Promise<void> {
    loading ??= (async () => {
      try {
        const s = await loadCalendarSettings(getDb())
        use(s.calendar)
        sla.value = s.sla
        calendarProblem.value = s.calendarProblem
        slaProblem.value = s.slaProblem
      } catch (err) {
        // unreadable settings table: work with the defaults, and say so
        log.error('calendar.load', err)
        loadError.value = toStorageProblem(err)
        const { buildCalendarPreset } = await import('@/domain/calendar/presets')
        use(buildCalendarPreset('cn-mainland'))
      }
      loaded.value = true
    })()
    return loading
  }

  /** Reads the stored calendar again (after a restore replaced the settings). */
  function reload(): Promise<void> {
    loading = null
    return load()
  }

  /** Validates, stores (with an audit event) and applies a calendar. Throws ProblemError with a Problem. */
  async function setCalendar(next: BusinessCalendar, note = ''): Promise<BusinessCalendar> {
    const saved = await saveCalendar(getDb(), next, ctx(), note)
    use(saved)
    calendarProblem.value = null
    return saved
  }

  async function setSla(next: SlaSettings): Promise<SlaSettings> {
    const saved = await saveSlaSettings(getDb(), next, ctx())
    sla.value = saved
    slaProblem.value = null
    return saved
  }

  /** Replaces the calendar with a preset (keeping the time zone). */
  async function applyPreset(id: CalendarPresetId): Promise<BusinessCalendar> {
    const { buildCalendarPreset } = await import('@/domain/calendar/presets')
    return setCalendar(buildCalendarPreset(id, calendar.value?.timeZone), `preset ${id}`)
  }

  /**
   * Reads an .ics file in a worker (nothing changes): the entries to preview, or the reason it is refused;
   * null when cancelled. The page stays responsive; a file that takes too long is stopped.
   */
  function readIcs(
    file: Blob,
    onProgress?: (p: IcsJobProgress) => void,
  ): { result: Promise<Result<IcsParseResult> | null>; cancel(): void } {
    const timeZone = calendar.value?.timeZone ?? DEFAULT_TIME_ZONE
    // recurring events (e.g. a yearly company day) are expanded from 1 January of this year
    const job = readIcsInWorker(file, { timeZone, expandFrom: `${localDateOf(clockNow(), timeZone).slice(0, 4)}-01-01` }, onProgress)
    const result = job.result.then((o): Result<IcsParseResult> | null => {
      if (o.kind === 'done') return o.value
      if (o.kind === 'cancelled') return null
      if (o.kind === 'timedOut')
        return { ok: false, error: { key: 'errors.calendar.ics.tooSlow', params: { seconds: ICS_TIME_LIMIT_MS / 1000 } } }
      return { ok: false, error: { key: 'errors.calendar.ics.unreadable', params: { detail: o.detail.slice(0, 200) } } }
    })
    return { result, cancel: job.cancel }
  }

  /** Merges dated entries as days off or working days (the agent's choice) and saves. */
  async function mergeEntries(entries: readonly DateEntry[], kind: DateEntryKind, note: string): Promise<MergeReport> {
    if (!calendar.value) throw new ProblemError({ key: 'errors.calendar.invalid' })
    // day names read from a file: a code, key or ID number in one is taken out (never stored, see secretGuard)
    const named = entries.map((e) => (findSecrets(e.name).length > 0 ? { ...e, name: redactSecrets(e.name) } : e))
    const r = mergeDateEntries(calendar.value, named, kind)
    if (!r.ok) throw new ProblemError(r.error)
    const saved = await setCalendar(r.value.calendar, note)
    return { ...r.value, calendar: saved }
  }

  return {
    calendar,
    index,
    sla,
    calendarProblem,
    slaProblem,
    loadError,
    loaded,
    load,
    reload,
    setCalendar,
    setSla,
    applyPreset,
    readIcs,
    mergeEntries,
  }
})
