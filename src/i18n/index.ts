import { createI18n } from 'vue-i18n'
import { collect, type Messages } from './collect'

export type { Messages } from './collect'

export const UI_LOCALES = ['en', 'zh-CN'] as const
export type UiLocale = (typeof UI_LOCALES)[number]

/**
 * English is in the first screen's bundle (it is also every other language's fallback); zh-CN is its own
 * chunk, loaded by setLocale when the UI language is zh-CN, so an English first screen does not carry it.
 */
const en: Messages = collect(import.meta.glob<{ default: Messages }>('./en/*.ts', { eager: true }))

/** Both languages' messages (tests and checks; the app loads zh-CN only when it is shown). */
export async function allMessages(): Promise<Record<UiLocale, Messages>> {
  return { en, 'zh-CN': (await import('./zhMessages')).zhMessages }
}

/** The OS / browser language decides the default UI language. */
export function detectLocale(
  languages: readonly string[] = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
): UiLocale {
  for (const l of languages) {
    if (/^zh\b/i.test(l)) return 'zh-CN'
    if (/^en\b/i.test(l)) return 'en'
  }
  return 'en'
}

export const i18n = createI18n({
  legacy: false,
  // English until setLocale has the chosen language's messages (start-up awaits it before mounting)
  locale: 'en' as UiLocale,
  fallbackLocale: 'en',
  messages: { en, 'zh-CN': {} as Messages }, // zh-CN's messages arrive with setLocale
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
})

let zhLoading: Promise<void> | null = null
function loadZh(): Promise<void> {
  zhLoading ??= import('./zhMessages').then(
    ({ zhMessages }) => i18n.global.setLocaleMessage('zh-CN', zhMessages),
    (err: unknown) => {
      zhLoading = null // a failed chunk load may be retried by the next setLocale
      throw err
    },
  )
  return zhLoading
}

/** Shows the UI in `locale`, once its messages are loaded (zh-CN loads on first use; en is always there). */
let wanted: UiLocale = 'en'
export async function setLocale(locale: UiLocale): Promise<void> {
  wanted = locale
  if (locale === 'zh-CN') await loadZh()
  if (wanted !== locale) return // another language was chosen while this one loaded
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}
