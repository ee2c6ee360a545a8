import { Temporal } from 'temporal-polyfill'
import type { Result } from '../result'
import type { LocalDate } from './localDate'

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

/**
 * Checks an IANA time-zone name and returns its canonical spelling (`asia/shanghai` → `Asia/Shanghai`).
 * Offsets such as `+08:00` are refused: a business calendar follows a place, whose offset may change.
 * Problem key: `errors.calendar.badTimezone` with `{ name }`.
 */
export function normalizeTimeZone(name: unknown): Result<string> {
  const text = typeof name === 'string' ? name.trim() : ''
  const bad: Result<string> = {
    ok: false,
    error: { key: 'errors.calendar.badTimezone', params: { name: typeof name === 'string' ? name : '' } },
  }
  if (text === '' || text.length > 64 || /^[+\-\u2212]/.test(text)) return bad
  try {
    return { ok: true, value: Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(text).timeZoneId }
  } catch {
    return bad
  }
}

/** The local date (in `timeZone`) of an instant. */
export function localDateOf(epochMs: number, timeZone: string): LocalDate {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toPlainDate().toString()
}

/**
 * The instant of a local wall-clock time in `timeZone` (`2026-02-13`, `16:00`). For tests and import:
 * an ambiguous or skipped time resolves as Temporal's 'compatible' disambiguation does.
 */
export function zonedEpochMs(date: LocalDate, time: string, timeZone: string): number {
  return Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(timeZone).epochMilliseconds
}
