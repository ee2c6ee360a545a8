import { useI18n } from 'vue-i18n'
import type { Problem } from '@/domain/result'

/** Translates a domain Problem (key under `errors.`) into the UI language. */
export function useProblemText(): (p: Problem | null | undefined) => string | null {
  const { t, te } = useI18n()
  return (p) => {
    if (!p) return null
    const key = p.key.includes(':') ? p.key.replace(':', '.') : `errors.${p.key}`
    return te(key) || te(key, 'en') ? t(key, p.params ?? {}) : p.key
  }
}
