import { useMessage } from 'naive-ui'
import { computed, ref, type ComputedRef, type Ref } from 'vue'
import type { Problem, Result } from '@/domain/result'
import { log } from '@/platform'
import { useProblemText } from './useProblem'

/** A failure as an action reports it: one Problem, or several (a template refused for many reasons). */
export type Failure = Problem | readonly Problem[]

export interface ActionOptions<A extends unknown[], T> {
  /** Log code for a failure nobody expected (the work threw instead of answering). Default `action.failed`. */
  code?: string
  /** A failure shows as a toast (default); with `false` the view shows `error` in the page instead. */
  toast?: boolean
  /** A success message (a toast), or nothing. */
  success?: (value: T, ...args: A) => string | null | undefined
  /** Words around the failure's text (`Saving failed: {detail}`). */
  describe?: (text: string, failure: Failure) => string
  /** Runs while the action is busy are refused (default) or allowed. */
  concurrent?: boolean
}

export interface Action<A extends unknown[], T, E extends Failure> {
  /** Runs the work once; never throws. A run while busy answers `errors.busy` and does nothing. */
  run: (...args: A) => Promise<Result<T, E | Problem>>
  busy: Readonly<Ref<boolean>>
  /** The last failure (cleared when a run starts or succeeds). */
  failure: Readonly<Ref<E | Problem | null>>
  /** The last failure in words (with `describe` applied), for an inline alert. */
  error: ComputedRef<string | null>
  clear: () => void
}

export const BUSY: Problem = { key: 'errors.busy' }

/**
 * Busy state, error and toast for one action of a view: the try/catch/finally/toast block every page used
 * to write out. The work is a store action that answers with a Result; should it throw anyway, the throw
 * is logged and shown as `errors.unexpected`.
 *
 *   const restore = useAction((id: number) => trash.restore(id), { success: (c) => t('trash.restored', { number: c.caseNumber }) })
 *   <NButton :loading="restore.busy.value" @click="restore.run(id)">
 */
export function useAction<A extends unknown[], T, E extends Failure = Problem>(
  work: (...args: A) => Promise<Result<T, E>>,
  options: ActionOptions<A, T> = {},
): Action<A, T, E> {
  const message = useMessage()
  const problemText = useProblemText()
  const busy = ref(false)
  const failure = ref<E | Problem | null>(null) as Ref<E | Problem | null>

  const words = (f: Failure): string => {
    const text = Array.isArray(f) ? f.map((p: Problem) => problemText(p)).join(' ') : problemText(f as Problem)
    return options.describe ? options.describe(text, f) : text
  }
  const error = computed(() => (failure.value ? words(failure.value) : null))

  async function run(...args: A): Promise<Result<T, E | Problem>> {
    if (busy.value && !options.concurrent) return { ok: false, error: BUSY }
    busy.value = true
    failure.value = null
    let result: Result<T, E | Problem>
    try {
      result = await work(...args)
    } catch (err) {
      log.error(options.code ?? 'action.failed', err)
      result = { ok: false, error: { key: 'errors.unexpected', params: { detail: err instanceof Error ? err.name : 'Error' } } }
    } finally {
      busy.value = false
    }
    if (result.ok) {
      const text = options.success?.(result.value, ...args)
      if (text) message.success(text)
    } else {
      failure.value = result.error
      if (options.toast !== false) message.error(words(result.error))
    }
    return result
  }

  return { run, busy, failure, error, clear: () => (failure.value = null) }
}
