/**
 * Fixed facts from the article that several features quote (playbook, replies, reports).
 * Names are given in both languages because replies are written in the user's language.
 */
import type { BlockingApp, Carrier, EmailProvider, Language, MethodId } from './model'
import { METHOD_IDS } from './model'

type Bilingual = Record<Language, string>

export const CARRIER_INFO: Record<Exclude<Carrier, 'other'>, { hotline: string; name: Bilingual }> = {
  'china-mobile': { hotline: '10086', name: { en: 'China Mobile', 'zh-CN': '中国移动' } },
  'china-unicom': { hotline: '10010', name: { en: 'China Unicom', 'zh-CN': '中国联通' } },
  'china-telecom': { hotline: '10000', name: { en: 'China Telecom', 'zh-CN': '中国电信' } },
}

export const SECURITY_APP_NAMES: Record<Exclude<BlockingApp, 'none' | 'other'>, Bilingual> = {
  builtin: { en: 'the built-in Phone Manager', 'zh-CN': '手机自带的手机管家' },
  '360': { en: '360 Security', 'zh-CN': '360手机卫士' },
  tencent: { en: 'Tencent Mobile Manager', 'zh-CN': '腾讯手机管家' },
}

export const EMAIL_PROVIDER_NAMES: Record<EmailProvider, Bilingual> = {
  qq: { en: 'QQ Mail', 'zh-CN': 'QQ邮箱' },
  '163': { en: '163 Mail', 'zh-CN': '163邮箱' },
  gmail: { en: 'Gmail', 'zh-CN': 'Gmail' },
  outlook: { en: 'Outlook/Hotmail', 'zh-CN': 'Outlook/Hotmail' },
  protonmail: { en: 'ProtonMail', 'zh-CN': 'ProtonMail' },
  other: { en: 'your email provider', 'zh-CN': '您的邮箱服务商' },
}

/** Providers the article says sometimes delay verification email. */
export const SLOW_EMAIL_PROVIDERS: readonly EmailProvider[] = ['qq', '163']

/** The article's method number (1-7). */
export const methodNumber = (id: MethodId): number => METHOD_IDS.indexOf(id) + 1
