/**
 * Wall-clock times for exports. Spreadsheets have no time zones: a date cell holds the local date and
 * time as if it were UTC. So an instant (epoch ms) is shifted by its zone offset into "wall ms", which
 * both the CSV text (`2026-11-24 14:03:05`) and the XLSX Date cell are made from.
 *
 * The zone offset comes from Intl and is cached per 15-minute slot: every modern zone changes offset only
 * at instants that are whole multiples of 15 minutes, so one Intl call serves every instant in the slot
 * (100,000 cases cost a few thousand Intl calls, not 600,000), and per UTC day when the offset is the same
 * at its first slot, noon and its last slot (three Intl calls serve every instant of that day).
 */

const SLOT_MS = 15 * 60_000
const DAY_MS = 86_400_000

export interface ZonedClock {
  readonly timeZone: string
  /** Local wall-clock time of the instant, expressed as UTC milliseconds. NaN for a non-finite input. */
  wallMs(epochMs: number): number
}

/** Throws RangeError for an unknown IANA time zone (as Intl does). */
export function createZonedClock(timeZone: string): ZonedClock {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  })
  const cache = new Map<number, number>()
  /** Offsets per UTC day for days with one offset all day (most days of most zones): one look-up per day. */
  const days = new Map<number, number | null>()

  function offsetAt(slotStart: number): number {
    const parts: Record<string, string> = {}
    for (const p of fmt.formatToParts(slotStart)) parts[p.type] = p.value
    let year = Number(parts.year)
    if (parts.era === 'BC' || parts.era === 'B') year = 1 - year
    const wall = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second))
    return wall - slotStart
  }

  return {
    timeZone,
    wallMs(epochMs: number): number {
      if (!Number.isFinite(epochMs)) return NaN
      const day = Math.floor(epochMs / DAY_MS)
      let whole = days.get(day)
      if (whole === undefined) {
        // offsets change only at instants on a 15-minute grid: equal at the first and last slot of the
        // day (and at noon) means no change within it, bar two changes in one day, which no zone has
        const first = offsetAt(day * DAY_MS)
        whole = first === offsetAt(day * DAY_MS + DAY_MS - SLOT_MS) && first === offsetAt(day * DAY_MS + DAY_MS / 2) ? first : null
        days.set(day, whole)
      }
      if (whole !== null) return epochMs + whole
      const slot = Math.floor(epochMs / SLOT_MS)
      let offset = cache.get(slot)
      if (offset === undefined) {
        offset = offsetAt(slot * SLOT_MS)
        cache.set(slot, offset)
      }
      return epochMs + offset
    },
  }
}

/** A Date whose UTC fields are the wall-clock time, or null for a missing/invalid instant. */
export function wallDate(clock: ZonedClock, epochMs: number | null | undefined): Date | null {
  if (epochMs === null || epochMs === undefined) return null
  const wall = clock.wallMs(epochMs)
  if (!Number.isFinite(wall) || Math.abs(wall) > 8.64e15) return null
  return new Date(wall)
}

/** `YYYY-MM-DD` (ISO local date) to a Date at UTC midnight of that day; null when not a real date. */
export function isoDateToWallDate(iso: string | null | undefined): Date | null {
  if (!iso) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return null
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return date
}

/**
 * `YYYY-MM-DD` of each wall day (days since 1970) already written: an export's dates fall on few days, so
 * the date part is made once per day and the time of day by arithmetic (toISOString per cell, sliced and
 * replaced, was a large part of writing a CSV). Bounded: cleared when it grows past DAY_CACHE_MAX days.
 */
const dayTexts = new Map<number, string>()
const DAY_CACHE_MAX = 4096

function dayText(day: number): string {
  let text = dayTexts.get(day)
  if (text === undefined) {
    if (dayTexts.size >= DAY_CACHE_MAX) dayTexts.clear()
    text = new Date(day * DAY_MS).toISOString().slice(0, 10)
    dayTexts.set(day, text)
  }
  return text
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** 0000-01-01 and 10000-01-01 (UTC): between them toISOString writes a four-digit year. */
const YEAR_0_MS = -62_167_219_200_000
const YEAR_10000_MS = 253_402_300_800_000

/**
 * Day number and milliseconds into the day of a wall Date with a four-digit year; null for any other
 * (an invalid Date, or a six-digit year, which the toISOString forms below keep writing as they did).
 */
function split(d: Date): { day: number; ms: number } | null {
  const t = d.getTime()
  if (!(t >= YEAR_0_MS && t < YEAR_10000_MS)) return null
  const day = Math.floor(t / DAY_MS)
  return { day, ms: t - day * DAY_MS }
}

/** `YYYY-MM-DD HH:mm:ss` from a wall Date (toISOString's first 19 characters with a space for the T). */
export function formatWallDateTime(d: Date): string {
  const p = split(d)
  if (!p) return d.toISOString().slice(0, 19).replace('T', ' ')
  const s = Math.floor(p.ms / 1000)
  return `${dayText(p.day)} ${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`
}

/** `YYYY-MM-DD HH:mm` from a wall Date. */
export function formatWallMinute(d: Date): string {
  const p = split(d)
  if (!p) return d.toISOString().slice(0, 16).replace('T', ' ')
  const m = Math.floor(p.ms / 60_000)
  return `${dayText(p.day)} ${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`
}

/** `YYYY-MM-DD` from a wall Date. */
export function formatWallDate(d: Date): string {
  const p = split(d)
  if (!p) return d.toISOString().slice(0, 10)
  return dayText(p.day)
}
