import { liveQuery, type Subscription } from 'dexie'
import { onBeforeUnmount, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import type { Problem, Result } from '@/domain/result'
import { log } from '@/platform'

export interface LiveQuery<T> {
  value: Ref<T>
  /** Why the last run failed (the value stays what it was). */
  error: Ref<Problem | null>
  /** True once the first result arrived. */
  ready: Ref<boolean>
  /** Runs the query again now (for what a table change does not signal, e.g. the clock). */
  refresh: () => void
}

/**
 * The result of a store read, kept current: it re-runs whenever a table it read changes (from any
 * component or window), and when one of `deps` changes. Unsubscribes with the component.
 */
export function useLiveQuery<T>(query: () => Promise<Result<T>>, initial: T, deps: WatchSource[] = []): LiveQuery<T> {
  const value = shallowRef(initial) as Ref<T>
  const error = shallowRef<Problem | null>(null)
  const ready = shallowRef(false)
  let sub: Subscription | null = null
  const start = (): void => {
    sub?.unsubscribe()
    sub = liveQuery(query).subscribe({
      next: (r) => {
        if (!r.ok) {
          error.value = r.error // the store logged it
          return
        }
        value.value = r.value
        error.value = null
        ready.value = true
      },
      error: (e: unknown) => {
        // Dexie's own observation failed (the store's read never throws): the last value stays
        log.error('live-query.failed', e)
        error.value = { key: 'errors.unexpected', params: { detail: e instanceof Error ? e.name : 'Error' } }
      },
    })
  }
  start()
  if (deps.length > 0) watch(deps, start)
  onBeforeUnmount(() => sub?.unsubscribe())
  return { value, error, ready, refresh: start }
}
