import { shallowRef } from 'vue'
import { dateTimeFormat } from '@/domain/intl'
import { log } from '@/platform'
import { afterNextPaint } from './useFirstScreen'

/** Date and time of an instant on this machine, e.g. "24 Nov 2026, 14:05". */
export function formatDateTime(ms: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms)
}

export function formatDate(ms: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium' }).format(ms)
}

/** libphonenumber-js's formatter with its metadata: loaded on the first phone shown, not with the first screen. */
const phoneFormatter = shallowRef<((e164: string | null) => string) | null>(null)
let phoneFormatterLoading: Promise<void> | null = null

/** Loads the phone formatter (once); `formatPhone` uses it from then on. */
export function loadPhoneFormatter(): Promise<void> {
  phoneFormatterLoading ??= import('@/domain/case/phone').then(
    (m) => void (phoneFormatter.value = m.formatPhoneInternational),
    (err: unknown) => {
      phoneFormatterLoading = null // try again with the next phone shown
      log.warn('format.phone.load', err)
    },
  )
  return phoneFormatterLoading
}

let phoneFormatterAsked = false

/**
 * An E.164 number in its international form (`+86 138 0013 8000`). Until the formatter has loaded (a
 * moment after the first phone is shown) the number shows as stored; templates and computeds that call
 * this re-render once it is there. The first call asks for it after the next frame: starting the chunk's
 * load (Vite's preload of its imports) inside the render of the case list's first rows delayed their paint.
 */
export function formatPhone(e164: string | null): string {
  const format = phoneFormatter.value
  if (format) return format(e164)
  if (!phoneFormatterAsked) {
    phoneFormatterAsked = true
    void afterNextPaint().then(loadPhoneFormatter)
  }
  return e164 ?? ''
}

/** A list of short labels as the language writes it: "SMS, Email" in English, "短信、邮箱" in Chinese. */
export function joinList(items: readonly string[], locale: string): string {
  return items.join(/^zh\b/i.test(locale) ? '、' : ', ')
}
