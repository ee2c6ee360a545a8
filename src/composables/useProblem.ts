import { useI18n } from 'vue-i18n'
import type { Problem } from '@/domain/result'

export interface ProblemText {
  (p: Problem): string
  (p: Problem | null | undefined): string | null
}

/** Translates a Problem (its key is a full i18n key, e.g. `errors.storage.quota`) into the UI language. */
export function useProblemText(): ProblemText {
  const { t, te } = useI18n()
  return ((p: Problem | null | undefined) => {
    if (!p) return null
    return te(p.key) || te(p.key, 'en') ? t(p.key, p.params ?? {}) : p.key
  }) as ProblemText
}
