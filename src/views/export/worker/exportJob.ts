/**
 * What the export worker does, as a class that runs anywhere (the worker shell in export.worker.ts
 * only wires messages; unit tests drive this directly on fake-indexeddb).
 *
 * - count: the live count of the export form (indexes only).
 * - export: reads the matching cases in chunks of about 2,000 (records, attempts, reviews with their
 *   SLA fields), shapes and writes each chunk (CSV text, or SpreadsheetML rows into the streaming XLSX
 *   zip), and posts the files' bytes as they are made (`chunk` messages of about 1 MiB) with progress;
 *   `exported` ends a good run. A failed run ends with `failed` (the renderer drops what it received);
 *   no matching case ends with `empty` (no file is written).
 * - dashboard: the dashboard's aggregates over the same chunked reads.
 */
import { DashboardAccumulator } from '@/domain/dashboard/aggregate'
import { TABLE_NAMES, type ExportTable } from '@/domain/export/columns'
import { CsvTableWriter } from '@/domain/export/csv'
import { exportFileName } from '@/domain/export/fileName'
import { compileExportFilter, emptyExportFilter, type CompiledExportFilter } from '@/domain/export/filter'
import { latestReview, type CaseExportInput, type ExportOptions, type ReviewExportInput } from '@/domain/export/rows'
import type { ReviewRecord } from '@/domain/model'
import { type Problem, ProblemError } from '@/domain/result'
import type { ConsoleDb } from '@/data/db'
import { toStorageProblem } from '@/domain/storageError'
import {
  EXPORT_CHUNK,
  matchingCaseIds,
  readCaseChunk,
  reviewsByCase,
  reviewsSubmittedIn,
  type AttemptsRead,
  type CaseChunkItem,
} from '@/data/exportReader'
import { Zip, ZipDeflate } from 'fflate'
import { NativeDeflateEntry } from './nativeDeflateEntry'
import {
  CSV_MIME,
  ZIP_MIME,
  type CountRequest,
  type DashboardRequest,
  type ExportFileInfo,
  type ExportRequest,
  type WorkerRequest,
  type WorkerResponse,
} from '../protocol'
import { loadSlaContext, reviewSlaFields, type SlaContext } from '@/domain/export/slaFields'

export type Post = (message: WorkerResponse, transfer?: Transferable[]) => void

/** The JS heap of this thread, where the browser tells (Chromium's non-standard performance.memory). */
export function heapBytes(): number | undefined {
  return (globalThis.performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize
}

/** A Problem for anything thrown while exporting. */
export function problemOf(err: unknown): Problem {
  if (err instanceof ProblemError) return err.problem
  if (
    err &&
    typeof err === 'object' &&
    'name' in err &&
    typeof (err as { name: unknown }).name === 'string' &&
    /Dexie|IDB|Quota|Database/i.test((err as { name: string }).name)
  ) {
    return toStorageProblem(err)
  }
  return { key: 'errors.export.failed', params: { detail: (err instanceof Error ? err.message : String(err)).slice(0, 200) } }
}

/**
 * Cases per read for a file export, CSV or XLSX (the dashboard reads EXPORT_CHUNK). A chunk's records stay reachable
 * until the worker's next major GC (IndexedDB's request keeps its result), and when that GC ran in the
 * middle of a 2,000-case chunk (three sheets) it found about 28 MB live instead of about 10; V8 then let
 * the heap grow to about 4× that plus its young generation (old-generation limit 138-145 MB) before the
 * next one: renderer peaks of 400-430 MB. 1,000 cases keep what a GC can find live small; 500 held it too
 * but read four times as often and was slower (100,000 cases, interleaved 2,000 / 500 / 1,000, all sheets:
 * 12-13 / 14 / 10-12 s, RSS 301 / 288-360 / 297-316 MB; see the commits). CSV of 2,000-case chunks peaked the
 * same way (400, 443 and 445 MB in three of six 100k runs); at 1,000: 305-333 MB in two runs, about 5 % slower.
 */
const FILE_EXPORT_CHUNK = 1000
/** Chunks read with their records straight away after one whose stored summaries did not hold. */
const RECORDS_AFTER_STALE = 3

/** Bytes per `chunk` message: big enough that messaging costs nothing, small enough to keep memory flat. */
export const STREAM_CHUNK_BYTES = 1 << 20

/**
 * Coalesces one file's bytes into `chunk` messages of about STREAM_CHUNK_BYTES, posted in order. Bytes and
 * text are gathered in one buffer reused for the whole file; each message is a copy of what it holds (a
 * part may be a view into a buffer its producer reuses, which must not be transferred).
 */
export class ChunkPoster {
  private buffer = new Uint8Array(0)
  private size = 0
  /** Bytes posted so far. */
  posted = 0

  constructor(
    private readonly post: Post,
    private readonly id: number,
    private readonly file: number,
    private readonly limit = STREAM_CHUNK_BYTES,
  ) {}

  /** Room for `more` bytes after what is held. */
  private reserve(more: number): void {
    const need = this.size + more
    if (need <= this.buffer.length) return
    const grown = new Uint8Array(Math.max(need, this.buffer.length * 2, this.limit * 2))
    grown.set(this.buffer.subarray(0, this.size))
    this.buffer = grown
  }

  write(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return
    this.reserve(bytes.byteLength)
    this.buffer.set(bytes, this.size)
    this.size += bytes.byteLength
    if (this.size >= this.limit) this.flush()
  }

  /**
   * Text as UTF-8, encoded straight into the buffer (TextEncoder.encodeInto: the same bytes as `encode`,
   * lone surrogates as U+FFFD, without a fresh array per text, which cost more than the CSV shaping in
   * Chromium's worker).
   */
  writeText(text: string): void {
    if (text.length === 0) return
    // UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units)
    this.reserve(text.length * 3)
    const { read, written } = textEncoder.encodeInto(text, this.buffer.subarray(this.size))
    if (read !== text.length) throw new Error('text not fully encoded')
    this.size += written
    if (this.size >= this.limit) this.flush()
  }

  flush(): void {
    if (this.size === 0) return
    const bytes = this.buffer.slice(0, this.size)
    this.posted += this.size
    this.size = 0
    this.post({ type: 'chunk', id: this.id, file: this.file, bytes }, [bytes.buffer as ArrayBuffer])
  }
}

const textEncoder = new TextEncoder()

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
    const first = Object.values(compiled.error)[0] ?? { key: 'errors.export.invalidChoice' }
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
    /**
     * Forget a case's reviews once written (keeps memory flat over a long export): each case is written
     * once, after the filter's ids were chosen, so its records are not asked for again.
     */
    const release = (caseId: number): void => {
      cache.delete(caseId)
      byCase.delete(caseId)
    }
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
    const name = (stem: ExportTable | 'export', extension: 'csv' | 'xlsx' | 'zip'): string =>
      exportFileName({ stem, extension, from: req.filter.from, to: req.filter.to, today: req.today })
    let files: ExportFileInfo[]
    let posters: ChunkPoster[]
    let write: (inputs: CaseExportInput[]) => void | Promise<void>
    let finish: () => void | Promise<void>
    let rows: () => number[]
    if (req.format === 'csv') {
      const writers = tables.map((table) => new CsvTableWriter(table, options))
      rows = () => writers.map((w) => w.rowCount)
      if (req.bundle && tables.length > 1) {
        // one .zip of the CSV files: each file a deflated entry; later entries are held compressed until
        // the one before them ends (fflate's streaming Zip)
        const poster = new ChunkPoster(post, req.id, 0)
        posters = [poster]
        let failure: Error | null = null
        const zip = new Zip((err, data) => {
          if (err) failure = err
          else poster.write(data)
        })
        const entries = tables.map((table) => {
          const e = new ZipDeflate(name(table, 'csv'), { level: 1 })
          zip.add(e)
          return e
        })
        write = (inputs) => {
          writers.forEach((w, i) => entries[i]!.push(encoder.encode(w.chunk(inputs))))
          if (failure) throw failure
        }
        finish = () => {
          for (const e of entries) e.push(new Uint8Array(0), true)
          zip.end()
          if (failure) throw failure
        }
        files = [
          {
            table: 'cases',
            name: name('export', 'zip'),
            mimeType: ZIP_MIME,
            rows: 0,
            entries: tables.map((t) => name(t, 'csv')),
          },
        ]
      } else {
        posters = tables.map((_, i) => new ChunkPoster(post, req.id, i))
        write = (inputs) => writers.forEach((w, i) => posters[i]!.writeText(w.chunk(inputs)))
        finish = () => {}
        files = tables.map((table) => ({ table, name: name(table, 'csv'), mimeType: CSV_MIME, rows: 0 }))
      }
    } else {
      const { XlsxWriter, XLSX_MIME } = await import('@/domain/export/xlsx')
      const poster = new ChunkPoster(post, req.id, 0)
      posters = [poster]
      // the sheets deflated by the browser's zlib where it has CompressionStream (see NativeDeflateEntry)
      const sheets: NativeDeflateEntry[] = []
      const sheetEntry =
        typeof CompressionStream === 'function'
          ? (entryName: string): NativeDeflateEntry => {
              const e = new NativeDeflateEntry(entryName)
              sheets.push(e)
              return e
            }
          : undefined
      const xlsx = new XlsxWriter({ ...options, tables, creator: TABLE_NAMES.cases[req.language], sheetEntry }, (bytes) =>
        poster.write(bytes),
      )
      write = async (inputs) => {
        xlsx.add(inputs)
        // what this chunk's XML gave the deflate streams is compressed before the next chunk is written
        for (const s of sheets) await s.drained()
      }
      finish = async () => {
        xlsx.finish()
        await xlsx.done
      }
      rows = () => [xlsx.rowCounts.cases]
      files = [{ table: 'cases', name: name('cases', 'xlsx'), mimeType: XLSX_MIME, rows: 0 }]
    }

    const chunk = Math.max(1, req.chunkSize ?? FILE_EXPORT_CHUNK)
    let matched = 0
    // the cases file alone needs each method's newest status, not the checklist records (exportReader.ts).
    // When a chunk's summaries do not hold (cases the back-fill has not reached), it was read twice (ids,
    // then records): the next few chunks read the records straight away, then the summaries are tried again
    const wantsRecords = tables.includes('attempts')
    let recordsFor = 0
    const modeOfNext = (): AttemptsRead => {
      if (wantsRecords) return 'records'
      if (recordsFor === 0) return 'current'
      recordsFor--
      return 'records'
    }
    // IndexedDB reads on its own thread: fetch the next chunk while this one is shaped and written
    const read = (from: number): { mode: AttemptsRead; items: Promise<CaseChunkItem[]> } | null => {
      if (from >= ids.length) return null
      const mode = modeOfNext()
      return { mode, items: readCaseChunk(db, ids.slice(from, from + chunk), mode) }
    }
    let pending = read(0)
    for (let i = 0; i < ids.length; i += chunk) {
      const slice = ids.slice(i, i + chunk)
      const { mode, items: reading } = pending!
      const items = await reading
      if (mode === 'current' && items.length > 0 && items[0]!.current === undefined) recordsFor = RECORDS_AFTER_STALE
      pending = read(i + chunk)
      const inputs: CaseExportInput[] = []
      for (const x of items) {
        const input: CaseExportInput = { case: x.case, attempts: x.attempts, reviews: lookup.inputsOf(x.case.id) }
        if (x.current) input.current = x.current
        if (compiled.matches(input)) inputs.push(input)
      }
      matched += inputs.length
      if (inputs.length) await write(inputs)
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
    await finish()
    for (const p of posters) p.flush()
    const counts = rows()
    files = files.map((f, i) => ({ ...f, rows: f.entries ? (counts[0] ?? 0) : (counts[i] ?? 0) }))
    post({ type: 'exported', id: req.id, cases: matched, files, heap: heapBytes() })
  }

  private async dashboard(req: DashboardRequest, post: Post): Promise<void> {
    const compiled = compileExportFilter({ ...emptyExportFilter(), from: req.from, to: req.to }, req.timeZone)
    if (!compiled.ok) {
      post({ type: 'failed', id: req.id, problem: Object.values(compiled.error)[0] ?? { key: 'errors.export.invalidDate' } })
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
