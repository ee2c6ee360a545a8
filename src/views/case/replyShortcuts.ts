import type { Combo } from '@/composables/useShortcuts'

/**
 * Reply-panel keys (case page). Alt+M ("message") focuses the reply box: the checklist takes
 * Alt+J/R/U/X, the shell Alt+N, and browsers/Electron menus Alt+F/E/V/H/W/S/T/B/D. Alt+P opens the
 * template palette (Ctrl/Cmd+Shift+P too, for those used to editors). Ctrl/Cmd+Enter copies and logs
 * from inside the reply box.
 */
export const REPLY_FOCUS: Combo = { key: 'm', alt: true }
export const REPLY_COPY: Combo = { key: 'Enter', mod: true }
export const REPLY_PALETTE: Combo = { key: 'p', alt: true }
export const REPLY_PALETTE_ALT: Combo = { key: 'p', mod: true, shift: true }

/** For the shortcuts dialog. */
export const REPLY_SHORTCUTS: readonly { combo: Combo; label: string }[] = [
  { combo: REPLY_FOCUS, label: 'reply.shortcuts.focus' },
  { combo: REPLY_COPY, label: 'reply.shortcuts.copy' },
  { combo: REPLY_PALETTE, label: 'reply.shortcuts.palette' },
  { combo: REPLY_PALETTE_ALT, label: 'reply.shortcuts.paletteAlt' },
]
