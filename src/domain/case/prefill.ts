import type { CaseDraft } from './validation'
import { normalizeEmail } from './email'
import { normalizePhone } from './phone'
import { normalizeUid } from './uid'

/**
 * Fills the right intake field from what the agent searched for: an email, a phone number
 * (mainland mobile or anything with a country code), otherwise a UID.
 */
export function prefillFromQuery(query: string): Partial<Pick<CaseDraft, 'uid' | 'phone' | 'email'>> {
  const q = query.trim()
  if (q === '') return {}
  if (q.includes('@')) return normalizeEmail(q).ok ? { email: q } : {}
  const digits = q.replace(/\D/g, '')
  const looksLikePhone = /^\s*(\+|00)/.test(q) || /^1[3-9]\d{9}$/.test(digits)
  if (looksLikePhone && normalizePhone(q).ok) return { phone: q }
  if (normalizeUid(q).ok) return { uid: q }
  return {}
}
