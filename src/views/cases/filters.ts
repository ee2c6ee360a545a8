import type { Problem } from '@/domain/result'

/** A start date after the end date is refused. Dates are YYYY-MM-DD from <input type="date">. */
export function dateRangeProblem(from: string, to: string): Problem | null {
  return from !== '' && to !== '' && from > to ? { key: 'errors.range.startAfterEnd' } : null
}

/** Local-day bounds (inclusive) of a date range on this machine, as epoch ms. */
export function localDayBounds(from: string, to: string): { from: number | null; to: number | null } {
  const parse = (s: string, end: boolean): number | null => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
    if (!m) return null
    const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
    if (end) d.setHours(23, 59, 59, 999)
    return d.getTime()
  }
  return { from: parse(from, false), to: parse(to, true) }
}
