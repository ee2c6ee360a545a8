import type { Combo } from '@/composables/useShortcuts'

/**
 * Case-page keys outside the checklist and the reply box. Alt+C ("case status") focuses the status
 * control in the case header: Alt+S and Alt+T are taken by menus, Alt+J/R/U/X by the checklist, Alt+M/P
 * by the reply box, Alt+W by the review dates, Alt+N by New case, Alt+V by "paste chat".
 */
export const CASE_STATUS_FOCUS: Combo = { key: 'c', alt: true }

/** For the shortcuts dialog. */
export const CASE_SHORTCUTS: readonly { combo: Combo; label: string }[] = [{ combo: CASE_STATUS_FOCUS, label: 'caseView.statusShortcut' }]
