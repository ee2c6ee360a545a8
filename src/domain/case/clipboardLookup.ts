/**
 * What the console does with the text an agent copied in the chat app and brought over with the global
 * shortcut (or its in-app twin): look up a UID, phone, email or case number; otherwise start a case from
 * the text, as a pasted chat.
 */
import { CASE_NUMBER_PATTERN, normalizeCaseNumberQuery } from './caseNumber'
import { normalizeEmail } from './email'
import type { Match } from './lookup'
import { stripCaseLabel, stripEmailLabel, stripPhoneLabel, stripUidLabel } from './pasted'
import { prefillFromQuery } from './prefill'

/** Longest text taken from the clipboard; a chat longer than this is cut (and the agent told). */
export const CLIPBOARD_MAX_CHARS = 20_000
/** Longest single line still read as one identifier rather than as chat text. */
const IDENTIFIER_MAX_CHARS = 80

export type ClipboardPlan =
  | { kind: 'empty' }
  /** One UID, phone, email or case number: look it up. */
  | { kind: 'lookup'; query: string }
  /** Anything else: chat text for the New case intake. */
  | { kind: 'chat'; text: string; truncated: boolean }

export function planClipboardLookup(raw: string, truncated = false): ClipboardPlan {
  const text = raw.trim()
  if (text === '') return { kind: 'empty' }
  if (text.length > CLIPBOARD_MAX_CHARS) return { kind: 'chat', text: text.slice(0, CLIPBOARD_MAX_CHARS).trimEnd(), truncated: true }
  if (!truncated && !/[\r\n]/.test(text) && text.length <= IDENTIFIER_MAX_CHARS) {
    // the label read as the intake and the look-up read it (pasted.ts): "emailbox@qq.com" keeps its letters
    const plain = text.normalize('NFKC')
    const query = (
      plain.includes('@') ? stripEmailLabel(plain).replace(/^mailto:/i, '') : stripCaseLabel(stripPhoneLabel(stripUidLabel(plain)))
    ).trim()
    if (isIdentifier(query)) return { kind: 'lookup', query }
  }
  return { kind: 'chat', text, truncated }
}

/** A whole UID, phone number, email address or case number (not a fragment of one). */
function isIdentifier(query: string): boolean {
  if (query === '') return false
  if (/^vc/i.test(query)) return CASE_NUMBER_PATTERN.test(normalizeCaseNumberQuery(query) ?? '')
  return Object.keys(prefillFromQuery(query)).length > 0
}

export type ClipboardAction =
  { kind: 'open-case'; caseId: number } | { kind: 'show-matches'; query: string } | { kind: 'new-case'; text: string }

/** Match kinds that name the very user or case, not a fragment (last digits, a UID or email prefix). */
const EXACT = new Set(['uid', 'phone', 'caseNumber', 'email'])

/**
 * After the look-up: one case matched exactly → open it; several matches or only partial ones → show
 * them in the search box; none → a new case with the text.
 */
export function decideClipboardAction(
  query: string,
  matches: readonly Match<{ id?: number; emailLower: string | null }>[],
): ClipboardAction {
  const email = normalizeEmail(query)
  const exact = matches.filter(
    (m) =>
      m.record.id !== undefined && EXACT.has(m.kind) && (m.kind !== 'email' || (email.ok && m.record.emailLower === email.value.lower)),
  )
  const ids = new Set(exact.map((m) => m.record.id))
  if (ids.size === 1 && exact.length === matches.length) return { kind: 'open-case', caseId: exact[0]!.record.id! }
  if (matches.length > 0) return { kind: 'show-matches', query }
  return { kind: 'new-case', text: query }
}
