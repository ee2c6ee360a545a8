import { completeUserKeys } from './identity'
import type { CaseDraft } from './validation'
import { normalizeEmail } from './email'
import { cleanPastedEmail, splitUidAndMobile, stripPhoneLabel, stripUidLabel } from './pasted'
import { normalizePhone } from './phone'
import { normalizeUid } from './uid'

/**
 * Fills the right intake field from what the agent searched for: an email, a phone number
 * (mainland mobile or anything with a country code), otherwise a UID; as typed, without a label copied with
 * it ("邮箱：", "UID ").
 */
export function prefillFromQuery(query: string): Partial<Pick<CaseDraft, 'uid' | 'phone' | 'email'>> {
  const q = query.trim()
  if (q === '') return {}
  if (q.includes('@')) return normalizeEmail(q).ok ? { email: cleanPastedEmail(q) } : {}
  // a UID and a mobile number copied together: each to its field
  const both = splitUidAndMobile(stripUidLabel(q))
  if (both) return { uid: both.uid, phone: both.mobile }
  const phone = stripPhoneLabel(q).trim()
  // full-width digits count as digits: "１３９…" is a phone, not a UID
  const ascii = phone.normalize('NFKC')
  const looksLikePhone = /^(\+|00)/.test(ascii) || /^1[3-9]\d{9}$/.test(ascii.replace(/\D/g, ''))
  if (looksLikePhone && normalizePhone(phone).ok) return { phone }
  if (normalizeUid(q).ok) return { uid: stripUidLabel(q).trim() }
  return {}
}

type Prefill = ReturnType<typeof prefillFromQuery>
const KEPT_TEXT = ['uid', 'phone', 'email', 'notes'] as const

/**
 * Whether the form already holds someone else's unsaved details, so a case started from a search must not be
 * mixed into it: it has a UID, phone, email or notes that the searched value does not simply repeat (the
 * same field, the same value once normalised). An empty form, or one holding just what was searched, takes
 * the value in place.
 */
export function prefillNeedsNewForm(draft: CaseDraft, fill: Prefill): boolean {
  const keys = completeUserKeys(draft)
  const filled = completeUserKeys({ uid: fill.uid ?? '', phone: fill.phone ?? '', email: fill.email ?? '' })
  return KEPT_TEXT.some((field) => {
    if (draft[field].trim() === '') return false
    if (field === 'notes' || fill[field] === undefined) return true
    const key = field === 'uid' ? 'uid' : field === 'phone' ? 'phoneE164' : 'emailLower'
    return keys[key] === null || keys[key] !== filled[key]
  })
}
