import { afterEach, describe, expect, it, vi } from 'vitest'
import { runWorkerJob, type WorkerMessage } from './job'

/** Stands in for a Worker: records what the page sends and lets the test answer. */
class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null
  onerror: ((e: ErrorEvent) => void) | null = null
  onmessageerror: (() => void) | null = null
  posted: unknown[] = []
  terminated = false
  postMessage(m: unknown): void {
    this.posted.push(m)
  }
  terminate(): void {
    this.terminated = true
  }
  answer(m: WorkerMessage<number, string>): void {
    this.onmessage?.({ data: m } as MessageEvent)
  }
}

const start = (options: Parameters<typeof runWorkerJob<string, number, string>>[2] = {}) => {
  const worker = new FakeWorker()
  const job = runWorkerJob<string, number, string>(() => worker as unknown as Worker, 'request', options)
  return { worker, job }
}

afterEach(() => vi.useRealTimers())

describe('runWorkerJob', () => {
  it('sends the request, forwards progress and settles with the answer, then ends the worker', async () => {
    const progress: number[] = []
    const { worker, job } = start({ onProgress: (p) => progress.push(p) })
    expect(worker.posted).toEqual(['request'])
    worker.answer({ type: 'progress', progress: 1 })
    worker.answer({ type: 'progress', progress: 2 })
    worker.answer({ type: 'done', value: 'answer' })
    expect(await job.result).toEqual({ kind: 'done', value: 'answer' })
    expect(progress).toEqual([1, 2])
    expect(worker.terminated).toBe(true)
  })

  it('cancel ends the worker at once; a late answer changes nothing', async () => {
    const { worker, job } = start()
    job.cancel()
    expect(worker.terminated).toBe(true)
    worker.answer({ type: 'done', value: 'late' })
    expect(await job.result).toEqual({ kind: 'cancelled' })
  })

  it('stops a worker that does not answer within the time limit (the page’s clock)', async () => {
    vi.useFakeTimers()
    const { worker, job } = start({ timeLimitMs: 1_000 })
    vi.advanceTimersByTime(999)
    expect(worker.terminated).toBe(false)
    vi.advanceTimersByTime(1)
    expect(worker.terminated).toBe(true)
    expect(await job.result).toEqual({ kind: 'timedOut' })
  })

  it('reports a worker error and an error the worker caught', async () => {
    const a = start()
    a.worker.onerror?.({ message: 'boom', preventDefault: () => {} } as ErrorEvent)
    expect(await a.job.result).toEqual({ kind: 'failed', detail: 'boom' })
    const b = start()
    b.worker.answer({ type: 'error', detail: 'no memory' })
    expect(await b.job.result).toEqual({ kind: 'failed', detail: 'no memory' })
  })
})
