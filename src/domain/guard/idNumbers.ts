/**
 * Check-digit and date rules for identity-document numbers, used by the secret guard to tell a real
 * ID number from a UID, phone number or order number of the same shape.
 */

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CN_CHECK = '10X98765432'

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a mainland China resident ID. */
export function cnResidentIdCheck(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (CN_WEIGHTS[i] ?? 0)
  return CN_CHECK[sum % 11] ?? ''
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/** A real calendar date (Gregorian), year within [minYear, maxYear]. */
export function isValidDate(y: number, m: number, d: number, minYear = 1850, maxYear = 2099): boolean {
  if (!Number.isInteger(y) || y < minYear || y > maxYear || m < 1 || m > 12 || d < 1) return false
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0
  return d <= days
}

/**
 * An 18-character mainland China resident ID (digits, last may be X): region code starting 1-8
 * (8x: Hong Kong, Macau and Taiwan residence permits), a valid birth date, and a matching check character.
 */
export function isCnResidentId18(id: string): boolean {
  if (!/^[1-8]\d{16}[\dXx]$/.test(id)) return false
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  if (!isValidDate(y, m, d)) return false
  return cnResidentIdCheck(id.slice(0, 17)) === id.charAt(17).toUpperCase()
}

/**
 * Shaped like an 18-character mainland China resident ID, whatever its check character: region digit 1-8,
 * a real birth date in characters 7-14, three digits and a digit or X. The guard treats any such string as
 * an ID number (a mistyped check character is still somebody's ID number).
 */
export function isCnResidentIdShaped(id: string): boolean {
  if (!/^[1-8]\d{16}[\dXx]$/.test(id)) return false
  return isValidDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))
}

/** The old 15-digit form (issued until 1999): region code, YYMMDD birth date in the 1900s, sequence. No check digit. */
export function isCnResidentId15(id: string): boolean {
  if (!/^[1-8]\d{14}$/.test(id)) return false
  return isValidDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)))
}

/** Hong Kong identity card letter value: space 36 (single-letter prefix), A 10 ... Z 35. */
const hkLetter = (c: string): number => c.charCodeAt(0) - 55

/**
 * Hong Kong identity card: one or two letters, six digits, check character 0-9 or A
 * (weights 9..2 over the padded 8 characters; check = 11 - sum mod 11, 10 is A, 11 is 0).
 */
export function isHkId(letters: string, digits: string, check: string): boolean {
  const L = letters.toUpperCase()
  if (!/^[A-Z]{1,2}$/.test(L) || !/^\d{6}$/.test(digits) || !/^[0-9A]$/i.test(check)) return false
  const values = L.length === 1 ? [36, hkLetter(L)] : [hkLetter(L.charAt(0)), hkLetter(L.charAt(1))]
  for (const c of digits) values.push(Number(c))
  let sum = 0
  values.forEach((v, i) => (sum += v * (9 - i)))
  const r = (11 - (sum % 11)) % 11
  const expected = r === 10 ? 'A' : String(r)
  return expected === check.toUpperCase()
}

/** Computes the HKID check character (for tests and fixtures). */
export function hkIdCheck(letters: string, digits: string): string {
  for (const c of '0123456789A') if (isHkId(letters, digits, c)) return c
  return ''
}
