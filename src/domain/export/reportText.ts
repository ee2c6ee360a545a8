/** The single-case report's inputs, options and own words (used without vue-i18n, e.g. in the worker). */
import type { AttemptRecord, CaseRecord, Language, ReplyRecord } from '../model'
import type { ReviewExportInput } from './rows'

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
    title: '工单 {caseNumber}',
    generated: '生成于 {time}（{timeZone}）。',
    masked: '个人信息已部分隐藏。如需完整信息，请选择“包含完整信息”导出。',
    full: '包含完整个人信息，请谨慎保存和分享。',
    facts: '工单信息',
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
      caseNumber: '工单号',
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
      reference: '后台参考编号',
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
