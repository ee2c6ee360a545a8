/**
 * The bench's "same file" raw anchor is a fair one: on a seeded set (the bench's synthetic cases, their
 * checklist records and reviews, plus the awkward ones: a trashed case, a case created out of key order,
 * a method recorded twice, a resolved case), it writes the very bytes the Export page's worker writes for
 * the cases CSV, masked and in full, in both languages.
 */
import Dexie from 'dexie'
import Papa from 'papaparse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { emptyExportFilter } from '@/domain/export/filter'
import { loadSlaContext } from '@/domain/export/slaFields'
import type { CaseRecord, Language } from '@/domain/model'
import type { ConsoleDb } from '@/data/db'
import { testDb } from '@test/db'
import { ExportJobs } from '@/views/export/worker/exportJob'
import type { WorkerResponse } from '@/views/export/protocol'
import { seedExportExtras } from './exportBench'
import { rawCasesCsv } from './rawCasesCsv'
import { makeCase, rng, SEED_START } from './synthetic'

const TZ = 'Asia/Shanghai'
const NOW = SEED_START + 400 * 60_000
let db: ConsoleDb

beforeEach(async () => {
  db = testDb()
  const r = rng(42)
  const cases: CaseRecord[] = []
  for (let i = 0; i < 230; i++) cases.push(makeCase(i, r, SEED_START))
  // created before every other case, though added last; trashed; resolved, with notes that need quotes
  cases.push({ ...makeCase(230, r, SEED_START), createdAt: SEED_START - 86_400_000 })
  cases[7] = { ...cases[7]!, deletedAt: SEED_START + 1 }
  cases[8] = { ...cases[8]!, resolvedBy: 'email-code', status: 'resolved', notes: ' "quoted", =1+1\nnext line ' }
  cases[9] = { ...cases[9]!, phoneE164: null, email: null, uid: null }
  await db.cases.bulkAdd(cases)
  await seedExportExtras(db)
  // a method recorded again later (its newest record is the current one)
  await db.attempts.add({
    caseId: 12,
    methodId: 'sms-blocking',
    status: 'resolved',
    variantId: null,
    steps: [],
    note: '',
    at: NOW,
    agent: 'a',
  })
})
afterEach(() => db.delete())

async function appFile(language: Language, fullDetails: boolean): Promise<string> {
  const chunks: Uint8Array[] = []
  let end: WorkerResponse | undefined
  await new ExportJobs(() => db).handle(
    {
      type: 'export',
      id: 1,
      dbName: db.name,
      timeZone: TZ,
      now: NOW,
      filter: emptyExportFilter(),
      format: 'csv',
      tables: ['cases'],
      language,
      fullDetails,
      attempts: 'current',
      values: 'labels',
      today: '2026-12-05',
      chunkSize: 50,
    },
    (m) => {
      if (m.type === 'chunk') chunks.push(m.bytes)
      else if (m.type !== 'progress') end = m
    },
  )
  expect(end?.type).toBe('exported')
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(chunks))
}

describe('rawCasesCsv (the bench anchor for the app cases file)', () => {
  for (const [language, fullDetails] of [
    ['zh-CN', false],
    ['en', true],
  ] as const)
    it(`writes the app's cases file byte for byte (${language}, ${fullDetails ? 'full details' : 'masked'})`, async () => {
      const plain = new Dexie(db.name)
      await plain.open()
      const parts: string[] = []
      await rawCasesCsv(plain, { language, timeZone: TZ, now: NOW, fullDetails, sla: await loadSlaContext(), chunk: 40 }, (p) =>
        parts.push(p),
      )
      const raw = parts.join('')
      expect(parts.length).toBeGreaterThan(5)
      plain.close()
      const app = await appFile(language, fullDetails)
      const rows = Papa.parse<string[]>(raw.slice(1), { skipEmptyLines: true }).data
      // header + every case but the trashed one, the out-of-order case first; reviews and methods filled
      expect(rows).toHaveLength(1 + 230)
      expect(rows[1]?.[0]).toBe('VC-BENCH-000230')
      expect(rows.some((r) => r[21] !== '')).toBe(true)
      expect(rows.some((r) => r[19]?.includes('; '))).toBe(true)
      expect(raw).toBe(app)
    })
})
