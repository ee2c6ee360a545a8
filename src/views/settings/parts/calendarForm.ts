/**
 * The calendar and SLA settings' form logic, free of Vue: which years the day lists offer, the days listed
 * for one year, and reading the SLA form into settings or the one field to mark.
 */
import type { BusinessCalendar } from '@/domain/calendar/calendar'
import { localDateOf } from '@/domain/calendar/timeZone'
import type { Problem } from '@/domain/result'
import { parseSlaSettings, type SlaSettings } from '@/domain/sla/settings'

/** The calendar's current year, in its own time zone (Asia/Shanghai before a calendar is loaded). */
export const yearNow = (cal: BusinessCalendar | null, now: number): number =>
  Number(localDateOf(now, cal?.timeZone ?? 'Asia/Shanghai').slice(0, 4))

/** The years a day list can show, newest first: this year and next, covered years, and every year with a day. */
export function listableYears(cal: BusinessCalendar | null, thisYear: number): number[] {
  const years = new Set<number>([thisYear, thisYear + 1, ...(cal?.coveredYears ?? [])])
  for (const d of Object.keys(cal?.holidays ?? {})) years.add(Number(d.slice(0, 4)))
  for (const d of Object.keys(cal?.extraWorkingDays ?? {})) years.add(Number(d.slice(0, 4)))
  return [...years].sort((a, b) => b - a)
}

/** The days of one year in a date → name record, as stored (the domain keeps them sorted). */
export const daysInYear = (rec: Record<string, string> | undefined, year: number): { date: string; name: string }[] =>
  Object.entries(rec ?? {})
    .filter(([d]) => d.startsWith(`${year}-`))
    .map(([date, name]) => ({ date, name }))

export const SLA_FIELDS = ['expectedDays', 'dueDays', 'atRiskLeadDays'] as const
export type SlaField = (typeof SLA_FIELDS)[number]

/** A number input's value as a number: v-model gives a number, or '' when empty (NaN, refused). */
export const toNumber = (v: string | number): number => (String(v).trim() === '' ? Number.NaN : Number(v))

/** The SLA form read into settings, or the field to mark with the problem (the first field when none is named). */
export function readSlaForm(
  form: Record<SlaField, string | number>,
): { ok: true; value: SlaSettings } | { ok: false; field: SlaField; problem: Problem } {
  const parsed = parseSlaSettings({
    expectedDays: toNumber(form.expectedDays),
    dueDays: toNumber(form.dueDays),
    atRiskLeadDays: toNumber(form.atRiskLeadDays),
  })
  if (parsed.ok) return parsed
  const named = String(parsed.error.params?.['field'] ?? '')
  const field = (SLA_FIELDS as readonly string[]).includes(named) ? (named as SlaField) : 'expectedDays'
  return { ok: false, field, problem: parsed.error }
}
