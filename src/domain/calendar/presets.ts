/**
 * Building a preset calendar. This module carries the mainland China holiday data (chinese-days), so the
 * UI imports it lazily: `const { buildCalendarPreset } = await import('@/domain/calendar/presets')`.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json'
import { type BusinessCalendar, type CalendarPresetId, DEFAULT_WORKING_WEEKDAYS, mondayToFridayCalendar } from './calendar'
import { isLocalDate } from './localDate'
import { DEFAULT_TIME_ZONE } from './timeZone'

interface ChineseDaysData {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

/** chinese-days writes "Spring Festival,春节,4" (English, Chinese, length in days): keep both names. */
function holidayName(raw: string): string {
  const [en = '', zh = ''] = raw.split(',')
  return [zh.trim(), en.trim()].filter((s) => s !== '').join(' ')
}

function toRecord(raw: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const date of Object.keys(raw).sort()) if (isLocalDate(date)) out[date] = holidayName(raw[date] ?? '')
  return out
}

/** Mainland China statutory holidays and adjusted working days, from the chinese-days package. */
export function mainlandChinaCalendar(timeZone: string = DEFAULT_TIME_ZONE): BusinessCalendar {
  const data = chineseDays as ChineseDaysData
  const holidays = toRecord(data.holidays)
  const extraWorkingDays = toRecord(data.workdays)
  const years = new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))))
  return {
    version: 1,
    timeZone,
    workingWeekdays: [...DEFAULT_WORKING_WEEKDAYS],
    holidays,
    extraWorkingDays,
    coveredYears: [...years].sort((a, b) => a - b),
    tracksHolidays: true,
    basedOn: 'cn-mainland',
  }
}

export function buildCalendarPreset(id: CalendarPresetId, timeZone: string = DEFAULT_TIME_ZONE): BusinessCalendar {
  return id === 'cn-mainland' ? mainlandChinaCalendar(timeZone) : mondayToFridayCalendar(timeZone)
}
