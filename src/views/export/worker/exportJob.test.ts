import 'fake-indexeddb/auto'
import { unzipSync } from 'fflate'
import fc from 'fast-check'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { zonedEpochMs } from '@/domain/calendar/timeZone'
import { emptyExportFilter, type ExportFilter } from '@/domain/export/filter'
import { makeAttempt, makeCase, makeReview } from '@test/exportRecords'
import { XLSX_MAX_ROWS, XlsxRowLimitError } from '@/domain/export/xlsx'
import type { CaseRecord } from '@/domain/model'
import type { ConsoleDb } from '@/data/db'
import { refreshAttemptSummaries } from '@/data/attemptSummaries'
import { withoutQueueing } from '@/data/syncOutbox'
import { testDb } from '@test/db'
import { readXlsx } from '../../../../e2e/xlsxRead'
import { ChunkPoster, ExportJobs, problemOf } from './exportJob'
import type { ExportFileInfo, ExportRequest, WorkerRequest, WorkerResponse } from '../protocol'
import { joinBytes } from '@test/bytes'

const TZ = 'Asia/Shanghai'
const at = (date: string, time = '10:00'): number => zonedEpochMs(date, time, TZ)
let db: ConsoleDb

beforeEach(async () => {
  db = testDb()
  const cases: CaseRecord[] = []
  for (let i = 0; i < 25; i++) {
    const c = makeCase({
      caseNumber: `VC-20261110-${String(i).padStart(4, '0')}`,
      uid: String(20_000_000 + i),
      phoneE164: `+86138001${String(i).padStart(5, '0')}`,
      email: `user${i}@qq.com`,
      symptom: i % 2 ? 'rejected' : 'not-received',
      resolvedBy: i % 5 === 0 ? 'email-code' : null,
      status: i % 5 === 0 ? 'resolved' : 'open',
      createdAt: at(`2026-11-${String(1 + i).padStart(2, '0')}`),
      updatedAt: at(`2026-11-${String(1 + i).padStart(2, '0')}`, '12:00'),
    })
    delete c.id
    cases.push(c)
  }
  const ids = (await db.cases.bulkAdd(cases, { allKeys: true })) as number[]
  for (const [k, id] of ids.entries()) {
    const base = at(`2026-11-${String(1 + k).padStart(2, '0')}`)
    await db.attempts.add({ ...makeAttempt({ caseId: id, methodId: 'sms-blocking', status: 'failed', at: base + 60_000 }), id: undefined })
    if (k % 5 === 0)
      await db.attempts.add({
        ...makeAttempt({ caseId: id, methodId: 'email-code', status: 'resolved', at: base + 3_600_000 }),
        id: undefined,
      })
    if (k === 3) await db.reviews.add({ ...makeReview({ caseId: id, submittedAt: base + 7_200_000, reference: 'SR-77' }), id: undefined })
  }
})
afterEach(() => db.delete())

type Received =
  | Exclude<WorkerResponse, { type: 'chunk' | 'exported' }>
  | (Extract<WorkerResponse, { type: 'exported' }> & { files: Array<ExportFileInfo & { bytes: Uint8Array }> })

/** Runs a request; the streamed chunks are joined into each file's `bytes` (and left out of the list). */
async function run(req: WorkerRequest): Promise<Received[]> {
  const out: Received[] = []
  const chunks: Uint8Array[][] = []
  await new ExportJobs(() => db).handle(req, (m) => {
    if (m.type === 'chunk') (chunks[m.file] ??= []).push(m.bytes)
    else if (m.type === 'exported') out.push({ ...m, files: m.files.map((f, i) => ({ ...f, bytes: joinBytes(chunks[i] ?? []) })) })
    else out.push(m)
  })
  return out
}

const exportReq = (over: Partial<ExportRequest> = {}, filter: Partial<ExportFilter> = {}): ExportRequest => ({
  type: 'export',
  id: 1,
  timeZone: TZ,
  now: at('2026-11-30'),
  filter: { ...emptyExportFilter(), ...filter },
  format: 'csv',
  tables: [],
  language: 'en',
  fullDetails: false,
  attempts: 'current',
  values: 'labels',
  today: '2026-11-30',
  chunkSize: 4,
  ...over,
})

const text = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
const parse = (bytes: Uint8Array): Record<string, string>[] => {
  const s = text(bytes)
  expect(s.startsWith('\ufeff')).toBe(true)
  return Papa.parse<Record<string, string>>(s.slice(1), { header: true, skipEmptyLines: true }).data
}

describe('export', () => {
  it('writes the filtered cases to CSV, masked, in chunks with progress, named after the range', async () => {
    const msgs = await run(exportReq({}, { from: '2026-11-03', to: '2026-11-12', symptoms: ['rejected'] }))
    const progress = msgs.filter((m) => m.type === 'progress')
    // the indexes narrow 25 cases to 5 (10 days, odd ones rejected); read 4 per chunk, then the file is built
    expect(progress.map((p) => (p.type === 'progress' ? [p.phase, p.done, p.total] : null))).toEqual([
      ['reading', 4, 5],
      ['reading', 5, 5],
      ['writing', 5, 5],
    ])
    const done = msgs.at(-1)
    if (done?.type !== 'exported') throw new Error(JSON.stringify(done))
    expect(done.cases).toBe(5)
    expect(done.files).toHaveLength(1)
    const [file] = done.files
    expect(file?.name).toBe('cases-2026-11-03_2026-11-12.csv')
    const rows = parse(file!.bytes)
    expect(rows.map((r) => r['Case number'])).toEqual(['0003', '0005', '0007', '0009', '0011'].map((n) => `VC-20261110-${n}`))
    expect(rows[0]?.['UID']).toBe('20****03')
    expect(rows[0]?.['Email']).toBe('u***3@qq.com')
    expect(rows[0]?.['Review status']).toBe('Overdue')
    expect(rows[0]?.['Review expected from']).toBe('2026-11-09')
    expect(rows.every((r) => r['Symptom'] === 'Code rejected')).toBe(true)
  })

  it("the cases file reads the same from the cases' stored checklist summaries, and notices a record they do not know of", async () => {
    const casesFile = async (): Promise<Record<string, string>[]> => {
      const done = (await run(exportReq({ chunkSize: 7 }))).at(-1)
      if (done?.type !== 'exported') throw new Error(JSON.stringify(done))
      return parse(done.files[0]!.bytes)
    }
    const tried = (rows: Record<string, string>[]): string[] => rows.map((r) => `${r['Methods tried']} (${r['Methods tried (count)']})`)
    // seeded straight into the table: no case has a summary yet, so every chunk reads the records
    const fromRecords = await casesFile()
    expect(tried(fromRecords)[0]).toBe('1. Disable SMS blocking: Tried without success; 3. Switch to email codes: Resolved it (2)')
    const ids = (await db.cases.toCollection().primaryKeys()) as number[]
    await db.transaction('rw', db.cases, db.attempts, async (tx) => {
      withoutQueueing((tx as unknown as { idbtrans: object }).idbtrans)
      expect(await refreshAttemptSummaries(db, ids)).toBe(ids.length)
    })
    expect(await casesFile()).toEqual(fromRecords)
    // a record written behind the summaries' back: the file shows it all the same
    const second = ids[1]!
    await db.attempts.add({
      ...makeAttempt({ caseId: second, methodId: 'carrier-sms', status: 'declined', at: at('2026-11-20') }),
      id: undefined,
    })
    const after = await casesFile()
    expect(tried(after)[1]).toBe('1. Disable SMS blocking: Tried without success; 2. Carrier: enable international SMS: User declined (2)')
    expect(after.filter((_, i) => i !== 1)).toEqual(fromRecords.filter((_, i) => i !== 1))
  })

  it('writes separate CSV files for attempts and reviews, in full with "include full details"', async () => {
    const msgs = await run(exportReq({ tables: ['reviews', 'attempts'], fullDetails: true }, { from: '2026-11-01', to: '2026-11-05' }))
    const done = msgs.at(-1)
    if (done?.type !== 'exported') throw new Error(JSON.stringify(done))
    expect(done.files.map((f) => [f.name, f.rows])).toEqual([
      ['cases-2026-11-01_2026-11-05.csv', 5],
      ['attempts-2026-11-01_2026-11-05.csv', 6],
      ['reviews-2026-11-01_2026-11-05.csv', 1],
    ])
    const cases = parse(done.files[0]!.bytes)
    expect(cases[0]?.['UID']).toBe('20000000')
    const reviews = parse(done.files[2]!.bytes)
    expect(reviews[0]?.['Reference']).toBe('SR-77')
  })

  it('writes one XLSX workbook with a sheet per table that reads back', async () => {
    const msgs = await run(exportReq({ format: 'xlsx', tables: ['attempts'], language: 'zh-CN' }, { resolvedBy: ['email-code'] }))
    const done = msgs.at(-1)
    if (done?.type !== 'exported') throw new Error(JSON.stringify(done))
    expect(done.files.map((f) => f.name)).toEqual(['cases-2026-11-30.xlsx'])
    const wb = readXlsx(done.files[0]!.bytes)
    expect(wb.sheets.map((w) => w.name)).toEqual(['工单', '方法尝试'])
    const sheet = wb.sheets[0]!
    expect(sheet.rows).toHaveLength(1 + 5)
    expect(sheet.rows[1]?.[0]).toBe('VC-20261110-0000')
    expect(done.files[0]!.rows).toBe(5)
  })

  it('bundles CSV files into one .zip when asked (browser mode)', async () => {
    const msgs = await run(exportReq({ tables: ['attempts', 'reviews'], bundle: true }, { from: '2026-11-01', to: '2026-11-05' }))
    const done = msgs.at(-1)
    if (done?.type !== 'exported') throw new Error(JSON.stringify(done))
    expect(done.files.map((f) => [f.name, f.mimeType, f.entries])).toEqual([
      [
        'export-2026-11-01_2026-11-05.zip',
        'application/zip',
        ['cases-2026-11-01_2026-11-05.csv', 'attempts-2026-11-01_2026-11-05.csv', 'reviews-2026-11-01_2026-11-05.csv'],
      ],
    ])
    const entries = unzipSync(done.files[0]!.bytes)
    expect(Object.keys(entries)).toEqual(done.files[0]!.entries)
    const rows = Object.values(entries).map((b) => parse(b).length)
    expect(rows).toEqual([5, 6, 1])
  })

  it('streams the file in chunks that join to the whole', () => {
    const posted: Uint8Array[] = []
    const poster = new ChunkPoster((m) => void (m.type === 'chunk' && posted.push(m.bytes)), 1, 0, 10)
    poster.write(new Uint8Array([1, 2, 3]))
    expect(posted).toHaveLength(0)
    poster.write(new Uint8Array(20).subarray(5, 12))
    expect(posted).toHaveLength(1)
    poster.write(new Uint8Array([9]))
    poster.flush()
    expect(posted.map((p) => p.byteLength)).toEqual([10, 1])
    // a view into a larger buffer is copied, never transferred
    expect(posted.every((p) => p.byteOffset === 0 && p.byteLength === p.buffer.byteLength)).toBe(true)
  })

  it('writes text as the UTF-8 TextEncoder gives, between bytes, across chunk ends', () => {
    // any UTF-16 text (lone surrogates, pairs, CJK) and raw bytes in any order, with a small limit
    const part = fc.oneof(
      fc
        .string({ unit: fc.constantFrom('a', ',', '"', '\r\n', '已', '验证码', '\ud83d\ude00', '\ud800', '\udc00', 'é') })
        .map((t) => ({ t })),
      fc.uint8Array({ maxLength: 40 }).map((b) => ({ b })),
    )
    fc.assert(
      fc.property(fc.array(part, { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), (parts, limit) => {
        const posted: Uint8Array[] = []
        const poster = new ChunkPoster((m) => void (m.type === 'chunk' && posted.push(m.bytes)), 1, 0, limit)
        const expected: Uint8Array[] = []
        for (const p of parts) {
          if ('t' in p) {
            poster.writeText(p.t)
            expected.push(new TextEncoder().encode(p.t))
          } else {
            poster.write(p.b)
            expected.push(p.b)
          }
        }
        poster.flush()
        expect(joinBytes(posted)).toEqual(joinBytes(expected))
        expect(poster.posted).toBe(joinBytes(expected).byteLength)
        // every message but the last holds at least the limit; none is empty
        expect(posted.slice(0, -1).every((p) => p.byteLength >= limit)).toBe(true)
        expect(posted.every((p) => p.byteLength > 0)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('says so when nothing matches, and writes nothing', async () => {
    const msgs = await run(exportReq({}, { from: '2027-01-01', to: '2027-01-31' }))
    expect(msgs).toEqual([{ type: 'empty', id: 1 }])
    const noReview = await run(exportReq({}, { reviewStatuses: ['paused'] }))
    expect(noReview).toEqual([{ type: 'empty', id: 1 }])
  })

  it('refuses a reversed range with the domain problem', async () => {
    const msgs = await run(exportReq({}, { from: '2026-11-12', to: '2026-11-03' }))
    expect(msgs).toEqual([
      { type: 'failed', id: 1, problem: { key: 'errors.export.rangeInverted', params: { from: '2026-11-12', to: '2026-11-03' } } },
    ])
  })

  it('fails with a plain problem (and no file) when storage fails', async () => {
    db.close()
    await db.delete()
    const jobs = new ExportJobs(() => {
      throw Object.assign(new Error('boom'), { name: 'DatabaseClosedError' })
    })
    const out: WorkerResponse[] = []
    await jobs.handle(exportReq(), (m) => out.push(m))
    expect(out).toEqual([{ type: 'failed', id: 1, problem: { key: 'errors.storage.unavailable' } }])
  })
})

describe('count', () => {
  it('counts the matching cases, review status included', async () => {
    const count = async (filter: Partial<ExportFilter>) =>
      (await run({ type: 'count', id: 2, timeZone: TZ, now: at('2026-11-30'), filter: { ...emptyExportFilter(), ...filter } }))[0]
    expect(await count({})).toEqual({ type: 'count', id: 2, count: 25 })
    expect(await count({ from: '2026-11-10', to: '2026-11-19' })).toEqual({ type: 'count', id: 2, count: 10 })
    expect(await count({ reviewStatuses: ['overdue'] })).toEqual({ type: 'count', id: 2, count: 1 })
    expect(await count({ reviewStatuses: ['none'] })).toEqual({ type: 'count', id: 2, count: 24 })
  })
})

describe('dashboard', () => {
  it('aggregates the range', async () => {
    const msgs = await run({ type: 'dashboard', id: 3, timeZone: TZ, now: at('2026-11-30'), from: '2026-11-01', to: '2026-11-10' })
    const last = msgs.at(-1)
    if (last?.type !== 'dashboard') throw new Error(JSON.stringify(last))
    expect(last.data.cases).toBe(10)
    expect(last.data.days).toHaveLength(10)
    expect(last.data.resolved.count).toBe(2)
    expect(last.data.resolution).toEqual({ count: 2, medianMs: 3_600_000 })
    expect(last.data.reviews.total).toBe(1)
    expect(last.data.reviews.byStatus.overdue).toBe(1)
  })
})

describe('problemOf', () => {
  it('keeps a thrown Problem (e.g. the XLSX row limit) and words anything else', () => {
    expect(problemOf(new XlsxRowLimitError('cases'))).toEqual({
      key: 'errors.export.tooManyRows',
      params: { table: 'cases', max: XLSX_MAX_ROWS },
    })
    expect(problemOf(new Error('x'))).toEqual({ key: 'errors.export.failed', params: { detail: 'x' } })
  })
})
