/**
 * The business calendar and the SLA targets, kept in the `settings` table and validated with zod on load.
 * Nothing stored yet: the Mainland China preset and the default targets (a preset built at load time, so a
 * newer app brings newer holiday data). A stored value that fails validation falls back to the default and
 * says why (`calendarProblem` / `slaProblem`); it is left in place until the agent saves a new one.
 */
import { parseCalendar, type BusinessCalendar } from '@/domain/calendar/calendar'
import { DEFAULT_SLA_SETTINGS, parseSlaSettings, type SlaSettings } from '@/domain/sla/settings'
import type { FieldChange } from '@/domain/model'
import { type Problem, ProblemError } from '@/domain/result'
import type { ConsoleDb } from './db'
import { guarded } from './errors'
import { appendEvent } from './events'

export const CALENDAR_KEY = 'businessCalendar'
export const SLA_KEY = 'slaSettings'

export interface WriteContext {
  agent: string
  now: number
}

export interface LoadedCalendarSettings {
  calendar: BusinessCalendar
  sla: SlaSettings
  /** Why the stored calendar was not used (null: it was, or there was none). */
  calendarProblem: Problem | null
  slaProblem: Problem | null
  /** Whether a calendar was stored (false: the default preset is in use). */
  calendarStored: boolean
}

/** The default calendar: Mainland China (imported lazily: it carries the holiday data). */
export async function defaultCalendar(): Promise<BusinessCalendar> {
  const { buildCalendarPreset } = await import('@/domain/calendar/presets')
  return buildCalendarPreset('cn-mainland')
}

export async function loadCalendarSettings(db: ConsoleDb): Promise<LoadedCalendarSettings> {
  const [rawCal, rawSla] = await guarded(() => Promise.all([db.settings.get(CALENDAR_KEY), db.settings.get(SLA_KEY)]))
  let calendar: BusinessCalendar | null = null
  let calendarProblem: Problem | null = null
  if (rawCal !== undefined) {
    const parsed = parseCalendar(rawCal.value)
    if (parsed.ok) calendar = parsed.value
    else calendarProblem = parsed.error
  }
  let sla: SlaSettings = { ...DEFAULT_SLA_SETTINGS }
  let slaProblem: Problem | null = null
  if (rawSla !== undefined) {
    const parsed = parseSlaSettings(rawSla.value)
    if (parsed.ok) sla = parsed.value
    else slaProblem = parsed.error
  }
  return { calendar: calendar ?? (await defaultCalendar()), sla, calendarProblem, slaProblem, calendarStored: calendar !== null }
}

/** A short description of what changed between two calendars, for the audit log (not every date). */
export function calendarChanges(before: BusinessCalendar | null, after: BusinessCalendar): FieldChange[] {
  const summary = (c: BusinessCalendar | null) =>
    c && {
      timeZone: c.timeZone,
      workingWeekdays: c.workingWeekdays.join(','),
      holidays: Object.keys(c.holidays).length,
      extraWorkingDays: Object.keys(c.extraWorkingDays).length,
      coveredYears: c.coveredYears.join(','),
      basedOn: c.basedOn,
    }
  const a = summary(before)
  const b = summary(after)!
  const out: FieldChange[] = []
  for (const k of Object.keys(b) as (keyof typeof b)[]) {
    if (!a || a[k] !== b[k]) out.push({ field: k, from: a ? a[k] : null, to: b[k] })
  }
  return out
}

/** Validates and stores the calendar, with a 'calendar' event (what changed, and `note`), in one transaction. */
export async function saveCalendar(db: ConsoleDb, calendar: BusinessCalendar, ctx: WriteContext, note = ''): Promise<BusinessCalendar> {
  const parsed = parseCalendar(calendar)
  if (!parsed.ok) throw new ProblemError(parsed.error)
  const value = parsed.value
  return guarded(() =>
    db.transaction('rw', db.settings, db.events, async () => {
      const before = await db.settings.get(CALENDAR_KEY)
      const prev = before ? parseCalendar(before.value) : null
      await db.settings.put({ key: CALENDAR_KEY, value })
      await appendEvent(
        db,
        {
          entity: 'calendar',
          entityId: CALENDAR_KEY,
          caseId: null,
          action: 'updated',
          changes: calendarChanges(prev?.ok ? prev.value : null, value),
          note,
        },
        ctx.agent,
        ctx.now,
      )
      return value
    }),
  )
}

/** Validates and stores the SLA targets, with a 'settings' event, in one transaction. */
export async function saveSlaSettings(db: ConsoleDb, sla: SlaSettings, ctx: WriteContext): Promise<SlaSettings> {
  const parsed = parseSlaSettings(sla)
  if (!parsed.ok) throw new ProblemError(parsed.error)
  const value = parsed.value
  return guarded(() =>
    db.transaction('rw', db.settings, db.events, async () => {
      const before = await db.settings.get(SLA_KEY)
      const prev = before ? parseSlaSettings(before.value) : null
      const from: SlaSettings = prev?.ok ? prev.value : { ...DEFAULT_SLA_SETTINGS }
      await db.settings.put({ key: SLA_KEY, value })
      const changes = (Object.keys(value) as (keyof SlaSettings)[])
        .filter((k) => from[k] !== value[k])
        .map((k) => ({ field: k, from: from[k], to: value[k] }))
      await appendEvent(db, { entity: 'settings', entityId: SLA_KEY, caseId: null, action: 'updated', changes }, ctx.agent, ctx.now)
      return value
    }),
  )
}
