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
 *   `expandYears` years (default 3) from the later of the event's start and `expandFrom`. Rules that repeat
 *   more often than daily (SECONDLY, MINUTELY, HOURLY) are refused, naming the event: a calendar of days
 *   cannot use them, and expanding them is where hostile files spend their time.
 * Cancelled events (STATUS:CANCELLED) are skipped.
 *
 * A file cannot make the parse run long (it runs in a worker, src/workers/ics.worker.ts, which the page
 * also stops after a time limit):
 * - its size is checked before parsing, and its VEVENTs are counted in the text before ical.js sees it;
 * - events are built without ical.js's whole-file scan: `new ICAL.Event(component)` looks for exceptions
 *   among every VEVENT of the parent calendar, so building each of n events cost O(n) — O(n²) in all.
 *   Masters are built with an explicit (empty) exception list and exceptions related by UID here;
 * - one budget of recurrence steps for the whole file: every candidate time ical.js's recurrence iterator
 *   tries counts, including those it skips inside a single `next()` (a rule such as
 *   `FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30` matches nothing and would otherwise spin there forever);
 * - `shouldStop` (the worker's clock) is asked between pieces of work.
 */
import ICAL from 'ical.js'
import { Temporal } from 'temporal-polyfill'
import { ProblemError, type Problem, type Result } from '../result'
import type { DateEntry } from './calendar'
import { epochDayFromParts, fromEpochDay, isLocalDate, type LocalDate, partsFromEpochDay, toEpochDay } from './localDate'
import { ICS_MAX_CHARS, ICS_MAX_DATES, ICS_MAX_EVENTS, ICS_MAX_STEPS } from './icsLimits'
import { normalizeTimeZone } from './timeZone'

export interface IcsOptions {
  /** The calendar's IANA zone: timed and floating events are placed on dates there. */
  timeZone: string
  /** Expand recurrences from this date (default: each event's own start), e.g. 1 January of this year. */
  expandFrom?: LocalDate
  /** How many years of a recurrence to expand (default 3, at most 10). */
  expandYears?: number
  budget?: IcsBudget
}

/** Limits on the work one file may cause (defaults: ICS_MAX_EVENTS, ICS_MAX_STEPS). */
export interface IcsBudget {
  maxEvents?: number
  /** Recurrence steps for the whole file: occurrences read plus candidate times ical.js tried. */
  maxSteps?: number
  /** Asked between pieces of work (the caller's clock): true stops the parse with `calendar.ics.tooSlow`. */
  shouldStop?: () => boolean
  /** Events read so far, of the file's total. */
  onProgress?: (done: number, total: number) => void
}

export interface IcsParseResult {
  /** One entry per date, sorted; names of events sharing a date are joined with " / ". */
  entries: DateEntry[]
  /** VEVENTs read (exceptions to a recurring event included). */
  events: number
  /** Years the entries fall in. */
  years: number[]
  /** A recurrence without end was cut at the expansion bound. */
  truncated: boolean
  /** Recurrence steps the file cost (see IcsBudget.maxSteps). */
  steps: number
}

export { ICS_MAX_CHARS, ICS_MAX_DATES, ICS_MAX_EVENTS, ICS_MAX_STEPS }
const SUB_DAILY = new Set(['SECONDLY', 'MINUTELY', 'HOURLY'])
/** How often (in steps) the caller's clock is asked. */
const CLOCK_EVERY = 512

type Time = InstanceType<typeof ICAL.Time>
type Component = InstanceType<typeof ICAL.Component>
type Event = InstanceType<typeof ICAL.Event>

const fail = (key: string, params?: Problem['params']): { ok: false; error: Problem } => ({
  ok: false,
  error: params ? { key, params } : { key },
})

/** The work of one parse: recurrence steps against the file's budget, and the caller's clock. */
class Meter {
  steps = 0
  constructor(
    private readonly maxSteps: number,
    private readonly shouldStop: (() => boolean) | undefined,
  ) {}

  step(n = 1): void {
    const before = this.steps
    this.steps += n
    if (this.steps > this.maxSteps) throw new ProblemError({ key: 'errors.calendar.ics.tooMuchRepetition', params: { max: this.maxSteps } })
    if (Math.floor(before / CLOCK_EVERY) !== Math.floor(this.steps / CLOCK_EVERY)) this.checkClock()
  }

  checkClock(): void {
    if (this.shouldStop?.()) throw new ProblemError({ key: 'errors.calendar.ics.tooSlow' })
  }
}

/**
 * ical.js's recurrence iterator tests every candidate time with `check_contracting_rules`, in a loop inside
 * `next()` that has no limit of its own. Counting those calls against the parse's meter (parsing is
 * synchronous: one module-level meter, null outside a parse) bounds the loop; outside a parse the
 * wrapper only forwards.
 */
let activeMeter: Meter | null = null
const iteratorProto = ICAL.RecurIterator.prototype
const checkContractingRules = iteratorProto.check_contracting_rules
iteratorProto.check_contracting_rules = function (this: InstanceType<typeof ICAL.RecurIterator>): boolean {
  activeMeter?.step()
  return checkContractingRules.call(this)
}

/** VEVENTs in the text, counted on the raw lines (before ical.js builds anything). */
function countEvents(text: string): number {
  let n = 0
  const re = /^BEGIN:VEVENT\r?$/gim
  while (re.exec(text)) n++
  return n
}

/**
 * Parses an .ics text. Problem keys (under `errors.calendar.ics.`): `notCalendar` (not iCalendar text, or no
 * VCALENDAR), `tooLarge` (`{ mb }`), `tooManyEvents` (`{ count, max }`), `noEvents`, `eventWithoutDate` and
 * `subDaily` (`{ event, summary }`, event numbered from 1), `tooManyDates` (`{ max }`), `tooMuchRepetition`
 * (`{ max }`), `tooSlow`; and `errors.calendar.badTimezone`.
 */
export function parseIcs(text: string, options: IcsOptions): Result<IcsParseResult> {
  const tz = normalizeTimeZone(options.timeZone)
  if (!tz.ok) return tz
  if (text.length > ICS_MAX_CHARS) return fail('errors.calendar.ics.tooLarge', { mb: ICS_MAX_CHARS / 1_000_000 })
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) return fail('errors.calendar.ics.notCalendar')
  const budget = options.budget ?? {}
  const maxEvents = budget.maxEvents ?? ICS_MAX_EVENTS
  const total = countEvents(text)
  if (total > maxEvents) return fail('errors.calendar.ics.tooManyEvents', { count: total, max: maxEvents })
  const meter = new Meter(budget.maxSteps ?? ICS_MAX_STEPS, budget.shouldStop)
  let roots: Component[]
  try {
    const jcal: unknown = ICAL.parse(text)
    const list = Array.isArray(jcal) && Array.isArray(jcal[0]) ? (jcal as unknown[]) : [jcal]
    roots = list.map((j) => new ICAL.Component(j as never))
  } catch {
    return fail('errors.calendar.ics.notCalendar')
  }
  if (roots.length === 0 || roots.some((c) => c.name !== 'vcalendar')) return fail('errors.calendar.ics.notCalendar')

  const reader = new Reader(tz.value, options, meter, (done) => budget.onProgress?.(done, total))
  activeMeter = meter
  try {
    meter.checkClock()
    for (const root of roots) reader.readCalendar(root)
  } catch (e) {
    if (e instanceof ProblemError) return { ok: false, error: e.problem }
    return fail('errors.calendar.ics.notCalendar')
  } finally {
    activeMeter = null
  }
  if (reader.events === 0) return fail('errors.calendar.ics.noEvents')
  budget.onProgress?.(reader.events, total)
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
    private readonly meter: Meter,
    private readonly progress: (done: number) => void,
  ) {
    this.expandFrom = options.expandFrom !== undefined && isLocalDate(options.expandFrom) ? toEpochDay(options.expandFrom) : null
    this.expandYears = Math.min(10, Math.max(1, Math.floor(options.expandYears ?? 3)))
  }

  readCalendar(root: Component): void {
    const vevents = root.getAllSubcomponents('vevent')
    const masters = new Map<string, Event>()
    const exceptions: Component[] = []
    const first = this.events
    // Check every event has a usable start (and a daily or slower rule) before expanding anything.
    vevents.forEach((c, i) => {
      this.events++
      const where = { event: this.events, summary: summaryOf(c) }
      if (!this.validStart(c)) throw new ProblemError({ key: 'errors.calendar.ics.eventWithoutDate', params: where })
      if (c.getAllProperties('rrule').some((p) => SUB_DAILY.has(String((p.getFirstValue() as { freq?: unknown } | null)?.freq))))
        throw new ProblemError({ key: 'errors.calendar.ics.subDaily', params: where })
      if (c.hasProperty('recurrence-id')) exceptions.push(c)
      // an explicit exception list: no search of the whole calendar for exceptions (see the module comment)
      else masters.set(String(c.getFirstPropertyValue('uid') ?? `#${i}`), new ICAL.Event(c, { exceptions: [], strictExceptions: true }))
    })
    let done = first
    const tick = (): void => {
      done++
      if (done % 100 === 0) {
        this.meter.checkClock()
        this.progress(done)
      }
    }
    for (const c of exceptions) {
      const master = masters.get(String(c.getFirstPropertyValue('uid') ?? ''))
      if (master?.isRecurring()) master.relateException(c)
      else this.readSingle(new ICAL.Event(c))
      tick()
    }
    for (const event of masters.values()) {
      if (!isCancelled(event.component)) {
        if (event.isRecurring()) this.readRecurring(event)
        else this.readSingle(event)
      }
      tick()
    }
  }

  result(): IcsParseResult {
    const days = [...this.names.keys()].sort((a, b) => a - b)
    const entries = days.map((d) => ({ date: fromEpochDay(d), name: [...new Set(this.names.get(d))].filter((n) => n !== '').join(' / ') }))
    const years = [...new Set(entries.map((e) => Number(e.date.slice(0, 4))))]
    return { entries, events: this.events, years, truncated: this.truncated, steps: this.meter.steps }
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
    const plain =
      Object.keys(event.exceptions).length === 0 && event.rangeExceptions.length === 0
        ? { duration: event.duration, summary: event.summary ?? '' }
        : null
    const it = event.iterator()
    for (let next = it.next(); next; next = it.next()) {
      this.meter.step()
      const d = this.dayOfTime(next, event.component, 'dtstart')
      if (d >= until) {
        this.truncated = true
        return
      }
      if (d < from) continue
      if (plain) {
        // what getOccurrenceDetails does without exceptions, with the duration worked out once
        const end = next.clone()
        end.addDuration(plain.duration)
        this.addSpan(next, end, plain.summary, event.component)
        continue
      }
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
      throw new ProblemError({ key: 'errors.calendar.ics.tooManyDates', params: { max: ICS_MAX_DATES } })
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
