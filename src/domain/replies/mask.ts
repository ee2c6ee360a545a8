/**
 * Generic masking for personal data shown in replies and reports: keep enough to recognise, hide the rest.
 * Pure functions; `null` in, `null` out. Inputs are expected normalised (see src/domain/case/) but any
 * string is accepted and never throws.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

const MASK = '*'

/** Keeps `keepStart` leading and `keepEnd` trailing characters, replacing the middle with `*` (at least `minStars`). */
export function maskMiddle(value: string, keepStart: number, keepEnd: number, minStars = 3): string {
  const chars = [...value]
  if (chars.length === 0) return ''
  if (keepStart + keepEnd >= chars.length) {
    // Too short to show both ends: show only the last character(s) that leave something hidden.
    const end = Math.max(0, Math.min(keepEnd, chars.length - 1))
    return MASK.repeat(Math.max(minStars, chars.length - end)) + chars.slice(chars.length - end).join('')
  }
  const hidden = chars.length - keepStart - keepEnd
  return chars.slice(0, keepStart).join('') + MASK.repeat(Math.max(minStars, hidden)) + chars.slice(chars.length - keepEnd).join('')
}

/**
 * Masks the middle digits of a phone number: `+8613800138000` → `+86 138****8000`.
 * Numbers that do not parse as E.164 are masked as plain digits (`13800138000` → `138****8000`).
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null) return null
  const text = phone.trim()
  if (text === '') return null
  const parsed = text.startsWith('+') ? parsePhoneNumberFromString(text) : undefined
  if (parsed) {
    const national = String(parsed.nationalNumber)
    return `+${parsed.countryCallingCode} ${maskDigits(national)}`
  }
  const digits = text.replace(/\D/g, '')
  if (digits === '') return maskMiddle(text, 0, 2)
  return (text.startsWith('+') ? '+' : '') + maskDigits(digits)
}

function maskDigits(digits: string): string {
  if (digits.length >= 10) return maskMiddle(digits, 3, 4, 4)
  if (digits.length >= 7) return maskMiddle(digits, 2, 3, 3)
  return maskMiddle(digits, 0, 2, 3)
}

/** `alice@qq.com` → `a***e@qq.com`; `ab@qq.com` → `a***@qq.com`. The domain stays readable. */
export function maskEmail(email: string | null | undefined): string | null {
  if (email == null) return null
  const text = email.trim()
  if (text === '') return null
  const at = text.lastIndexOf('@')
  if (at <= 0 || at === text.length - 1) return maskMiddle(text, 1, 1)
  const local = [...text.slice(0, at)]
  const domain = text.slice(at + 1)
  const shown = local.length <= 2 ? `${local[0] ?? ''}***` : `${local[0] ?? ''}***${local[local.length - 1] ?? ''}`
  return `${shown}@${domain}`
}

/** `123456789` → `12****789`; short UIDs show only their last two digits. */
export function maskUid(uid: string | null | undefined): string | null {
  if (uid == null) return null
  const text = uid.trim()
  if (text === '') return null
  return text.length >= 7 ? maskMiddle(text, 2, 3, 4) : maskMiddle(text, 0, 2, 3)
}
