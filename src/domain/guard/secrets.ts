/**
 * The secret guard: finds what the console must never store (verification codes, authenticator secret
 * keys, identity-document numbers) in free text such as notes, review fields and edited replies, so the
 * form can refuse to save it and offer a redacted version instead.
 *
 * Detection rules (each chosen to keep UIDs, phone numbers, emails, dates, amounts and case numbers
 * such as VC-20261124-7K3Q out):
 * - verification code: a standalone run of 4-8 digits (or `123 456`) with a code keyword next to it,
 *   in either order, separated only by punctuation and a few filler words ("code 123456", "code is
 *   123456", "123456 is my code", "验证码：123456", "验证码是 654321"). Keywords: code(s), verification,
 *   OTP, TOTP, 2FA, MFA, passcode, PIN, 验证码, 校验码, 动态码, 动态密码, 短信码, 确认码, 安全码, 授权码.
 *   "area/country/zip/error/status/referral/invite/promo/reference/order... code" is not a code keyword.
 *   Without a keyword, a run of 6-8 digits the user reported ("user says 482913", "typed 135790",
 *   "用户说 482913") is a code too, unless a unit or another identifier follows it ("says 123456 USDT",
 *   "gave 12345678 as UID").
 * - authenticator secret key: base32 (A-Z, 2-7) of 16, 24, 26 or 32 characters, contiguous or in groups
 *   of 4 separated by spaces or dashes, all upper or all lower case (but see below), not part of an email, URL path or
 *   longer word. To spare ordinary words it must contain a digit 2-7 (and at most half of its letters
 *   vowels), or, without a digit, be vowel-poor (at most 25 % vowels, as random base32 is and English is
 *   not; 35 % next to a key keyword such as secret, key, seed, authenticator, 密钥, 秘钥, 验证器) and have
 *   a 4-character group without a, e, i, o, u, y (English words nearly always have one). Measured: about
 *   98 % of random 16-character keys and 99.9 % of 32-character keys are caught. Mixed case is taken only
 *   in the grouped form ("Jbsw Y3dp Ehpk 3pxp", as a person retypes a key) and only with a digit 2-7 and
 *   at most 35 % vowels (50 % next to a key keyword); a contiguous mixed-case run is a word or an
 *   identifier in code, never a key.
 * - identity-document number:
 *   - mainland China resident ID, 18 characters: any ID-shaped string is flagged, whatever its check
 *     character — region digit 1-8, a real birth date (1850-2099) in characters 7-14, then three digits
 *     and a digit or X (a typo in the check character is still somebody's ID number; 18-digit order or
 *     transaction numbers rarely carry a real date in that place). Next to an ID keyword (身份证, 证件,
 *     ID card, ID number...) any 18 such characters are flagged. The grouped form (6-8-4) is taken
 *     when its check character is right or a keyword stands before it (otherwise it is three numbers);
 *   - the old 15-digit form (no check digit): only next to an ID keyword and with a real birth date;
 *   - Hong Kong identity card A123456(7) / AB123456(A): valid check character; the form without
 *     parentheses only next to an ID keyword;
 *   - passport-like numbers (0-2 letters and 6-9 digits, e.g. E12345678) next to passport / pp / 护照 /
 *     通行证 / travel permit, in either order;
 *   - bare travel-document numbers in the shapes mainland China, Hong Kong and Macau issue, with no keyword:
 *     one letter of C D E G H K L M P S T and 8 digits (E12345678, G12345678, C12345678) or two letters and
 *     7 digits (EA1234567, KJ0123456, MA0123456), unless an order/reference/tracking-style word stands
 *     before it ("order E12345678").
 *
 * Cost: linear in the text. Every detector is one pass of a regular expression whose matches are short
 * and bounded, each keyword check reads a fixed window of text, and overlapping findings are resolved
 * with an occupancy map rather than by comparing every pair. `findSecrets(text, meter)` counts that work
 * (see GuardMeter) so a test can check it grows linearly with the input.
 *
 * Full-width digits and letters (０-９, Ａ-Ｚ) are read as their ASCII forms; positions always refer to the
 * original text (the folding keeps every character's UTF-16 length).
 */
import type { Language } from '../model'
import type { Problem, Result } from '../result'
import { isCnResidentId15, isCnResidentId18, isCnResidentIdShaped, isHkId, isValidDate } from './idNumbers'

export const SECRET_KINDS = ['verification-code', 'authenticator-key', 'id-number'] as const
export type SecretKind = (typeof SECRET_KINDS)[number]

export type IdDocument = 'cn-resident-id' | 'cn-resident-id-15' | 'hk-id' | 'passport'

export interface SecretFinding {
  kind: SecretKind
  /** For id-number findings: which document it looks like. */
  document?: IdDocument
  /** UTF-16 offsets into the original text: [start, end). */
  start: number
  end: number
  /** Masked form for display, e.g. `1*****` or `JB**************`: never the whole secret. */
  preview: string
}

/**
 * What a redaction puts in place of a secret, per language of the person editing (the agent's UI
 * language): a readable note that something was removed, with no digits so it is never flagged again.
 */
export const REDACTION_TOKENS: Record<Language, Record<SecretKind, string>> = {
  en: {
    'verification-code': '[verification code removed]',
    'authenticator-key': '[authenticator key removed]',
    'id-number': '[ID number removed]',
  },
  'zh-CN': {
    'verification-code': '[已删除验证码]',
    'authenticator-key': '[已删除验证器密钥]',
    'id-number': '[已删除证件号码]',
  },
}

/** Full-width ASCII (U+FF01-U+FF5E) and the ideographic space to ASCII, one UTF-16 unit for one. */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
}

// ---------------------------------------------------------------------------------------------------
// keywords and the filler allowed between a keyword and the secret

const NOT_A_CODE =
  'area|country|zip|postal|post|dial|dialing|calling|region|error|status|promo|promotion|referral|invite|invitation|reference|ref|case|source|bank|swift|branch|product|tracking|qr|discount|coupon|voucher|gift|order|sort|tax'
const CODE_KW =
  `(?:\\b(?:verification|otp|totp|2fa|mfa|passcodes?|pins?|(?<!\\b(?:${NOT_A_CODE})[ -]?)codes?)\\b` +
  '|验证码|校验码|动态码|动态密码|短信码|确认码|安全码|授权码|验证代码|校验代码)'

const PUNCT = `[\\s:=#,.()"'\\[\\]【】「」“”‘’<>、。-]`
/** keyword → code: "code is 123456", "验证码是 654321", "code I got was 123456". */
const FILLER_AFTER =
  `(?:${PUNCT}|\\b(?:is|was|are|were|be|sent|received|got|gets|entered|typed|used|tried|shows?|showed|says?|said|reads?|of|no|number|new|latest|last|again|still|it|its|it's|now|the|a|i|he|she|they|user|customer)\\b` +
  '|是|为|了|的|我|他|她|用户|客户|收到|输入|填写|填|发来|发|显示|都|还|就|仍|依然|一直|号码|号)*'
/** code → keyword: "123456 is my code", "123456是验证码", "654321 (验证码)". */
const FILLER_BEFORE =
  `(?:${PUNCT}|\\b(?:is|was|are|were|as|my|the|your|his|her|their|our|a|an|new|latest|last|sms|email|google|login|withdrawal|that|this|which|correct|wrong|valid|invalid|expired|old|same)\\b` +
  '|是|为|我的|他的|她的|用户的|的|作为|这个|那个|就是|还是)*'

const CODE_LEFT = new RegExp(`${CODE_KW}(${FILLER_AFTER})$`, 'i')
const CODE_RIGHT = new RegExp(`^(${FILLER_BEFORE})${CODE_KW}`, 'i')

/** Strong ID keywords only: a bare "ID" is too often a user ID. */
const ID_KW = '(?:身份证|证件|身份号|居民身份|hkid|hk\\s?id|identity|\\bid\\s?card|(?<!\\buser\\s?)\\bid\\s?(?:no\\b|number))'
const ID_FILLER = `(?:${PUNCT}|\\b(?:no|number|num|is|was|the|my|his|her|their|of)\\b|号码|号|是|为|的)*`
const ID_LEFT = new RegExp(`${ID_KW}(${ID_FILLER})$`, 'i')

const PASSPORT_KW = '(?:\\bpassports?\\b|\\bpp\\b|\\btravel\\s?permit\\b|护照|通行证|旅行证|回乡证|台胞证)'
const PASSPORT_ANYWHERE = new RegExp(PASSPORT_KW, 'i')
const PASSPORT_LEFT = new RegExp(`${PASSPORT_KW}(${ID_FILLER})$`, 'i')
const PASSPORT_RIGHT = new RegExp(`^(${FILLER_BEFORE})${PASSPORT_KW}`, 'i')

/** Words before a document-shaped number that make it something else: "order E12345678". */
const NOT_A_DOCUMENT_LEFT = new RegExp(
  '(?:\\b(?:order|ref|reference|invoice|tracking|ticket|case|sku|model|serial|tx|txid|hash|part|item|product|batch|lot|flight|train|booking|promo|coupon|voucher|code)\\b' +
    `|订单|单号|运单|快递|工单|编号|型号|序列号)(?:${PUNCT}|\\b(?:no|number|num|is|was|id)\\b|号码|号|是|为)*$`,
  'i',
)

/** A person reporting a number, with no code keyword: "user says 482913", "typed 135790", "用户说 482913". */
const REPORT_VERB =
  '(?:\\b(?:says?|said|saying|reads?|typed|types|typing|entered|enters|entering|got|gets|received|receives|gave|gives|provided|provides|shared|shares|sent|sends|pasted|reported|reports|quoted|quotes)\\b' +
  '|说|收到|输入|填了|填写|发来|提供|给了|报了)'
const REPORT_FILLER = `(?:${PUNCT}|\\b(?:me|us|it|is|was|the|a|number|digits|that|this|to|again|now|just)\\b|是|了|的|我|号码|数字)*`
const REPORTED_LEFT = new RegExp(`${REPORT_VERB}(${REPORT_FILLER})$`, 'i')
/** What makes a reported number something other than a code: a unit or another identifier after it. */
const NOT_A_CODE_RIGHT = new RegExp(
  `^(?:${PUNCT}|\\b(?:is|was|as|the|his|her|their|my|an?|for|of|in)\\b)*` +
    '(?:\\b(?:uid|user\\s?id|account|acct|phone|mobile|tel|order|ticket|case|ref|reference|invoice|amount|usdt|usd|cny|rmb|yuan|btc|eth|minutes?|mins?|seconds?|secs?|hours?|hrs?|days?|times|ms)\\b' +
    '|手机|电话|账号|账户|订单|元|块|分钟|秒|小时|天|次)',
  'i',
)

/**
 * A label naming the number as another identifier: "UID 35001234，验证码收不到" and "phone 13800138 code
 * never arrives" talk about the code, they do not give it.
 */
const IDENTIFIER_LEFT = new RegExp(
  `(?:\\b(?:uid|user\\s?id|account(?:\\s?id)?|acct|phone|mobile|tel)|用户\\s?id|用户编号|账号|账户|手机|电话)(?:${PUNCT}|\\b(?:is|was|no|number)\\b|是|为|号码|号)*$`,
  'i',
)

const KEY_KW = /(?:secret|\bkeys?\b|\bseed\b|setup|authenticator|\bauth\b|2fa|totp|密钥|秘钥|种子|验证器)/i

/** How far from the secret a keyword may stand, and how much filler may sit between them. */
const WINDOW = 48
const MAX_FILLER = 30
const MAX_FILLER_WORDS = 4

/**
 * Counts the detector's work (regular-expression matches handled, characters of keyword windows read,
 * characters and comparisons spent resolving overlaps), so a test can check that the work grows linearly
 * with the text. Pass one to `findSecrets`; it is only added to.
 */
export interface GuardMeter {
  steps: number
}

/** One run of the detectors over one (folded) text. */
interface Scan {
  t: string
  out: SecretFinding[]
  meter: GuardMeter
}

function fillerOk(filler: string): boolean {
  if (filler.length > MAX_FILLER) return false
  const words = filler.match(/[a-z']+/gi)?.length ?? 0
  return words <= MAX_FILLER_WORDS
}

function keywordBefore(scan: Scan, start: number, re: RegExp): boolean {
  scan.meter.steps += WINDOW
  const m = re.exec(scan.t.slice(Math.max(0, start - WINDOW), start))
  return m !== null && fillerOk(m[1] ?? '')
}

function keywordAfter(scan: Scan, end: number, re: RegExp): boolean {
  scan.meter.steps += WINDOW
  const m = re.exec(scan.t.slice(end, end + WINDOW))
  return m !== null && fillerOk(m[1] ?? '')
}

function matchesBefore(scan: Scan, start: number, re: RegExp): boolean {
  scan.meter.steps += WINDOW
  return re.test(scan.t.slice(Math.max(0, start - WINDOW), start))
}

function matchesAfter(scan: Scan, end: number, re: RegExp): boolean {
  scan.meter.steps += WINDOW
  return re.test(scan.t.slice(end, end + WINDOW))
}

// ---------------------------------------------------------------------------------------------------
// previews

/** Shows at most the first 2 characters (none for short values) and stars for the rest. */
export function secretPreview(raw: string): string {
  const compact = raw.replace(/[\s()-]/g, '')
  const n = [...compact].length
  const keep = Math.min(2, Math.floor(n / 5))
  return [...compact].slice(0, keep).join('') + '*'.repeat(n - keep)
}

// ---------------------------------------------------------------------------------------------------
// detectors

const DIGIT_RUN = /(?<![A-Za-z0-9_+\-./\\])(?:\d{4,8}|\d{3}[ -]\d{3})(?![A-Za-z0-9_]|[.,:/-]\d)/g

/** An 8-digit run that reads as a date (20261124) is not taken as a reported code. */
function looksLikeDate(digits: string): boolean {
  return digits.length === 8 && isValidDate(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)), 1900, 2099)
}

function findCodes(scan: Scan): void {
  for (const m of scan.t.matchAll(DIGIT_RUN)) {
    scan.meter.steps++
    const start = m.index
    const end = start + m[0].length
    let code =
      keywordBefore(scan, start, CODE_LEFT) || (keywordAfter(scan, end, CODE_RIGHT) && !matchesBefore(scan, start, IDENTIFIER_LEFT))
    if (!code) {
      const digits = m[0].replace(/\D/g, '')
      code =
        digits.length >= 6 &&
        !looksLikeDate(digits) &&
        keywordBefore(scan, start, REPORTED_LEFT) &&
        !matchesAfter(scan, end, NOT_A_CODE_RIGHT)
    }
    if (code) scan.out.push({ kind: 'verification-code', start, end, preview: secretPreview(m[0]) })
  }
}

const CN18 = /(?<![A-Za-z0-9])\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx](?![A-Za-z0-9])/g
const CN15 = /(?<![A-Za-z0-9])\d{15}(?![A-Za-z0-9])/g
const HKID = /(?<![A-Za-z0-9])([A-Za-z]{1,2})(\d{6})(?: ?\(([0-9Aa])\)|([0-9Aa]))(?![A-Za-z0-9])/g
const PASSPORT = /(?<![A-Za-z0-9])[A-Za-z]{0,2}\d{6,9}(?![A-Za-z0-9])/g
const BARE_DOCUMENT = /(?<![A-Za-z0-9])(?:[CDEGHKLMPST]\d{8}|[CDEGKMPS][A-Z]\d{7})(?![A-Za-z0-9])/gi

function findIds(scan: Scan): void {
  const { t, out } = scan
  // each family is only scanned for when the cheap test of what it needs passes (most texts: none)
  if (/\d{6}[ -]?\d{8}/.test(t))
    for (const m of t.matchAll(CN18)) {
      scan.meter.steps++
      const compact = m[0].replace(/[ -]/g, '')
      const start = m.index
      const grouped = compact.length !== m[0].length
      // a grouped form is only taken when it is valid or labelled (otherwise it is more likely three numbers)
      const id = grouped ? isCnResidentId18(compact) : isCnResidentIdShaped(compact)
      if (id || keywordBefore(scan, start, ID_LEFT)) {
        out.push({ kind: 'id-number', document: 'cn-resident-id', start, end: start + m[0].length, preview: secretPreview(m[0]) })
      }
    }
  if (/\d{15}/.test(t))
    for (const m of t.matchAll(CN15)) {
      scan.meter.steps++
      if (isCnResidentId15(m[0]) && keywordBefore(scan, m.index, ID_LEFT)) {
        out.push({ kind: 'id-number', document: 'cn-resident-id-15', start: m.index, end: m.index + 15, preview: secretPreview(m[0]) })
      }
    }
  if (/[A-Za-z]\d{6}/.test(t))
    for (const m of t.matchAll(HKID)) {
      scan.meter.steps++
      const letters = m[1] ?? ''
      const digits = m[2] ?? ''
      const bracketed = m[3]
      const check = bracketed ?? m[4] ?? ''
      if (!isHkId(letters, digits, check)) continue
      if (bracketed === undefined && !keywordBefore(scan, m.index, ID_LEFT)) continue
      out.push({ kind: 'id-number', document: 'hk-id', start: m.index, end: m.index + m[0].length, preview: secretPreview(m[0]) })
    }
  if (PASSPORT_ANYWHERE.test(t))
    for (const m of t.matchAll(PASSPORT)) {
      scan.meter.steps++
      const end = m.index + m[0].length
      if (keywordBefore(scan, m.index, PASSPORT_LEFT) || keywordAfter(scan, end, PASSPORT_RIGHT)) {
        out.push({ kind: 'id-number', document: 'passport', start: m.index, end, preview: secretPreview(m[0]) })
      }
    }
  if (/[A-Za-z]\d{7}/.test(t))
    for (const m of t.matchAll(BARE_DOCUMENT)) {
      scan.meter.steps++
      if (matchesBefore(scan, m.index, NOT_A_DOCUMENT_LEFT)) continue
      out.push({ kind: 'id-number', document: 'passport', start: m.index, end: m.index + m[0].length, preview: secretPreview(m[0]) })
    }
}

const KEY_LENGTHS = new Set([16, 24, 26, 32])
const B32_LEFT = '(?<![A-Za-z0-9@._\\/\\\\+\\-])'
const B32_RIGHT = '(?![A-Za-z0-9@_\\/\\\\]|[.\\-][A-Za-z0-9])'
const B32_CONTIGUOUS = new RegExp(`${B32_LEFT}[A-Za-z2-7]{16,32}${B32_RIGHT}`, 'g')
const B32_GROUPED = new RegExp(`${B32_LEFT}[A-Za-z2-7]{4}([ -])[A-Za-z2-7]{4}(?:\\1[A-Za-z2-7]{4})*(?:\\1[A-Za-z2-7]{2})?${B32_RIGHT}`, 'g')

/**
 * The base32 heuristic (see the file comment). `chars` has no separators; `grouped`: it was written in
 * groups of four (the only form in which mixed case is taken).
 */
export function looksLikeBase32Key(chars: string, keywordNear: boolean, grouped = false): boolean {
  if (!KEY_LENGTHS.has(chars.length) || !/^[A-Za-z2-7]+$/.test(chars)) return false
  const upper = /[A-Z]/.test(chars)
  const lower = /[a-z]/.test(chars)
  const letters = chars.replace(/[2-7]/g, '')
  const digits = chars.length - letters.length
  if (letters.length * 2 < chars.length) return false
  const vowelRatio = (letters.match(/[aeiou]/gi)?.length ?? 0) / letters.length
  if (upper && lower) return grouped && digits > 0 && vowelRatio <= (keywordNear ? 0.5 : 0.35)
  if (digits > 0) return vowelRatio <= 0.5
  // no digit: English words nearly all hold a vowel or y, random base32 groups often do not
  const vowelless = (chars.match(/.{4}/g) ?? []).some((g) => !/[aeiouy]/i.test(g))
  return vowelless && vowelRatio <= (keywordNear ? 0.35 : 0.25)
}

function keyKeywordNear(scan: Scan, start: number): boolean {
  scan.meter.steps += WINDOW
  return KEY_KW.test(scan.t.slice(Math.max(0, start - WINDOW), start))
}

/** Windows of whole groups, longest first: 8 groups (32), 6 + a 2-character tail (26), 6 (24), 4 (16). */
const GROUP_SHAPES: ReadonlyArray<{ n: number; tail: boolean }> = [
  { n: 8, tail: false },
  { n: 7, tail: true },
  { n: 6, tail: false },
  { n: 4, tail: false },
]

function findKeys(scan: Scan): void {
  const { t, out } = scan
  for (const m of t.matchAll(B32_CONTIGUOUS)) {
    scan.meter.steps++
    if (looksLikeBase32Key(m[0], keyKeywordNear(scan, m.index))) {
      out.push({ kind: 'authenticator-key', start: m.index, end: m.index + m[0].length, preview: secretPreview(m[0]) })
    }
  }
  for (const m of t.matchAll(B32_GROUPED)) {
    const sep = m[1] ?? ' '
    const groups = m[0].split(sep)
    scan.meter.steps += groups.length
    const offsets: number[] = []
    let pos = m.index
    for (const g of groups) {
      offsets.push(pos)
      pos += g.length + 1
    }
    const taken: boolean[] = groups.map(() => false)
    // among windows of one length the most key-like wins (a key after a 4-letter word: "code jbsw y3dp ...")
    for (const { n, tail } of GROUP_SHAPES) {
      const candidates: Array<{ s: number; chars: string; score: number }> = []
      for (let s = 0; s + n <= groups.length; s++) {
        scan.meter.steps += n
        const slice = groups.slice(s, s + n)
        const okShape = tail
          ? s + n === groups.length && slice.slice(0, -1).every((g) => g.length === 4) && slice[n - 1]?.length === 2
          : slice.every((g) => g.length === 4)
        if (!okShape) continue
        const chars = slice.join('')
        if (!looksLikeBase32Key(chars, keyKeywordNear(scan, offsets[s] ?? m.index), true)) continue
        const score = (chars.match(/[2-7]/g)?.length ?? 0) - (chars.match(/[aeiou]/gi)?.length ?? 0)
        candidates.push({ s, chars, score })
      }
      candidates.sort((a, b) => {
        scan.meter.steps++
        return b.score - a.score || a.s - b.s
      })
      for (const { s, chars } of candidates) {
        scan.meter.steps += n
        if (taken.slice(s, s + n).some(Boolean)) continue
        const start = offsets[s] ?? m.index
        const end = (offsets[s + n - 1] ?? start) + (groups[s + n - 1]?.length ?? 0)
        for (let i = s; i < s + n; i++) taken[i] = true
        out.push({ kind: 'authenticator-key', start, end, preview: secretPreview(chars) })
      }
    }
  }
}

const PRIORITY: Record<SecretKind, number> = { 'id-number': 3, 'authenticator-key': 2, 'verification-code': 1 }

/**
 * Keeps the longest (then most serious, then first) of overlapping findings; returns them in text order.
 * An occupancy map of the text makes each check cost the finding's own length, not the number of findings.
 */
function resolveOverlaps(scan: Scan): SecretFinding[] {
  const all = scan.out
  if (all.length <= 1) return all
  const ranked = [...all].sort((a, b) => {
    scan.meter.steps++
    return b.end - b.start - (a.end - a.start) || PRIORITY[b.kind] - PRIORITY[a.kind] || a.start - b.start
  })
  const occupied = new Uint8Array(scan.t.length)
  const kept: SecretFinding[] = []
  for (const f of ranked) {
    scan.meter.steps += f.end - f.start
    let free = true
    for (let i = f.start; i < f.end; i++) {
      if (occupied[i]) {
        free = false
        break
      }
    }
    if (!free) continue
    occupied.fill(1, f.start, f.end)
    kept.push(f)
  }
  return kept.sort((a, b) => {
    scan.meter.steps++
    return a.start - b.start
  })
}

const HAS_CANDIDATE = /[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/
/** What each family of detectors needs at the least (on the folded text). */
const SIX_DIGITS = /\d{6}/
const THREE_DIGITS = /\d{3}/

/**
 * What findKeys needs at the least, in one linear pass: a run of 16 base32 characters
 * (`/[A-Za-z2-7]{16}/`) or four groups of them separated by one space or hyphen, the middle two of
 * exactly four (`/[A-Za-z2-7]{4}[ -][A-Za-z2-7]{4}[ -][A-Za-z2-7]{4}[ -][A-Za-z2-7]{4}/`). The same answer
 * as those two regexes (a property test compares them), at a fraction of their cost on ordinary notes:
 * the regexes retried every letter of every word, the largest cost of a 100,000-case export's guard.
 */
export function mayHoldKey(t: string): boolean {
  let run = 0 // base32 characters right before i
  let groups = 0 // groups done before the current run (the first may be longer than four)
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 50 && c <= 55)) {
      run++
      if (run >= 16 || (run === 4 && groups >= 3)) return true
    } else if (c === 32 || c === 45) {
      groups = run === 4 && groups > 0 ? groups + 1 : run >= 4 ? 1 : 0
      run = 0
    } else {
      run = 0
      groups = 0
    }
  }
  return false
}

function detectSecrets(text: string, meter: GuardMeter): SecretFinding[] {
  const scan: Scan = { t: foldFullWidth(text), out: [], meter }
  meter.steps += text.length
  // cheap tests first: most notes hold no run of digits or letters long enough for any detector
  if (SIX_DIGITS.test(scan.t)) findIds(scan)
  if (mayHoldKey(scan.t)) findKeys(scan)
  if (THREE_DIGITS.test(scan.t)) findCodes(scan)
  return resolveOverlaps(scan)
}

/**
 * findSecrets without its memo of recent texts, for bulk work over texts that do not repeat (masking an
 * export's notes): the same findings, without hashing and storing every text.
 */
export function findSecretsOnce(text: string): SecretFinding[] {
  if (!text || !HAS_CANDIDATE.test(text)) return []
  return detectSecrets(text, { steps: 0 })
}

/** The last texts checked and their findings: a form, its draft and its notice ask about the same text. */
const recent = new Map<string, readonly SecretFinding[]>()
const RECENT_MAX = 8

/**
 * Every secret in `text`, in text order, never overlapping. Never throws. Linear in the text; `meter`,
 * when given, is charged with the work done (and the answer is computed afresh).
 */
export function findSecrets(text: string, meter?: GuardMeter): SecretFinding[] {
  if (!text || !HAS_CANDIDATE.test(text)) return []
  if (!meter) {
    const hit = recent.get(text)
    if (hit) return hit.map((f) => ({ ...f }))
  }
  const found = detectSecrets(text, meter ?? { steps: 0 })
  if (!meter) {
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string)
    recent.set(text, found)
    return found.map((f) => ({ ...f }))
  }
  return found
}

const NO_TOKENS: Record<SecretKind, string> = { 'verification-code': '', 'authenticator-key': '', 'id-number': '' }

function applyRedactions(text: string, findings: readonly SecretFinding[], language: Language | null): string {
  const tokens = language === null ? NO_TOKENS : (REDACTION_TOKENS[language] ?? REDACTION_TOKENS.en)
  const sorted = [...findings].filter((f) => f.start >= 0 && f.end <= text.length && f.start < f.end).sort((a, b) => a.start - b.start)
  let out = ''
  let pos = 0
  for (const f of sorted) {
    if (f.start < pos) continue
    out += text.slice(pos, f.start) + tokens[f.kind]
    pos = f.end
  }
  return out + text.slice(pos)
}

/**
 * Replaces secrets with a token such as `[verification code removed]` / `[已删除验证码]` (see
 * REDACTION_TOKENS; `language` is the editing agent's UI language).
 * Without `findings`, repeats detection until nothing is left (a redaction can put a keyword next to a
 * second code: "code 123456 654321"), so the result never contains a finding and redacting it again
 * changes nothing. With `findings` (e.g. the ones the user confirmed), replaces exactly those.
 * `meter`: as for findSecrets.
 */
export function redactSecrets(text: string, findings?: readonly SecretFinding[], language: Language = 'en', meter?: GuardMeter): string {
  if (findings) return applyRedactions(text, findings, language)
  let out = text
  for (let i = 0; i < 64; i++) {
    const found = findSecrets(out, meter)
    if (found.length === 0) return out
    out = applyRedactions(out, found, language)
  }
  return out
}

/**
 * Deletes the secrets outright (no note in their place), for short fields where the note would not fit (a
 * review's UID field holds 40 characters). Repeats detection like redactSecrets; spaces left doubled by a
 * deletion are closed up.
 */
export function removeSecrets(text: string): string {
  let out = text
  for (let i = 0; i < 64; i++) {
    const found = findSecrets(out)
    if (found.length === 0) return out
    out = applyRedactions(out, found, null)
      .replace(/[ \t]{2,}/g, ' ')
      .trim()
  }
  return out
}

/** What a guard refusal carries: the findings (to highlight) and the fully redacted text (to offer). */
export interface SecretsFound {
  findings: SecretFinding[]
  redacted: string
}
export type GuardResult = Result<string, SecretsFound>

/** For a save handler: the text when it holds no secret, or what was found. */
export function guardText(text: string, language: Language = 'en'): GuardResult {
  const findings = findSecrets(text)
  if (findings.length === 0) return { ok: true, value: text }
  return { ok: false, error: { findings, redacted: redactSecrets(text, undefined, language) } }
}

/** i18n keys (under `guard.kinds.` and `guard.documents.`) for a finding's kind and document. */
export const SECRET_KIND_I18N: Record<SecretKind, string> = {
  'verification-code': 'verificationCode',
  'authenticator-key': 'authenticatorKey',
  'id-number': 'idNumber',
}
export const ID_DOCUMENT_I18N: Record<IdDocument, string> = {
  'cn-resident-id': 'cnResidentId',
  'cn-resident-id-15': 'cnResidentId15',
  'hk-id': 'hkId',
  passport: 'passport',
}

const PROBLEM_KEYS: Record<SecretKind, string> = {
  'verification-code': 'errors.guard.verificationCode',
  'authenticator-key': 'errors.guard.authenticatorKey',
  'id-number': 'errors.guard.idNumber',
}

/**
 * The validation message for a field holding secrets (key `errors.guard.…`), naming the most serious
 * kind found, with the number of findings as `count`. null when there are none.
 */
export function secretProblem(findings: readonly SecretFinding[]): Problem | null {
  if (findings.length === 0) return null
  const worst = findings.reduce((a, b) => (PRIORITY[b.kind] > PRIORITY[a.kind] ? b : a))
  return { key: PROBLEM_KEYS[worst.kind], params: { count: findings.length } }
}
