/**
 * Row shaping: case, attempt and review records (plus the SLA fields the caller computed) to rows of
 * typed cells in the column order of columns.ts. Pure and chunk-friendly: shape any slice of cases.
 */
import { METHOD_IDS, type AttemptRecord, type CaseRecord, type Language, type MethodId, type ReviewRecord } from '../model'
import { methodNumber } from '../reference'
import type { CurrentMethod } from './attemptSummary'
import type { ExportCell, ExportRow } from './cell'
import {
  ATTEMPT_COLUMNS,
  CASE_COLUMNS,
  REVIEW_COLUMNS,
  type AttemptColumnKey,
  type CaseColumnKey,
  type ExportTable,
  type ReviewColumnKey,
} from './columns'
import {
  ATTEMPT_STATUS_LABELS,
  BLOCKING_APP_LABELS,
  BOUND_METHOD_LABELS,
  CARRIER_LABELS,
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  EMAIL_PROVIDER_LABELS,
  LANGUAGE_LABELS,
  METHOD_LABELS,
  OPERATION_LABELS,
  PHONE_OS_LABELS,
  REVIEW_OUTCOME_LABELS,
  REVIEW_STATE_LABELS,
  SYMPTOM_LABELS,
  YES_NO_LABELS,
  labelOf,
  variantLabelOf,
} from './labels'
import {
  contactPhone,
  maskContact,
  maskEmail,
  maskFreeText,
  maskMiddle,
  maskPhone,
  maskUid,
  splitE164,
  type KnownIdentifiers,
} from '../privacy/mask'
import { createZonedClock, formatWallMinute, isoDateToWallDate, wallDate, type ZonedClock } from './time'

/** The SLA figures of one review, computed by the SLA code and passed in. */
export interface ReviewSlaFields {
  /** SLA status code, e.g. "on-track" / "at-risk" / "overdue" / "paused" / "closed" (what the filter matches). */
  status: string
  /** The status as written in exports and reports, in the export language; default: `status`. */
  statusLabel?: string
  /** Earliest promised completion, ISO local date YYYY-MM-DD. */
  expectedFrom: string | null
  /** Latest promised completion, ISO local date YYYY-MM-DD (pauses included). */
  dueBy: string | null
}

export interface ReviewExportInput {
  review: ReviewRecord
  sla: ReviewSlaFields
}

/** One case with everything the export needs about it (the data layer loads these in chunks). */
export interface CaseExportInput {
  case: CaseRecord
  attempts: readonly AttemptRecord[]
  /**
   * The methods' newest statuses when they come from the case's stored summary (attemptSummary.ts) and
   * `attempts` was not read; the cases row then uses these instead of working them out from `attempts`.
   */
  current?: readonly CurrentMethod[]
  reviews: readonly ReviewExportInput[]
}

export interface ExportOptions {
  /** Header and label language. */
  language: Language
  /** IANA time zone for date-times, e.g. "Asia/Shanghai" (the console's calendar zone). */
  timeZone: string
  /** "Include full details": no masking. Default false (masked). */
  fullDetails?: boolean
  /** Attempt rows: current state per method (default) or every change. */
  attempts?: 'current' | 'history'
  /** Enumerations as labels in `language` (default) or as their stable codes. */
  values?: 'labels' | 'codes'
  /**
   * The phone column: 'e164' (default; XLSX) `+86 138****8000`, or 'national' (CSV) `138****8000`, the
   * national number as digits, which needs no formula guard (the country code has its own column).
   */
  phones?: 'e164' | 'national'
}

const LIST_SEPARATOR = '; '

const CASE_KEYS: readonly CaseColumnKey[] = CASE_COLUMNS.map((c) => c.key)
const ATTEMPT_KEYS: readonly AttemptColumnKey[] = ATTEMPT_COLUMNS.map((c) => c.key)
const REVIEW_KEYS: readonly ReviewColumnKey[] = REVIEW_COLUMNS.map((c) => c.key)

/** The cells of a row in column order. */
function valuesOf<K extends string>(keys: readonly K[], v: Record<K, ExportCell>): ExportRow {
  const row: ExportRow = new Array<ExportCell>(keys.length)
  for (let i = 0; i < keys.length; i++) row[i] = v[keys[i]!]
  return row
}

const METHOD_ORDER: ReadonlyMap<MethodId, number> = new Map(METHOD_IDS.map((m, i) => [m, i]))

/**
 * Newest record per method (by `at`, then id), in the article's method order; a record of an unknown
 * method is left out. A case holds a handful of records: a linear scan, no Map or per-method arrays.
 */
export function currentAttempts(attempts: readonly AttemptRecord[]): AttemptRecord[] {
  const newest: AttemptRecord[] = []
  for (const a of attempts) {
    if (!METHOD_ORDER.has(a.methodId)) continue
    let k = 0
    while (k < newest.length && newest[k]!.methodId !== a.methodId) k++
    const prev = newest[k]
    if (!prev) newest.push(a)
    else if (a.at > prev.at || (a.at === prev.at && (a.id ?? 0) > (prev.id ?? 0))) newest[k] = a
  }
  if (newest.length > 1) newest.sort((x, y) => METHOD_ORDER.get(x.methodId)! - METHOD_ORDER.get(y.methodId)!)
  return newest
}

/** Every attempt record, oldest first. */
export function attemptHistory(attempts: readonly AttemptRecord[]): AttemptRecord[] {
  return [...attempts].sort((a, b) => a.at - b.at || (a.id ?? 0) - (b.id ?? 0))
}

/** The latest review (by submission, then creation, then id), or null. */
export function latestReview<T extends { review: ReviewRecord }>(reviews: readonly T[]): T | null {
  let best: T | null = null
  for (const r of reviews) {
    const a = r.review
    const b = best?.review
    if (
      !b ||
      a.submittedAt > b.submittedAt ||
      (a.submittedAt === b.submittedAt && (a.createdAt > b.createdAt || (a.createdAt === b.createdAt && (a.id ?? 0) > (b.id ?? 0))))
    )
      best = r
  }
  return best
}

/** Shapes rows for one export run (creates its time-zone clock once). */
export class RowShaper {
  readonly clock: ZonedClock
  readonly language: Language
  readonly masked: boolean
  readonly attemptMode: 'current' | 'history'
  readonly codes: boolean
  readonly nationalPhones: boolean

  constructor(options: ExportOptions) {
    this.nationalPhones = options.phones === 'national'
    this.clock = createZonedClock(options.timeZone)
    this.language = options.language
    this.masked = !options.fullDetails
    this.attemptMode = options.attempts ?? 'current'
    this.codes = options.values === 'codes'
  }

  private label<T extends string>(table: Record<T, Record<Language, string>>, value: T | null | undefined): string {
    if (value === null || value === undefined) return ''
    return this.codes ? value : labelOf(table, value, this.language)
  }

  private list<T extends string>(table: Record<T, Record<Language, string>>, values: readonly T[]): string {
    return values.map((v) => this.label(table, v)).join(LIST_SEPARATOR)
  }

  private date(ms: number | null | undefined): Date | null {
    return wallDate(this.clock, ms)
  }

  /** Free text: personal data masked (unless full details), secrets always taken out (maskFreeText). */
  private freeText(text: string, ids: KnownIdentifiers): string {
    return maskFreeText(text, { masked: this.masked, language: this.language, known: ids })
  }

  methodsTried(current: readonly CurrentMethod[]): { text: string; count: number } {
    const tried = current.filter((a) => a.status !== 'not-tried')
    const text = tried
      .map((a) => `${methodNumber(a.methodId)}. ${this.label(METHOD_LABELS, a.methodId)}: ${this.label(ATTEMPT_STATUS_LABELS, a.status)}`)
      .join(LIST_SEPARATOR)
    return { text, count: tried.length }
  }

  caseRow(input: CaseExportInput): ExportRow {
    const c = input.case
    const m = this.masked
    const tried = this.methodsTried(input.current ?? currentAttempts(input.attempts))
    const latest = latestReview(input.reviews)
    const r = latest?.review
    const split = c.phoneE164 ? splitE164(c.phoneE164) : null
    const phone = !c.phoneE164
      ? ''
      : this.nationalPhones && split?.callingCode
        ? m
          ? maskMiddle(split.national)
          : split.national
        : m
          ? maskPhone(c.phoneE164)
          : c.phoneE164
    const v: Record<CaseColumnKey, ExportCell> = {
      caseNumber: c.caseNumber,
      createdAt: this.date(c.createdAt),
      updatedAt: this.date(c.updatedAt),
      status: this.label(CASE_STATUS_LABELS, c.status),
      uid: m ? maskUid(c.uid) : (c.uid ?? ''),
      phone,
      email: m ? maskEmail(c.email) : (c.email ?? ''),
      channels: this.list(CHANNEL_LABELS, c.channels),
      operation: this.label(OPERATION_LABELS, c.operation),
      symptom: this.label(SYMPTOM_LABELS, c.symptom),
      phoneOs: this.label(PHONE_OS_LABELS, c.phoneOs),
      blockingApp: this.label(BLOCKING_APP_LABELS, c.blockingApp),
      carrier: this.label(CARRIER_LABELS, c.carrier),
      emailProvider: this.label(EMAIL_PROVIDER_LABELS, c.emailProvider),
      boundMethods: this.list(BOUND_METHOD_LABELS, c.boundMethods),
      unavailableMethods: this.list(BOUND_METHOD_LABELS, c.unavailableMethods ?? []),
      language: this.label(LANGUAGE_LABELS, c.language),
      agent: c.agent,
      resolvedBy: this.label(METHOD_LABELS, c.resolvedBy),
      methodsTried: tried.text,
      methodsTriedCount: tried.count,
      reviewStatus: latest ? (latest.sla.statusLabel ?? latest.sla.status) : '',
      reviewSubmitted: this.date(r?.submittedAt),
      reviewExpectedFrom: isoDateToWallDate(latest?.sla.expectedFrom),
      reviewDueBy: isoDateToWallDate(latest?.sla.dueBy),
      reviewClosed: this.date(r?.closedAt),
      reviewOutcome: this.label(REVIEW_OUTCOME_LABELS, r?.outcome),
      notes: this.freeText(c.notes, c),
      phoneCountryCode: split?.callingCode ?? '',
    }
    return valuesOf(CASE_KEYS, v)
  }

  attemptRows(input: CaseExportInput): ExportRow[] {
    const c = input.case
    const records = this.attemptMode === 'history' ? attemptHistory(input.attempts) : currentAttempts(input.attempts)
    return records.map((a) => {
      const v: Record<AttemptColumnKey, ExportCell> = {
        caseNumber: c.caseNumber,
        methodNumber: methodNumber(a.methodId),
        method: this.label(METHOD_LABELS, a.methodId),
        status: this.label(ATTEMPT_STATUS_LABELS, a.status),
        variant: this.codes ? (a.variantId ?? '') : variantLabelOf(a.methodId, a.variantId, this.language),
        stepsDone: a.steps.length,
        at: this.date(a.at),
        agent: a.agent,
        note: this.freeText(a.note, c),
      }
      return valuesOf(ATTEMPT_KEYS, v)
    })
  }

  reviewRows(input: CaseExportInput): ExportRow[] {
    const c = input.case
    const m = this.masked
    const sorted = [...input.reviews].sort((a, b) => a.review.submittedAt - b.review.submittedAt || (a.review.id ?? 0) - (b.review.id ?? 0))
    return sorted.map(({ review: r, sla }) => {
      const v: Record<ReviewColumnKey, ExportCell> = {
        caseNumber: c.caseNumber,
        reference: this.freeText(r.reference, c),
        state: this.label(REVIEW_STATE_LABELS, r.state),
        status: sla.statusLabel ?? sla.status,
        submitted: this.date(r.submittedAt),
        expectedFrom: isoDateToWallDate(sla.expectedFrom),
        dueBy: isoDateToWallDate(sla.dueBy),
        closed: this.date(r.closedAt),
        outcome: this.label(REVIEW_OUTCOME_LABELS, r.outcome),
        pauseCount: r.pauses.length,
        pauses: r.pauses.map((p) => this.pauseText(p.start, p.end, p.reason, c)).join(LIST_SEPARATOR),
        methodsTried: this.list(METHOD_LABELS, r.methodsTried),
        identityRequested: this.label(YES_NO_LABELS, r.identityRequested ? 'yes' : 'no'),
        identityReceived: this.label(YES_NO_LABELS, r.identityReceived ? 'yes' : 'no'),
        ...this.contactCells(r.registeredContact, c),
        uid: m ? maskUid(r.uid) : this.freeText(r.uid, c),
        agent: r.agent,
        createdAt: this.date(r.createdAt),
        updatedAt: this.date(r.updatedAt),
        description: this.freeText(r.description, c),
      }
      return valuesOf(REVIEW_KEYS, v)
    })
  }

  /**
   * A registered contact and its country code. A phone with a country code gets the code in its own column;
   * in national mode (CSV) the phone is then its national digits, which need no formula guard.
   */
  private contactCells(contact: string, ids: KnownIdentifiers): { registeredContact: string; registeredContactCountryCode: string } {
    const text = this.masked ? maskContact(contact) : this.freeText(contact, ids)
    const phone = contactPhone(contact)
    const split = phone?.startsWith('+') ? splitE164(phone) : null
    if (!split?.callingCode) return { registeredContact: text, registeredContactCountryCode: '' }
    const national = this.masked ? maskMiddle(split.national) : split.national
    return { registeredContact: this.nationalPhones ? national : text, registeredContactCountryCode: split.callingCode }
  }

  private pauseText(start: number, end: number | null, reason: string, ids: KnownIdentifiers): string {
    const s = this.date(start)
    const e = end === null ? null : this.date(end)
    const range = `${s ? formatWallMinute(s) : ''} → ${e ? formatWallMinute(e) : ''}`
    const why = this.freeText(reason, ids).trim()
    return why ? `${range} (${why})` : range
  }

  /** Rows of one table for a chunk of cases. */
  rows(table: ExportTable, inputs: readonly CaseExportInput[]): ExportRow[] {
    switch (table) {
      case 'cases':
        return inputs.map((i) => this.caseRow(i))
      case 'attempts':
        return inputs.flatMap((i) => this.attemptRows(i))
      case 'reviews':
        return inputs.flatMap((i) => this.reviewRows(i))
    }
  }
}
