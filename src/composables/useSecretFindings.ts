import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue'
import { findSecrets, type SecretFinding } from '@/domain/guard/secrets'

/** How long typing must pause before the guard looks at the text again. */
export const GUARD_DEBOUNCE_MS = 200

/**
 * The secret guard's findings for a text the agent is typing: checked at once for the first text (a
 * restored draft, an edited record), then again only when typing pauses for `delay` ms, so a long note
 * costs one check per pause rather than one per keystroke. Clearing the text clears the findings at once.
 * Saving never relies on this: the save path and the data layer check the exact text again.
 */
export function useSecretFindings(text: () => string, delay = GUARD_DEBOUNCE_MS): ShallowRef<SecretFinding[]> {
  const findings = shallowRef<SecretFinding[]>(findSecrets(text() ?? ''))
  let timer: ReturnType<typeof setTimeout> | null = null
  const cancel = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  watch(text, (value) => {
    cancel()
    if (!value) {
      findings.value = []
      return
    }
    timer = setTimeout(() => {
      timer = null
      findings.value = findSecrets(text() ?? '')
    }, delay)
  })
  onScopeDispose(cancel)
  return findings
}
