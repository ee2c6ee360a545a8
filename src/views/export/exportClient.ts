/**
 * The renderer's side of the export worker. Bulk exports run in a worker of their own (cancel =
 * terminate: nothing is written); counts and the dashboard share one long-lived query worker.
 * The bench page (e2e/bench) uses these same functions, so it measures the code path the app runs.
 */
import type { DashboardData } from '@/domain/dashboard/aggregate'
import type { Problem, Result } from '@/domain/result'
import { log } from '@/platform'
import type { CountRequest, DashboardRequest, ExportFileInfo, ExportRequest, WorkerRequest, WorkerResponse } from './protocol'

type Without<T> = T extends unknown ? Omit<T, 'id' | 'type'> : never

/** Vite bundles the worker from this URL (module worker: it may import lazily, e.g. the XLSX writer). */
export function createExportWorker(): Worker {
  return new Worker(new URL('./worker/export.worker.ts', import.meta.url), { type: 'module', name: 'export' })
}

export interface ExportProgress {
  phase: 'reading' | 'writing'
  done: number
  total: number
  /** Worker heap in bytes (Chromium only). */
  heap?: number
}

/** A finished export file: its bytes as a Blob (held by the browser, not in the page's JS heap). */
export interface ExportFile extends ExportFileInfo {
  blob: Blob
}

/** Fold received bytes into the Blob at about this size, so the page's heap never holds a whole file. */
const BLOB_FOLD_BYTES = 8 << 20

/** Collects one file's streamed bytes into a Blob, folding as it goes. */
export class BlobCollector {
  private blob: Blob | null = null
  private parts: Uint8Array[] = []
  private size = 0
  /** Bytes received. */
  bytes = 0

  write(bytes: Uint8Array): void {
    this.parts.push(bytes)
    this.size += bytes.byteLength
    this.bytes += bytes.byteLength
    if (this.size >= BLOB_FOLD_BYTES) this.fold()
  }

  private fold(): void {
    this.blob = new Blob(this.blob ? [this.blob, ...(this.parts as BlobPart[])] : (this.parts as BlobPart[]))
    this.parts = []
    this.size = 0
  }

  finish(type: string): Blob {
    return new Blob(this.blob ? [this.blob, ...(this.parts as BlobPart[])] : (this.parts as BlobPart[]), { type })
  }
}

export type ExportOutcome =
  | { kind: 'exported'; cases: number; files: ExportFile[]; heap?: number }
  | { kind: 'empty' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; problem: Problem }

export interface RunningExport {
  readonly result: Promise<ExportOutcome>
  /** Stops the worker at once; the result becomes `cancelled` and nothing is saved. */
  cancel(): void
}

const workerFailed = (detail: string): Problem => ({ key: 'errors.export.failed', params: { detail } })

/** Runs one export in a fresh worker, reporting progress; the worker is gone when the result settles. */
export function runExport(request: Without<ExportRequest>, onProgress: (p: ExportProgress) => void = () => {}): RunningExport {
  const worker = createExportWorker()
  let settle: (o: ExportOutcome) => void = () => {}
  let settled = false
  const result = new Promise<ExportOutcome>((resolve) => {
    settle = (o) => {
      if (settled) return
      settled = true
      if (o.kind === 'failed') log.error('export.failed', undefined, { key: o.problem.key })
      worker.terminate()
      resolve(o)
    }
  })
  const collectors: BlobCollector[] = []
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const m = event.data
    if (m.type === 'chunk') (collectors[m.file] ??= new BlobCollector()).write(m.bytes)
    else if (m.type === 'progress') onProgress({ phase: m.phase, done: m.done, total: m.total, heap: m.heap })
    else if (m.type === 'exported')
      settle({
        kind: 'exported',
        cases: m.cases,
        files: m.files.map((f, i) => ({ ...f, blob: (collectors[i] ?? new BlobCollector()).finish(f.mimeType) })),
        heap: m.heap,
      })
    else if (m.type === 'empty') settle({ kind: 'empty' })
    else if (m.type === 'failed') settle({ kind: 'failed', problem: m.problem })
  }
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault()
    log.error('export.crashed', event.error ?? event.message)
    settle({ kind: 'failed', problem: workerFailed(event.message || 'worker error') })
  }
  worker.onmessageerror = () => settle({ kind: 'failed', problem: workerFailed('message could not be read') })
  const message: WorkerRequest = { ...request, type: 'export', id: 1 } as ExportRequest
  worker.postMessage(message)
  return { result, cancel: () => settle({ kind: 'cancelled' }) }
}

type Pending = { resolve: (m: WorkerResponse) => void; onProgress?: (p: ExportProgress) => void }

/**
 * One long-lived worker for counts and dashboards. A newer count supersedes older ones (they resolve
 * with null); `dispose()` when the page goes.
 */
export class QueryWorker {
  private worker: Worker | null = null
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private latestCount = 0

  private ensure(): Worker {
    if (this.worker) return this.worker
    const w = createExportWorker()
    w.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const m = event.data
      const p = this.pending.get(m.id)
      if (!p) return
      if (m.type === 'progress') {
        p.onProgress?.({ phase: m.phase, done: m.done, total: m.total })
        return
      }
      this.pending.delete(m.id)
      if (m.type === 'failed') log.error('export.query.failed', undefined, { key: m.problem.key })
      p.resolve(m)
    }
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault()
      log.error('export.query.crashed', event.error ?? event.message)
      // the worker is unusable: fail everything waiting, start afresh next time
      this.worker?.terminate()
      this.worker = null
      for (const [id, p] of this.pending) p.resolve({ type: 'failed', id, problem: workerFailed(event.message || 'worker error') })
      this.pending.clear()
    }
    this.worker = w
    return w
  }

  /** Never rejects: a request the worker cannot take is answered as failed. */
  private send(request: WorkerRequest, onProgress?: (p: ExportProgress) => void): Promise<WorkerResponse> {
    return new Promise((resolve) => {
      this.pending.set(request.id, { resolve, onProgress })
      try {
        this.ensure().postMessage(request)
      } catch (err) {
        // the request could not be posted (cloning failed, no worker): answer it as failed
        log.error('export.query.post', err)
        this.pending.delete(request.id)
        resolve({ type: 'failed', id: request.id, problem: workerFailed(err instanceof Error ? err.message : String(err)) })
      }
    })
  }

  /** The number of matching cases; null when a newer count superseded this one. */
  async count(request: Without<CountRequest>): Promise<Result<number | null>> {
    const id = this.nextId++
    // older counts still waiting will never be answered by the worker: release them
    const previous = this.pending.get(this.latestCount)
    if (previous) {
      this.pending.delete(this.latestCount)
      previous.resolve({ type: 'count', id: this.latestCount, count: -1 })
    }
    this.latestCount = id
    const m = await this.send({ ...request, type: 'count', id } as CountRequest)
    if (m.type === 'failed') return { ok: false, error: m.problem }
    if (m.type !== 'count' || m.count < 0 || id !== this.latestCount) return { ok: true, value: null }
    return { ok: true, value: m.count }
  }

  async dashboard(request: Without<DashboardRequest>, onProgress?: (p: ExportProgress) => void): Promise<Result<DashboardData>> {
    const m = await this.send({ ...request, type: 'dashboard', id: this.nextId++ } as DashboardRequest, onProgress)
    if (m.type === 'failed') return { ok: false, error: m.problem }
    if (m.type !== 'dashboard') return { ok: false, error: workerFailed(`unexpected answer ${m.type}`) }
    return { ok: true, value: m.data }
  }

  dispose(): void {
    this.worker?.terminate()
    this.worker = null
    this.pending.clear()
  }
}
