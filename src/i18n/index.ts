import { createI18n } from 'vue-i18n'

export const UI_LOCALES = ['en', 'zh-CN'] as const
export type UiLocale = (typeof UI_LOCALES)[number]

export interface Messages {
  [key: string]: string | Messages
}

/** Each file in en/ and zh-CN/ is one namespace, named after the file. */
function collect(modules: Record<string, { default: Messages }>): Messages {
  const out: Messages = {}
  for (const [path, mod] of Object.entries(modules)) {
    const name = path.replace(/^.*\/([^/]+)\.ts$/, '$1')
    out[name] = mod.default
  }
  return out
}

export const messages: Record<UiLocale, Messages> = {
  en: collect(import.meta.glob<{ default: Messages }>('./en/*.ts', { eager: true })),
  'zh-CN': collect(import.meta.glob<{ default: Messages }>('./zh-CN/*.ts', { eager: true })),
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
  locale: detectLocale() as string,
  fallbackLocale: 'en',
  messages,
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
})

export function setLocale(locale: UiLocale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
}
