import { ParseError, parsePhoneNumberWithError, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max'
import type { Result } from '../result'
import { stripPhoneLabel } from './pasted'

export interface NormalizedPhone {
  /** +8613800138000 */
  e164: string
  /** ISO country, e.g. CN, when known. */
  country: string | null
  /** Digits of the E.164 number, reversed, for suffix look-ups through an index. */
  reversedDigits: string
}

export const DEFAULT_REGION: CountryCode = 'CN'

/** Cleans what people paste: full-width characters, labels, odd spaces, "tel:" links. */
function clean(input: string): string {
  return stripPhoneLabel(
    input
      .normalize('NFKC')
      .replace(/[\u00a0\u2000-\u200d\u2060\u3000\ufeff]/g, ' ')
      .replace(/^\s*tel:/i, ''),
  ).trim()
}

export const reverseDigits = (s: string): string => [...s.replace(/\D/g, '')].reverse().join('')

const REASONS: Record<string, string> = {
  INVALID_COUNTRY: 'errors.phone.invalidCountry',
  NOT_A_NUMBER: 'errors.phone.notANumber',
  TOO_SHORT: 'errors.phone.tooShort',
  TOO_LONG: 'errors.phone.tooLong',
  INVALID_LENGTH: 'errors.phone.invalidLength',
}

function tryParse(text: string, region: CountryCode): Result<NormalizedPhone> {
  try {
    const parsed = parsePhoneNumberWithError(text, { defaultCountry: region })
    if (!parsed.isValid()) {
      const lengthProblem = validatePhoneNumberLength(text, region)
      const key = lengthProblem ? (REASONS[lengthProblem] ?? 'errors.phone.invalid') : 'errors.phone.invalid'
      return { ok: false, error: { key, params: { country: parsed.country ?? `+${parsed.countryCallingCode}` } } }
    }
    return {
      ok: true,
      value: { e164: parsed.number, country: parsed.country ?? null, reversedDigits: reverseDigits(parsed.number) },
    }
  } catch (err) {
    const key = err instanceof ParseError ? (REASONS[err.message] ?? 'errors.phone.invalid') : 'errors.phone.invalid'
    return { ok: false, error: { key } }
  }
}

/**
 * Parses a phone number in any common form (`+86 138 0013 8000`, `008613800138000`, `13800138000`,
 * `138-0013-8000`, `(+86) 138…`, `86 138…`) to E.164. Numbers without a country code are read in
 * `region` (mainland China by default). Invalid numbers are refused with the reason.
 */
export function normalizePhone(input: string, region: CountryCode = DEFAULT_REGION): Result<NormalizedPhone> {
  const text = clean(input)
  if (text === '') return { ok: false, error: { key: 'errors.phone.empty' } }
  if (/[a-z]/i.test(text.replace(/\s*(?:ext\.?|x)\s*\d+$/i, ''))) return { ok: false, error: { key: 'errors.phone.notANumber' } }
  const first = tryParse(text, region)
  if (first.ok) return first
  // "86 138 0013 8000" or "8613800138000": a country code typed without + or 00. Not for 11 digits from 1 in
  // mainland China: that is a mobile number with a wrong digit ("12345678901"), not +1 234 567 8901
  const digits = text.replace(/\D/g, '')
  const mistypedMobile = region === 'CN' && /^1\d{10}$/.test(digits)
  if (!text.startsWith('+') && !digits.startsWith('00') && digits.length >= 8 && !mistypedMobile) {
    const international = tryParse(`+${digits}`, region)
    if (international.ok) return international
  }
  return first
}

/**
 * No valid number anywhere has fewer digits than this, country code included (libphonenumber's metadata:
 * Austria, +43 and 4 national digits; phone.test.ts checks it against the metadata).
 */
export const MIN_PHONE_DIGITS = 6

/**
 * The E.164 form of `text` when it is a valid number (national forms in `region`), else null: the look-up's
 * question, without `normalizePhone`'s reasons (which cost a second parse of every failed keystroke).
 */
export function validE164(text: string, region: CountryCode = DEFAULT_REGION): string | null {
  if (text.replace(/\D/g, '').length < MIN_PHONE_DIGITS) return null
  try {
    const parsed = parsePhoneNumberWithError(text, { defaultCountry: region })
    return parsed.isValid() ? parsed.number : null
  } catch {
    return null
  }
}

/** Formatted numbers by E.164 (a list or the look-up's results show the same numbers on every render). */
const formatted = new Map<string, string>()
const FORMATTED_MAX = 2000

/** "+86 138 0013 8000": the international format of a stored E.164 number. */
export function formatPhoneInternational(e164: string | null): string {
  if (!e164) return ''
  let text = formatted.get(e164)
  if (text === undefined) {
    try {
      text = parsePhoneNumberWithError(e164).formatInternational()
    } catch {
      text = e164
    }
    if (formatted.size >= FORMATTED_MAX) formatted.clear()
    formatted.set(e164, text)
  }
  return text
}
