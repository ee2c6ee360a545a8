/**
 * A precomputed business-day lookup for one calendar, so SLA arithmetic costs array reads instead of
 * walking Temporal objects. Build one per calendar change (about a millisecond), share it for all reviews.
 *
 * Days are epoch-day numbers of *local* dates in the calendar's zone. Within [fromYear, toYear] answers are
 * array reads; outside they are still correct, by walking day by day from the edge of the range.
 * Local midnights are computed with Temporal on first use and cached, so the machine's zone never matters.
 *
 * The index is frozen (its caches are typed arrays and a Map filled on demand, a memo that changes no
 * answer), which also keeps Vue from wrapping it in a reactive proxy.
 */
import { Temporal } from 'temporal-polyfill'
import type { BusinessCalendar } from './calendar'
import { epochDayFromParts, fromEpochDay, type LocalDate, MS_PER_DAY, partsFromEpochDay, toEpochDay, weekdayOfEpochDay } from './localDate'

export interface DayIndexOptions {
  /** First year with array lookups (default 2000). */
  fromYear?: number
  /** Last year with array lookups (default 2100). */
  toYear?: number
}

export class DayIndex {
  readonly calendar: BusinessCalendar
  readonly timeZone: string
  /** First and last epoch day of the precomputed range (inclusive). */
  readonly firstDay: number
  readonly lastDay: number
  private readonly weekdayMask: readonly boolean[]
  private readonly holidayDays: ReadonlySet<number>
  private readonly extraDays: ReadonlySet<number>
  /** 1 if the day (firstDay + i) is a business day. */
  private readonly business: Uint8Array
  /** Business days in [firstDay, firstDay + i]. */
  private readonly ranks: Int32Array
  /** The (j + 1)-th business day of the range. */
  private readonly businessDays: Int32Array
  /** Local midnight of firstDay + i (NaN until first asked). */
  private readonly starts: Float64Array
  private readonly startsOutside = new Map<number, number>()

  constructor(calendar: BusinessCalendar, options: DayIndexOptions = {}) {
    this.calendar = calendar
    this.timeZone = calendar.timeZone
    const fromYear = options.fromYear ?? 2000
    const toYear = Math.max(options.toYear ?? 2100, fromYear)
    this.firstDay = epochDayFromParts(fromYear, 1, 1)
    this.lastDay = epochDayFromParts(toYear, 12, 31)
    const mask = new Array<boolean>(8).fill(false)
    for (const d of calendar.workingWeekdays) if (Number.isInteger(d) && d >= 1 && d <= 7) mask[d] = true
    // With no working weekday, "the next business day" may not exist: refuse (the schema does too).
    if (!mask.includes(true)) throw new RangeError('A business calendar needs at least one working weekday')
    this.weekdayMask = mask
    this.holidayDays = new Set(Object.keys(calendar.holidays).map(toEpochDay))
    this.extraDays = new Set(Object.keys(calendar.extraWorkingDays).map(toEpochDay))
    const size = this.lastDay - this.firstDay + 1
    this.business = new Uint8Array(size)
    this.ranks = new Int32Array(size)
    const list = new Int32Array(size)
    let count = 0
    let weekday: number = weekdayOfEpochDay(this.firstDay)
    for (let i = 0; i < size; i++) {
      const day = this.firstDay + i
      const yes = !this.holidayDays.has(day) && (mask[weekday] === true || this.extraDays.has(day))
      if (yes) {
        this.business[i] = 1
        list[count++] = day
      }
      this.ranks[i] = count
      weekday = weekday === 7 ? 1 : weekday + 1
    }
    this.businessDays = list.slice(0, count)
    this.starts = new Float64Array(size + 1).fill(Number.NaN)
    // Fail now, not in the middle of a board refresh, if the zone is unknown.
    this.startOfDay(this.firstDay)
    Object.freeze(this)
  }

  /** Whether a local date (epoch day) is a business day. */
  isBusinessDay(day: number): boolean {
    const i = day - this.firstDay
    if (i >= 0 && day <= this.lastDay) return this.business[i] === 1
    if (this.holidayDays.has(day)) return false
    return this.weekdayMask[weekdayOfEpochDay(day)] === true || this.extraDays.has(day)
  }

  /**
   * A running count of business days: `rankOf(b) - rankOf(a)` is the number of business days in (a, b].
   * (Business days in [firstDay, day]; negative before the range.)
   */
  rankOf(day: number): number {
    const i = day - this.firstDay
    if (i >= 0 && day <= this.lastDay) return this.ranks[i] ?? 0
    if (day > this.lastDay) {
      let r = this.ranks[this.ranks.length - 1] ?? 0
      for (let d = this.lastDay + 1; d <= day; d++) if (this.isBusinessDay(d)) r++
      return r
    }
    let r = 0
    for (let d = this.firstDay - 1; d > day; d--) if (this.isBusinessDay(d)) r--
    return r
  }

  /** The business day whose rank is `rank` (inverse of rankOf on business days). */
  dayOfRank(rank: number): number {
    const total = this.businessDays.length
    if (rank >= 1 && rank <= total) return this.businessDays[rank - 1] ?? 0
    if (rank > total) {
      let r = total
      let d = this.lastDay
      while (r < rank) {
        d++
        if (this.isBusinessDay(d)) r++
      }
      return d
    }
    let r = 0
    let d = this.firstDay - 1
    for (;;) {
      if (this.isBusinessDay(d)) {
        if (r === rank) return d
        r--
      }
      d--
    }
  }

  /** The n-th business day after `day` (n >= 1; the day itself never counts). */
  nthBusinessDayAfter(day: number, n: number): number {
    return this.dayOfRank(this.rankOf(day) + n)
  }

  /** First millisecond of a local day (epoch ms). */
  startOfDay(day: number): number {
    const i = day - this.firstDay
    const inRange = i >= 0 && i < this.starts.length
    const cached = inRange ? this.starts[i] : this.startsOutside.get(day)
    if (cached !== undefined && !Number.isNaN(cached)) return cached
    const { year, month, day: dom } = partsFromEpochDay(day)
    const ms = new Temporal.PlainDate(year, month, dom).toZonedDateTime({ timeZone: this.timeZone }).epochMilliseconds
    if (inRange) this.starts[i] = ms
    else this.startsOutside.set(day, ms)
    return ms
  }

  /** Last millisecond of a local day (23:59:59.999 local). */
  endOfDay(day: number): number {
    return this.startOfDay(day + 1) - 1
  }

  /** The local day (epoch day) containing an instant. */
  dayOf(epochMs: number): number {
    // Offsets are within ±18 h, so the local day is the UTC day or one of its neighbours.
    const d = Math.floor(epochMs / MS_PER_DAY)
    if (epochMs < this.startOfDay(d)) return epochMs < this.startOfDay(d - 1) ? d - 2 : d - 1
    if (epochMs < this.startOfDay(d + 1)) return d
    return epochMs < this.startOfDay(d + 2) ? d + 1 : d + 2
  }

  /** The local date (YYYY-MM-DD) containing an instant. */
  localDateOf(epochMs: number): LocalDate {
    return fromEpochDay(this.dayOf(epochMs))
  }
}

export function buildDayIndex(calendar: BusinessCalendar, options?: DayIndexOptions): DayIndex {
  return new DayIndex(calendar, options)
}
