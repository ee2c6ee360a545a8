/**
 * Masking for exports and reports (on by default; "include full details" turns it off).
 * Deterministic: the same value always gives the same mask. Short values reveal less, never more:
 * - digits (UID, national phone number): at least 4 hidden (at least half for 8 digits or fewer),
 *   at most 7 shown (3 before, 4 after): 12345678 → 12****78, 13800138000 → 138****8000;
 *   4 digits or fewer are hidden entirely;
 * - phone: the country calling code stays, the national number is masked as above:
 *   +8613800138000 → +86 138****8000;
 * - email: the domain stays, the local part shows at most its first and last character and always
 *   three stars (its length is not revealed): alice@gmail.com → a***e@gmail.com, bob@qq.com → b***@qq.com,
 *   ab@x.com → ***@x.com.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/max'

export const MASK = '*'

/** Hides the middle of a string of digits (or any short code) by the digit rule above. */
export function maskMiddle(value: string): string {
  const chars = [...value]
  const n = chars.length
  if (n <= 4) return MASK.repeat(n)
  const hidden = n <= 8 ? Math.max(4, Math.ceil(n / 2)) : Math.max(4, n - 7)
  const visible = n - hidden
  const head = Math.floor(visible / 2)
  const tail = visible - head
  return chars.slice(0, head).join('') + MASK.repeat(hidden) + chars.slice(n - tail).join('')
}

/** UID (digits): 12345678 → 12****78. Empty for null. */
export function maskUid(uid: string | null | undefined): string {
  if (!uid) return ''
  return maskMiddle(uid)
}

let callingCodes: Set<string> | null = null
function knownCallingCodes(): Set<string> {
  if (!callingCodes) callingCodes = new Set(getCountries().map((c) => String(getCountryCallingCode(c))))
  return callingCodes
}

/** Splits an E.164 number into its country calling code and national number (codes are prefix-free). */
export function splitE164(e164: string): { callingCode: string | null; national: string } {
  const digits = e164.replace(/\D/g, '')
  if (!e164.trim().startsWith('+')) return { callingCode: null, national: digits }
  const codes = knownCallingCodes()
  for (const len of [1, 2, 3]) {
    const cc = digits.slice(0, len)
    if (digits.length > len && codes.has(cc)) return { callingCode: cc, national: digits.slice(len) }
  }
  return { callingCode: null, national: digits }
}

/** +8613800138000 → +86 138****8000. Empty for null. */
export function maskPhone(e164: string | null | undefined): string {
  if (!e164) return ''
  const { callingCode, national } = splitE164(e164)
  const masked = maskMiddle(national)
  return callingCode ? `+${callingCode} ${masked}` : (e164.trim().startsWith('+') ? '+' : '') + masked
}

/** alice@gmail.com → a***e@gmail.com. Text without @ is masked like digits. Empty for null. */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return ''
  const at = email.lastIndexOf('@')
  if (at < 0) return maskMiddle(email)
  const local = [...email.slice(0, at)]
  const domain = email.slice(at + 1)
  const n = local.length
  const maskedLocal = n <= 2 ? '***' : n <= 4 ? `${local[0]}***` : `${local[0]}***${local[n - 1]}`
  return `${maskedLocal}@${domain}`
}

/** A contact that may be an email or a phone number (as in a review's registered contact). */
export function maskContact(contact: string | null | undefined): string {
  if (!contact) return ''
  if (contact.includes('@')) return maskEmail(contact.trim())
  const digits = contact.replace(/[^\d+]/g, '')
  return digits.startsWith('+') ? maskPhone(digits) : maskMiddle(digits || contact)
}

export interface KnownIdentifiers {
  uid: string | null
  phoneE164: string | null
  email: string | null
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Best effort for free text (notes): replaces the case's own UID, phone number (E.164 or national
 * digits) and email, where they appear verbatim, with their masks. Other personal data typed in
 * notes is not recognised.
 */
export function maskKnownIdentifiers(text: string, ids: KnownIdentifiers): string {
  if (!text) return text
  let out = text
  if (ids.email && ids.email.includes('@')) {
    const lower = out.toLowerCase()
    if (lower.includes(ids.email.toLowerCase())) out = out.replace(new RegExp(escapeRegExp(ids.email), 'gi'), maskEmail(ids.email))
  }
  if (ids.phoneE164) {
    if (out.includes(ids.phoneE164)) out = out.split(ids.phoneE164).join(maskPhone(ids.phoneE164))
    const { callingCode, national } = splitE164(ids.phoneE164)
    if (callingCode && national.length >= 6 && out.includes(national)) {
      out = out.replace(new RegExp(`(?<!\\d)${escapeRegExp(national)}(?!\\d)`, 'g'), maskMiddle(national))
    }
  }
  if (ids.uid && ids.uid.length >= 5 && out.includes(ids.uid)) {
    out = out.replace(new RegExp(`(?<!\\d)${escapeRegExp(ids.uid)}(?!\\d)`, 'g'), maskUid(ids.uid))
  }
  return out
}
