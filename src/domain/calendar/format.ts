/**
 * Human dates for replies and the board, from a local date: the same text on every machine (no reliance on
 * the runtime's ICU data), e.g. "Wednesday, 25 February 2026" and "2026年2月25日 星期三".
 */
import type { Language } from '../model'
import { type LocalDate, toEpochDay, weekdayOfEpochDay } from './localDate'
import { localDateOf } from './timeZone'

const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const ZH_WEEKDAYS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日']

export function formatLocalDate(date: LocalDate, language: Language): string {
  const weekday = weekdayOfEpochDay(toEpochDay(date)) - 1
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  const day = Number(date.slice(8, 10))
  if (language === 'zh-CN') return `${year}年${month}月${day}日 ${ZH_WEEKDAYS[weekday]}`
  return `${EN_WEEKDAYS[weekday]}, ${day} ${EN_MONTHS[month - 1]} ${year}`
}

/** The human date of an instant, in the calendar's zone (not the machine's). */
export function formatDateOf(epochMs: number, timeZone: string, language: Language): string {
  return formatLocalDate(localDateOf(epochMs, timeZone), language)
}
