import { onBeforeUnmount, ref, watch, type Ref } from 'vue'
import type { ZodType } from 'zod'

export interface DraftStore<T> {
  draft: Ref<T>
  /** Whether a saved draft (different from an empty form) was restored at start. */
  restored: boolean
  /** Empties the form and forgets the stored draft. */
  clear(): void
}

/**
 * Keeps a form's contents in localStorage as the agent types (synchronously, so a reload or crash
 * loses nothing). `sanitize` runs before every write: use it to keep secrets out of storage.
 * A stored draft that fails the schema is ignored. An untouched form stores nothing.
 */
export function useDraft<T>(key: string, schema: ZodType<T>, initial: () => T, sanitize: (value: T) => T = (v) => v): DraftStore<T> {
  const storageKey = `draft:${key}`
  const pristine = JSON.stringify(initial())
  let restored = false
  let start = initial()
  try {
    const raw = localStorage.getItem(storageKey)
    if (raw) {
      const parsed = schema.safeParse(JSON.parse(raw))
      if (parsed.success && JSON.stringify(parsed.data) !== pristine) {
        start = parsed.data
        restored = true
      } else {
        localStorage.removeItem(storageKey)
      }
    }
  } catch {
    // a broken draft is dropped
  }
  const draft = ref(start) as Ref<T>

  const write = (): void => {
    try {
      const json = JSON.stringify(sanitize(draft.value))
      if (json === pristine) localStorage.removeItem(storageKey)
      else localStorage.setItem(storageKey, json)
    } catch {
      // storage full or unavailable: the form still holds the text
    }
  }
  watch(draft, write, { deep: true, flush: 'sync' })
  onBeforeUnmount(write)

  return {
    draft,
    restored,
    clear() {
      draft.value = initial()
      localStorage.removeItem(storageKey)
    },
  }
}
