/**
 * The F1 list: every key the console answers to, one line per action (any of a line's keys does it). The
 * README's keyboard table says the same (shortcutHelp.test.ts compares them). The keys are bound where
 * they act (AppShell, the case page's panels); this is what the agent reads.
 */
import type { Combo } from '@/composables/useShortcuts'
import { CASE_SHORTCUTS } from '@/views/case/caseShortcuts'
import { CHECKLIST_SHORTCUTS } from '@/views/case/checklistShortcuts'
import { REPLY_SHORTCUTS } from '@/views/case/replyShortcuts'

export interface HelpRow {
  keys: readonly Combo[]
  /** i18n key of what the keys do. */
  label: string
}

const one = ({ combo, label }: { combo: Combo; label: string }): HelpRow => ({ keys: [combo], label })

export const HELP_SHORTCUTS: readonly HelpRow[] = [
  // Ctrl/⌘+K anywhere, or "/" outside a text field
  { keys: [{ key: 'k', mod: true }, { key: '/' }], label: 'common.shortcuts.lookup' },
  ...REPLY_SHORTCUTS.map(one),
  { keys: [{ key: 'n', alt: true }], label: 'common.shortcuts.newCase' },
  { keys: [{ key: 'v', alt: true }], label: 'intake.chat.shortcut' },
  { keys: [{ key: 's', mod: true }], label: 'common.shortcuts.save' },
  { keys: [{ key: 'F1' }], label: 'common.shortcuts.help' },
  ...CASE_SHORTCUTS.map(one),
  ...CHECKLIST_SHORTCUTS.map(one),
  { keys: [{ key: 'w', alt: true }], label: 'reviews.panel.shortcut' },
  { keys: [{ key: '/' }], label: 'reply.shortcuts.quickInsert' },
  { keys: [{ key: '↑' }, { key: '↓' }, { key: 'Enter' }], label: 'common.shortcuts.list' },
  { keys: [{ key: 'Esc' }], label: 'common.shortcuts.escape' },
]

/** The list with the look-up-the-clipboard key (the global shortcut's in-app twin) when one is set. */
export const helpShortcuts = (clipboard: Combo | null): readonly HelpRow[] =>
  clipboard ? [...HELP_SHORTCUTS, { keys: [clipboard], label: 'desktop.shortcut.lookUpClipboard' }] : HELP_SHORTCUTS
