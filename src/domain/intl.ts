const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

/** One Intl.DateTimeFormat per locale and options, made once (making one costs far more than using it). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options)
  let f = dateTimeFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options)
    dateTimeFormats.set(key, f)
  }
  return f
}

/** A calendar day (YYYY-MM-DD, no zone) in a few characters, e.g. "Wed, Mar 4" / "3月4日周三"; anything else as is. */
export function shortDay(date: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return date
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return dateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(ms)
}

const SAME_YEAR: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
const OTHER_YEAR: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' }

/** An instant briefly on this machine, e.g. "Dec 5, 08:03" / "12月5日 08:03" (the year only when not `thisYear`). */
export function shortDateTime(ms: number, locale: string, thisYear: number): string {
  return dateTimeFormat(locale, new Date(ms).getFullYear() === thisYear ? SAME_YEAR : OTHER_YEAR).format(ms)
}

/**
 * Makes shortDateTime's formats for `locale` before they are needed. A page's first Intl format also sets up
 * the engine's locale data (10–40 ms measured in a new page, whatever the locale): start-up does this while its
 * first reads are out, instead of in the case list's first render.
 */
export function prepareShortDateTime(locale: string): void {
  dateTimeFormat(locale, SAME_YEAR)
  dateTimeFormat(locale, OTHER_YEAR)
}
