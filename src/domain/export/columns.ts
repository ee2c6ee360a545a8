/**
 * The export tables and their columns. Column keys are stable (scripts and saved spreadsheets rely on
 * them: add columns at the end, never rename or reorder); headers are written in the export language.
 *
 * Value conventions, shared by all tables:
 * - text enumerations are written as labels in the export language (or as their codes with
 *   `values: 'codes'`); multi-valued cells are joined with "; ";
 * - `datetime` columns are local date-times in the export's time zone (CSV: `YYYY-MM-DD HH:mm:ss`,
 *   XLSX: a date cell formatted `yyyy-mm-dd hh:mm:ss`); `date` columns are local dates (`YYYY-MM-DD`);
 * - UID, phone, email and contact columns, and the personal data inside every free-text column (phone
 *   numbers, emails, UIDs and other long digit runs: maskFreeText in src/domain/privacy/mask.ts), are masked
 *   unless "include full details" is chosen; verification codes, authenticator keys and ID numbers that
 *   reached a stored text are always taken out;
 * - every text cell is formula-neutralised (see cell.ts).
 */
import type { Language } from '../model'

export type ColumnType = 'text' | 'number' | 'datetime' | 'date'

export interface ExportColumn<K extends string = string> {
  /** Stable machine name. */
  readonly key: K
  readonly type: ColumnType
  readonly header: Readonly<Record<Language, string>>
  /** XLSX column width in characters. */
  readonly width: number
  /** What the column holds. */
  readonly doc: string
}

const col = <K extends string>(key: K, type: ColumnType, en: string, zh: string, width: number, doc: string): ExportColumn<K> => ({
  key,
  type,
  header: { en, 'zh-CN': zh },
  width,
  doc,
})

/** One row per case. */
export const CASE_COLUMNS = [
  col('caseNumber', 'text', 'Case number', '工单号', 18, 'Human-readable case number, e.g. VC-20261124-7K3Q.'),
  col('createdAt', 'datetime', 'Created', '创建时间', 20, 'When the case was logged.'),
  col('updatedAt', 'datetime', 'Updated', '更新时间', 20, 'Last change to the case record.'),
  col('status', 'text', 'Status', '状态', 14, 'Case status: open, waiting, escalated, resolved, closed.'),
  col('uid', 'text', 'UID', 'UID', 14, 'Account UID (masked by default). Text, so long UIDs keep every digit.'),
  col(
    'phone',
    'text',
    'Phone',
    '手机号',
    18,
    'Phone number (masked by default). XLSX: E.164, +86 138****8000. CSV: the national number as digits, 138****8000, with the country code in "Phone country code" (a leading + would need the formula guard\'s apostrophe).',
  ),
  col('email', 'text', 'Email', '邮箱', 24, 'Email as entered (masked by default: a***e@gmail.com).'),
  col('channels', 'text', 'Channels', '验证渠道', 16, 'Channels with the problem: SMS, email, authenticator.'),
  col('operation', 'text', 'Operation', '操作', 14, 'What the user was doing: registration, login, withdrawal, security settings, other.'),
  col('symptom', 'text', 'Symptom', '问题类型', 16, 'Code not received, code rejected, or sending restricted.'),
  col('phoneOs', 'text', 'Phone OS', '手机系统', 10, 'Android, iPhone or other.'),
  col('blockingApp', 'text', 'Blocking app', '拦截应用', 18, 'Android security app that may block SMS.'),
  col('carrier', 'text', 'Carrier', '运营商', 14, 'Mobile carrier.'),
  col('emailProvider', 'text', 'Email provider', '邮箱服务商', 16, 'Email provider (from the form or inferred from the domain).'),
  col('boundMethods', 'text', 'Bound methods', '已绑定验证方式', 18, 'Verification methods bound to the account.'),
  col('unavailableMethods', 'text', 'Unavailable methods', '无法使用的验证方式', 18, 'Bound methods the user cannot use right now.'),
  col('language', 'text', 'Language', '语言', 10, "User's reply language."),
  col('agent', 'text', 'Agent', '客服', 12, 'Agent who owns the case.'),
  col('resolvedBy', 'text', 'Resolved by', '解决方法', 24, 'Method that resolved the case, if any.'),
  col(
    'methodsTried',
    'text',
    'Methods tried',
    '已尝试方法',
    48,
    'Every method whose current state is not "not tried", in the article\'s order, with its state: "1. Disable SMS blocking: Tried without success; 3. Switch to email codes: Resolved it".',
  ),
  col('methodsTriedCount', 'number', 'Methods tried (count)', '已尝试方法数', 10, 'Number of methods listed in Methods tried.'),
  col(
    'reviewStatus',
    'text',
    'Review status',
    '审核状态',
    14,
    'SLA status of the latest security-reset review, as computed by the SLA code.',
  ),
  col('reviewSubmitted', 'datetime', 'Review submitted', '审核提交时间', 20, 'When the latest review was submitted.'),
  col(
    'reviewExpectedFrom',
    'date',
    'Review expected from',
    '预计最早完成',
    14,
    'Earliest promised completion date of the latest review (business days).',
  ),
  col(
    'reviewDueBy',
    'date',
    'Review due by',
    '最迟完成日期',
    14,
    'Latest promised completion date of the latest review (business days, pauses included).',
  ),
  col('reviewClosed', 'datetime', 'Review closed', '审核结束时间', 20, 'When the latest review got its outcome.'),
  col('reviewOutcome', 'text', 'Review outcome', '审核结果', 12, 'Approved, rejected or withdrawn.'),
  col('notes', 'text', 'Notes', '备注', 60, 'Case notes (phone numbers, emails, UIDs and other long numbers in them masked by default).'),
  col('phoneCountryCode', 'text', 'Phone country code', '手机国家代码', 10, 'Country calling code of the phone, digits only: 86.'),
] as const satisfies readonly ExportColumn[]

/**
 * Method attempts. `attempts: 'current'` (default): one row per method with a recorded state, holding
 * that method's newest record (its current state). `attempts: 'history'`: one row per checklist change,
 * oldest first (the append-only log).
 */
export const ATTEMPT_COLUMNS = [
  col('caseNumber', 'text', 'Case number', '工单号', 18, 'Case the attempt belongs to.'),
  col('methodNumber', 'number', 'Method no.', '方法序号', 8, "The method's number in the article (1-7)."),
  col('method', 'text', 'Method', '方法', 28, 'Method title.'),
  col('status', 'text', 'Outcome', '结果', 14, 'Not tried, suggested, did not work, worked, not applicable, declined by user.'),
  col(
    'variant',
    'text',
    'Variant',
    '变体',
    24,
    'Variant of the method in words (e.g. "Android, 360 Security", "China Mobile"); its id (android-360, china-mobile) with codes.',
  ),
  col('stepsDone', 'number', 'Steps done', '已完成步骤数', 8, 'Number of checklist steps ticked.'),
  col('at', 'datetime', 'Recorded', '记录时间', 20, 'When this state was recorded.'),
  col('agent', 'text', 'Agent', '客服', 12, 'Agent who recorded it.'),
  col('note', 'text', 'Note', '备注', 48, 'Note on the attempt (personal data in it masked by default, as in notes).'),
] as const satisfies readonly ExportColumn[]

/** One row per security-reset review. */
export const REVIEW_COLUMNS = [
  col('caseNumber', 'text', 'Case number', '工单号', 18, 'Case the review belongs to.'),
  col('reference', 'text', 'Reference', '后台参考编号', 16, 'Back-office reference number (long numbers in it masked by default).'),
  col('state', 'text', 'State', '状态', 10, 'Open until an outcome is recorded.'),
  col('status', 'text', 'SLA status', '时效状态', 14, 'SLA status, as computed by the SLA code.'),
  col('submitted', 'datetime', 'Submitted', '提交时间', 20, 'When the review was submitted.'),
  col('expectedFrom', 'date', 'Expected from', '预计最早完成', 14, 'Earliest promised completion date.'),
  col('dueBy', 'date', 'Due by', '最迟完成日期', 14, 'Latest promised completion date.'),
  col('closed', 'datetime', 'Closed', '结束时间', 20, 'When the outcome was recorded.'),
  col('outcome', 'text', 'Outcome', '结果', 12, 'Approved, rejected or withdrawn.'),
  col('pauseCount', 'number', 'Pauses', '暂停次数', 8, 'Number of pauses (e.g. waiting for the user).'),
  col(
    'pauses',
    'text',
    'Pause periods',
    '暂停时段',
    40,
    'Each pause as "start → end (reason)"; an open pause has no end. Reasons masked by default, as notes.',
  ),
  col('methodsTried', 'text', 'Methods tried', '已尝试方法', 40, 'Methods listed on the review form.'),
  col('identityRequested', 'text', 'Identity requested', '已要求身份验证', 10, 'Whether identity verification was requested.'),
  col('identityReceived', 'text', 'Identity received', '已收到身份验证', 10, 'Whether it was received.'),
  col('registeredContact', 'text', 'Registered contact', '注册联系方式', 24, 'Registered phone or email (masked by default).'),
  col('uid', 'text', 'UID', 'UID', 14, 'Account UID (masked by default).'),
  col('agent', 'text', 'Agent', '客服', 12, 'Agent who submitted the review.'),
  col('createdAt', 'datetime', 'Created', '创建时间', 20, 'When the review record was created.'),
  col('updatedAt', 'datetime', 'Updated', '更新时间', 20, 'Last change to the review record.'),
  col(
    'description',
    'text',
    'Description',
    '问题描述',
    60,
    'Description sent to the back office (personal data in it masked by default, as in notes).',
  ),
  col(
    'registeredContactCountryCode',
    'text',
    'Registered contact country code',
    '注册联系方式国家代码',
    10,
    'Country calling code of a registered phone, digits only: 86. In CSV the phone itself is then the national number (no leading +, so no formula-guard apostrophe).',
  ),
] as const satisfies readonly ExportColumn[]

export const EXPORT_TABLES = ['cases', 'attempts', 'reviews'] as const
export type ExportTable = (typeof EXPORT_TABLES)[number]

export type CaseColumnKey = (typeof CASE_COLUMNS)[number]['key']
export type AttemptColumnKey = (typeof ATTEMPT_COLUMNS)[number]['key']
export type ReviewColumnKey = (typeof REVIEW_COLUMNS)[number]['key']

export const TABLE_COLUMNS: Record<ExportTable, readonly ExportColumn[]> = {
  cases: CASE_COLUMNS,
  attempts: ATTEMPT_COLUMNS,
  reviews: REVIEW_COLUMNS,
}

/** Sheet names (XLSX) and file-name stems (CSV) per table. */
export const TABLE_NAMES: Record<ExportTable, Record<Language, string>> = {
  cases: { en: 'Cases', 'zh-CN': '工单' },
  attempts: { en: 'Method attempts', 'zh-CN': '方法尝试' },
  reviews: { en: 'Reviews', 'zh-CN': '审核' },
}

export function headersOf(columns: readonly ExportColumn[], language: Language): string[] {
  return columns.map((c) => c.header[language])
}

/** A shaped row as an object keyed by column key (for tests and previews). */
export function rowObject(columns: readonly ExportColumn[], row: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  columns.forEach((c, i) => (out[c.key] = row[i] ?? null))
  return out
}
