/**
 * Bulk-export benchmark for the bench page: exports every case of the app's database through the very
 * code path of the Export page (`runExport`: a module Web Worker reading IndexedDB in chunks), and
 * measures, on the main thread, what the agent would feel:
 * - total time from the request to the complete file's bytes on the main thread;
 * - the longest main-thread task during the export (PerformanceObserver 'longtask', tasks over 50 ms),
 *   and the largest delay of a 10 ms timer probe (how late the page could have reacted);
 * - the peak JS heap of the page (performance.memory, sampled by the probe; run Chromium with
 *   --enable-precise-memory-info for exact figures) and of the worker where Chromium reports it.
 * Nothing is saved: the bytes are dropped once counted.
 */
import { emptyExportFilter } from '@/domain/export/filter'
import { ATTEMPT_STATUSES, METHOD_IDS, type AttemptRecord, type ReviewRecord } from '@/domain/model'
import type { ConsoleDb } from '@/data/db'
import { BACKFILL_KEY, backfillAttemptSummaries, refreshAttemptSummaries } from '@/data/attemptSummaries'
import { withoutQueueing } from '@/data/syncOutbox'
import { runExport } from '@/views/export/exportClient'

export interface ExportBenchOptions {
  format: 'csv' | 'xlsx'
  /** Extra tables besides cases (CSV: extra files; XLSX: extra sheets). */
  tables?: Array<'attempts' | 'reviews'>
  fullDetails?: boolean
}

export interface ExportBenchResult {
  format: 'csv' | 'xlsx'
  tables: string[]
  cases: number
  files: Array<{ name: string; rows: number; mb: number }>
  totalMs: number
  /** Longest main-thread task reported by the Long Tasks API (0: none over 50 ms). */
  longestTaskMs: number
  longTasks: number
  /** Long tasks as [start, duration] in ms since the export began (where in the run they fell). */
  longTaskTimes: Array<[number, number]>
  /** Largest lateness of a 10 ms setTimeout probe. */
  maxProbeDelayMs: number
  /** Peak main-thread JS heap (MB) sampled during the run, and at the start. */
  heapStartMB: number | null
  heapPeakMB: number | null
  /** Peak worker heap (MB), where the worker can read performance.memory. */
  workerHeapPeakMB: number | null
}

const heapNow = (): number | null => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null
const MB = 2 ** 20

export async function exportBench(options: ExportBenchOptions): Promise<ExportBenchResult> {
  const tables = ['cases', ...(options.tables ?? [])] as Array<'cases' | 'attempts' | 'reviews'>
  let longestTask = 0
  let longTasks = 0
  const longTaskTimes: Array<[number, number]> = []
  let t0 = performance.now()
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      longTasks++
      longestTask = Math.max(longestTask, e.duration)
      longTaskTimes.push([Math.round(e.startTime - t0), Math.round(e.duration)])
    }
  })
  try {
    observer.observe({ type: 'longtask', buffered: false })
  } catch {
    // Long Tasks API missing: the probe still measures
  }
  const heapStart = heapNow()
  let heapPeak = heapStart ?? 0
  let workerPeak = 0
  let maxDelay = 0
  let probing = true
  let last = performance.now()
  const probe = (): void => {
    const now = performance.now()
    maxDelay = Math.max(maxDelay, now - last - 10)
    last = now
    const h = heapNow()
    if (h !== null) heapPeak = Math.max(heapPeak, h)
    if (probing) setTimeout(probe, 10)
  }
  setTimeout(probe, 10)

  t0 = performance.now()
  const run = runExport(
    {
      timeZone: 'Asia/Shanghai',
      now: Date.now(),
      filter: emptyExportFilter(),
      format: options.format,
      tables,
      language: 'zh-CN',
      fullDetails: options.fullDetails ?? false,
      attempts: 'current',
      values: 'labels',
      today: new Date().toISOString().slice(0, 10),
    },
    (p) => {
      if (p.heap) workerPeak = Math.max(workerPeak, p.heap)
    },
  )
  const result = await run.result
  const totalMs = performance.now() - t0
  probing = false
  await new Promise((r) => setTimeout(r, 60))
  observer.disconnect()
  if (result.kind !== 'exported')
    throw new Error(
      `export ended ${result.kind}${result.kind === 'failed' ? `: ${result.problem.key} ${JSON.stringify(result.problem.params)}` : ''}`,
    )
  if (result.heap) workerPeak = Math.max(workerPeak, result.heap)
  return {
    format: options.format,
    tables,
    cases: result.cases,
    files: result.files.map((f) => ({ name: f.name, rows: f.rows, mb: f.blob.size / MB })),
    totalMs,
    longestTaskMs: longestTask,
    longTasks,
    longTaskTimes,
    maxProbeDelayMs: maxDelay,
    heapStartMB: heapStart === null ? null : heapStart / MB,
    heapPeakMB: heapStart === null ? null : heapPeak / MB,
    workerHeapPeakMB: workerPeak ? workerPeak / MB : null,
  }
}

/**
 * Gives the seeded cases what a real database has for exports: 1-3 checklist records per case and a
 * security-reset review on every tenth case (the bench seed writes cases only). Idempotent.
 */
export async function seedExportExtras(db: ConsoleDb): Promise<{ attempts: number; reviews: number; ms: number }> {
  const t0 = performance.now()
  if ((await db.attempts.count()) > 0) return { attempts: await db.attempts.count(), reviews: await db.reviews.count(), ms: 0 }
  const ids = (await db.cases.toCollection().primaryKeys()) as number[]
  let attempts = 0
  let reviews = 0
  for (let i = 0; i < ids.length; i += 5000) {
    const slice = ids.slice(i, i + 5000)
    const cases = await db.cases.bulkGet(slice)
    const a: AttemptRecord[] = []
    const r: ReviewRecord[] = []
    for (const c of cases) {
      if (!c?.id) continue
      const n = 1 + (c.id % 3)
      for (let k = 0; k < n; k++) {
        a.push({
          caseId: c.id,
          methodId: METHOD_IDS[k] ?? 'escalate',
          status: ATTEMPT_STATUSES[(c.id + k) % ATTEMPT_STATUSES.length] ?? 'failed',
          variantId: null,
          steps: ['a', 'b'],
          note: k === 0 ? `Tried on ${c.createdAt}` : '',
          at: c.createdAt + (k + 1) * 600_000,
          agent: c.agent,
        })
      }
      if (c.id % 10 === 0) {
        r.push({
          caseId: c.id,
          state: c.id % 20 === 0 ? 'closed' : 'open',
          registeredContact: c.email ?? '',
          uid: c.uid ?? '',
          description: 'All methods failed; the user asks for a security reset.',
          methodsTried: ['sms-blocking', 'carrier-sms', 'email-code'],
          identityRequested: true,
          identityReceived: false,
          reference: `SR-${c.id}`,
          submittedAt: c.createdAt + 7_200_000,
          pauses: [],
          outcome: c.id % 20 === 0 ? 'approved' : null,
          closedAt: c.id % 20 === 0 ? c.createdAt + 5 * 86_400_000 : null,
          alerted: { atRisk: null, overdue: null },
          agent: c.agent,
          createdAt: c.createdAt + 7_200_000,
          updatedAt: c.createdAt + 7_200_000,
        })
      }
    }
    await db.transaction('rw', db.cases, db.attempts, db.reviews, async (tx) => {
      await db.attempts.bulkAdd(a)
      await db.reviews.bulkAdd(r)
      // the cases' checklist summaries, as appendAttempt and a pull keep them (the app never adds records
      // without them); unqueued, as the app's own refresh is
      withoutQueueing((tx as unknown as { idbtrans: object }).idbtrans)
      await refreshAttemptSummaries(db, slice)
    })
    attempts += a.length
    reviews += r.length
  }
  return { attempts, reviews, ms: performance.now() - t0 }
}

export interface RawExportBenchResult {
  kind: 'csv' | 'xlsx'
  tables: string[]
  rows: number
  totalMs: number
  mb: number
}

/** One IndexedDB request as a promise. */
const idb = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })

const RAW_CHUNK = 2000

/**
 * The raw anchors the export figures are compared with, measured in the same run on the same data: every
 * case (and its attempts and reviews) read straight from IndexedDB in key ranges of 2,000, and written
 * - 'csv': by one plain `Papa.unparse` per chunk of the records as they are stored (no shaping, masking,
 *   labels or dates), one file per table;
 * - 'xlsx': as bare SpreadsheetML (a row of inline-string and number cells per record, no styles)
 *   through fflate's streaming Zip + ZipDeflate, one sheet per table;
 * into Blobs, as the app's exports are.
 */
export async function rawExportBench(kind: 'csv' | 'xlsx', extra: Array<'attempts' | 'reviews'> = []): Promise<RawExportBenchResult> {
  const Papa = (await import('papaparse')).default
  const { Zip, ZipDeflate, strToU8 } = await import('fflate')
  const t0 = performance.now()
  const open = await idb(indexedDB.open('verification-console'))
  const tables = ['cases', ...extra]
  const keys = (await idb(open.transaction('cases').objectStore('cases').getAllKeys())) as number[]
  const reviews = extra.includes('reviews') ? ((await idb(open.transaction('reviews').objectStore('reviews').getAll())) as object[]) : []
  const encoder = new TextEncoder()
  const parts: BlobPart[][] = tables.map(() => [])
  let rows = 0
  // xlsx: one zip, a sheet entry per table
  const zipParts: BlobPart[] = []
  const zip = kind === 'xlsx' ? new Zip((err, data) => (err ? null : zipParts.push(data))) : null
  const sheets =
    zip &&
    tables.map((_, i) => {
      const e = new ZipDeflate(`xl/worksheets/sheet${i + 1}.xml`, { level: 1 })
      zip.add(e)
      e.push(strToU8('<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>'))
      return e
    })
  const esc = (s: string): string => s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
  const cell = (v: unknown): string =>
    typeof v === 'number'
      ? `<c><v>${v}</v></c>`
      : v === null || v === undefined
        ? '<c/>'
        : `<c t="inlineStr"><is><t>${esc(typeof v === 'string' ? v : JSON.stringify(v))}</t></is></c>`
  const write = (table: number, records: object[]): void => {
    rows += records.length
    if (!records.length) return
    if (kind === 'csv') parts[table]!.push(encoder.encode(Papa.unparse(records as unknown[] as object[], { header: true })))
    else {
      let xml = ''
      for (const r of records) {
        xml += '<row>'
        for (const v of Object.values(r)) xml += cell(v)
        xml += '</row>'
      }
      sheets![table]!.push(encoder.encode(xml))
    }
  }
  for (let i = 0; i < keys.length; i += RAW_CHUNK) {
    const slice = keys.slice(i, i + RAW_CHUNK)
    const range = IDBKeyRange.bound(slice[0], slice[slice.length - 1])
    const tx = open.transaction(['cases', 'attempts'], 'readonly')
    const [cases, attempts] = await Promise.all([
      idb(tx.objectStore('cases').getAll(range)) as Promise<object[]>,
      extra.includes('attempts')
        ? (idb(tx.objectStore('attempts').index('caseId').getAll(range)) as Promise<object[]>)
        : Promise.resolve([]),
    ])
    write(0, cases)
    if (extra.includes('attempts')) write(tables.indexOf('attempts'), attempts)
  }
  if (extra.includes('reviews')) write(tables.indexOf('reviews'), reviews)
  let size = 0
  if (zip && sheets) {
    for (const s of sheets) s.push(strToU8('</sheetData></worksheet>'), true)
    zip.end()
    size = new Blob(zipParts).size
  } else for (const p of parts) size += new Blob(p).size
  open.close()
  return { kind, tables, rows, totalMs: performance.now() - t0, mb: size / MB }
}

/**
 * The raw anchor that writes the same cases file as the app (rawCasesCsv.ts: plain Dexie reads of cases and
 * their checklist records by plain indexes, the same columns, one Papa.unparse per 2,000 cases), with the
 * options of the bench's app export (zh-CN labels, masked, Asia/Shanghai, the default calendar and SLA),
 * each part encoded as it is made, into a Blob.
 */
export async function rawCasesFileBench(): Promise<RawExportBenchResult> {
  const { default: Dexie } = await import('dexie')
  const { rawCasesCsv } = await import('./rawCasesCsv')
  const { loadSlaContext } = await import('@/domain/export/slaFields')
  const t0 = performance.now()
  const db = new Dexie('verification-console')
  await db.open()
  const encoder = new TextEncoder()
  const parts: BlobPart[] = []
  let lines = 0
  const options = {
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    now: Date.now(),
    fullDetails: false,
    sla: await loadSlaContext(),
  } as const
  await rawCasesCsv(db, options, (part) => {
    parts.push(encoder.encode(part))
    // the bench's cases have no line breaks in their cells
    for (let i = part.indexOf('\n'); i >= 0; i = part.indexOf('\n', i + 1)) lines++
  })
  const size = new Blob(parts).size
  const totalMs = performance.now() - t0
  db.close()
  return { kind: 'csv', tables: ['cases'], rows: lines - 1, totalMs, mb: size / MB }
}

/**
 * Takes the cases' stored checklist summaries away (unqueued, as a derived field), so the next cases-only
 * export reads every checklist record: the fallback's figure. Returns how many cases lost one.
 */
export async function dropAttemptSummaries(db: ConsoleDb): Promise<number> {
  return db.transaction('rw', db.cases, async (tx) => {
    withoutQueueing((tx as unknown as { idbtrans: object }).idbtrans)
    return db.cases
      .filter((c) => c.attemptSummary !== undefined)
      .modify((c) => {
        delete c.attemptSummary
      })
  })
}

/**
 * The back-fill the console runs after its first screen on a database whose cases have no checklist
 * summary yet (made before summaries, or restored from such a file): its whole work at once here (no idle
 * pauses), so the figure is the background work in total. Returns the time and how many cases it wrote.
 */
export async function backfillBench(db: ConsoleDb): Promise<{ ms: number; written: number; cases: number }> {
  await db.syncState.delete(BACKFILL_KEY)
  const t0 = performance.now()
  const written = await backfillAttemptSummaries(db, () => Promise.resolve())
  return { ms: performance.now() - t0, written, cases: await db.cases.count() }
}
