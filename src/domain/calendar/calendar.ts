/**
 * The business calendar: a plain, serialisable object (stored in settings, checked with zod on load).
 * Business days are derived from it, never stored: change the calendar and every date recomputes.
 *
 * A date is a business day when it is not a holiday and either its weekday is a working weekday or it is
 * listed as an extra working day (a weekend made a working day, e.g. China's adjusted working days).
 * The schema refuses a date listed as both, and every edit below keeps the two lists disjoint.
 */
import { z } from 'zod'
import type { Result, Problem } from '../result'
import { type IsoWeekday, isLocalDate, type LocalDate, weekdayOf, yearOf } from './localDate'
import { DEFAULT_TIME_ZONE, normalizeTimeZone } from './timeZone'

export const CALENDAR_PRESET_IDS = ['cn-mainland', 'mon-fri'] as const
export type CalendarPresetId = (typeof CALENDAR_PRESET_IDS)[number]

/** Labels for the preset picker; building a preset is in `./presets` (import it lazily: it holds the data). */
export const CALENDAR_PRESETS: readonly { id: CalendarPresetId; label: { en: string; 'zh-CN': string } }[] = [
  {
    id: 'cn-mainland',
    label: { en: 'Mainland China: statutory holidays and adjusted working days', 'zh-CN': '中国大陆：法定节假日与调休工作日' },
  },
  { id: 'mon-fri', label: { en: 'Monday–Friday, no holidays', 'zh-CN': '周一至周五，无节假日' } },
]

export const DEFAULT_WORKING_WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5]
export const DAY_NAME_MAX = 200

export interface BusinessCalendar {
  version: 1
  /** IANA name; every date and "end of day" is computed in this zone, whatever the machine's zone. */
  timeZone: string
  /** ISO weekdays (1 = Monday … 7 = Sunday), sorted, at least one. */
  workingWeekdays: IsoWeekday[]
  /** Days off: date → name (shown in the calendar view). May include weekend dates. */
  holidays: Record<LocalDate, string>
  /** Non-working weekdays made working days: date → name. */
  extraWorkingDays: Record<LocalDate, string>
  /** Years whose holidays are known (sorted). Outside them only weekends count: the UI warns. */
  coveredYears: number[]
  /** False for a calendar that deliberately has no holidays (Monday–Friday): no missing-data warning. */
  tracksHolidays: boolean
  /** Which preset it started from, for display. */
  basedOn: CalendarPresetId | null
}

const dayName = z.string().max(DAY_NAME_MAX, { error: 'errors.calendar.nameTooLong' })
const dateKey = z.string().refine(isLocalDate, { error: 'errors.calendar.badDate' })

export const calendarSchema = z
  .object({
    version: z.literal(1),
    timeZone: z.string().refine((tz) => normalizeTimeZone(tz).ok, { error: 'errors.calendar.badTimezone' }),
    workingWeekdays: z
      .array(z.int().min(1).max(7))
      .min(1, { error: 'errors.calendar.noWorkingDays' })
      .refine((days) => new Set(days).size === days.length, { error: 'errors.calendar.invalid' }),
    holidays: z.record(dateKey, dayName),
    extraWorkingDays: z.record(dateKey, dayName),
    coveredYears: z.array(z.int().min(1000).max(9999)),
    tracksHolidays: z.boolean(),
    basedOn: z.enum(CALENDAR_PRESET_IDS).nullable(),
  })
  .superRefine((cal, ctx) => {
    for (const date of Object.keys(cal.extraWorkingDays)) {
      if (Object.hasOwn(cal.holidays, date))
        ctx.addIssue({ code: 'custom', message: 'errors.calendar.dayConflict', path: ['extraWorkingDays', date] })
    }
  })

const KNOWN_KEYS = new Set([
  'errors.calendar.badTimezone',
  'errors.calendar.noWorkingDays',
  'errors.calendar.badDate',
  'errors.calendar.nameTooLong',
  'errors.calendar.dayConflict',
])

/**
 * Validates a stored or imported calendar and returns it normalised (canonical zone name, sorted weekdays
 * and years). Problem keys: `errors.calendar.badTimezone`, `errors.calendar.noWorkingDays`, `errors.calendar.badDate` (with
 * `{ date }`), `errors.calendar.nameTooLong`, `errors.calendar.dayConflict` (with `{ date }`), otherwise `errors.calendar.invalid`.
 */
export function parseCalendar(value: unknown): Result<BusinessCalendar> {
  const parsed = calendarSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    // A refused record key reports its own issue one level down.
    const message = issue?.code === 'invalid_key' ? (issue.issues[0]?.message ?? '') : (issue?.message ?? '')
    const key = KNOWN_KEYS.has(message) ? message : 'errors.calendar.invalid'
    const problem: Problem = { key }
    if (key === 'errors.calendar.badTimezone' && value !== null && typeof value === 'object') {
      problem.params = { name: String((value as { timeZone?: unknown }).timeZone) }
    }
    const last = issue?.path[issue.path.length - 1]
    if ((key === 'errors.calendar.dayConflict' || key === 'errors.calendar.badDate') && typeof last === 'string')
      problem.params = { date: last }
    return { ok: false, error: problem }
  }
  const cal = parsed.data
  const tz = normalizeTimeZone(cal.timeZone)
  return {
    ok: true,
    value: {
      version: 1,
      timeZone: tz.ok ? tz.value : cal.timeZone,
      workingWeekdays: [...cal.workingWeekdays].sort((a, b) => a - b) as IsoWeekday[],
      holidays: sortedRecord(cal.holidays),
      extraWorkingDays: sortedRecord(cal.extraWorkingDays),
      coveredYears: [...new Set(cal.coveredYears)].sort((a, b) => a - b),
      tracksHolidays: cal.tracksHolidays,
      basedOn: cal.basedOn,
    },
  }
}

/** The "Monday–Friday, no holidays" calendar (needs no data, so it is also the safe fallback). */
export function mondayToFridayCalendar(timeZone: string = DEFAULT_TIME_ZONE): BusinessCalendar {
  return {
    version: 1,
    timeZone,
    workingWeekdays: [...DEFAULT_WORKING_WEEKDAYS],
    holidays: {},
    extraWorkingDays: {},
    coveredYears: [],
    tracksHolidays: false,
    basedOn: 'mon-fri',
  }
}

function sortedRecord(rec: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of Object.keys(rec).sort()) out[key] = rec[key] ?? ''
  return out
}

function without(rec: Record<string, string>, date: string): Record<string, string> {
  if (!Object.hasOwn(rec, date)) return rec
  const out = { ...rec }
  delete out[date]
  return out
}

const badDate = (date: unknown): Result<never> => ({ ok: false, error: { key: 'errors.calendar.badDate', params: { date: String(date) } } })
const cleanName = (name: string): string => name.trim().slice(0, DAY_NAME_MAX)

// ---- Manual edits: each returns a new calendar and leaves the argument untouched. ----

export function setTimeZone(cal: BusinessCalendar, name: string): Result<BusinessCalendar> {
  const tz = normalizeTimeZone(name)
  return tz.ok ? { ok: true, value: { ...cal, timeZone: tz.value } } : tz
}

/** Problem key `calendar.noWorkingDays` for an empty choice. */
export function setWorkingWeekdays(cal: BusinessCalendar, days: readonly number[]): Result<BusinessCalendar> {
  const clean = [...new Set(days)].filter((d): d is IsoWeekday => Number.isInteger(d) && d >= 1 && d <= 7).sort((a, b) => a - b)
  if (clean.length === 0) return { ok: false, error: { key: 'errors.calendar.noWorkingDays' } }
  return { ok: true, value: { ...cal, workingWeekdays: clean } }
}

/** Makes `date` a day off (and no longer an extra working day). */
export function addDayOff(cal: BusinessCalendar, date: string, name = ''): Result<BusinessCalendar> {
  if (!isLocalDate(date)) return badDate(date)
  return {
    ok: true,
    value: {
      ...cal,
      holidays: sortedRecord({ ...cal.holidays, [date]: cleanName(name) }),
      extraWorkingDays: without(cal.extraWorkingDays, date),
    },
  }
}

export function removeDayOff(cal: BusinessCalendar, date: string): BusinessCalendar {
  return Object.hasOwn(cal.holidays, date) ? { ...cal, holidays: without(cal.holidays, date) } : cal
}

/** Makes `date` an extra working day (and no longer a day off). */
export function addExtraWorkingDay(cal: BusinessCalendar, date: string, name = ''): Result<BusinessCalendar> {
  if (!isLocalDate(date)) return badDate(date)
  return {
    ok: true,
    value: {
      ...cal,
      extraWorkingDays: sortedRecord({ ...cal.extraWorkingDays, [date]: cleanName(name) }),
      holidays: without(cal.holidays, date),
    },
  }
}

export function removeExtraWorkingDay(cal: BusinessCalendar, date: string): BusinessCalendar {
  return Object.hasOwn(cal.extraWorkingDays, date) ? { ...cal, extraWorkingDays: without(cal.extraWorkingDays, date) } : cal
}

/** Declares (or withdraws) that `year`'s holidays are complete, e.g. after entering them by hand. */
export function setYearCovered(cal: BusinessCalendar, year: number, covered: boolean): BusinessCalendar {
  const years = new Set(cal.coveredYears)
  if (covered) years.add(year)
  else years.delete(year)
  return { ...cal, coveredYears: [...years].sort((a, b) => a - b), tracksHolidays: covered ? true : cal.tracksHolidays }
}

// ---- Bulk merge (from an .ics import or any list of dates). ----

export interface DateEntry {
  date: LocalDate
  name: string
}

export type DateEntryKind = 'dayOff' | 'workingDay'

export interface MergeReport {
  calendar: BusinessCalendar
  /** Dates newly listed (they were not in the chosen list before). */
  added: number
  /** Dates that moved from the other list (a day off that became a working day, or the reverse). */
  moved: number
  /** Years the entries fall in. */
  entryYears: number[]
  /** All years the merged calendar covers, and those that were not covered before. */
  coveredYears: number[]
  newlyCoveredYears: number[]
}

/**
 * Applies entries as days off or as working days (the caller chooses; nothing is assumed). An entry's
 * name replaces the existing one unless it is empty. The years the entries fall in are marked covered
 * (pass `coverYears` to choose otherwise, e.g. `[]` for a one-off company day); the calendar then tracks
 * holidays. Refuses (`calendar.badDate` with `{ date }`) without changing anything if any date is invalid.
 */
export function mergeDateEntries(
  cal: BusinessCalendar,
  entries: readonly DateEntry[],
  kind: DateEntryKind,
  options: { coverYears?: readonly number[] } = {},
): Result<MergeReport> {
  const bad = entries.find((e) => !isLocalDate(e.date))
  if (bad) return badDate(bad.date)
  const target = { ...(kind === 'dayOff' ? cal.holidays : cal.extraWorkingDays) }
  const other = { ...(kind === 'dayOff' ? cal.extraWorkingDays : cal.holidays) }
  let added = 0
  let moved = 0
  const entryYears = new Set<number>()
  for (const { date, name } of entries) {
    entryYears.add(yearOf(date))
    if (Object.hasOwn(other, date)) {
      delete other[date]
      moved++
    } else if (!Object.hasOwn(target, date)) {
      added++
    }
    const clean = cleanName(name)
    target[date] = clean !== '' || !Object.hasOwn(target, date) ? clean : (target[date] ?? '')
  }
  const cover = options.coverYears ?? [...entryYears]
  const before = new Set(cal.coveredYears)
  const covered = [...new Set([...cal.coveredYears, ...cover])].sort((a, b) => a - b)
  const calendar: BusinessCalendar = {
    ...cal,
    holidays: sortedRecord(kind === 'dayOff' ? target : other),
    extraWorkingDays: sortedRecord(kind === 'dayOff' ? other : target),
    coveredYears: covered,
    tracksHolidays: cal.tracksHolidays || entries.length > 0,
  }
  return {
    ok: true,
    value: {
      calendar,
      added,
      moved,
      entryYears: [...entryYears].sort((a, b) => a - b),
      coveredYears: covered,
      newlyCoveredYears: covered.filter((y) => !before.has(y)),
    },
  }
}

// ---- Questions the UI asks. ----

/**
 * Years in [from, to] (inclusive, by calendar year) for which the calendar has no holiday data, so
 * dates there count weekends only: the UI shows a warning. Empty for a calendar that tracks no holidays.
 */
export function yearsWithoutData(cal: BusinessCalendar, from: LocalDate, to: LocalDate): number[] {
  if (!cal.tracksHolidays) return []
  const covered = new Set(cal.coveredYears)
  const out: number[] = []
  const a = Math.min(yearOf(from), yearOf(to))
  const b = Math.max(yearOf(from), yearOf(to))
  for (let y = a; y <= b; y++) if (!covered.has(y)) out.push(y)
  return out
}

export type DayKind = 'working' | 'weekend' | 'holiday' | 'extraWorking'

/** How the calendar view shows one date (slow path, one date at a time; SLA math uses the day index). */
export function describeDay(cal: BusinessCalendar, date: LocalDate): { kind: DayKind; name: string; business: boolean } {
  if (Object.hasOwn(cal.holidays, date)) return { kind: 'holiday', name: cal.holidays[date] ?? '', business: false }
  if (Object.hasOwn(cal.extraWorkingDays, date)) return { kind: 'extraWorking', name: cal.extraWorkingDays[date] ?? '', business: true }
  const working = cal.workingWeekdays.includes(weekdayOf(date))
  return { kind: working ? 'working' : 'weekend', name: '', business: working }
}
