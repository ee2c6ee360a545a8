/**
 * The bulk-export filter: what the export dialog selects, validated and compiled into a predicate over
 * `CaseExportInput` (pure, so the worker applies it chunk by chunk) plus the epoch-ms range that the
 * data layer can hand to an index (`where(dateField).between(rangeStart, rangeEnd, true, false)`).
 *
 * Empty lists mean "any". Within one list values are alternatives (OR); different fields combine with AND.
 */
import { Temporal } from 'temporal-polyfill'
import { CASE_STATUSES, CHANNELS, METHOD_IDS, SYMPTOMS, type CaseStatus, type Channel, type MethodId, type Symptom } from '../model'
import type { FieldProblems, Result } from '../result'
import { latestReview, type CaseExportInput } from './rows'

/** Review-status value matching cases with no review at all. */
export const NO_REVIEW = 'none'
/** Resolving-method value matching cases not resolved by any method. */
export const NOT_RESOLVED = 'none'

export interface ExportFilter {
  /** Inclusive local dates (YYYY-MM-DD) in the export's time zone; null: open-ended. */
  from: string | null
  to: string | null
  /** Which time the range applies to. Default: createdAt. */
  dateField?: 'createdAt' | 'updatedAt'
  statuses: CaseStatus[]
  symptoms: Symptom[]
  /** Matches a case having any of these channels. */
  channels: Channel[]
  agents: string[]
  resolvedBy: Array<MethodId | typeof NOT_RESOLVED>
  /** SLA status codes (`ReviewSlaFields.status`) of the case's latest review; NO_REVIEW for none. */
  reviewStatuses: string[]
  /** Include cases in the trash. Default false. */
  includeTrashed?: boolean
}

export const emptyExportFilter = (): ExportFilter => ({
  from: null,
  to: null,
  dateField: 'createdAt',
  statuses: [],
  symptoms: [],
  channels: [],
  agents: [],
  resolvedBy: [],
  reviewStatuses: [],
  includeTrashed: false,
})

export interface CompiledExportFilter {
  readonly filter: ExportFilter
  readonly dateField: 'createdAt' | 'updatedAt'
  /** Epoch ms of the start of `from` in the time zone (inclusive), or null. */
  readonly rangeStart: number | null
  /** Epoch ms of the start of the day after `to` (exclusive), or null. */
  readonly rangeEnd: number | null
  matches(input: CaseExportInput): boolean
}

export type ExportFilterErrors = FieldProblems<'from' | 'to' | 'statuses' | 'symptoms' | 'channels' | 'resolvedBy' | 'timeZone'>

export type ExportFilterResult = Result<CompiledExportFilter, ExportFilterErrors>

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function parseDate(iso: string): Temporal.PlainDate | null {
  if (!ISO_DATE.test(iso)) return null
  try {
    return Temporal.PlainDate.from(iso, { overflow: 'reject' })
  } catch {
    return null
  }
}

const allIn = (list: readonly string[], values: readonly string[]): boolean => values.every((v) => list.includes(v))

/**
 * Validates the filter (problem keys `errors.export.invalidDate`, `.rangeInverted`,
 * `.invalidChoice`, `.invalidTimeZone`) and compiles it for `timeZone`.
 */
export function compileExportFilter(filter: ExportFilter, timeZone: string): ExportFilterResult {
  const errors: ExportFilterErrors = {}
  const from = filter.from ? parseDate(filter.from) : null
  const to = filter.to ? parseDate(filter.to) : null
  if (filter.from && !from) errors.from = { key: 'errors.export.invalidDate', params: { value: filter.from } }
  if (filter.to && !to) errors.to = { key: 'errors.export.invalidDate', params: { value: filter.to } }
  if (from && to && Temporal.PlainDate.compare(from, to) > 0) {
    errors.to = { key: 'errors.export.rangeInverted', params: { from: from.toString(), to: to.toString() } }
  }
  if (!allIn(CASE_STATUSES, filter.statuses)) errors.statuses = { key: 'errors.export.invalidChoice' }
  if (!allIn(SYMPTOMS, filter.symptoms)) errors.symptoms = { key: 'errors.export.invalidChoice' }
  if (!allIn(CHANNELS, filter.channels)) errors.channels = { key: 'errors.export.invalidChoice' }
  if (!allIn([...METHOD_IDS, NOT_RESOLVED], filter.resolvedBy)) errors.resolvedBy = { key: 'errors.export.invalidChoice' }
  let rangeStart: number | null = null
  let rangeEnd: number | null = null
  try {
    if (from) rangeStart = from.toZonedDateTime(timeZone).epochMilliseconds
    if (to) rangeEnd = to.add({ days: 1 }).toZonedDateTime(timeZone).epochMilliseconds
  } catch {
    errors.timeZone = { key: 'errors.export.invalidTimeZone', params: { value: timeZone } }
  }
  if (Object.keys(errors).length > 0) return { ok: false, error: errors }

  const dateField = filter.dateField ?? 'createdAt'
  const statuses = new Set<string>(filter.statuses)
  const symptoms = new Set<string>(filter.symptoms)
  const channels = new Set<string>(filter.channels)
  const agents = new Set(filter.agents)
  const resolvedBy = new Set<string>(filter.resolvedBy)
  const reviewStatuses = new Set(filter.reviewStatuses)
  const includeTrashed = filter.includeTrashed ?? false

  return {
    ok: true,
    value: {
      filter,
      dateField,
      rangeStart,
      rangeEnd,
      matches(input: CaseExportInput): boolean {
        const c = input.case
        if (!includeTrashed && c.deletedAt !== undefined && c.deletedAt !== null) return false
        const t = c[dateField]
        if (rangeStart !== null && !(t >= rangeStart)) return false
        if (rangeEnd !== null && !(t < rangeEnd)) return false
        if (statuses.size && !statuses.has(c.status)) return false
        if (symptoms.size && !symptoms.has(c.symptom)) return false
        if (channels.size && !c.channels.some((ch) => channels.has(ch))) return false
        if (agents.size && !agents.has(c.agent)) return false
        if (resolvedBy.size && !resolvedBy.has(c.resolvedBy ?? NOT_RESOLVED)) return false
        if (reviewStatuses.size) {
          const latest = latestReview(input.reviews)
          if (!reviewStatuses.has(latest ? latest.sla.status : NO_REVIEW)) return false
        }
        return true
      },
    },
  }
}
