/**
 * The single-case report as Markdown, in English or Simplified Chinese: case facts, the timeline of
 * methods tried with their outcomes, the replies sent, each security-reset review with its SLA dates
 * and pauses, and the notes. Masked by default (UID, phone, email, contact; the case's own identifiers
 * inside free text); `fullDetails` shows them in full. All user text is Markdown-escaped (markdown.ts).
 */
import type { AttemptRecord, CaseRecord, Language, ReplyRecord } from '../model'
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
} from './labels'
import { mdInline, mdQuote, mdTable } from './markdown'
import { maskContact, maskEmail, maskKnownIdentifiers, maskPhone, maskUid } from './mask'
import { attemptHistory, type ReviewExportInput } from './rows'
import { createZonedClock, formatWallMinute, wallDate } from './time'

export interface CaseReportInput {
  case: CaseRecord
  /** Every checklist change (the timeline shows them oldest first). */
  attempts: readonly AttemptRecord[]
  replies: readonly ReplyRecord[]
  reviews: readonly ReviewExportInput[]
}

export interface CaseReportOptions {
  language: Language
  /** IANA time zone for the times shown. */
  timeZone: string
  /** Show UID, phone, email and contacts in full. Default false. */
  fullDetails?: boolean
  /** Epoch ms the report is generated at (shown in its header); omitted: no generation line. */
  generatedAt?: number
}

/** The report's own words (the worker and the report page need them without vue-i18n). */
export const REPORT_TEXT = {
  en: {
    title: 'Case {caseNumber}',
    generated: 'Generated {time} ({timeZone}).',
    masked: 'Personal details are partly hidden. Export with full details to see them.',
    full: 'Contains full personal details: store and share it with care.',
    facts: 'Case facts',
    field: 'Field',
    value: 'Value',
    timeline: 'Methods tried',
    noAttempts: 'No methods recorded yet.',
    replies: 'Replies sent',
    noReplies: 'No replies sent yet.',
    template: 'template {id} v{version}',
    promised: 'Promised: expected from {expectedFrom}, due by {dueBy}.',
    review: 'Security-reset review',
    reviewN: 'Security-reset review {n}',
    noReview: 'No security-reset review.',
    pauses: 'Pauses',
    noPauses: 'No pauses.',
    open: 'still paused',
    description: 'Description',
    notes: 'Notes',
    noNotes: 'No notes.',
    note: 'Note',
    steps: '{count} steps done',
    oneStep: '1 step done',
    by: 'by {agent}',
    f: {
      caseNumber: 'Case number',
      status: 'Status',
      created: 'Created',
      updated: 'Updated',
      agent: 'Agent',
      uid: 'UID',
      phone: 'Phone',
      email: 'Email',
      channels: 'Channels',
      operation: 'Operation',
      symptom: 'Symptom',
      phoneOs: 'Phone OS',
      blockingApp: 'Blocking app',
      carrier: 'Carrier',
      emailProvider: 'Email provider',
      boundMethods: 'Bound methods',
      unavailableMethods: 'Unavailable methods',
      language: 'Language',
      resolvedBy: 'Resolved by',
      reference: 'Reference',
      state: 'State',
      slaStatus: 'SLA status',
      submitted: 'Submitted',
      expectedFrom: 'Expected from',
      dueBy: 'Due by',
      closed: 'Closed',
      outcome: 'Outcome',
      methodsTried: 'Methods tried',
      identityRequested: 'Identity requested',
      identityReceived: 'Identity received',
      registeredContact: 'Registered contact',
    },
  },
  'zh-CN': {
    title: '案件 {caseNumber}',
    generated: '生成于 {time}（{timeZone}）。',
    masked: '个人信息已部分隐藏。如需完整信息，请选择“包含完整信息”导出。',
    full: '包含完整个人信息，请谨慎保存和分享。',
    facts: '案件信息',
    field: '字段',
    value: '内容',
    timeline: '已尝试的方法',
    noAttempts: '尚无方法记录。',
    replies: '已发送的回复',
    noReplies: '尚未发送回复。',
    template: '模板 {id} 第 {version} 版',
    promised: '承诺：预计 {expectedFrom} 起完成，最迟 {dueBy}。',
    review: '安全重置审核',
    reviewN: '安全重置审核 {n}',
    noReview: '无安全重置审核。',
    pauses: '暂停记录',
    noPauses: '无暂停。',
    open: '仍在暂停',
    description: '问题描述',
    notes: '备注',
    noNotes: '无备注。',
    note: '备注',
    steps: '已完成 {count} 步',
    oneStep: '已完成 1 步',
    by: '客服 {agent}',
    f: {
      caseNumber: '案件编号',
      status: '状态',
      created: '创建时间',
      updated: '更新时间',
      agent: '客服',
      uid: 'UID',
      phone: '手机号',
      email: '邮箱',
      channels: '验证渠道',
      operation: '操作',
      symptom: '问题类型',
      phoneOs: '手机系统',
      blockingApp: '拦截应用',
      carrier: '运营商',
      emailProvider: '邮箱服务商',
      boundMethods: '已绑定验证方式',
      unavailableMethods: '无法使用的验证方式',
      language: '语言',
      resolvedBy: '解决方法',
      reference: '工单号',
      state: '状态',
      slaStatus: '时效状态',
      submitted: '提交时间',
      expectedFrom: '预计最早完成',
      dueBy: '最迟完成日期',
      closed: '结束时间',
      outcome: '结果',
      methodsTried: '已尝试方法',
      identityRequested: '已要求身份验证',
      identityReceived: '已收到身份验证',
      registeredContact: '注册联系方式',
    },
  },
} as const satisfies Record<Language, unknown>

const fill = (template: string, params: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m))

/** Renders the report. Pure: same input, same Markdown. */
export function renderCaseReport(input: CaseReportInput, options: CaseReportOptions): string {
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
  const free = (text: string): string => (masked ? maskKnownIdentifiers(text, c) : text)
  const list = <K extends string>(table: Record<K, Record<Language, string>>, values: readonly K[]): string =>
    values.map((v) => labelOf(table, v, lang)).join(lang === 'zh-CN' ? '、' : ', ')
  const sep = lang === 'zh-CN' ? '：' : ': '

  const out: string[] = []
  out.push(`# ${mdInline(fill(T.title, { caseNumber: c.caseNumber }))}`, '')
  if (options.generatedAt !== undefined) out.push(mdInline(fill(T.generated, { time: when(options.generatedAt), timeZone: options.timeZone })), '')
  out.push(`*${mdInline(masked ? T.masked : T.full)}*`, '')

  // facts
  const facts: Array<[string, string]> = [
    [F.caseNumber, c.caseNumber],
    [F.status, labelOf(CASE_STATUS_LABELS, c.status, lang)],
    [F.created, when(c.createdAt)],
    [F.updated, when(c.updatedAt)],
    [F.agent, c.agent],
    [F.uid, masked ? maskUid(c.uid) : (c.uid ?? '')],
    [F.phone, masked ? maskPhone(c.phoneE164) : (c.phoneE164 ?? '')],
    [F.email, masked ? maskEmail(c.email) : (c.email ?? '')],
    [F.channels, list(CHANNEL_LABELS, c.channels)],
    [F.operation, labelOf(OPERATION_LABELS, c.operation, lang)],
    [F.symptom, labelOf(SYMPTOM_LABELS, c.symptom, lang)],
    [F.phoneOs, labelOf(PHONE_OS_LABELS, c.phoneOs, lang)],
    [F.blockingApp, labelOf(BLOCKING_APP_LABELS, c.blockingApp, lang)],
    [F.carrier, labelOf(CARRIER_LABELS, c.carrier, lang)],
    [F.emailProvider, labelOf(EMAIL_PROVIDER_LABELS, c.emailProvider, lang)],
    [F.boundMethods, list(BOUND_METHOD_LABELS, c.boundMethods)],
    [F.unavailableMethods, list(BOUND_METHOD_LABELS, c.unavailableMethods ?? [])],
    [F.language, labelOf(LANGUAGE_LABELS, c.language, lang)],
    [F.resolvedBy, labelOf(METHOD_LABELS, c.resolvedBy, lang)],
  ]
  out.push(`## ${mdInline(T.facts)}`, '', mdTable([T.field, T.value], facts.filter(([, v]) => v !== '')), '')

  // timeline of methods tried
  out.push(`## ${mdInline(T.timeline)}`, '')
  const history = attemptHistory(input.attempts)
  if (history.length === 0) out.push(mdInline(T.noAttempts), '')
  for (const a of history) {
    const method = `${methodNumber(a.methodId)}. ${labelOf(METHOD_LABELS, a.methodId, lang)}`
    const parts = [
      when(a.at),
      `**${mdInline(method)}**${a.variantId ? ` (${mdInline(a.variantId)})` : ''}`,
      `**${mdInline(labelOf(ATTEMPT_STATUS_LABELS, a.status, lang))}**`,
    ]
    if (a.steps.length) parts.push(mdInline(a.steps.length === 1 ? T.oneStep : fill(T.steps, { count: a.steps.length })))
    if (a.agent) parts.push(mdInline(fill(T.by, { agent: a.agent })))
    out.push(`- ${parts.join(' · ')}`)
    if (a.note.trim()) out.push('', mdQuote(free(a.note)).replace(/^/gm, '  '), '')
  }
  if (history.length) out.push('')

  // replies
  out.push(`## ${mdInline(T.replies)}`, '')
  const replies = [...input.replies].sort((x, y) => x.sentAt - y.sentAt || (x.id ?? 0) - (y.id ?? 0))
  if (replies.length === 0) out.push(mdInline(T.noReplies), '')
  for (const r of replies) {
    const head = [when(r.sentAt), labelOf(LANGUAGE_LABELS, r.language, lang)]
    if (r.agent) head.push(fill(T.by, { agent: r.agent }))
    if (r.templateId) head.push(fill(T.template, { id: r.templateId, version: r.templateVersion ?? '' }))
    out.push(`### ${mdInline(head.join(' · '))}`, '', mdQuote(free(r.text)), '')
    if (r.promised) out.push(mdInline(fill(T.promised, { expectedFrom: r.promised.expectedFrom, dueBy: r.promised.dueBy })), '')
  }

  // reviews
  const reviews = [...input.reviews].sort((x, y) => x.review.submittedAt - y.review.submittedAt || (x.review.id ?? 0) - (y.review.id ?? 0))
  if (reviews.length === 0) out.push(`## ${mdInline(T.review)}`, '', mdInline(T.noReview), '')
  reviews.forEach(({ review: r, sla }, i) => {
    out.push(`## ${mdInline(reviews.length > 1 ? fill(T.reviewN, { n: i + 1 }) : T.review)}`, '')
    const rows: Array<[string, string]> = [
      [F.reference, r.reference],
      [F.state, labelOf(REVIEW_STATE_LABELS, r.state, lang)],
      [F.slaStatus, sla.statusLabel ?? sla.status],
      [F.submitted, when(r.submittedAt)],
      [F.expectedFrom, sla.expectedFrom ?? ''],
      [F.dueBy, sla.dueBy ?? ''],
      [F.outcome, labelOf(REVIEW_OUTCOME_LABELS, r.outcome, lang)],
      [F.closed, when(r.closedAt)],
      [F.methodsTried, r.methodsTried.map((m) => `${methodNumber(m)}. ${labelOf(METHOD_LABELS, m, lang)}`).join('; ')],
      [F.identityRequested, labelOf(YES_NO_LABELS, r.identityRequested ? 'yes' : 'no', lang)],
      [F.identityReceived, labelOf(YES_NO_LABELS, r.identityReceived ? 'yes' : 'no', lang)],
      [F.registeredContact, masked ? maskContact(r.registeredContact) : r.registeredContact],
      [F.uid, masked ? maskUid(r.uid) : r.uid],
      [F.agent, r.agent],
    ]
    out.push(mdTable([T.field, T.value], rows.filter(([, v]) => v !== '')), '')
    out.push(`### ${mdInline(T.pauses)}`, '')
    if (r.pauses.length === 0) out.push(mdInline(T.noPauses), '')
    else {
      for (const p of [...r.pauses].sort((x, y) => x.start - y.start)) {
        const range = `${when(p.start)} → ${p.end === null ? T.open : when(p.end)}`
        out.push(`- ${mdInline(range)}${p.reason.trim() ? mdInline(sep + free(p.reason)) : ''}`)
      }
      out.push('')
    }
    if (r.description.trim()) out.push(`### ${mdInline(T.description)}`, '', mdQuote(free(r.description)), '')
  })

  // notes
  out.push(`## ${mdInline(T.notes)}`, '')
  out.push(c.notes.trim() ? mdQuote(free(c.notes)) : mdInline(T.noNotes), '')
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n'
}
