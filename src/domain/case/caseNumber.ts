/** Crockford base32 without I, L, O, U: unambiguous when read aloud or retyped. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export const CASE_NUMBER_PATTERN = /^VC-\d{8}-[0-9A-HJKMNP-TV-Z]{4}$/

/**
 * A human-readable case number: `VC-<local date YYYYMMDD>-<4 random characters>`, e.g. VC-20261124-7K3Q.
 * `random` returns numbers in [0, 1); the store retries on the rare collision (the index is unique).
 */
export function generateCaseNumber(localDate: string, random: () => number): string {
  let suffix = ''
  for (let i = 0; i < 4; i++) suffix += ALPHABET[Math.floor(random() * ALPHABET.length)] ?? '0'
  return `VC-${localDate.replaceAll('-', '')}-${suffix}`
}

/** Reads a typed case number leniently: lower case, spaces, missing dashes, O for 0. */
export function normalizeCaseNumberQuery(input: string): string | null {
  const compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_]/g, '')
  const m = /^VC(\d{0,8})([0-9A-Z]{0,4})$/.exec(compact)
  if (!m) return null
  const date = m[1] ?? ''
  const suffix = (m[2] ?? '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (date.length < 8) return `VC-${date}`
  return suffix ? `VC-${date}-${suffix}` : `VC-${date}`
}
