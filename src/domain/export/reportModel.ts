/**
 * The single-case report as plain data for the report page: the same sections, labels, masking and
 * times as the Markdown of `renderCaseReport` (report.ts renders this model), so what the agent sees,
 * prints and saves agree. Values are plain strings: the page renders them as text (never as HTML).
 */
import { METHOD_VARIANTS, type AttemptStatus, type Language } from '../model'
import { methodNumber } from '../reference'
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
import { maskContact, maskEmail, maskFreeText, maskPhone, maskUid } from '../privacy/mask'
import { fill } from '../text'
import { REPORT_TEXT, type CaseReportInput, type CaseReportOptions } from './reportText'
import { attemptHistory } from './rows'
import { createZonedClock, formatWallMinute, wallDate } from './time'

export interface ReportRow {
  key: string
  label: string
  value: string
}

export interface ReportTimelineItem {
  key: string
  when: string
  /** "1. Disable SMS blocking" */
  method: string
  variant: string | null
  status: string
  statusCode: AttemptStatus
  /** "2 steps done", or null. */
  steps: string | null
  /** "by alice", or null. */
  by: string | null
  note: string | null
}

export interface ReportReply {
  key: string
  /** Time · language · agent · template. */
  heading: string
  text: string
  promised: string | null
}

export interface ReportReview {
  key: string
  heading: string
  rows: ReportRow[]
  pauses: string[]
  description: string | null
}

export interface CaseReportModel {
  language: Language
  title: string
  generated: string | null
  /** The privacy line: masked or full. */
  privacy: string
  masked: boolean
  text: (typeof REPORT_TEXT)[Language]
  facts: ReportRow[]
  timeline: ReportTimelineItem[]
  replies: ReportReply[]
  reviews: ReportReview[]
  notes: string | null
}

export function caseReportModel(input: CaseReportInput, options: CaseReportOptions): CaseReportModel {
  const lang = options.language
  const T = REPORT_TEXT[lang] ?? REPORT_TEXT.en
  const F = T.f
  const clock = createZonedClock(options.timeZone)
  const masked = !options.fullDetails
  const c = input.case
  const when = (ms: number | null | undefined): string => {
    const d = wallDate(clock, ms)
    return d ? formatWallMinute(d) : ''
  }
  const free = (text: string): string => maskFreeText(text, { masked, language: lang, known: c })
  const list = <K extends string>(table: Record<K, Record<Language, string>>, values: readonly K[]): string =>
    values.map((v) => labelOf(table, v, lang)).join(lang === 'zh-CN' ? '、' : ', ')
  const sep = lang === 'zh-CN' ? '：' : ': '
  const rows = (pairs: Array<[string, string, string]>): ReportRow[] =>
    pairs.filter(([, , v]) => v !== '').map(([key, label, value]) => ({ key, label, value }))

  const facts = rows([
    ['caseNumber', F.caseNumber, c.caseNumber],
    ['status', F.status, labelOf(CASE_STATUS_LABELS, c.status, lang)],
    ['created', F.created, when(c.createdAt)],
    ['updated', F.updated, when(c.updatedAt)],
    ['agent', F.agent, c.agent],
    ['uid', F.uid, masked ? maskUid(c.uid) : (c.uid ?? '')],
    ['phone', F.phone, masked ? maskPhone(c.phoneE164) : (c.phoneE164 ?? '')],
    ['email', F.email, masked ? maskEmail(c.email) : (c.email ?? '')],
    ['channels', F.channels, list(CHANNEL_LABELS, c.channels)],
    ['operation', F.operation, labelOf(OPERATION_LABELS, c.operation, lang)],
    ['symptom', F.symptom, labelOf(SYMPTOM_LABELS, c.symptom, lang)],
    ['phoneOs', F.phoneOs, labelOf(PHONE_OS_LABELS, c.phoneOs, lang)],
    ['blockingApp', F.blockingApp, labelOf(BLOCKING_APP_LABELS, c.blockingApp, lang)],
    ['carrier', F.carrier, labelOf(CARRIER_LABELS, c.carrier, lang)],
    ['emailProvider', F.emailProvider, labelOf(EMAIL_PROVIDER_LABELS, c.emailProvider, lang)],
    ['boundMethods', F.boundMethods, list(BOUND_METHOD_LABELS, c.boundMethods)],
    ['unavailableMethods', F.unavailableMethods, list(BOUND_METHOD_LABELS, c.unavailableMethods ?? [])],
    ['language', F.language, labelOf(LANGUAGE_LABELS, c.language, lang)],
    ['resolvedBy', F.resolvedBy, labelOf(METHOD_LABELS, c.resolvedBy, lang)],
  ])

  const timeline = attemptHistory(input.attempts).map((a, i) => ({
    key: `${a.id ?? 'a'}-${i}`,
    when: when(a.at),
    method: `${methodNumber(a.methodId)}. ${labelOf(METHOD_LABELS, a.methodId, lang)}`,
    // in words; a method with one variant ('default') names none
    variant: METHOD_VARIANTS[a.methodId].length > 1 ? variantLabelOf(a.methodId, a.variantId, lang) || null : null,
    status: labelOf(ATTEMPT_STATUS_LABELS, a.status, lang),
    statusCode: a.status,
    steps: a.steps.length === 0 ? null : a.steps.length === 1 ? T.oneStep : fill(T.steps, { count: a.steps.length }),
    by: a.agent ? fill(T.by, { agent: a.agent }) : null,
    note: a.note.trim() ? free(a.note) : null,
  }))

  const replies = [...input.replies]
    .sort((x, y) => x.sentAt - y.sentAt || (x.id ?? 0) - (y.id ?? 0))
    .map((r, i) => {
      const head = [when(r.sentAt), labelOf(LANGUAGE_LABELS, r.language, lang)]
      if (r.agent) head.push(fill(T.by, { agent: r.agent }))
      if (r.templateId) head.push(fill(T.template, { id: r.templateId, version: r.templateVersion ?? '' }))
      return {
        key: `${r.id ?? 'r'}-${i}`,
        heading: head.join(' · '),
        text: free(r.text),
        promised: r.promised ? fill(T.promised, { expectedFrom: r.promised.expectedFrom, dueBy: r.promised.dueBy }) : null,
      }
    })

  const sorted = [...input.reviews].sort((x, y) => x.review.submittedAt - y.review.submittedAt || (x.review.id ?? 0) - (y.review.id ?? 0))
  const reviews = sorted.map(({ review: r, sla }, i) => ({
    key: `${r.id ?? 'v'}-${i}`,
    heading: sorted.length > 1 ? fill(T.reviewN, { n: i + 1 }) : T.review,
    rows: rows([
      ['reference', F.reference, free(r.reference)],
      ['state', F.state, labelOf(REVIEW_STATE_LABELS, r.state, lang)],
      ['slaStatus', F.slaStatus, sla.statusLabel ?? sla.status],
      ['submitted', F.submitted, when(r.submittedAt)],
      ['expectedFrom', F.expectedFrom, sla.expectedFrom ?? ''],
      ['dueBy', F.dueBy, sla.dueBy ?? ''],
      ['outcome', F.outcome, labelOf(REVIEW_OUTCOME_LABELS, r.outcome, lang)],
      ['closed', F.closed, when(r.closedAt)],
      ['methodsTried', F.methodsTried, r.methodsTried.map((m) => `${methodNumber(m)}. ${labelOf(METHOD_LABELS, m, lang)}`).join('; ')],
      ['identityRequested', F.identityRequested, labelOf(YES_NO_LABELS, r.identityRequested ? 'yes' : 'no', lang)],
      ['identityReceived', F.identityReceived, labelOf(YES_NO_LABELS, r.identityReceived ? 'yes' : 'no', lang)],
      ['registeredContact', F.registeredContact, masked ? maskContact(r.registeredContact) : free(r.registeredContact)],
      ['uid', F.uid, masked ? maskUid(r.uid) : free(r.uid)],
      ['agent', F.agent, r.agent],
    ]),
    pauses: [...r.pauses]
      .sort((x, y) => x.start - y.start)
      .map((p) => `${when(p.start)} → ${p.end === null ? T.open : when(p.end)}${p.reason.trim() ? sep + free(p.reason) : ''}`),
    description: r.description.trim() ? free(r.description) : null,
  }))

  return {
    language: lang,
    title: fill(T.title, { caseNumber: c.caseNumber }),
    generated:
      options.generatedAt === undefined ? null : fill(T.generated, { time: when(options.generatedAt), timeZone: options.timeZone }),
    privacy: masked ? T.masked : T.full,
    masked,
    text: T,
    facts,
    timeline,
    replies,
    reviews,
    notes: c.notes.trim() ? free(c.notes) : null,
  }
}
