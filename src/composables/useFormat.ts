import { dateTimeFormat } from '@/domain/intl'

/** Date and time of an instant on this machine, e.g. "24 Nov 2026, 14:05". */
export function formatDateTime(ms: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms)
}

export function formatDate(ms: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium' }).format(ms)
}

export { formatPhoneInternational as formatPhone } from '@/domain/case/phone'

/** A list of short labels as the language writes it: "SMS, Email" in English, "短信、邮箱" in Chinese. */
export function joinList(items: readonly string[], locale: string): string {
  return items.join(/^zh\b/i.test(locale) ? '、' : ', ')
}
