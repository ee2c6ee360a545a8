import type { Combo } from '@/composables/useShortcuts'
import type { AttemptStatus } from '@/domain/model'

/**
 * Keys that record the outcome of the method the checklist suggests now (case page only).
 * Alt+letter, avoiding what browsers and the app's menus take: Alt+F/E/V/H/W/S/T/B open menus
 * (browser or Electron), Alt+D focuses a browser's address bar, Alt+N is "new case", Alt+digits switch
 * tabs in Chrome on Linux, and Ctrl+letter combos belong to the browser/editing.
 */
export const CHECKLIST_SHORTCUTS: readonly {
  status: Extract<AttemptStatus, 'failed' | 'resolved' | 'declined' | 'not-applicable'>
  combo: Combo
  label: string
}[] = [
  { status: 'failed', combo: { key: 'j', alt: true }, label: 'playbook.shortcuts.failed' },
  { status: 'resolved', combo: { key: 'r', alt: true }, label: 'playbook.shortcuts.resolved' },
  { status: 'declined', combo: { key: 'u', alt: true }, label: 'playbook.shortcuts.declined' },
  { status: 'not-applicable', combo: { key: 'x', alt: true }, label: 'playbook.shortcuts.not-applicable' },
]

/**
 * The outcomes an agent records on method 7 (escalation) by hand: the user declined it, or it does not
 * apply. "Tried without success" and "Resolved it" come from the security-reset review's decision.
 */
export const ESCALATION_KEYS: readonly AttemptStatus[] = ['declined', 'not-applicable']

/** The aria-keyshortcuts value of a combo, e.g. "Alt+J". */
export function ariaKeys(c: Combo): string {
  return [c.mod ? 'Control' : '', c.alt ? 'Alt' : '', c.shift ? 'Shift' : '', c.key.length === 1 ? c.key.toUpperCase() : c.key]
    .filter(Boolean)
    .join('+')
}
