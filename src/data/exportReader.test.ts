import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileExportFilter, emptyExportFilter, NO_REVIEW, NOT_RESOLVED, type ExportFilter } from '@/domain/export/filter'
import { latestReview } from '@/domain/export/rows'
import { seededRandom } from '@test/random'
import { makeAttempt, makeCase, makeReview } from '@test/exportRecords'
import { CASE_STATUSES, CHANNELS, METHOD_IDS, SYMPTOMS, type AttemptRecord, type CaseRecord, type ReviewRecord } from '@/domain/model'
import { listCaseAgents, matchingCaseIds, readCaseChunk, readCaseReportData, reviewsByCase, reviewsSubmittedIn } from './exportReader'
import { testDb } from '@test/db'

const DAY = 86_400_000
const START = Date.UTC(2026, 10, 1) - 8 * 3_600_000 // 1 Nov 2026 00:00 in Shanghai
const AGENTS = ['ann', 'bob', '李娜']
const REVIEW_STATUSES = ['pending', 'overdue', 'closed']

const db = testDb()
let cases: Array<CaseRecord & { id: number }> = []
let reviews = new Map<number, ReviewRecord[]>()
/** A stand-in for the SLA code: a status per review, fixed by its id. */
const statusOfReview = (r: ReviewRecord): string => REVIEW_STATUSES[(r.id ?? 0) % REVIEW_STATUSES.length] ?? 'pending'
const latestStatus = (caseId: number): string | undefined => {
  const latest = latestReview((reviews.get(caseId) ?? []).map((review) => ({ review })))
  return latest ? statusOfReview(latest.review) : undefined
}

beforeAll(async () => {
  const rnd = seededRandom(7)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const records: CaseRecord[] = []
  for (let i = 0; i < 80; i++) {
    const createdAt = START + Math.floor(rnd() * 30 * DAY)
    const c = makeCase({
      caseNumber: `VC-T-${i}`,
      status: pick(CASE_STATUSES),
      symptom: pick(SYMPTOMS),
      channels: rnd() < 0.3 ? ['sms', 'email'] : [pick(CHANNELS)],
      agent: pick(AGENTS),
      resolvedBy: rnd() < 0.5 ? pick(METHOD_IDS) : null,
      createdAt,
      updatedAt: createdAt + Math.floor(rnd() * 10 * DAY),
    })
    delete c.id
    if (rnd() < 0.1) c.deletedAt = createdAt + DAY
    records.push(c)
  }
  const ids = (await db.cases.bulkAdd(records, { allKeys: true })) as number[]
  cases = records.map((r, i) => ({ ...r, id: ids[i] as number }))
  const attempts: AttemptRecord[] = []
  const reviewRecords: ReviewRecord[] = []
  for (const c of cases) {
    for (let k = 0; k < c.id % 3; k++) {
      const a = makeAttempt({ caseId: c.id, methodId: METHOD_IDS[k] ?? 'escalate', at: c.createdAt + k })
      delete a.id
      attempts.push(a)
    }
    if (c.id % 4 === 0) {
      for (let k = 0; k < 1 + (c.id % 8 === 0 ? 1 : 0); k++) {
        const r = makeReview({ caseId: c.id, submittedAt: c.createdAt + (k + 1) * DAY })
        delete r.id
        reviewRecords.push(r)
      }
    }
  }
  await db.attempts.bulkAdd(attempts)
  await db.reviews.bulkAdd(reviewRecords)
  reviews = await reviewsByCase(db)
})
afterAll(() => db.delete())

/** The filter applied to every record: what matchingCaseIds must reproduce from the indexes. */
function bruteForce(filter: ExportFilter): number[] {
  const compiled = compileExportFilter(filter, 'Asia/Shanghai')
  if (!compiled.ok) throw new Error('bad filter')
  const field = compiled.value.dateField
  return cases
    .filter((c) =>
      compiled.value.matches({
        case: c,
        attempts: [],
        reviews: (reviews.get(c.id) ?? []).map((review) => ({
          review,
          sla: { status: statusOfReview(review), expectedFrom: null, dueBy: null },
        })),
      }),
    )
    .sort((a, b) => a[field] - b[field] || a.id - b.id)
    .map((c) => c.id)
}

async function viaIndexes(filter: ExportFilter): Promise<number[]> {
  const compiled = compileExportFilter(filter, 'Asia/Shanghai')
  if (!compiled.ok) throw new Error('bad filter')
  return matchingCaseIds(db, compiled.value, latestStatus)
}

const sub = <T>(xs: readonly T[]) => fc.subarray([...xs], { maxLength: 3 })
const dateArb = fc.option(
  fc.integer({ min: 0, max: 31 }).map((d) => new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10)),
  { nil: null },
)
const filterArb = fc
  .record({
    from: dateArb,
    to: dateArb,
    dateField: fc.constantFrom('createdAt' as const, 'updatedAt' as const),
    statuses: sub(CASE_STATUSES),
    symptoms: sub(SYMPTOMS),
    channels: sub(CHANNELS),
    agents: sub(AGENTS),
    resolvedBy: sub([...METHOD_IDS, NOT_RESOLVED] as const),
    reviewStatuses: sub([...REVIEW_STATUSES, NO_REVIEW]),
    includeTrashed: fc.boolean(),
  })
  .filter((f) => !(f.from && f.to && f.from > f.to))

describe('matchingCaseIds', () => {
  it('selects exactly the cases the compiled filter matches, in date order', async () => {
    await fc.assert(
      fc.asyncProperty(filterArb, async (filter) => {
        expect(await viaIndexes(filter)).toEqual(bruteForce(filter))
      }),
      { numRuns: 150 },
    )
  })

  it.each<[string, Partial<ExportFilter>]>([
    ['everything but the trash', {}],
    ['the trash too', { includeTrashed: true }],
    ['unresolved only', { resolvedBy: [NOT_RESOLVED] }],
    ['no review', { reviewStatuses: [NO_REVIEW] }],
    ['a week by update date', { from: '2026-11-08', to: '2026-11-14', dateField: 'updatedAt' }],
  ])('%s', async (_name, over) => {
    const filter = { ...emptyExportFilter(), ...over }
    const want = bruteForce(filter)
    expect(want.length).toBeGreaterThan(0)
    expect(await viaIndexes(filter)).toEqual(want)
  })
})

describe('readCaseChunk', () => {
  it('returns the records in the given order with their own attempts (near and far ids)', async () => {
    const sorted = cases.map((c) => c.id).sort((a, b) => a - b)
    const near = sorted.slice(10, 20).reverse()
    const far = [sorted[0], sorted[40], sorted[79]] as number[]
    for (const ids of [near, far]) {
      const chunk = await readCaseChunk(db, ids)
      expect(chunk.map((x) => x.case.id)).toEqual(ids)
      for (const x of chunk) {
        expect(x.attempts).toHaveLength(x.case.id % 3)
        expect(x.attempts.every((a) => a.caseId === x.case.id)).toBe(true)
      }
    }
    expect(await readCaseChunk(db, [])).toEqual([])
    expect((await readCaseChunk(db, near, 'none')).every((x) => x.attempts.length === 0)).toBe(true)
  })
})

describe('helpers', () => {
  it('lists agents from the index', async () => {
    expect(await listCaseAgents(db)).toEqual([...AGENTS].sort((a, b) => a.localeCompare(b)))
  })
  it('reads reviews submitted in a range', async () => {
    const all = [...reviews.values()].flat()
    const lo = START + 10 * DAY
    const hi = START + 20 * DAY
    const got = await reviewsSubmittedIn(db, lo, hi)
    expect(got.map((r) => r.id).sort()).toEqual(
      all
        .filter((r) => r.submittedAt >= lo && r.submittedAt < hi)
        .map((r) => r.id)
        .sort(),
    )
    expect(await reviewsSubmittedIn(db, null, null)).toHaveLength(all.length)
  })
})

describe('readCaseReportData', () => {
  it('reads the case with its attempts, replies and reviews, or undefined', async () => {
    const c = cases.find((x) => x.id % 8 === 0)!
    await db.replies.add({
      caseId: c.id,
      templateId: null,
      templateVersion: null,
      language: 'en',
      text: 'hi',
      sentAt: 1,
      agent: 'ann',
      promised: null,
      reviewId: null,
    })
    const data = await readCaseReportData(db, c.id)
    expect(data?.case.caseNumber).toBe(c.caseNumber)
    expect(data?.attempts).toHaveLength(c.id % 3)
    expect(data?.replies.map((r) => r.text)).toEqual(['hi'])
    expect(data?.reviews).toHaveLength(2)
    expect(await readCaseReportData(db, 99_999)).toBeUndefined()
  })
})
