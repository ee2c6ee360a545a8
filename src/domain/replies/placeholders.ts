/**
 * The placeholder catalogue: every variable a template may use, with a description and an example in
 * both languages, for the template manager's picker. It lists exactly the keys of `ReplyContext`
 * (a test checks), so "unknown placeholder" means "not in this catalogue".
 */
import type { Language, TemplateText } from '../model'
import type { PlaceholderName } from './context'

export type PlaceholderGroup = 'case' | 'people' | 'carrier' | 'device' | 'email' | 'methods' | 'review'
export type PlaceholderKind = 'text' | 'id' | 'number' | 'list'

export interface PlaceholderInfo {
  name: PlaceholderName
  group: PlaceholderGroup
  /** text: print it; id: compare it in `{% if %}`; list: use with `contains`; number: count. */
  kind: PlaceholderKind
  description: TemplateText
  example: TemplateText
  /** Suggested `default:` text for printable values that may be missing. */
  fallback?: TemplateText
}

type Entry = Omit<PlaceholderInfo, 'name'>
const t = (en: string, zh: string): TemplateText => ({ en, 'zh-CN': zh })

const CATALOGUE: Record<PlaceholderName, Entry> = {
  language: {
    group: 'case',
    kind: 'id',
    description: t("The reply's language: en or zh-CN", '回复语言：en 或 zh-CN'),
    example: t('en', 'zh-CN'),
  },
  case_number: {
    group: 'case',
    kind: 'text',
    description: t('Case number', '工单编号'),
    example: t('VC-20261124-7K3Q', 'VC-20261124-7K3Q'),
  },
  uid: {
    group: 'case',
    kind: 'text',
    description: t("The user's account UID", '用户账户 UID'),
    example: t('35201187', '35201187'),
    fallback: t('your UID', '您的 UID'),
  },
  uid_masked: {
    group: 'case',
    kind: 'text',
    description: t('UID with the middle digits hidden', '隐藏中间位的 UID'),
    example: t('35****187', '35****187'),
  },
  phone_masked: {
    group: 'case',
    kind: 'text',
    description: t('Phone number with the middle digits hidden', '隐藏中间位的手机号'),
    example: t('+86 138****8000', '+86 138****8000'),
    fallback: t('your registered phone number', '您注册的手机号'),
  },
  email: {
    group: 'case',
    kind: 'text',
    description: t("The user's email address, in full", '用户邮箱（完整）'),
    example: t('alice@qq.com', 'alice@qq.com'),
    fallback: t('your registered email', '您注册的邮箱'),
  },
  email_masked: {
    group: 'case',
    kind: 'text',
    description: t('Email address with the name part hidden', '隐藏用户名部分的邮箱'),
    example: t('a***e@qq.com', 'a***e@qq.com'),
    fallback: t('your registered email', '您注册的邮箱'),
  },
  symptom: {
    group: 'case',
    kind: 'text',
    description: t('What goes wrong, in words', '问题描述'),
    example: t('the verification code does not arrive', '收不到验证码'),
    fallback: t('the verification code problem', '验证码问题'),
  },
  symptom_id: {
    group: 'case',
    kind: 'id',
    description: t('Symptom id: not-received, rejected, restricted', '症状 id：not-received、rejected、restricted'),
    example: t('not-received', 'not-received'),
  },
  operation: {
    group: 'case',
    kind: 'text',
    description: t('What the user was doing when the code was needed', '需要验证码时用户在进行的操作'),
    example: t('logging in', '登录'),
    fallback: t('verifying', '验证'),
  },
  customer_name: {
    group: 'people',
    kind: 'text',
    description: t("The user's name or nickname, if known", '用户姓名或昵称（如已知）'),
    example: t('Alice', '张女士'),
  },
  agent_name: {
    group: 'people',
    kind: 'text',
    description: t("The agent's name", '客服姓名'),
    example: t('Lily', '小李'),
    fallback: t('the support team', '客服团队'),
  },
  carrier_id: {
    group: 'carrier',
    kind: 'id',
    description: t(
      'Carrier id: china-mobile, china-unicom, china-telecom, other',
      '运营商 id：china-mobile、china-unicom、china-telecom、other',
    ),
    example: t('china-mobile', 'china-mobile'),
  },
  carrier_name: {
    group: 'carrier',
    kind: 'text',
    description: t("The user's mobile carrier", '用户的手机运营商'),
    example: t('China Mobile', '中国移动'),
    fallback: t('your carrier', '您的运营商'),
  },
  carrier_hotline: {
    group: 'carrier',
    kind: 'text',
    description: t("The carrier's customer-service hotline", '运营商客服热线'),
    example: t('10086', '10086'),
    fallback: t("your carrier's hotline", '运营商客服热线'),
  },
  phone_os: {
    group: 'device',
    kind: 'text',
    description: t("The user's phone type", '用户手机类型'),
    example: t('iPhone', 'iPhone'),
    fallback: t('phone', '手机'),
  },
  phone_os_id: {
    group: 'device',
    kind: 'id',
    description: t('Phone type id: android, iphone, other', '手机类型 id：android、iphone、other'),
    example: t('iphone', 'iphone'),
  },
  blocking_app: {
    group: 'device',
    kind: 'text',
    description: t('The security app that may block SMS', '可能拦截短信的安全软件'),
    example: t('360 Security', '360手机卫士'),
    fallback: t('your security app', '您的安全软件'),
  },
  blocking_app_id: {
    group: 'device',
    kind: 'id',
    description: t('Blocking app id: builtin, 360, tencent, none, other', '拦截软件 id：builtin、360、tencent、none、other'),
    example: t('360', '360'),
  },
  email_provider: {
    group: 'email',
    kind: 'text',
    description: t("The user's email provider", '用户的邮箱服务商'),
    example: t('QQ Mail', 'QQ邮箱'),
    fallback: t('your email provider', '您的邮箱服务商'),
  },
  email_provider_id: {
    group: 'email',
    kind: 'id',
    description: t('Provider id: qq, 163, gmail, outlook, protonmail, other', '邮箱 id：qq、163、gmail、outlook、protonmail、other'),
    example: t('qq', 'qq'),
  },
  email_advice: {
    group: 'email',
    kind: 'text',
    description: t('Advice about this email provider (a full sentence)', '针对该邮箱服务商的建议（完整句子）'),
    example: t('QQ Mail sometimes delays or filters verification emails…', 'QQ邮箱偶尔会延迟或拦截验证码邮件……'),
    fallback: t('Gmail and Outlook are the most reliable for verification emails.', 'Gmail 和 Outlook 接收验证码邮件最稳定。'),
  },
  bound_method_ids: {
    group: 'methods',
    kind: 'list',
    description: t('Methods bound to the account: sms, email, authenticator', '账户已绑定的验证方式：sms、email、authenticator'),
    example: t('sms, email', 'sms, email'),
  },
  failing_channel_ids: {
    group: 'methods',
    kind: 'list',
    description: t(
      'Channels whose codes fail in this case: sms, email, authenticator',
      '本工单中验证码出问题的渠道：sms、email、authenticator',
    ),
    example: t('sms', 'sms'),
  },
  methods_tried: {
    group: 'methods',
    kind: 'text',
    description: t('What the user already tried, as a phrase after "you\'ve already"', '用户已尝试的方法，接在“您已经”之后'),
    example: t(
      'checked your SMS blocking settings and asked your carrier to enable international SMS',
      '检查过短信拦截设置和联系过运营商开通国际短信接收',
    ),
  },
  methods_tried_count: {
    group: 'methods',
    kind: 'number',
    description: t('How many methods the user tried', '用户已尝试的方法数'),
    example: t('2', '2'),
  },
  tried_method_ids: {
    group: 'methods',
    kind: 'list',
    description: t('Ids of the methods tried (failed or resolved)', '已尝试方法的 id（失败或已解决）'),
    example: t('sms-blocking, carrier-sms', 'sms-blocking, carrier-sms'),
  },
  ruled_out_method_ids: {
    group: 'methods',
    kind: 'list',
    description: t(
      'Ids of methods not to suggest again (tried, declined, not applicable)',
      '不应再建议的方法 id（已尝试、已拒绝、不适用）',
    ),
    example: t('sms-blocking, email-code', 'sms-blocking, email-code'),
  },
  resolved_method: {
    group: 'methods',
    kind: 'text',
    description: t('The method that solved the problem', '解决问题的方法'),
    example: t('switching to email verification codes', '改用邮箱验证码'),
    fallback: t('the steps we went through', '以上步骤'),
  },
  next_method: {
    group: 'methods',
    kind: 'text',
    description: t('The suggested next method, as a phrase after "try"', '建议的下一个方法，接在“尝试”之后'),
    example: t('switching to email verification codes', '改用邮箱验证码'),
    fallback: t('the steps I sent', '我发给您的步骤'),
  },
  next_method_id: {
    group: 'methods',
    kind: 'id',
    description: t('Id of the suggested next method', '下一个方法的 id'),
    example: t('email-code', 'email-code'),
  },
  next_variant_id: {
    group: 'methods',
    kind: 'id',
    description: t('Variant id of the next method', '下一个方法的变体 id'),
    example: t('qq', 'qq'),
  },
  next_method_number: {
    group: 'methods',
    kind: 'number',
    description: t("The next method's number in the playbook (1-7)", '下一个方法在手册中的编号（1-7）'),
    example: t('3', '3'),
  },
  review_submitted_date: {
    group: 'review',
    kind: 'text',
    description: t('Date the security review was submitted', '安全审核提交日期'),
    example: t('24 Nov 2026', '2026年11月24日'),
  },
  review_expected_date: {
    group: 'review',
    kind: 'text',
    description: t('Submitted date + 3 business days', '提交日期 + 3 个工作日'),
    example: t('27 Nov 2026', '2026年11月27日'),
  },
  review_due_date: {
    group: 'review',
    kind: 'text',
    description: t('Submitted date + 7 business days', '提交日期 + 7 个工作日'),
    example: t('3 Dec 2026', '2026年12月3日'),
  },
  review_status: {
    group: 'review',
    kind: 'id',
    description: t(
      'The review now: pending, inWindow, atRisk, overdue or paused',
      '审核当前状态：pending（未到预计日）、inWindow（预计期内）、atRisk（今天到期）、overdue（已逾期）或 paused（已暂停）',
    ),
    example: t('pending', 'pending'),
  },
  review_expected_days: {
    group: 'review',
    kind: 'number',
    description: t('Business days until the result is expected (the SLA setting)', '预计出结果所需的工作日数（SLA 设置）'),
    example: t('3', '3'),
  },
  review_due_days: {
    group: 'review',
    kind: 'number',
    description: t('Business days within which the review is due (the SLA setting)', '审核最迟完成所需的工作日数（SLA 设置）'),
    example: t('7', '7'),
  },
}

export const PLACEHOLDERS: readonly PlaceholderInfo[] = Object.entries(CATALOGUE).map(([name, entry]) => ({
  name: name as PlaceholderName,
  ...entry,
}))

export const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set(Object.keys(CATALOGUE))

export const isPlaceholderName = (name: string): name is PlaceholderName => PLACEHOLDER_NAMES.has(name)

export function placeholderInfo(name: string): PlaceholderInfo | undefined {
  return isPlaceholderName(name) ? { name, ...CATALOGUE[name] } : undefined
}

/**
 * What the picker inserts: `{{ name | default: "fallback" }}` for printable values that may be missing,
 * `{{ name }}` otherwise.
 */
export function placeholderSnippet(name: PlaceholderName, language: Language): string {
  const fallback = CATALOGUE[name].fallback?.[language]
  return fallback ? `{{ ${name} | default: "${fallback.replace(/"/g, "'")}" }}` : `{{ ${name} }}`
}
