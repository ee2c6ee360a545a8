/**
 * Benchmark page (built by e2e/bench/vite.config.mts). Uses the app's own data layer against real
 * IndexedDB in Chromium. run.mjs calls the functions on window.bench and prints the figures.
 */
import { planLookup, stageLookup } from '@/domain/case/lookup'
import type { CaseRecord } from '@/domain/model'
import { emptyFilter, listCaseIds } from '@/data/caseList'
import { bulkInsertCases, lookupCases } from '@/data/cases'
import { ConsoleDb, DB_NAME } from '@/data/db'
import { benchReviewsBoard, syntheticReviews } from './reviewsBoard'
import { backfillBench, dropAttemptSummaries, exportBench, rawCasesFileBench, rawExportBench, seedExportExtras } from './exportBench'
import { makeCase, rng, SEED_START, type Sample } from './synthetic'

/** Seeds the app's own database, so the cold-start run opens the console with these cases. */
const db = new ConsoleDb(DB_NAME)

async function seed(n: number): Promise<{ ms: number; count: number }> {
  await db.delete()
  await db.open()
  const r = rng(42)
  const start = SEED_START
  const t0 = performance.now()
  for (let i = 0; i < n; i += 10_000) {
    const records: CaseRecord[] = []
    for (let j = i; j < Math.min(n, i + 10_000); j++) records.push(makeCase(j, r, start))
    await bulkInsertCases(db, records, { agent: 'bench', now: start })
  }
  return { ms: performance.now() - t0, count: await db.cases.count() }
}

async function samples(k: number): Promise<Sample[]> {
  const total = await db.cases.count()
  const r = rng(7)
  const out: Sample[] = []
  for (let i = 0; i < k; i++) {
    const c = await db.cases.get(1 + Math.floor(r() * total))
    if (c?.uid && c.phoneE164 && c.email) out.push({ uid: c.uid, phone: c.phoneE164, email: c.email })
  }
  return out
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}

async function time(
  queries: string[],
  run: (q: string) => Promise<number>,
): Promise<{ p50: number; p95: number; n: number; hits: number }> {
  const times: number[] = []
  let hits = 0
  for (const q of queries) {
    const t0 = performance.now()
    hits += (await run(q)) > 0 ? 1 : 0
    times.push(performance.now() - t0)
  }
  return { p50: pct(times, 50), p95: pct(times, 95), n: queries.length, hits }
}

/** The app's indexed lookup, exactly as the search box runs it. */
const indexed = async (q: string): Promise<number> => (await lookupCases(db, stageLookup(q))).length

/** Baseline: the same question answered by filtering every record. */
function scan(kind: 'uid' | 'phone' | 'suffix' | 'email'): (q: string) => Promise<number> {
  return async (q) => {
    const plan = planLookup(q)
    const rows = await db.cases
      .filter((c) => {
        if (kind === 'uid') return c.uid === plan.uidExact
        if (kind === 'phone') return c.phoneE164 !== null && plan.phoneExact.includes(c.phoneE164)
        if (kind === 'suffix') return c.phoneRev !== null && plan.phoneRevPrefix !== null && c.phoneRev.startsWith(plan.phoneRevPrefix)
        return c.emailLower !== null && plan.emailPrefix !== null && c.emailLower.startsWith(plan.emailPrefix)
      })
      .limit(25)
      .toArray()
    return rows.length
  }
}

const phoneForms = (e164: string): Record<string, string> => {
  const n = e164.slice(3)
  return {
    'phone +86 spaced': `+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
    'phone 0086': `0086${n}`,
    'phone national': n,
    'phone dashed': `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
  }
}

async function lookups(k: number, baselineK: number): Promise<Record<string, unknown>> {
  const s = await samples(k)
  const result: Record<string, unknown> = {}
  // warm up: the first queries pay for JIT compilation and cold index pages, as a console does once after start
  for (const x of s.slice(0, 20)) {
    await indexed(x.uid)
    await indexed(x.phone)
    await indexed(x.email)
  }
  result['uid exact'] = await time(
    s.map((x) => x.uid),
    indexed,
  )
  const forms = s.map((x) => phoneForms(x.phone))
  for (const name of Object.keys(forms[0]!))
    result[name] = await time(
      forms.map((f) => f[name]!),
      indexed,
    )
  // the raw anchor: the question a bare page asks once it knows the number, one equals() on plain Dexie
  result['raw anchor: phone equals'] = await time(
    s.map((x) => x.phone),
    async (q) => (await db.cases.where('phoneE164').equals(q).limit(25).toArray()).length,
  )
  result['last 4 digits'] = await time(
    s.map((x) => x.phone.slice(-4)),
    indexed,
  )
  result['email'] = await time(
    s.map((x) => x.email),
    indexed,
  )
  const b = s.slice(0, baselineK)
  result['baseline scan: uid'] = await time(
    b.map((x) => x.uid),
    scan('uid'),
  )
  result['baseline scan: phone'] = await time(
    b.map((x) => x.phone.slice(3)),
    scan('phone'),
  )
  result['baseline scan: last 4 digits'] = await time(
    b.map((x) => x.phone.slice(-4)),
    scan('suffix'),
  )
  result['baseline scan: email'] = await time(
    b.map((x) => x.email),
    scan('email'),
  )
  return result
}

async function caseList(): Promise<Record<string, number>> {
  const t = async (f: () => Promise<unknown>): Promise<number> => {
    const t0 = performance.now()
    await f()
    return performance.now() - t0
  }
  return {
    'list all, newest first': await t(() => listCaseIds(db, emptyFilter(), { field: 'updatedAt', dir: 'desc' })),
    'list status=open + channel=sms': await t(() =>
      listCaseIds(db, { ...emptyFilter(), statuses: ['open'], channels: ['sms'] }, { field: 'createdAt', dir: 'desc' }),
    ),
  }
}

/** The reviews board's work with 2,000 open reviews, through the same helpers the store uses. */
async function reviewsBoard(n: number): Promise<unknown> {
  return benchReviewsBoard(n, 60)
}

/** Puts n open reviews (on the first n cases) into the app's database, alerts already sent. */
async function seedReviews(n: number): Promise<number> {
  const now = Date.now()
  const records = syntheticReviews(n, now).map(({ review }) => {
    const { id: _id, ...rest } = review
    return { ...rest, alerted: { atRisk: now, overdue: now } }
  })
  await db.reviews.clear()
  await db.reviews.bulkAdd(records)
  return db.reviews.count()
}

declare global {
  interface Window {
    bench: Record<string, (...args: never[]) => Promise<unknown>>
  }
}

window.bench = {
  seed,
  lookups,
  caseList,
  reviewsBoard,
  seedReviews,
  exportCases: exportBench,
  rawExport: rawExportBench,
  rawCasesFile: rawCasesFileBench,
  seedExportExtras: () => seedExportExtras(db),
  dropAttemptSummaries: () => dropAttemptSummaries(db),
  backfillBench: () => backfillBench(db),
}
document.getElementById('status')!.textContent = 'ready'
