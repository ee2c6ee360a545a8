import { z } from 'zod'
import type { Result } from '../result'

/** SLA settings, in business days. */
export interface SlaSettings {
  /** "Expected from" = end of this business day (default 3). */
  expectedDays: number
  /** "Due by" = end of this business day (default 7). */
  dueDays: number
  /** At risk from the start of business day `dueDays - atRiskLeadDays + 1` (default 1; 0 = never at risk). */
  atRiskLeadDays: number
}

export const DEFAULT_SLA_SETTINGS: Readonly<SlaSettings> = Object.freeze({ expectedDays: 3, dueDays: 7, atRiskLeadDays: 1 })
export const SLA_MAX_DAYS = 90

export const slaSettingsSchema = z
  .object({
    expectedDays: z
      .int({ error: 'errors.sla.daysRange' })
      .min(1, { error: 'errors.sla.daysRange' })
      .max(SLA_MAX_DAYS, { error: 'errors.sla.daysRange' }),
    dueDays: z
      .int({ error: 'errors.sla.daysRange' })
      .min(1, { error: 'errors.sla.daysRange' })
      .max(SLA_MAX_DAYS, { error: 'errors.sla.daysRange' }),
    atRiskLeadDays: z.int({ error: 'errors.sla.leadRange' }).min(0, { error: 'errors.sla.leadRange' }),
  })
  .superRefine((s, ctx) => {
    if (s.dueDays < s.expectedDays) ctx.addIssue({ code: 'custom', message: 'errors.sla.dueBeforeExpected', path: ['dueDays'] })
    if (s.atRiskLeadDays > s.dueDays) ctx.addIssue({ code: 'custom', message: 'errors.sla.leadRange', path: ['atRiskLeadDays'] })
  })

/**
 * Validates SLA settings. Problem keys: `errors.sla.daysRange` (`{ max }`: whole days 1..max),
 * `errors.sla.dueBeforeExpected`, `errors.sla.leadRange` (`{ max }`: 0..dueDays); the failing field is in `params.field`.
 */
export function parseSlaSettings(value: unknown): Result<SlaSettings> {
  const parsed = slaSettingsSchema.safeParse(value)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issue = parsed.error.issues[0]
  const key =
    issue && ['errors.sla.daysRange', 'errors.sla.dueBeforeExpected', 'errors.sla.leadRange'].includes(issue.message)
      ? issue.message
      : 'errors.sla.invalid'
  const field = String(issue?.path[0] ?? '')
  const dueDays = (value as { dueDays?: unknown } | null)?.dueDays
  const max =
    key === 'errors.sla.daysRange' ? SLA_MAX_DAYS : key === 'errors.sla.leadRange' && typeof dueDays === 'number' ? dueDays : undefined
  return { ok: false, error: { key, params: max === undefined ? { field } : { field, max } } }
}
