/**
 * Localised fragments the reply context puts into placeholders (the user's language, not the UI's).
 * Kept here rather than in the i18n files because they are content sent to users, not UI strings.
 */
import type { EmailProvider, Language, MethodId, Operation, PhoneOs, Symptom } from '../model'
import { EMAIL_PROVIDER_NAMES } from '../reference'

type Bilingual = Record<Language, string>

/** What the user has done, as a past-tense verb phrase: "Since you've already {phrase}…" / "您已经{phrase}". */
export const METHOD_DONE_PHRASES: Record<MethodId, Bilingual> = {
  'sms-blocking': { en: 'checked your SMS blocking settings', 'zh-CN': '检查过短信拦截设置' },
  'carrier-sms': { en: 'asked your carrier to enable international SMS', 'zh-CN': '联系过运营商开通国际短信接收' },
  'email-code': { en: 'tried receiving the code by email', 'zh-CN': '尝试过邮箱验证码' },
  'rebind-phone': { en: 'tried binding a new phone number', 'zh-CN': '尝试过更换绑定手机号' },
  authenticator: { en: 'tried switching to an authenticator app', 'zh-CN': '尝试过改用谷歌验证器' },
  'network-time': { en: 'checked your network and phone time settings', 'zh-CN': '检查过网络环境和手机时间设置' },
  escalate: { en: 'contacted support for a security reset', 'zh-CN': '申请过人工安全重置' },
}

/** A step to take, as a gerund / verb phrase: "Were you able to try {phrase}?" / "您是否已经尝试{phrase}？". */
export const METHOD_NEXT_PHRASES: Record<MethodId, Bilingual> = {
  'sms-blocking': { en: 'checking your SMS blocking settings', 'zh-CN': '检查短信拦截设置' },
  'carrier-sms': { en: 'asking your carrier to enable international SMS', 'zh-CN': '联系运营商开通国际短信接收' },
  'email-code': { en: 'switching to email verification codes', 'zh-CN': '改用邮箱验证码' },
  'rebind-phone': { en: 'binding a new phone number', 'zh-CN': '更换绑定新的手机号' },
  authenticator: { en: 'switching to an authenticator app', 'zh-CN': '改用谷歌验证器' },
  'network-time': { en: 'checking your network and phone time settings', 'zh-CN': '检查网络环境和手机时间设置' },
  escalate: { en: 'a security reset review by our team', 'zh-CN': '提交人工安全重置审核' },
}

/**
 * Method 3 when email codes are the ones failing: the reply troubleshoots the mailbox, so "switching to
 * email verification codes" would contradict the case (issue 15).
 */
export const EMAIL_TROUBLESHOOT_NEXT_PHRASE: Bilingual = {
  en: 'checking your mailbox for our verification emails',
  'zh-CN': '检查邮箱是否收到验证码邮件',
}

export const SYMPTOM_PHRASES: Record<Symptom, Bilingual> = {
  'not-received': { en: 'the verification code does not arrive', 'zh-CN': '收不到验证码' },
  rejected: { en: 'the code arrives but is rejected as invalid', 'zh-CN': '收到验证码但提示无效' },
  restricted: { en: 'your account is restricted from sending codes', 'zh-CN': '账户被限制发送验证码' },
}

export const OPERATION_PHRASES: Record<Exclude<Operation, 'other'>, Bilingual> = {
  registration: { en: 'registering', 'zh-CN': '注册' },
  login: { en: 'logging in', 'zh-CN': '登录' },
  withdrawal: { en: 'withdrawing', 'zh-CN': '提现' },
  'security-settings': { en: 'changing security settings', 'zh-CN': '修改安全设置' },
}

export const PHONE_OS_NAMES: Record<Exclude<PhoneOs, 'other'>, Bilingual> = {
  android: { en: 'Android phone', 'zh-CN': '安卓手机' },
  iphone: { en: 'iPhone', 'zh-CN': 'iPhone' },
}

/** The article's advice per email provider: Gmail/Outlook reliable, ProtonMail fine, QQ/163 sometimes delay. */
export function emailAdvice(provider: EmailProvider, language: Language): string {
  const name = EMAIL_PROVIDER_NAMES[provider][language]
  switch (provider) {
    case 'gmail':
    case 'outlook':
      return language === 'en'
        ? `${name} receives our verification emails very reliably, usually within a minute or two.`
        : `${name} 接收我们的验证码邮件非常稳定，通常一两分钟内就能收到。`
    case 'protonmail':
      return language === 'en' ? `${name} works well for our verification emails.` : `${name} 可以正常接收我们的验证码邮件。`
    case 'qq':
    case '163':
      return language === 'en'
        ? `${name} sometimes delays or filters verification emails. If this keeps happening, we recommend binding a Gmail or Outlook address instead.`
        : `${name}偶尔会延迟或拦截验证码邮件。如果经常出现这种情况，建议改绑 Gmail 或 Outlook 邮箱。`
    case 'other':
      return language === 'en'
        ? 'If your email provider keeps delaying our emails, Gmail and Outlook are the most reliable choices for verification codes.'
        : '如果您的邮箱经常延迟收到我们的邮件，建议使用接收验证码最稳定的 Gmail 或 Outlook 邮箱。'
  }
}

/**
 * A list in the reply's language: "A, B, and C" (Intl.ListFormat) / "A、B、C" (the enumeration comma reads
 * better than "和" between verb phrases such as "检查过……、联系过……").
 */
export function joinList(items: readonly string[], language: Language): string {
  if (language === 'zh-CN') return items.join('、')
  return new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(items)
}
