/**
 * Chat intake: reads one or more pasted chat messages (Chinese, English or both, full-width digits and
 * punctuation, spaces inside numbers) and proposes case facts, each with the span(s) of the text it came
 * from so the agent sees where. Nothing is filled until the agent accepts (see ./apply.ts).
 *
 * Rules:
 * - Secrets first: verification codes, authenticator keys and ID numbers (the secret guard,
 *   src/domain/guard) are reported by kind and count, masked, and nothing overlapping one is proposed.
 * - Email addresses (validated like the form does) and the mailbox provider of their domain.
 * - Phone numbers: libphonenumber-js finds them in the text (mainland China by default, so
 *   `13800138000`, `+86 138 0013 8000`, `008613800138000`, `138-0013-8000`, full-width digits). Service
 *   numbers (toll-free, shared-cost, premium) are left out.
 * - UIDs: a number after a UID label (`UID`, `uid：`, `用户ID`… from the words files), with spaces or dashes
 *   inside; or a bare run of 7-20 digits that is nothing else (proposed as "no label", not preselected).
 *   A number after a UID label is not also proposed as a phone, unless a phone label stands beside the
 *   UID label ("UID/手机：13800138000"): then both are proposed and marked as ambiguous.
 * - Words (carrier, phone brand → OS, blocking app, channel, symptom, operation, mailbox provider) and
 *   methods the user says they already tried, from the words files: the longest word wins where words
 *   of one field overlap; a word inside one of its `not` phrases does not count; a tried-method phrase
 *   right after a negation ("还没打10086", "I haven't called 10086") does not count.
 * - The user's language from the script: Chinese when Han characters are at least as many as Latin words.
 * - Ambiguity is shown, not guessed: two values for a field that holds one (two phone numbers, two
 *   carriers) are both proposed, marked as a conflict and not preselected; the agent picks.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js/max'
import { findSecrets, type SecretFinding, type SecretKind } from '../guard/secrets'
import type { Language, MethodId } from '../model'
import { normalizeEmail } from '../case/email'
import { formatPhoneInternational, normalizePhone } from '../case/phone'
import { normalizeUid, UID_MAX_DIGITS, UID_MIN_DIGITS } from '../case/uid'
import { foldForMatching, overlaps, overlapsAny, termSource, type Range } from './text'
import { WORD_FIELDS, type IntakeWords, type LabelKind, type TriedOutcome, type WordField, type WordFieldValues } from './words'

/** Longer chats are read up to here (about ten pages of messages). */
export const MAX_CHAT_CHARS = 20_000
/** The shortest bare number (no UID label) proposed as a UID: shorter runs are too often codes or amounts. */
export const UNLABELLED_UID_MIN_DIGITS = 7

export const INTAKE_FIELDS = [
  'uid',
  'phone',
  'email',
  'emailProvider',
  'channel',
  'symptom',
  'operation',
  'carrier',
  'phoneOs',
  'blockingApp',
  'language',
  'method',
] as const
export type IntakeField = (typeof INTAKE_FIELDS)[number]

/** Fields a case holds one value of: two different proposals for one of them are a conflict. */
const SINGLE_VALUED: ReadonlySet<IntakeField> = new Set([
  'uid',
  'phone',
  'email',
  'emailProvider',
  'symptom',
  'operation',
  'carrier',
  'phoneOs',
  'blockingApp',
  'language',
])

export interface SourceSpan extends Range {
  /** The original text of the span (what is highlighted). */
  text: string
}

/**
 * unlabelled: a bare number proposed as a UID; uid-or-phone: a number after both a UID and a phone
 * label; from-address: a mailbox provider read from an email address's domain.
 */
export type ProposalNote = 'unlabelled' | 'uid-or-phone' | 'from-address'

export interface ProposedOutcome {
  methodId: MethodId
  status: TriedOutcome
}

interface ProposalBase {
  /** Unique within one result: field and value. */
  id: string
  /** Where it came from, in text order (at least one, except for the language). */
  spans: SourceSpan[]
  /** Another proposal gives a different value for the same single-valued field (or method). */
  conflict: boolean
  notes: ProposalNote[]
  /** Whether the list starts with it ticked: not when in conflict, ambiguous or unlabelled. */
  preselected: boolean
}

type WordProposal = { [F in WordField]: ProposalBase & { field: F; value: WordFieldValues[F] } }[WordField]

export type Proposal =
  | (ProposalBase & { field: 'uid'; value: string })
  /** value: E.164; display: the international format the form shows. */
  | (ProposalBase & { field: 'phone'; value: string; display: string })
  | (ProposalBase & { field: 'email'; value: string })
  | (ProposalBase & { field: 'language'; value: Language })
  | (ProposalBase & { field: 'method'; value: ProposedOutcome })
  | WordProposal

export interface DroppedSecrets {
  kind: SecretKind
  count: number
}

export interface IntakeResult {
  proposals: Proposal[]
  /** The secrets found (masked previews and positions only), so the preview can hide them. Never proposed. */
  secrets: SecretFinding[]
  /** How many secrets of each kind were left out. */
  dropped: DroppedSecrets[]
  /** The chat was longer than MAX_CHAT_CHARS: only its beginning was read. */
  truncated: boolean
  /** The text that was read (the chat, or its beginning): every span's offsets refer to it. */
  text: string
}

// ---------------------------------------------------------------- compiled words

interface CompiledEntry<V> {
  value: V
  words: RegExp
  not: RegExp | null
}

interface Matcher {
  fields: { [F in WordField]: CompiledEntry<WordFieldValues[F]>[] }
  tried: Array<CompiledEntry<ProposedOutcome>>
  /** `(uid labels)|(phone labels)` followed by nothing but filler to the end of a string. */
  labelTail: RegExp | null
  joinerTail: RegExp
  negation: RegExp | null
}

const alternation = (terms: readonly string[]): string =>
  [...terms]
    .sort((a, b) => b.length - a.length)
    .map(termSource)
    .join('|')

const globalRe = (terms: readonly string[]): RegExp | null => (terms.length === 0 ? null : new RegExp(alternation(terms), 'g'))

/** Punctuation that may stand between a label and its number, after folding. */
const LABEL_PUNCT = `[\\s:=#()\\[\\]{}<>【】「」《》"'“”,、。-]`
const JOIN_PUNCT = `[\\s/&、,，+|]`

const cache = new WeakMap<IntakeWords, Matcher>()

function compile(words: IntakeWords): Matcher {
  const hit = cache.get(words)
  if (hit) return hit
  const entries = <V>(list: Array<{ value: V; entry: { words: string[]; not: string[] } }>): CompiledEntry<V>[] =>
    list.map(({ value, entry }) => ({ value, words: globalRe(entry.words) as RegExp, not: globalRe(entry.not) }))
  const fields = {} as Matcher['fields']
  for (const f of WORD_FIELDS)
    (fields as Record<string, unknown>)[f] = entries(
      words.fields[f] as Array<{ value: unknown; entry: { words: string[]; not: string[] } }>,
    )
  const uid = words.labels.uid.length ? alternation(words.labels.uid) : '(?!)'
  const phone = words.labels.phone.length ? alternation(words.labels.phone) : '(?!)'
  const fillers = words.fillers.length ? `|${alternation(words.fillers)}` : ''
  const joiners = words.joiners.length ? `|${alternation(words.joiners)}` : ''
  const m: Matcher = {
    fields,
    tried: words.tried.map((t) => ({
      value: { methodId: t.method, status: t.outcome },
      words: globalRe(t.words) as RegExp,
      not: globalRe(t.not),
    })),
    labelTail:
      words.labels.uid.length + words.labels.phone.length > 0 ? new RegExp(`(?:(${uid})|(${phone}))(?:${LABEL_PUNCT}${fillers})*$`) : null,
    joinerTail: new RegExp(`(?:${JOIN_PUNCT}${joiners})*$`),
    negation: words.negations.length ? new RegExp(alternation(words.negations)) : null,
  }
  cache.set(words, m)
  return m
}

// ---------------------------------------------------------------- helpers

const spanOf = (text: string, start: number, end: number): SourceSpan => ({ start, end, text: text.slice(start, end) })

/** Which labels (UID, phone) stand right before `pos`: "UID：", "手机号", "UID/手机：". */
function labelsBefore(m: Matcher, t: string, pos: number): Set<LabelKind> {
  const kinds = new Set<LabelKind>()
  if (!m.labelTail) return kinds
  let end = pos
  for (let i = 0; i < 4; i++) {
    const win = t.slice(Math.max(0, end - 48), end)
    const label = m.labelTail.exec(win)
    if (!label) break
    kinds.add(label[1] !== undefined ? 'uid' : 'phone')
    const before = win.slice(0, label.index)
    const joiner = m.joinerTail.exec(before)?.[0].length ?? 0
    if (joiner === 0) break
    end -= win.length - before.length + joiner
  }
  return kinds
}

function matchesOf(re: RegExp | null, t: string): Range[] {
  if (!re) return []
  const out: Range[] = []
  for (const x of t.matchAll(re)) if (x[0].length > 0) out.push({ start: x.index, end: x.index + x[0].length })
  return out
}

/** Longest first (then earliest), never overlapping; returned in text order. */
function longestFirst<T extends Range>(all: T[]): T[] {
  const ranked = [...all].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: T[] = []
  for (const r of ranked) if (!overlapsAny(r, kept)) kept.push(r)
  return kept.sort((a, b) => a.start - b.start)
}

const inside = (r: Range, list: readonly Range[]): boolean => list.some((o) => o.start <= r.start && r.end <= o.end)

// ---------------------------------------------------------------- detectors

const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![a-z0-9-])/g
const URL = /(?:https?:\/\/|www\.)[^\s"'<>]+/g
/**
 * Digit runs with single spaces or dashes inside (`3500 1234`, `138-0013-8000`). A run does not start after
 * a dash (the rest of a date or a code), except one after an "id" label ("uid-35001234", "用户id-…").
 */
const RUN = /(?<![0-9+./_\\])(?<!(?<!id)-)[0-9](?:[0-9]|[ -](?=[0-9]))*(?![0-9_])/g
const SERVICE_TYPES = new Set(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'UAN', 'VOICEMAIL', 'PAGER'])

interface Found<V> extends Range {
  field: IntakeField
  value: V
  key: string
  notes: ProposalNote[]
  extra?: Record<string, string>
}

/**
 * Chinese when the Han characters are at least as many as the English words. Acronyms in capitals (UID,
 * SMS, USDT) and single letters are common in Chinese chats and do not count as English words; numbers,
 * links, addresses and secrets do not count at all.
 */
function detectLanguage(text: string, blocked: readonly Range[]): Language | null {
  let rest = ''
  let pos = 0
  for (const b of [...blocked].sort((a, c) => a.start - c.start)) {
    if (b.start > pos) rest += text.slice(pos, b.start) + ' '
    pos = Math.max(pos, b.end)
  }
  rest = (rest + text.slice(pos)).normalize('NFKC')
  const han = rest.match(/\p{Script=Han}/gu)?.length ?? 0
  const latin = (rest.match(/[A-Za-z]{2,}(?:'[A-Za-z]+)?/g) ?? []).filter((w) => !/^[A-Z]+$/.test(w)).length
  if (han > 0 && han >= latin) return 'zh-CN'
  if (latin > 0) return 'en'
  return han > 0 ? 'zh-CN' : null
}

/** libphonenumber-js's finder; a failure there leaves the other proposals. */
function findNumbersSafely(text: string): ReturnType<typeof findPhoneNumbersInText> {
  try {
    return findPhoneNumbersInText(text, { defaultCountry: 'CN' })
  } catch {
    return []
  }
}

// ---------------------------------------------------------------- extraction

/**
 * The proposals for a pasted chat (see the module comment). Pure and total: never throws, whatever the
 * text; every span lies inside `result.text` and its `text` is what it covers.
 */
export function extractFromChat(input: string, words: IntakeWords): IntakeResult {
  let text = typeof input === 'string' ? input : ''
  let truncated = false
  if (text.length > MAX_CHAT_CHARS) {
    let cut = MAX_CHAT_CHARS
    if (/[\ud800-\udbff]/.test(text.charAt(cut - 1))) cut--
    text = text.slice(0, cut)
    truncated = true
  }
  const m = compile(words)
  const t = foldForMatching(text)

  // 1. secrets: never proposed, counted by kind
  const secrets = findSecrets(text)
  const secretValues = new Set(
    secrets.map((s) =>
      text
        .slice(s.start, s.end)
        .normalize('NFKC')
        .replace(/[\s()-]/g, '')
        .toUpperCase(),
    ),
  )
  const dropped: DroppedSecrets[] = []
  for (const s of secrets) {
    const d = dropped.find((x) => x.kind === s.kind)
    if (d) d.count++
    else dropped.push({ kind: s.kind, count: 1 })
  }

  const found: Found<unknown>[] = []
  const blocked: Range[] = [...secrets]

  // 2. links and email addresses
  const urls = matchesOf(URL, t)
  blocked.push(...urls)
  const emails: Range[] = []
  for (const r of matchesOf(EMAIL, t)) {
    if (overlapsAny(r, blocked)) continue
    const n = normalizeEmail(text.slice(r.start, r.end))
    if (!n.ok) continue
    emails.push(r)
    found.push({ ...r, field: 'email', value: n.value.display, key: n.value.lower, notes: [] })
    if (n.value.provider !== 'other') {
      const at = text.lastIndexOf('@', r.end - 1)
      found.push({
        start: at + 1,
        end: r.end,
        field: 'emailProvider',
        value: n.value.provider,
        key: n.value.provider,
        notes: ['from-address'],
      })
    }
  }
  blocked.push(...emails)

  // 3. phone numbers
  interface PhoneHit extends Range {
    e164: string
    ambiguous: boolean
    dropped: boolean
  }
  const phones: PhoneHit[] = []
  // a number repeated in a chat is checked once: its E.164 form, or null for a service number or invalid
  const checked = new Map<string, string | null>()
  for (const f of findNumbersSafely(text)) {
    const r = { start: f.startsAt, end: f.endsAt }
    if (r.start < 0 || r.end > text.length || r.start >= r.end || overlapsAny(r, blocked)) continue
    const raw = text.slice(r.start, r.end)
    let e164 = checked.get(raw)
    if (e164 === undefined) {
      const type = f.number.getType()
      const n = type !== undefined && SERVICE_TYPES.has(type) ? null : normalizePhone(raw)
      e164 = n?.ok ? n.value.e164 : null
      checked.set(raw, e164)
    }
    if (e164) phones.push({ ...r, e164, ambiguous: false, dropped: false })
  }

  // 4. UIDs: numbers after a UID label; bare runs of digits that are nothing else
  const uids: Range[] = []
  const runs = matchesOf(RUN, t)
  for (const run of runs) {
    if (run.end - run.start < UID_MIN_DIGITS || overlapsAny(run, blocked)) continue
    const kinds = labelsBefore(m, t, run.start)
    const prev = t.charAt(run.start - 1)
    const next = t.charAt(run.end)
    const after = t.slice(run.end, run.end + 2)
    if (/[a-z]/.test(next) || /^[.,:/][0-9]/.test(after)) continue
    if (kinds.has('uid')) {
      // "UID 35001234 13800138000": the UID ends where a phone number starts; a run too long for a UID
      // ("UID 35001234 5678 9012 3456 789") is read up to its first space or dash
      let r: Range = run
      const phoneInside = phones.find((p) => p.start > run.start && p.start < run.end)
      if (phoneInside) r = { start: run.start, end: run.start + t.slice(run.start, phoneInside.start).trimEnd().replace(/-$/, '').length }
      else if (t.slice(run.start, run.end).replace(/\D/g, '').length > UID_MAX_DIGITS) {
        r = { start: run.start, end: run.start + (/^[0-9]+/.exec(t.slice(run.start, run.end))?.[0].length ?? 0) }
      }
      const n = normalizeUid(text.slice(r.start, r.end))
      if (!n.ok) continue
      const ambiguous = kinds.has('phone')
      for (const p of phones) {
        if (!overlaps(p, r)) continue
        if (ambiguous) p.ambiguous = true
        else p.dropped = true
      }
      uids.push(r)
      found.push({
        ...r,
        field: 'uid',
        value: n.value,
        key: n.value,
        notes: ambiguous && phones.some((p) => overlaps(p, r)) ? ['uid-or-phone'] : [],
      })
      continue
    }
    if (kinds.size > 0 || /[a-z]/.test(prev)) continue
    const raw = t.slice(run.start, run.end)
    if (!/^[0-9]+$/.test(raw) || raw.length < UNLABELLED_UID_MIN_DIGITS || raw.length > UID_MAX_DIGITS) continue
    if (phones.some((p) => overlaps(p, run))) continue
    const n = normalizeUid(raw)
    if (!n.ok) continue
    uids.push(run)
    found.push({ ...run, field: 'uid', value: n.value, key: n.value, notes: ['unlabelled'] })
  }
  for (const p of phones) {
    if (p.dropped) continue
    found.push({
      ...p,
      field: 'phone',
      value: p.e164,
      key: p.e164,
      notes: p.ambiguous ? ['uid-or-phone'] : [],
      extra: { display: formatPhoneInternational(p.e164) },
    })
  }
  blocked.push(...phones, ...uids)

  // 5. words, per field: the longest word wins; `not` phrases and numbers, links, secrets excluded
  for (const field of WORD_FIELDS) {
    const hits: Array<Range & { value: string }> = []
    for (const e of m.fields[field] as CompiledEntry<string>[]) {
      const nots = matchesOf(e.not, t)
      for (const r of matchesOf(e.words, t)) {
        if (overlapsAny(r, blocked) || inside(r, nots)) continue
        // "邮箱：x@qq.com" names the address, not an affected channel
        if (
          field === 'channel' &&
          e.value === 'email' &&
          emails.some((a) => a.start >= r.end && /^[\s:=是为的(),-]{0,4}$/.test(t.slice(r.end, a.start)))
        )
          continue
        hits.push({ ...r, value: e.value })
      }
    }
    for (const h of longestFirst(hits)) found.push({ start: h.start, end: h.end, field, value: h.value, key: h.value, notes: [] })
  }

  // 6. methods the user says they already tried
  const tried: Array<Range & { value: ProposedOutcome }> = []
  for (const e of m.tried) {
    const nots = matchesOf(e.not, t)
    for (const r of matchesOf(e.words, t)) {
      if (overlapsAny(r, secrets) || overlapsAny(r, emails) || inside(r, nots)) continue
      const clause =
        t
          .slice(Math.max(0, r.start - 12), r.start)
          .split(/[\n.!?;,:。、]/)
          .pop() ?? ''
      if (m.negation && m.negation.test(clause)) continue
      tried.push({ ...r, value: e.value })
    }
  }
  for (const h of longestFirst(tried)) {
    found.push({ start: h.start, end: h.end, field: 'method', value: h.value, key: `${h.value.methodId}:${h.value.status}`, notes: [] })
  }

  // 7. merge by field and value; a UID equal to a secret's value is never proposed
  const byId = new Map<string, Proposal>()
  for (const f of found) {
    if (f.field === 'uid' && secretValues.has(String(f.value))) continue
    const id = `${f.field}:${f.key}`
    const span = spanOf(text, f.start, f.end)
    const existing = byId.get(id)
    if (existing) {
      if (!existing.spans.some((s) => s.start === span.start && s.end === span.end)) existing.spans.push(span)
      // seen once with a UID label is enough: "unlabelled" only when every sighting had none
      const notes = [...existing.notes, ...f.notes.filter((n) => !existing.notes.includes(n))]
      existing.notes = notes.filter((n) => n !== 'unlabelled' || (existing.notes.includes(n) && f.notes.includes(n)))
      continue
    }
    const base = { id, spans: [span], conflict: false, notes: [...f.notes], preselected: false }
    byId.set(id, { ...base, field: f.field, value: f.value, ...(f.extra ?? {}) } as Proposal)
  }
  const language = detectLanguage(text, blocked)
  if (language)
    byId.set(`language:${language}`, {
      id: `language:${language}`,
      field: 'language',
      value: language,
      spans: [],
      conflict: false,
      notes: [],
      preselected: false,
    })

  // 8. conflicts and what starts ticked
  const proposals = [...byId.values()]
  for (const p of proposals) {
    p.spans.sort((a, b) => a.start - b.start)
    if (SINGLE_VALUED.has(p.field)) p.conflict = proposals.some((o) => o !== p && o.field === p.field)
    else if (p.field === 'method')
      p.conflict = proposals.some((o) => o !== p && o.field === 'method' && o.value.methodId === p.value.methodId)
    p.preselected = !p.conflict && p.notes.every((n) => n === 'from-address')
  }
  const order = (p: Proposal): number => INTAKE_FIELDS.indexOf(p.field)
  proposals.sort((a, b) => order(a) - order(b) || (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0))

  return { proposals, secrets, dropped, truncated, text }
}
