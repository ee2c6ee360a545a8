/**
 * One job in a worker of its own, seen from the page: progress while it runs, the answer, or why there is
 * none. Cancel and the time limit both terminate the worker at once, so a job stuck in a loop (a hostile
 * file) cannot keep the CPU or the page busy. Workers speak `WorkerMessage` (see `postFromWorker`).
 */

export type WorkerMessage<P, R> = { type: 'progress'; progress: P } | { type: 'done'; value: R } | { type: 'error'; detail: string }

export type JobOutcome<R> =
  | { kind: 'done'; value: R }
  | { kind: 'cancelled' }
  /** The time limit passed and the worker was stopped. */
  | { kind: 'timedOut' }
  /** The worker failed (an error it did not catch, or a message that could not be read). */
  | { kind: 'failed'; detail: string }

export interface RunningJob<R> {
  readonly result: Promise<JobOutcome<R>>
  /** Stops the worker at once; the result becomes `cancelled`. */
  cancel(): void
}

export interface JobOptions<P> {
  onProgress?: (progress: P) => void
  /** The worker is terminated after this long without an answer (the page's own clock). */
  timeLimitMs?: number
  /** Objects moved to the worker rather than copied. */
  transfer?: Transferable[]
}

export function runWorkerJob<Q, P, R>(create: () => Worker, request: Q, options: JobOptions<P> = {}): RunningJob<R> {
  const worker = create()
  let settle: (o: JobOutcome<R>) => void = () => {}
  let timer: ReturnType<typeof setTimeout> | undefined
  const result = new Promise<JobOutcome<R>>((resolve) => {
    let settled = false
    settle = (o) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      worker.terminate()
      resolve(o)
    }
  })
  worker.onmessage = (event: MessageEvent<WorkerMessage<P, R>>) => {
    const m = event.data
    if (m.type === 'progress') options.onProgress?.(m.progress)
    else if (m.type === 'done') settle({ kind: 'done', value: m.value })
    else settle({ kind: 'failed', detail: m.detail })
  }
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault()
    settle({ kind: 'failed', detail: event.message || 'worker error' })
  }
  worker.onmessageerror = () => settle({ kind: 'failed', detail: 'message could not be read' })
  if (options.timeLimitMs !== undefined) timer = setTimeout(() => settle({ kind: 'timedOut' }), options.timeLimitMs)
  worker.postMessage(request, options.transfer ?? [])
  return { result, cancel: () => settle({ kind: 'cancelled' }) }
}

/** The worker's side: answers one request with `work`, reporting progress through the callback. */
export function serveOneJob<Q, P, R>(work: (request: Q, progress: (p: P) => void) => Promise<R> | R): void {
  const scope = self as unknown as { onmessage: ((e: MessageEvent<Q>) => void) | null; postMessage(m: WorkerMessage<P, R>): void }
  scope.onmessage = async (event) => {
    try {
      const value = await work(event.data, (progress) => scope.postMessage({ type: 'progress', progress }))
      scope.postMessage({ type: 'done', value })
    } catch (err) {
      scope.postMessage({ type: 'error', detail: err instanceof Error ? err.message : String(err) })
    }
  }
}
