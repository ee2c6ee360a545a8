import { useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { platform, type ClipboardText } from '@/platform'
import { useCasesStore } from '@/stores/cases'
import type { ClipboardLookupDeps } from './clipboardLookup'

const MESSAGES = {
  empty: 'desktop.clipboard.empty',
  truncated: 'desktop.clipboard.truncated',
  unreadable: 'desktop.clipboard.unreadable',
  lookupFailed: 'desktop.clipboard.lookupFailed',
} as const

/**
 * The clipboard look-up of the global shortcut (the desktop sends the text) and of its in-app twin
 * (read here through the platform): open the one matching case, list several, or start a New case.
 */
export function useClipboardLookup(opts: { showMatches(query: string): void }) {
  const router = useRouter()
  const route = useRoute()
  const cases = useCasesStore()
  const message = useMessage()
  const { t } = useI18n()

  const deps: ClipboardLookupDeps = {
    lookup: (query) => cases.lookup(query),
    openCase: async (id) => {
      await router.push({ name: 'case', params: { id: String(id) } })
      document.getElementById('main')?.focus()
    },
    showMatches: opts.showMatches,
    newCaseWith: async (query) => {
      await router.push({ name: 'new-case', query: { q: query } })
    },
    newCaseFromChat: async (text) => {
      // chat intake (its words and phone finder) loads when a chat is handed over, not with the first screen
      const { useIntakeStore } = await import('@/stores/intake')
      useIntakeStore().handOver(text)
      // An open New case takes the hand-over into its chat box at once; otherwise New case takes it when it opens
      if (route.name !== 'new-case') await router.push({ name: 'new-case' })
    },
    say: (kind, key) => message[kind](t(MESSAGES[key])),
  }

  /** The desktop read the clipboard (global shortcut or menu). */
  // the look-up's planning (phone and email parsing) loads with the first clipboard look-up, not the first screen
  const run = async (clip: ClipboardText): Promise<void> => (await import('./clipboardLookup')).lookUpClipboardText(clip, deps)

  /** The in-app shortcut: read the clipboard here, then look it up. */
  async function fromClipboard(): Promise<void> {
    const r = await platform().readClipboard()
    if (!r.ok) {
      deps.say('error', 'unreadable')
      return
    }
    await run(r.value)
  }

  return { run, fromClipboard }
}
