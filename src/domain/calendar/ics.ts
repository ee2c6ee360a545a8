/**
 * Reading an iCalendar (.ics) file into dated entries, with ical.js. The caller decides whether the
 * entries are days off or working days and applies them with `mergeDateEntries` (in `./calendar`);
 * nothing here assumes the events are holidays. Import this module lazily: ical.js is sizeable.
 *
 * Which dates an event covers, in the calendar's time zone:
 * - all-day events: DTSTART up to, not including, DTEND (or DTSTART + DURATION; one day if neither);
 * - timed events: every local date the span [start, end) touches (a zero-length event: its start date).
 *   A TZID that is an IANA name is read with the IANA rules, other TZIDs through the file's VTIMEZONE,
 *   UTC times as UTC, and floating times (or a TZID with no definition) in the calendar's zone;
 * - recurring events (RRULE/RDATE, less EXDATE and cancelled exceptions): occurrences starting within
 *   `expandYears` years (default 3) from the later of the event's start and `expandFrom`.
 * Cancelled events (STATUS:CANCELLED) are skipped.
 */
import ICAL from 'ical.js'
import { Temporal } from 'temporal-polyfill'
import type { FieldResult, Problem } from '../result'
import type { DateEntry } from './calendar'
import { epochDayFromParts, fromEpochDay, isLocalDate, type LocalDate, partsFromEpochDay, toEpochDay } from './localDate'
import { normalizeTimeZone } from './timeZone'

export interface IcsOptions {
  /** The calendar's IANA zone: timed and floating events are placed on dates there. */
  timeZone: string
  /** Expand recurrences from this date (default: each event's own start), e.g. 1 January of this year. */
  expandFrom?: LocalDate
  /** How many years of a recurrence to expand (default 3, at most 10). */
  expandYears?: number
}

export interface IcsParseResult {
  /** One entry per date, sorted; names of events sharing a date are joined with " / ". */
  entries: DateEntry[]
  /** VEVENTs read (exceptions to a recurring event included). */
  events: number
  /** Years the entries fall in. */
  years: number[]
  /** A recurrence without end was cut at the expansion bound or at the iteration cap. */
  truncated: boolean
}

export const ICS_MAX_CHARS = 5_000_000
export const ICS_MAX_DATES = 20_000
const MAX_ITERATIONS = 20_000

type Time = InstanceType<typeof ICAL.Time>
type Component = InstanceType<typeof ICAL.Component>
type Event = InstanceType<typeof ICAL.Event>

const fail = (key: string, params?: Problem['params']): { ok: false; error: Problem } => ({
  ok: false,
  error: params ? { key, params } : { key },
})

class IcsProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.key)
  }
}

/**
 * Parses an .ics text. Problem keys: `calendar.ics.notCalendar` (not iCalendar text, or no VCALENDAR),
 * `calendar.ics.tooLarge`, `calendar.ics.noEvents`, `calendar.ics.eventWithoutDate` (`{ event, summary }`,
 * event numbered from 1), `calendar.ics.tooManyDates` (`{ max }`), `calendar.badTimezone`.
 */
export function parseIcs(text: string, options: IcsOptions): FieldResult<IcsParseResult> {
  const tz = normalizeTimeZone(options.timeZone)
  if (!tz.ok) return tz
  if (text.length > ICS_MAX_CHARS) return fail('calendar.ics.tooLarge', { max: ICS_MAX_CHARS })
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) return fail('calendar.ics.notCalendar')
  let roots: Component[]
  try {
    const jcal: unknown = ICAL.parse(text)
    const list = Array.isArray(jcal) && Array.isArray(jcal[0]) ? (jcal as unknown[]) : [jcal]
    roots = list.map((j) => new ICAL.Component(j as never))
  } catch {
    return fail('calendar.ics.notCalendar')
  }
  if (roots.length === 0 || roots.some((c) => c.name !== 'vcalendar')) return fail('calendar.ics.notCalendar')

  const reader = new Reader(tz.value, options)
  try {
    for (const root of roots) reader.readCalendar(root)
  } catch (e) {
    if (e instanceof IcsProblem) return { ok: false, error: e.problem }
    return fail('calendar.ics.notCalendar')
  }
  if (reader.events === 0) return fail('calendar.ics.noEvents')
  return { ok: true, value: reader.result() }
}

class Reader {
  events = 0
  truncated = false
  private readonly names = new Map<number, string[]>()
  private readonly expandFrom: number | null
  private readonly expandYears: number

  constructor(
    private readonly timeZone: string,
    options: IcsOptions,
  ) {
    this.expandFrom = options.expandFrom !== undefined && isLocalDate(options.expandFrom) ? toEpochDay(options.expandFrom) : null
    this.expandYears = Math.min(10, Math.max(1, Math.floor(options.expandYears ?? 3)))
  }

  readCalendar(root: Component): void {
    const vevents = root.getAllSubcomponents('vevent')
    const masters = new Map<string, Event>()
    const exceptions: Component[] = []
    // Check every event has a usable start before expanding anything.
    vevents.forEach((c, i) => {
      this.events++
      if (!this.validStart(c)) {
        throw new IcsProblem({ key: 'calendar.ics.eventWithoutDate', params: { event: this.events, summary: summaryOf(c) } })
      }
      if (c.hasProperty('recurrence-id')) exceptions.push(c)
      else masters.set(String(c.getFirstPropertyValue('uid') ?? `#${i}`), new ICAL.Event(c))
    })
    for (const c of exceptions) {
      const master = masters.get(String(c.getFirstPropertyValue('uid') ?? ''))
      if (master?.isRecurring()) master.relateException(c)
      else this.readSingle(new ICAL.Event(c))
    }
    for (const event of masters.values()) {
      if (isCancelled(event.component)) continue
      if (event.isRecurring()) this.readRecurring(event)
      else this.readSingle(event)
    }
  }

  result(): IcsParseResult {
    const days = [...this.names.keys()].sort((a, b) => a - b)
    const entries = days.map((d) => ({ date: fromEpochDay(d), name: [...new Set(this.names.get(d))].filter((n) => n !== '').join(' / ') }))
    const years = [...new Set(entries.map((e) => Number(e.date.slice(0, 4))))]
    return { entries, events: this.events, years, truncated: this.truncated }
  }

  /** DTSTART present and a real date or date-time; DTEND, when present, too (checked on the raw text). */
  private validStart(c: Component): boolean {
    const start = c.getFirstProperty('dtstart')
    if (!start || !validTimeValue(start.jCal[3])) return false
    const end = c.getFirstProperty('dtend')
    return !end || validTimeValue(end.jCal[3])
  }

  private readSingle(event: Event): void {
    if (isCancelled(event.component)) return
    this.addSpan(event.startDate, event.endDate, event.summary ?? '', event.component)
  }

  private readRecurring(event: Event): void {
    const first = this.dayOfTime(event.startDate, event.component, 'dtstart')
    const from = Math.max(first, this.expandFrom ?? first)
    const { year, month, day } = partsFromEpochDay(from)
    const until = epochDayFromParts(year + this.expandYears, month, day) // exclusive
    const it = event.iterator()
    let n = 0
    for (let next = it.next(); next; next = it.next()) {
      if (++n > MAX_ITERATIONS) {
        this.truncated = true
        return
      }
      const d = this.dayOfTime(next, event.component, 'dtstart')
      if (d >= until) {
        this.truncated = true
        return
      }
      if (d < from) continue
      const details = event.getOccurrenceDetails(next)
      const item = details.item
      if (item && isCancelled(item.component)) continue
      this.addSpan(details.startDate, details.endDate, item?.summary ?? event.summary ?? '', item?.component ?? event.component)
    }
  }

  private addSpan(start: Time, end: Time | null, name: string, component: Component): void {
    const first = this.dayOfTime(start, component, 'dtstart')
    let last = first
    if (start.isDate) {
      if (end) {
        const endDay = epochDayFromParts(end.year, end.month, end.day)
        if (endDay > first) last = endDay - 1
      }
    } else if (end) {
      const startMs = this.instantOf(start, component, 'dtstart')
      const endMs = this.instantOf(end, component, component.hasProperty('dtend') ? 'dtend' : 'dtstart')
      if (endMs > startMs) last = Math.max(first, this.dayOfInstant(endMs - 1))
    }
    if (last - first + 1 + this.names.size > ICS_MAX_DATES)
      throw new IcsProblem({ key: 'calendar.ics.tooManyDates', params: { max: ICS_MAX_DATES } })
    for (let d = first; d <= last; d++) {
      const list = this.names.get(d)
      if (list) list.push(name.trim())
      else this.names.set(d, [name.trim()])
    }
  }

  private dayOfTime(t: Time, component: Component, propName: string): number {
    if (t.isDate) return epochDayFromParts(t.year, t.month, t.day)
    return this.dayOfInstant(this.instantOf(t, component, propName))
  }

  private dayOfInstant(ms: number): number {
    const d = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(this.timeZone)
    return epochDayFromParts(d.year, d.month, d.day)
  }

  /** The instant of a timed value (see the module comment for how its zone is chosen). */
  private instantOf(t: Time, component: Component, propName: string): number {
    const fields = { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second }
    if (t.zone === ICAL.Timezone.utcTimezone) return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second)
    const tzid = component.getFirstProperty(propName)?.getParameter('tzid')
    const iana = typeof tzid === 'string' ? normalizeTimeZone(tzid) : null
    if (iana?.ok) return Temporal.PlainDateTime.from(fields).toZonedDateTime(iana.value).epochMilliseconds
    if (t.zone && t.zone !== ICAL.Timezone.localTimezone && t.zone.tzid !== 'floating') return t.toUnixTime() * 1000
    return Temporal.PlainDateTime.from(fields).toZonedDateTime(this.timeZone).epochMilliseconds
  }
}

const TIME_VALUE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z?)?$/

function validTimeValue(raw: unknown): boolean {
  const m = typeof raw === 'string' ? TIME_VALUE.exec(raw) : null
  if (!m || !isLocalDate(m[1])) return false
  return m[2] === undefined || (Number(m[2]) <= 23 && Number(m[3]) <= 59 && Number(m[4]) <= 60)
}

function summaryOf(c: Component): string {
  const s = c.getFirstPropertyValue('summary')
  return typeof s === 'string' ? s.slice(0, 200) : ''
}

function isCancelled(c: Component): boolean {
  return String(c.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED'
}
