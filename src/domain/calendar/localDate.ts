/**
 * Civil (time-zone-free) dates as `YYYY-MM-DD` strings and as epoch-day numbers (days since 1970-01-01).
 * Pure integer arithmetic on the proleptic Gregorian calendar: no Date, no process time zone, fast enough
 * to build a day index covering centuries. Anything involving an instant lives in `timeZone.ts`.
 */

/** An ISO calendar date, `YYYY-MM-DD`, in no particular time zone. */
export type LocalDate = string

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

export const MS_PER_DAY = 86_400_000

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
export function epochDayFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** The civil date of an epoch day (Howard Hinnant's civil_from_days). */
export function partsFromEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

export function daysInMonth(year: number, month: number): number {
  return epochDayFromParts(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - epochDayFromParts(year, month, 1)
}

/** True for a well-formed `YYYY-MM-DD` naming a real date (no 2026-02-30), years 1000–9999. */
export function isLocalDate(text: unknown): text is LocalDate {
  if (typeof text !== 'string') return false
  const m = LOCAL_DATE_RE.exec(text)
  if (!m) return false
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** Epoch day of a `YYYY-MM-DD` date. Throws RangeError on a malformed date (validate first). */
export function toEpochDay(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${String(date)}`)
  return epochDayFromParts(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)))
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

export function fromEpochDay(epochDay: number): LocalDate {
  const { year, month, day } = partsFromEpochDay(epochDay)
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`
}

/** ISO weekday of an epoch day (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): IsoWeekday {
  return (((((epochDay + 3) % 7) + 7) % 7) + 1) as IsoWeekday
}

export function weekdayOf(date: LocalDate): IsoWeekday {
  return weekdayOfEpochDay(toEpochDay(date))
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4))
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days)
}
