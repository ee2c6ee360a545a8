import { normalizeCaseNumberQuery } from './caseNumber'
import { MATCH_RANK, type MatchKind } from './matchKind'
import {
  cleanPastedEmail,
  splitUidAndMobile,
  stripCaseLabel,
  stripEmailLabel,
  stripPhoneLabel,
  stripTrailingPunctuation,
  stripUidLabel,
} from './pasted'
import { reverseDigits, validE164 } from './phone'

export type { MatchKind } from './matchKind'

/** Minimum digits for a "last digits of the phone" search. */
export const SUFFIX_MIN_DIGITS = 4

/**
 * What to ask the indexes for a query typed in the lookup box. Every entry is one index range:
 * exact values or prefixes (a suffix search is a prefix search on reversed digits).
 */
export interface LookupPlan {
  uidExact: string | null
  uidPrefix: string | null
  phoneExact: string[]
  phoneRevPrefix: string | null
  emailPrefix: string | null
  caseNumberPrefix: string | null
}

export const emptyPlan = (): LookupPlan => ({
  uidExact: null,
  uidPrefix: null,
  phoneExact: [],
  phoneRevPrefix: null,
  emailPrefix: null,
  caseNumberPrefix: null,
})

const SEPARATORS = /[\s\u00a0\u3000\-‐‑–—_.()（）/]/g

/**
 * A look-up plan in two steps: `plan` holds every part that needs no phone parsing (its `phoneExact` is
 * empty), and `phones()` runs libphonenumber for the candidate numbers. The data layer issues the other reads
 * first and parses while IndexedDB answers them, then leaves out the number reads those reads already hold.
 * planLookup is both steps at once.
 */
export interface StagedLookup {
  plan: LookupPlan
  phones: () => string[]
}

const noPhones = (): string[] => []

/** Stages the look-up for a UID, a phone in any common form, its last 4+ digits, an email, or a case number. */
export function stageLookup(rawQuery: string): StagedLookup {
  const plan = emptyPlan()
  const text = rawQuery
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .trim()
  if (text === '') return { plan, phones: noPhones }

  // an email as pasted ("邮箱：Li.Wei@Gmail.com。", "Li Wei <li.wei@gmail.com>"), read as the intake reads it
  if (text.includes('@')) {
    plan.emailPrefix = cleanPastedEmail(text).toLowerCase().replace(/\s+/g, '') || null
    return { plan, phones: noPhones }
  }

  // a label the agent copied with the value ("UID 35001234", "手机号：138…", "Phone number: …"), then the sentence's end
  const q = stripTrailingPunctuation(stripCaseLabel(stripEmailLabel(stripPhoneLabel(stripUidLabel(text.replace(/^tel:/i, ''))))))
  if (q === '') return { plan, phones: noPhones }

  // a UID and a mobile number copied together ("35001234 13800138000"): the case of either
  const both = splitUidAndMobile(q)
  if (both) {
    plan.uidExact = both.uid
    return { plan, phones: () => [validE164(both.mobile)].filter((p): p is string => p !== null) }
  }

  const caseNumber = /^vc/i.test(q) ? normalizeCaseNumberQuery(q) : null
  if (caseNumber) {
    plan.caseNumberPrefix = caseNumber
    return { plan, phones: noPhones }
  }

  const compact = q.replace(SEPARATORS, '')
  if (/^\+?\d+$/.test(compact)) {
    const digits = compact.replace(/^\+/, '')
    if (!compact.startsWith('+')) {
      plan.uidExact = digits
      plan.uidPrefix = digits.length >= 3 ? digits : null
    }
    if (digits.length >= SUFFIX_MIN_DIGITS) plan.phoneRevPrefix = reverseDigits(digits)
    const phones = (): string[] => {
      const found = new Set<string>()
      const national = validE164(compact)
      if (national) found.add(national)
      // digits that could be an international number typed without "+": 85291234567
      if (!compact.startsWith('+') && !digits.startsWith('0')) {
        const intl = validE164(`+${digits}`)
        if (intl) found.add(intl)
      }
      return [...found]
    }
    return { plan, phones }
  }

  // letters only: could be the start of an email
  if (/^[\w.+-]+$/.test(q)) plan.emailPrefix = q.toLowerCase()
  return { plan, phones: noPhones }
}

/** Plans the look-up for a UID, a phone in any common form, its last 4+ digits, an email, or a case number. */
export function planLookup(rawQuery: string): LookupPlan {
  const { plan, phones } = stageLookup(rawQuery)
  plan.phoneExact = phones()
  return plan
}

export interface Match<T> {
  record: T
  kind: MatchKind
}

/** Keeps each record once, with its best match kind; orders by match kind then newest first. */
export function rankMatches<T extends { id?: number; updatedAt: number }>(matches: Match<T>[]): Match<T>[] {
  const best = new Map<number, Match<T>>()
  for (const m of matches) {
    const id = m.record.id ?? -1
    const prev = best.get(id)
    if (!prev || MATCH_RANK[m.kind] < MATCH_RANK[prev.kind]) best.set(id, m)
  }
  return [...best.values()].sort((a, b) => MATCH_RANK[a.kind] - MATCH_RANK[b.kind] || b.record.updatedAt - a.record.updatedAt)
}
