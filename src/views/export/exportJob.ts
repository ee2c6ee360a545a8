/**
 * What the export worker does, as a class that runs anywhere (the worker shell in export.worker.ts
 * only wires messages; unit tests drive this directly on fake-indexeddb).
 *
 * - count: the live count of the export form (indexes only).
 * - export: reads the matching cases in chunks of about 2,000 (records, attempts, reviews with their
 *   SLA fields), shapes and writes each chunk (CSV text encoded per chunk, or rows added to the XLSX
 *   workbook), posts progress, and only at the end posts the complete files. Nothing is posted for a
 *   failed export but the failure; no matching case posts `empty` (no empty file is written).
 * - dashboard: the dashboard's aggregates over the same chunked reads.
 */
import { DashboardAccumulator } from '@/domain/dashboard/aggregate'
import { TABLE_NAMES, type ExportTable } from '@/domain/export/columns'
import { CsvTableWriter } from '@/domain/export/csv'
import { exportFileName } from '@/domain/export/fileName'
import { compileExportFilter, emptyExportFilter, type CompiledExportFilter } from '@/domain/export/filter'
import { latestReview, type CaseExportInput, type ExportOptions, type ReviewExportInput } from '@/domain/export/rows'
import type { ReviewRecord } from '@/domain/model'
import type { Problem } from '@/domain/result'
import type { ConsoleDb } from '@/data/db'
import { StorageError, toStorageProblem } from '@/data/errors'
import { EXPORT_CHUNK, matchingCaseIds, readCaseChunk, reviewsByCase, reviewsSubmittedIn } from '@/data/exportReader'
import {
  CSV_MIME,
  type CountRequest,
  type DashboardRequest,
  type ExportFile,
  type ExportRequest,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol'
import { loadSlaContext, reviewSlaFields, type SlaContext } from './slaFields'

export type Post = (message: WorkerResponse, transfer?: Transferable[]) => void

/** The JS heap of this thread, where the browser tells (Chromium's non-standard performance.memory). */
export function heapBytes(): number | undefined {
  return (globalThis.performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize
}

/** A Problem for anything thrown while exporting. */
export function problemOf(err: unknown): Problem {
  if (err instanceof StorageError) return err.problem
  const withProblem = err as { problem?: Problem } | null
  if (withProblem && typeof withProblem === 'object' && withProblem.problem && typeof withProblem.problem.key === 'string')
    return withProblem.problem
  if (
    err &&
    typeof err === 'object' &&
    'name' in err &&
    typeof (err as { name: unknown }).name === 'string' &&
    /Dexie|IDB|Quota|Database/i.test((err as { name: string }).name)
  ) {
    return toStorageProblem(err)
  }
  return { key: 'export.failed', params: { detail: (err instanceof Error ? err.message : String(err)).slice(0, 200) } }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let size = 0
  for (const p of parts) size += p.byteLength
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}

export class ExportJobs {
  private latestCount = 0
  private slaCache: { key: string; ctx: Promise<SlaContext> } | null = null

  constructor(private readonly openDb: (name?: string) => ConsoleDb) {}

  /** Runs one request, posting its answers. Never throws: failures are posted as `failed`. */
  async handle(req: WorkerRequest, post: Post): Promise<void> {
    try {
      if (req.type === 'count') await this.count(req, post)
      else if (req.type === 'export') await this.export(req, post)
      else await this.dashboard(req, post)
    } catch (err) {
      post({ type: 'failed', id: req.id, problem: problemOf(err) })
    }
  }

  private sla(req: WorkerRequest): Promise<SlaContext> {
    const key = JSON.stringify([req.calendar ?? null, req.sla ?? null])
    if (this.slaCache?.key !== key) this.slaCache = { key, ctx: loadSlaContext(req.calendar, req.sla) }
    return this.slaCache.ctx
  }

  private compile(req: CountRequest | ExportRequest, post: Post): CompiledExportFilter | null {
    const compiled = compileExportFilter(req.filter, req.timeZone)
    if (compiled.ok) return compiled.value
    const first = Object.values(compiled.errors)[0] ?? { key: 'export.invalidChoice' }
    post({ type: 'failed', id: req.id, problem: first })
    return null
  }

  /**
   * Reviews of each case with their SLA fields, computed once per case and cached for the run; plus the
   * latest review's status per case (for the review-status filter).
   */
  private async reviewLookup(db: ConsoleDb, req: WorkerRequest, language?: ExportRequest['language']) {
    const [byCase, ctx] = await Promise.all([reviewsByCase(db), this.sla(req)])
    const cache = new Map<number, ReviewExportInput[]>()
    const inputsOf = (caseId: number): ReviewExportInput[] => {
      let list = cache.get(caseId)
      if (!list) {
        list = (byCase.get(caseId) ?? []).map((review: ReviewRecord) => ({ review, sla: reviewSlaFields(review, ctx, req.now, language) }))
        cache.set(caseId, list)
      }
      return list
    }
    const latestStatus = (caseId: number): string | undefined =>
      byCase.has(caseId) ? latestReview(inputsOf(caseId))?.sla.status : undefined
    /** Forget a case's reviews once written (keeps memory flat over a long export). */
    const release = (caseId: number): void => void cache.delete(caseId)
    return { inputsOf, latestStatus, release }
  }

  private async count(req: CountRequest, post: Post): Promise<void> {
    this.latestCount = req.id
    const compiled = this.compile(req, post)
    if (!compiled) return
    const db = this.openDb(req.dbName)
    const lookup = req.filter.reviewStatuses.length ? await this.reviewLookup(db, req) : null
    if (req.id !== this.latestCount) return // a newer count came in meanwhile
    const ids = await matchingCaseIds(db, compiled, lookup?.latestStatus)
    if (req.id !== this.latestCount) return
    post({ type: 'count', id: req.id, count: ids.length })
  }

  private async export(req: ExportRequest, post: Post): Promise<void> {
    const compiled = this.compile(req, post)
    if (!compiled) return
    const db = this.openDb(req.dbName)
    const lookup = await this.reviewLookup(db, req, req.language)
    const ids = await matchingCaseIds(db, compiled, req.filter.reviewStatuses.length ? lookup.latestStatus : undefined)
    if (ids.length === 0) {
      post({ type: 'empty', id: req.id })
      return
    }
    const tables: ExportTable[] = ['cases', ...(['attempts', 'reviews'] as const).filter((t) => req.tables.includes(t))]
    const options: ExportOptions = {
      language: req.language,
      timeZone: req.timeZone,
      fullDetails: req.fullDetails,
      attempts: req.attempts,
      values: req.values,
    }
    const encoder = new TextEncoder()
    const csv =
      req.format === 'csv'
        ? tables.map((table) => ({ table, writer: new CsvTableWriter(table, options), parts: [] as Uint8Array[] }))
        : null
    const xlsx =
      req.format === 'xlsx'
        ? new (await import('@/domain/export/xlsx')).XlsxWriter({ ...options, tables, creator: TABLE_NAMES.cases[req.language] })
        : null

    const chunk = Math.max(1, req.chunkSize ?? EXPORT_CHUNK)
    let matched = 0
    // IndexedDB reads on its own thread: fetch the next chunk while this one is shaped and written
    const read = (from: number): Promise<Awaited<ReturnType<typeof readCaseChunk>>> | null =>
      from < ids.length ? readCaseChunk(db, ids.slice(from, from + chunk)) : null
    let pending = read(0)
    for (let i = 0; i < ids.length; i += chunk) {
      const slice = ids.slice(i, i + chunk)
      const items = await pending!
      pending = read(i + chunk)
      const inputs: CaseExportInput[] = []
      for (const x of items) {
        const input: CaseExportInput = { case: x.case, attempts: x.attempts, reviews: lookup.inputsOf(x.case.id) }
        if (compiled.matches(input)) inputs.push(input)
      }
      matched += inputs.length
      if (csv) for (const t of csv) t.parts.push(encoder.encode(t.writer.chunk(inputs)))
      xlsx?.add(inputs)
      for (const id of slice) lookup.release(id)
      post({
        type: 'progress',
        id: req.id,
        phase: 'reading',
        done: Math.min(ids.length, i + slice.length),
        total: ids.length,
        heap: heapBytes(),
      })
    }
    if (matched === 0) {
      post({ type: 'empty', id: req.id })
      return
    }
    post({ type: 'progress', id: req.id, phase: 'writing', done: ids.length, total: ids.length, heap: heapBytes() })
    const name = (table: ExportTable, extension: 'csv' | 'xlsx'): string =>
      exportFileName({ stem: table, extension, from: req.filter.from, to: req.filter.to, today: req.today })
    let files: ExportFile[]
    if (csv) {
      files = csv.map((t) => ({
        table: t.table,
        name: name(t.table, 'csv'),
        mimeType: CSV_MIME,
        bytes: concat(t.parts),
        rows: t.writer.rowCount,
      }))
    } else {
      const { XLSX_MIME } = await import('@/domain/export/xlsx')
      const bytes = await xlsx!.finish()
      files = [{ table: 'cases', name: name('cases', 'xlsx'), mimeType: XLSX_MIME, bytes, rows: matched }]
    }
    const heap = heapBytes()
    post({ type: 'exported', id: req.id, cases: matched, files, heap }, [...new Set(files.map((f) => f.bytes.buffer as ArrayBuffer))])
  }

  private async dashboard(req: DashboardRequest, post: Post): Promise<void> {
    const compiled = compileExportFilter({ ...emptyExportFilter(), from: req.from, to: req.to }, req.timeZone)
    if (!compiled.ok) {
      post({ type: 'failed', id: req.id, problem: Object.values(compiled.errors)[0] ?? { key: 'export.invalidDate' } })
      return
    }
    const db = this.openDb(req.dbName)
    const [ctx, ids, trashed] = await Promise.all([
      this.sla(req),
      matchingCaseIds(db, compiled.value),
      db.cases.orderBy('deletedAt').primaryKeys(),
    ])
    const acc = new DashboardAccumulator({ timeZone: req.timeZone, from: req.from, to: req.to, index: ctx.index, now: req.now })
    for (let i = 0; i < ids.length; i += EXPORT_CHUNK) {
      const slice = ids.slice(i, i + EXPORT_CHUNK)
      acc.addCases(await readCaseChunk(db, slice))
      post({ type: 'progress', id: req.id, phase: 'reading', done: i + slice.length, total: ids.length })
    }
    const gone = new Set(trashed as number[])
    const reviews = (await reviewsSubmittedIn(db, compiled.value.rangeStart, compiled.value.rangeEnd)).filter((r) => !gone.has(r.caseId))
    acc.addReviews(reviews.map((review) => ({ review, status: reviewSlaFields(review, ctx, req.now).status })))
    post({ type: 'dashboard', id: req.id, data: acc.result() })
  }
}
