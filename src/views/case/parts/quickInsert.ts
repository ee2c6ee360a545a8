/**
 * The reply box's "/" quick insert as a pure state machine: which "/query" is open at the caret, which
 * option is active, and what a key does. `useQuickInsert` wires it to the box, the template search and the
 * insert; this module knows no DOM and no store, so every transition is unit-tested.
 *
 * - a "/" at the start of the text or after a space opens it (mid-word "/" such as "24/7" does not);
 * - typing filters (a new query makes the first option active again);
 * - ↑/↓ move the active option, wrapping (only when there are options: otherwise the caret moves);
 * - Enter or Tab inserts the active option; Shift+Enter is a line break;
 * - Escape closes it, and it stays closed for that "/" until the caret leaves it;
 * - a selection, leaving the box or an insert closes it.
 */
import { slashTokenAt, type SlashToken } from '@/stores/replyHelpers'

export interface QuickState {
  /** The "/query" at the caret while the list is open; null when closed. */
  token: SlashToken | null
  /** Where the "/" the agent closed with Escape is (-1: none). */
  dismissed: number
  /** The active option. */
  active: number
}

export const closedQuick = (): QuickState => ({ token: null, dismissed: -1, active: 0 })

/** After typing, a click or a caret move: the token at the caret (or none). */
export function quickAtCaret(state: QuickState, text: string, caret: number, collapsed = true): QuickState {
  if (!collapsed) return { ...state, token: null }
  const token = slashTokenAt(text, caret)
  if (!token) return { ...state, token: null, dismissed: -1 }
  if (token.start === state.dismissed) return { ...state, token: null }
  const sameQuery = state.token !== null && state.token.query === token.query
  return { ...state, token, active: sameQuery ? state.active : 0 }
}

export interface QuickKey {
  key: string
  shiftKey?: boolean
}

/** What a key did: the new state, whether the key is used up (default prevented), and the option to insert. */
export interface QuickKeyResult {
  state: QuickState
  handled: boolean
  /** Escape: also kept from closing anything around the box. */
  stop?: boolean
  pick?: number
}

/** A key pressed in the box while the list may be open, with `count` options listed. */
export function quickKey(state: QuickState, e: QuickKey, count: number): QuickKeyResult {
  if (state.token === null) return { state, handled: false }
  if (count > 0 && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
    const delta = e.key === 'ArrowDown' ? 1 : -1
    return { state: { ...state, active: (((state.active + delta) % count) + count) % count }, handled: true }
  }
  if ((e.key === 'Enter' || e.key === 'Tab') && count > 0 && !e.shiftKey) {
    return { state, handled: true, pick: Math.min(state.active, count - 1) }
  }
  if (e.key === 'Escape') return { state: { ...state, token: null, dismissed: state.token.start }, handled: true, stop: true }
  return { state, handled: false }
}

/** After an insert or when focus leaves the box (and its list). */
export const quickClosed = (state: QuickState): QuickState => ({ ...state, token: null })
