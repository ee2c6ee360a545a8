import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import { hasUserKeys, type UserKeys } from '@/domain/case/identity'
import type { CaseRecord } from '@/domain/model'
import type { Problem, Result } from '@/domain/result'

export interface SameUserCheck {
  /** The open cases of the user being typed in, newest first (empty while nothing complete is typed). */
  matches: Ref<CaseRecord[]>
  /** Why the last check failed (the store logged it); null when it answered. */
  failure: Ref<Problem | null>
  /** Forgets the matches and any check still waiting (the form was cleared or left). */
  reset: () => void
}

/** How long typing must pause before the check runs: one query per finished value, not per keystroke. */
export const SAME_USER_DELAY_MS = 350

/**
 * Looks for the open cases of the user a form describes as soon as a UID, phone or email in it is complete
 * (`keys` gives only complete values, see `completeUserKeys`), once typing pauses. An answer that arrives
 * after the keys changed again is dropped, so the list always belongs to what the form holds now.
 */
export function useSameUserCheck(
  keys: () => UserKeys,
  find: (keys: UserKeys) => Promise<Result<CaseRecord[]>>,
  delayMs = SAME_USER_DELAY_MS,
): SameUserCheck {
  const matches = shallowRef<CaseRecord[]>([])
  const failure = ref<Problem | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  /** Bumped for every new set of keys: an older answer is stale. */
  let generation = 0

  const cancel = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    generation++
  }

  async function check(current: UserKeys, mine: number): Promise<void> {
    const found = await find(current)
    if (mine !== generation) return
    if (found.ok) {
      matches.value = found.value
      failure.value = null
    } else {
      failure.value = found.error
    }
  }

  watch(
    () => JSON.stringify(keys()),
    () => {
      cancel()
      const current = keys()
      if (!hasUserKeys(current)) {
        matches.value = []
        failure.value = null
        return
      }
      const mine = generation
      timer = setTimeout(() => {
        timer = null
        void check(current, mine)
      }, delayMs)
    },
    { immediate: true },
  )
  onScopeDispose(cancel)

  return {
    matches,
    failure,
    reset() {
      cancel()
      matches.value = []
      failure.value = null
    },
  }
}
