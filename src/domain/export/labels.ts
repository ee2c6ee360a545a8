/**
 * Display labels for every enumeration that exports and reports write, in both languages. They live in
 * the domain (not in vue-i18n) because exports run in a Web Worker without the UI's i18n instance.
 */
import type {
  AttemptStatus,
  BlockingApp,
  BoundMethod,
  Carrier,
  CaseStatus,
  Channel,
  EmailProvider,
  Language,
  MethodId,
  Operation,
  PhoneOs,
  ReviewOutcome,
  Symptom,
  VariantId,
} from '../model'
import { CARRIER_INFO, EMAIL_PROVIDER_NAMES, SECURITY_APP_NAMES } from '../reference'

type Labels<T extends string> = Record<T, Record<Language, string>>

export const CASE_STATUS_LABELS: Labels<CaseStatus> = {
  open: { en: 'Open', 'zh-CN': '处理中' },
  waiting: { en: 'Waiting for user', 'zh-CN': '等待用户' },
  escalated: { en: 'Escalated', 'zh-CN': '已升级' },
  resolved: { en: 'Resolved', 'zh-CN': '已解决' },
  closed: { en: 'Closed', 'zh-CN': '已关闭' },
}

export const CHANNEL_LABELS: Labels<Channel> = {
  sms: { en: 'SMS', 'zh-CN': '短信' },
  email: { en: 'Email', 'zh-CN': '邮箱' },
  authenticator: { en: 'Authenticator', 'zh-CN': '身份验证器' },
}

/**
 * The methods a user has bound are the channels, in the same words.
 * @alias
 */
export const BOUND_METHOD_LABELS: Labels<BoundMethod> = CHANNEL_LABELS

export const OPERATION_LABELS: Labels<Operation> = {
  registration: { en: 'Registration', 'zh-CN': '注册' },
  login: { en: 'Login', 'zh-CN': '登录' },
  withdrawal: { en: 'Withdrawal', 'zh-CN': '提现' },
  'security-settings': { en: 'Security settings', 'zh-CN': '安全设置' },
  other: { en: 'Other', 'zh-CN': '其他' },
}

export const SYMPTOM_LABELS: Labels<Symptom> = {
  'not-received': { en: 'Code not received', 'zh-CN': '收不到验证码' },
  rejected: { en: 'Code rejected', 'zh-CN': '验证码被拒绝' },
  restricted: { en: 'Sending restricted', 'zh-CN': '账户限制发送' },
}

export const PHONE_OS_LABELS: Labels<PhoneOs> = {
  android: { en: 'Android', 'zh-CN': '安卓' },
  iphone: { en: 'iPhone', 'zh-CN': 'iPhone' },
  other: { en: 'Other', 'zh-CN': '其他' },
}

export const BLOCKING_APP_LABELS: Labels<BlockingApp> = {
  builtin: { en: 'Built-in Phone Manager', 'zh-CN': SECURITY_APP_NAMES.builtin['zh-CN'] },
  '360': SECURITY_APP_NAMES['360'],
  tencent: SECURITY_APP_NAMES.tencent,
  none: { en: 'None', 'zh-CN': '无' },
  other: { en: 'Other', 'zh-CN': '其他' },
}

export const CARRIER_LABELS: Labels<Carrier> = {
  'china-mobile': CARRIER_INFO['china-mobile'].name,
  'china-unicom': CARRIER_INFO['china-unicom'].name,
  'china-telecom': CARRIER_INFO['china-telecom'].name,
  other: { en: 'Other', 'zh-CN': '其他' },
}

export const EMAIL_PROVIDER_LABELS: Labels<EmailProvider> = {
  ...EMAIL_PROVIDER_NAMES,
  other: { en: 'Other', 'zh-CN': '其他' },
}

export const LANGUAGE_LABELS: Labels<Language> = {
  'zh-CN': { en: 'Chinese (Simplified)', 'zh-CN': '简体中文' },
  en: { en: 'English', 'zh-CN': '英文' },
}

/** Short titles of the article's seven methods. */
export const METHOD_LABELS: Labels<MethodId> = {
  'sms-blocking': { en: 'Disable SMS blocking', 'zh-CN': '关闭短信拦截' },
  'carrier-sms': { en: 'Carrier: enable international SMS', 'zh-CN': '联系运营商开通国际短信' },
  'email-code': { en: 'Switch to email codes', 'zh-CN': '改用邮箱验证' },
  'rebind-phone': { en: 'Rebind a new phone number', 'zh-CN': '换绑新手机号' },
  authenticator: { en: 'Switch to an authenticator app', 'zh-CN': '改用谷歌身份验证器' },
  'network-time': { en: 'Check network and phone time', 'zh-CN': '检查网络与手机时间' },
  escalate: { en: 'Escalate for a security reset', 'zh-CN': '提交安全重置审核' },
}

const STANDARD = { default: { en: 'Standard', 'zh-CN': '标准' } }

/**
 * Each method's variants (`android-builtin`, `china-mobile`, `qq`…) in words: the same labels as the bundled
 * playbook's variants (labels.test.ts holds them equal), for every place that shows a variant outside the
 * checklist (history, report, exports, template editor).
 */
export const VARIANT_LABELS: { [M in MethodId]: Labels<VariantId<M>> } = {
  'sms-blocking': {
    'android-builtin': { en: 'Android, built-in Phone Manager', 'zh-CN': '安卓，手机自带的手机管家' },
    'android-360': { en: 'Android, 360 Security', 'zh-CN': '安卓，360手机卫士' },
    'android-tencent': { en: 'Android, Tencent Mobile Manager', 'zh-CN': '安卓，腾讯手机管家' },
    'android-generic': { en: 'Android, other or no security app', 'zh-CN': '安卓，其他安全软件或未安装' },
    iphone: { en: 'iPhone', 'zh-CN': 'iPhone' },
    generic: { en: 'Phone type not known yet', 'zh-CN': '手机类型尚未确认' },
  },
  'carrier-sms': {
    'china-mobile': { en: 'China Mobile', 'zh-CN': '中国移动' },
    'china-unicom': { en: 'China Unicom', 'zh-CN': '中国联通' },
    'china-telecom': { en: 'China Telecom', 'zh-CN': '中国电信' },
    other: { en: 'Other or unknown carrier', 'zh-CN': '其他或未知运营商' },
  },
  'email-code': {
    gmail: { en: 'Gmail', 'zh-CN': 'Gmail' },
    outlook: { en: 'Outlook/Hotmail', 'zh-CN': 'Outlook/Hotmail' },
    protonmail: { en: 'ProtonMail', 'zh-CN': 'ProtonMail' },
    qq: { en: 'QQ Mail', 'zh-CN': 'QQ邮箱' },
    '163': { en: '163 Mail', 'zh-CN': '163邮箱' },
    other: { en: 'Other or unknown provider', 'zh-CN': '其他或未知邮箱' },
  },
  'rebind-phone': STANDARD,
  authenticator: STANDARD,
  'network-time': STANDARD,
  escalate: STANDARD,
}

/** A method's variant in words; an unknown variant (data from a newer version) as its id; none as ''. */
export function variantLabelOf(methodId: MethodId, variantId: string | null | undefined, language: Language): string {
  if (variantId === null || variantId === undefined || variantId === '') return ''
  return (VARIANT_LABELS[methodId] as Record<string, Record<Language, string>>)[variantId]?.[language] ?? variantId
}

export const ATTEMPT_STATUS_LABELS: Labels<AttemptStatus> = {
  'not-tried': { en: 'Not tried', 'zh-CN': '未尝试' },
  suggested: { en: 'Suggested', 'zh-CN': '已建议' },
  failed: { en: 'Tried without success', 'zh-CN': '无效' },
  resolved: { en: 'Resolved it', 'zh-CN': '已解决' },
  'not-applicable': { en: 'Not applicable', 'zh-CN': '不适用' },
  declined: { en: 'User declined', 'zh-CN': '用户拒绝' },
}

export const REVIEW_OUTCOME_LABELS: Labels<ReviewOutcome> = {
  approved: { en: 'Approved', 'zh-CN': '已通过' },
  rejected: { en: 'Rejected', 'zh-CN': '已驳回' },
  withdrawn: { en: 'Withdrawn', 'zh-CN': '已撤回' },
}

export const REVIEW_STATE_LABELS: Labels<'open' | 'closed'> = {
  open: { en: 'Open', 'zh-CN': '进行中' },
  closed: { en: 'Closed', 'zh-CN': '已结束' },
}

export const YES_NO_LABELS: Labels<'yes' | 'no'> = {
  yes: { en: 'Yes', 'zh-CN': '是' },
  no: { en: 'No', 'zh-CN': '否' },
}

/** A label for a value, or the value itself when the table does not know it (data from a newer version). */
export function labelOf<T extends string>(table: Labels<T>, value: T | null | undefined, language: Language): string {
  if (value === null || value === undefined) return ''
  return table[value]?.[language] ?? String(value)
}
