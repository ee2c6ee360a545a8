/**
 * Masking of personal data, the one implementation every masked output uses: CSV/XLSX exports, the case
 * report (page, print/PDF, Markdown) and the `*_masked` reply placeholders. Masking is on by default in
 * exports and reports; "include full details" turns it off (and is recorded in the audit trail).
 * Pure, deterministic (the same value always gives the same mask), never throws.
 *
 * Identifier fields. Short values reveal less, never more:
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
import { findSecretsOnce, foldFullWidth, REDACTION_TOKENS } from '../guard/secrets'
import type { Language } from '../model'

export const MASK = '*'

/** Hides the middle of a string of digits (or any short code) by the digit rule above. */
export function maskMiddle(value: string): string {
  // by code point; text without surrogate pairs (every phone number) slices as it is (an export masks
  // hundreds of thousands of these)
  const chars = /[\ud800-\udfff]/.test(value) ? [...value] : null
  const n = chars ? chars.length : value.length
  if (n <= 4) return MASK.repeat(n)
  const hidden = n <= 8 ? Math.max(4, Math.ceil(n / 2)) : Math.max(4, n - 7)
  const visible = n - hidden
  const head = Math.floor(visible / 2)
  const tail = visible - head
  if (!chars) return value.slice(0, head) + MASK.repeat(hidden) + value.slice(n - tail)
  return chars.slice(0, head).join('') + MASK.repeat(hidden) + chars.slice(n - tail).join('')
}

/**
 * UID (digits): 12345678 → 12****78. Empty for null. A value that is not one run of digits (a review's
 * UID field holds what the agent typed) is masked as free text.
 */
export function maskUid(uid: string | null | undefined): string {
  if (!uid) return ''
  const trimmed = uid.trim()
  if (/^\d*$/.test(trimmed)) return maskMiddle(trimmed)
  return maskFreeText(uid, { masked: true, language: 'en' })
}

let callingCodes: Set<string> | null = null
function knownCallingCodes(): Set<string> {
  if (!callingCodes) callingCodes = new Set(getCountries().map((c) => String(getCountryCallingCode(c))))
  return callingCodes
}

/** Splits an E.164 number into its country calling code and national number (codes are prefix-free). */
export function splitE164(e164: string): { callingCode: string | null; national: string } {
  // an export splits each case's phone several times in a row (its column, its notes): the last answer is kept
  if (lastSplit?.input === e164) return { ...lastSplit.result }
  const result = splitE164Uncached(e164)
  lastSplit = { input: e164, result }
  return { ...result }
}
let lastSplit: { input: string; result: { callingCode: string | null; national: string } } | null = null

function splitE164Uncached(e164: string): { callingCode: string | null; national: string } {
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
  // by code point; a local part without surrogate pairs (nearly all) is read as it is
  const part = email.slice(0, at)
  const local = /[\ud800-\udfff]/.test(part) ? [...part] : part
  // a domain is not personal, but a long run of digits in one may be (13912345678@example.com.cn)
  const domain = email.slice(at + 1).replace(/\d{6,}/g, (d) => maskMiddle(d))
  const n = local.length
  const maskedLocal = n <= 2 ? '***' : n <= 4 ? `${local[0]}***` : `${local[0]}***${local[n - 1]}`
  return `${maskedLocal}@${domain}`
}

/**
 * A contact that should be an email or a phone number (a review's registered contact). Anything else
 * (two contacts, a sentence) is masked as free text.
 */
export function maskContact(contact: string | null | undefined): string {
  if (!contact) return ''
  const text = foldFullWidth(contact.trim())
  if (EMAIL_ONLY.test(text)) return maskEmail(text)
  const digits = contactPhone(contact)
  if (digits !== null) return digits.startsWith('+') ? maskPhone(digits) : maskMiddle(digits)
  return maskFreeText(contact, { masked: true, language: 'en' })
}

/**
 * A contact written as a phone number (`+86 138-0013-8000`, `0086 13800138000`, `13800138000`) as its
 * digits, `+` first when it has a country code (`00` read as `+`); null for anything else.
 */
export function contactPhone(contact: string): string | null {
  const text = foldFullWidth(contact.trim())
  if (!/^[+\d\s().-]+$/.test(text) || !/\d/.test(text)) return null
  return text.replace(/[^\d+]/g, '').replace(/^00/, '+')
}

export interface KnownIdentifiers {
  uid: string | null
  phoneE164: string | null
  email: string | null
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const isAsciiDigit = (code: number): boolean => code >= 48 && code <= 57

/**
 * Start indexes of the non-overlapping occurrences of `needle` in `hay`, left to right (as a global
 * RegExp of the escaped needle would find them); with `digitBounded`, only those not inside a longer run
 * of ASCII digits (as `(?<!\d)needle(?!\d)`).
 */
function literalMatches(hay: string, needle: string, digitBounded: boolean): number[] {
  const out: number[] = []
  if (!needle) return out
  for (let at = hay.indexOf(needle); at >= 0;) {
    const end = at + needle.length
    if (digitBounded && (isAsciiDigit(hay.charCodeAt(at - 1)) || isAsciiDigit(hay.charCodeAt(end)))) {
      at = hay.indexOf(needle, at + 1)
      continue
    }
    out.push(at)
    at = hay.indexOf(needle, end)
  }
  return out
}

// ---------------------------------------------------------------------------------------------------
// free text

const EMAIL_CORE = '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}'
const EMAIL_ONLY = new RegExp(`^${EMAIL_CORE}$`)
/**
 * An address inside text, also as people type it in a chat: a space either side of the @ ("li.wei @ 163.com").
 * It is searched for in the text with the ideographic full stop a Chinese input method types for "." read as
 * one ("li.wei@163。com").
 */
const EMAIL_IN_TEXT = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+ ?@ ?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z@-])/g
/** Runs of digits long enough to be a UID, an account, card or order number. */
export const LONG_DIGIT_RUN = 6
const DIGIT_RUN = new RegExp(`\\d{${LONG_DIGIT_RUN},}`, 'g')
/** A digit sequence with this many digits in all is masked whole, as a phone number (7: local numbers). */
const PHONE_DIGITS = 7
/**
 * A sequence of digits as phone numbers are written: an optional `+`, `00` or `(+` prefix, then digit
 * groups joined by brackets, by one or two spaces, or by a dot or dash with at most one space either side:
 * 13912345678, 139 1234 5678, +86-139-1234-5678, 0086 139…, (+86) 139…, (020) 1234 5678, 138.0013.8000,
 * 139 - 1234 - 5678. Spaces include the no-break and thin spaces of text copied from web pages and chat
 * tools (U+00A0, U+2000–U+200A, U+202F); dashes include those word processors put in (‐ ‑ ‒ – — ― − ﹣).
 * A separator is required between groups and is at most three characters, so the expression never
 * backtracks far.
 */
const DIGIT_SEQUENCE =
  /(?:\(\s?)?(?:\+\s?|(?<!\d)00\s?)?\d+(?:(?:\)?(?:[ \u00a0\u2000-\u200a\u202f]{1,2}|[ \u00a0\u2000-\u200a\u202f]?[.\-\u2010-\u2015\u2212\ufe63][ \u00a0\u2000-\u200a\u202f]?)\(?|\)|\()\d+)*/g
/** Case numbers (VC-20261124-7K3Q) are not personal data and stay readable. */
const CASE_NUMBER = /(?<![A-Za-z])VC-\d{8}-[0-9A-Z]{4}(?![A-Za-z0-9])/gi
/** Dates and times stay readable: 2026-11-24, 2026/11/24, 14:05, 14:05:30. */
const DATE_OR_TIME = /(?<!\d)(?:\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?)(?!\d)/g

export interface FreeTextOptions {
  /** true: personal data masked. false ("full details"): only secrets are taken out. */
  masked: boolean
  /** Language of the output: the words that replace a secret ("[verification code removed]"). */
  language: Language
  /** The case's own identifiers: masked wherever they appear, even when shorter than a long digit run. */
  known?: Partial<KnownIdentifiers>
}

interface Span {
  start: number
  end: number
  /** What replaces the span; null keeps it (a case number, a date). */
  text: string | null
}

/**
 * A digit sequence of 7 or more digits, masked as a phone number: `+86 139****5678` when written with a
 * country code (`+`, `00`, or the 86 before a mainland mobile number), else its digits (`139****5678`).
 */
function maskSequence(written: string): string {
  const digits = written.replace(/\D/g, '')
  const prefixed = /^\(?\s?(?:\+|00)/.test(written)
  const international = prefixed ? digits.replace(/^00/, '') : /^861\d{10}$/.test(digits) ? digits : null
  if (international) {
    const { callingCode, national } = splitE164(`+${international}`)
    if (callingCode) return `+${callingCode} ${maskMiddle(national)}`
  }
  return maskMiddle(digits)
}

/** Phone-like digit sequences and long digit runs in a stretch of text that starts at `offset`. */
function maskDigits(stretch: string, offset: number, out: Span[]): void {
  for (const m of stretch.matchAll(DIGIT_SEQUENCE)) {
    const start = offset + m.index
    let digits = 0
    for (const c of m[0]) if (c >= '0' && c <= '9') digits++
    if (digits >= PHONE_DIGITS) {
      out.push({ start, end: start + m[0].length, text: maskSequence(m[0]) })
      continue
    }
    for (const r of m[0].matchAll(DIGIT_RUN))
      out.push({ start: start + r.index, end: start + r.index + r[0].length, text: maskMiddle(r[0]) })
  }
}

/**
 * Masks personal data inside free text (notes, checklist notes, review fields, pause reasons, reply
 * texts): anything the secret guard finds (verification codes, authenticator keys, ID and passport
 * numbers) is replaced by the guard's removal note in `language`, always, even with full details; and when
 * `masked`:
 * - email addresses → `a***e@163.com` (as maskEmail);
 * - phone numbers in the forms people write them (13912345678, 139 1234 5678, +86 139-1234-5678, 0086…,
 *   (+86)…, 86 139…, 020-12345678, (020) 1234 5678, 138.0013.8000, +852 9123 4567, full-width digits), and
 *   so any digit sequence of 7 or more digits in all → `+86 139****5678` when written with a country code
 *   (split by libphonenumber-js's calling codes), else `139****5678`;
 * - every other run of 6 or more digits (UIDs, account, card and order numbers) → `87****21` (maskMiddle);
 * - the case's own UID, phone and email wherever they appear verbatim, even when shorter.
 * Case numbers (VC-20261124-7K3Q), dates, times and short numbers stay readable.
 * Why not libphonenumber-js's findPhoneNumbersInText: it costs about 130 µs for a note holding a number
 * (13 s more on a 100,000-case export) and leaves what it does not take for a phone readable; masking every
 * phone-shaped sequence is cheaper and safer, and the tests hold each written form above.
 * Positions are found on the text with full-width digits and letters read as ASCII; what is not masked
 * is copied unchanged.
 */
/**
 * maskFreeText's "which characters are claimed" marks: one buffer reused and cleared per call (a fresh
 * Uint8Array per cell was the largest cost of masking a 100,000-case export). maskFreeText never re-enters.
 */
let claimedBuffer = new Uint8Array(256)
function claimedScratch(length: number): Uint8Array {
  if (claimedBuffer.length < length) claimedBuffer = new Uint8Array(Math.max(length, claimedBuffer.length * 2))
  claimedBuffer.fill(0, 0, length)
  return claimedBuffer
}

export function maskFreeText(text: string, options: FreeTextOptions): string {
  if (!text) return text
  const spans: Span[] = []
  const tokens = REDACTION_TOKENS[options.language] ?? REDACTION_TOKENS.en
  for (const f of findSecretsOnce(text)) spans.push({ start: f.start, end: f.end, text: tokens[f.kind] })
  const masked = options.masked && /[0-9\uff10-\uff19@\uff20]/.test(text)
  const t = masked ? foldFullWidth(text) : text
  if (masked) {
    for (const m of t.matchAll(CASE_NUMBER)) spans.push({ start: m.index, end: m.index + m[0].length, text: null })
    // an address needs an @ (t is folded: a full-width ＠ is @ here); the regex costs more than this look
    if (t.includes('@'))
      for (const m of (t.includes('\u3002') ? t.replace(/\u3002/g, '.') : t).matchAll(EMAIL_IN_TEXT))
        spans.push({ start: m.index, end: m.index + m[0].length, text: maskEmail(m[0].replace(/ /g, '')) })
    const known = options.known
    if (known?.email && known.email.includes('@')) {
      const lower = t.toLowerCase()
      if (lower.length === t.length) {
        // a literal search: no RegExp compiled per text (that cost more than all the rest on a large export)
        const needle = known.email.toLowerCase()
        for (const at of literalMatches(lower, needle, false)) {
          spans.push({ start: at, end: at + needle.length, text: maskEmail(t.slice(at, at + needle.length)) })
        }
      } else {
        for (const m of t.matchAll(new RegExp(escapeRegExp(known.email), 'gi'))) {
          spans.push({ start: m.index, end: m.index + m[0].length, text: maskEmail(m[0]) })
        }
      }
    }
    if (known?.phoneE164) {
      const { national } = splitE164(known.phoneE164)
      if (national.length >= 5) {
        for (const at of literalMatches(t, national, true)) spans.push({ start: at, end: at + national.length, text: maskMiddle(national) })
      }
    }
    if (known?.uid && known.uid.length >= 4) {
      for (const at of literalMatches(t, known.uid, true)) spans.push({ start: at, end: at + known.uid.length, text: maskUid(known.uid) })
    }
    for (const m of t.matchAll(DATE_OR_TIME)) spans.push({ start: m.index, end: m.index + m[0].length, text: null })
  }
  if (spans.length === 0 && !masked) return text
  // first claim wins, in the order above (secrets, case numbers, emails, phones, known identifiers, dates)
  const claimed = claimedScratch(text.length)
  const kept: Span[] = []
  for (const s of spans) {
    let free = true
    for (let i = s.start; i < s.end; i++) {
      if (claimed[i]) {
        free = false
        break
      }
    }
    if (!free) continue
    claimed.fill(1, s.start, s.end)
    kept.push(s)
  }
  // then every stretch left unclaimed is searched for phone-like digit sequences and long digit runs
  if (masked) {
    for (let from = 0; from < t.length;) {
      while (from < t.length && claimed[from]) from++
      let to = from
      while (to < t.length && !claimed[to]) to++
      if (to > from) maskDigits(t.slice(from, to), from, kept)
      from = to
    }
  }
  if (kept.length === 0) return text
  kept.sort((a, b) => a.start - b.start)
  let out = ''
  let pos = 0
  for (const s of kept) {
    out += text.slice(pos, s.start) + (s.text ?? text.slice(s.start, s.end))
    pos = s.end
  }
  return out + text.slice(pos)
}
