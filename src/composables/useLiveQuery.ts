import { liveQuery, type Subscription } from 'dexie'
import { onBeforeUnmount, shallowRef, watch, type Ref, type WatchSource } from 'vue'

export interface LiveQuery<T> {
  value: Ref<T>
  error: Ref<unknown>
  /** True once the first result arrived. */
  ready: Ref<boolean>
}

/**
 * The result of a Dexie query, kept current: it re-runs whenever a table it read changes (from any
 * component or window), and when one of `deps` changes. Unsubscribes with the component.
 */
export function useLiveQuery<T>(query: () => Promise<T>, initial: T, deps: WatchSource[] = []): LiveQuery<T> {
  const value = shallowRef(initial) as Ref<T>
  const error = shallowRef<unknown>(null)
  const ready = shallowRef(false)
  let sub: Subscription | null = null
  const start = (): void => {
    sub?.unsubscribe()
    sub = liveQuery(query).subscribe({
      next: (v) => {
        value.value = v
        error.value = null
        ready.value = true
      },
      error: (e: unknown) => {
        error.value = e
      },
    })
  }
  start()
  if (deps.length > 0) watch(deps, start)
  onBeforeUnmount(() => sub?.unsubscribe())
  return { value, error, ready }
}
