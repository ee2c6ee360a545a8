import { useI18n } from 'vue-i18n'
import type { Problem } from '@/domain/result'

export interface ProblemText {
  (p: Problem): string
  (p: Problem | null | undefined): string | null
}

/**
 * Translates a Problem (its key is a full i18n key, e.g. `errors.storage.quota`) into the UI language. A
 * parameter named `<x>Key` holding an i18n key is translated too and passed as `<x>` (a field's name:
 * `{ fieldKey: 'case.fields.notes' }` reads "Notes").
 */
export function useProblemText(): ProblemText {
  const { t, te } = useI18n()
  return ((p: Problem | null | undefined) => {
    if (!p) return null
    const params: Record<string, string | number> = { ...p.params }
    for (const [name, value] of Object.entries(p.params ?? {})) {
      if (name.endsWith('Key') && typeof value === 'string' && (te(value) || te(value, 'en'))) params[name.slice(0, -3)] = t(value)
    }
    return te(p.key) || te(p.key, 'en') ? t(p.key, params) : p.key
  }) as ProblemText
}
