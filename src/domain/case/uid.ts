import type { Result } from '../result'
import { splitUidAndMobile, stripTrailingPunctuation, stripUidLabel } from './pasted'

/** Characters agents paste around a UID from chat: spaces of every kind, dashes, dots, commas, slashes, underscores. */
const SEPARATORS = /[\s\u00a0\u2000-\u200d\u2060\u3000\ufeff\-‐‑‒–—―_.,，、·・/\\'"“”‘’()（）[\]【】]/g

export const UID_MIN_DIGITS = 5
export const UID_MAX_DIGITS = 20

/**
 * Normalises a pasted UID to digits only. Full-width digits become ASCII, a leading "UID:" label, the
 * sentence's closing punctuation and separators are dropped; anything else (letters, symbols) is refused.
 */
export function normalizeUid(input: string): Result<string> {
  const text = stripTrailingPunctuation(stripUidLabel(input.normalize('NFKC').trim()))
  const stripped = text.replace(SEPARATORS, '')
  if (stripped === '') return { ok: false, error: { key: 'errors.uid.empty' } }
  // "35001234 13800138000" copied from a chat in one go: the digits are not one long UID
  if (splitUidAndMobile(text)) return { ok: false, error: { key: 'errors.uid.withPhone' } }
  if (!/^\d+$/.test(stripped)) {
    const bad = [...stripped].find((c) => !/\d/.test(c)) ?? ''
    return { ok: false, error: { key: 'errors.uid.notDigits', params: { char: bad } } }
  }
  if (stripped.length < UID_MIN_DIGITS) return { ok: false, error: { key: 'errors.uid.tooShort', params: { min: UID_MIN_DIGITS } } }
  if (stripped.length > UID_MAX_DIGITS) return { ok: false, error: { key: 'errors.uid.tooLong', params: { max: UID_MAX_DIGITS } } }
  return { ok: true, value: stripped }
}
