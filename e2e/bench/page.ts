/**
 * Benchmark page (built by e2e/bench/vite.config.mts). Uses the app's own data layer against real
 * IndexedDB in Chromium. run.mjs calls the functions on window.bench and prints the figures.
 */
import { planLookup } from '@/domain/case/lookup'
import { reverseDigits } from '@/domain/case/phone'
import { EMAIL_PROVIDERS, type CaseRecord, type Channel } from '@/domain/model'
import { emptyFilter, listCaseIds } from '@/data/caseList'
import { bulkInsertCases, lookupCases } from '@/data/cases'
import { ConsoleDb, DB_NAME } from '@/data/db'
import { benchReviewsBoard, syntheticReviews } from './reviewsBoard'
import { exportBench, rawExportBench, seedExportExtras } from './exportBench'

/** Seeds the app's own database, so the cold-start run opens the console with these cases. */
const db = new ConsoleDb(DB_NAME)

/** Deterministic pseudo-random numbers so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const CN_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '182',
  '183',
  '187',
  '188',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
  '133',
  '153',
  '180',
  '181',
  '189',
  '177',
  '199',
]
const DOMAINS = ['qq.com', '163.com', 'gmail.com', 'outlook.com', 'proton.me', 'sina.com']

export interface Sample {
  uid: string
  phone: string
  email: string
}

function makeCase(i: number, r: () => number, start: number): CaseRecord {
  const national = CN_PREFIXES[Math.floor(r() * CN_PREFIXES.length)]! + String(Math.floor(r() * 1e8)).padStart(8, '0')
  const e164 = `+86${national}`
  const uid = String(10_000_000 + i * 7 + Math.floor(r() * 7))
  const domain = DOMAINS[i % DOMAINS.length]!
  const email = `user${i}.${Math.floor(r() * 1000)}@${domain}`
  const channels: Channel[] = r() < 0.8 ? ['sms'] : r() < 0.5 ? ['email'] : ['sms', 'email']
  const createdAt = start + i * 60_000
  return {
    caseNumber: `VC-BENCH-${String(i).padStart(6, '0')}`,
    uid,
    phoneE164: e164,
    phoneRev: reverseDigits(e164),
    email,
    emailLower: email.toLowerCase(),
    channels,
    operation: 'login',
    symptom: r() < 0.7 ? 'not-received' : r() < 0.5 ? 'rejected' : 'restricted',
    phoneOs: r() < 0.6 ? 'android' : 'iphone',
    blockingApp: null,
    carrier: 'china-mobile',
    emailProvider: EMAIL_PROVIDERS[i % 4] ?? 'other',
    boundMethods: ['sms', 'email'],
    unavailableMethods: [],
    language: 'zh-CN',
    notes: `Benchmark case ${i}: user reports the code never arrives on ${national}.`,
    status: (['open', 'waiting', 'escalated', 'resolved', 'closed'] as const)[i % 5]!,
    agent: `agent${i % 12}`,
    resolvedBy: null,
    createdAt,
    updatedAt: createdAt,
  }
}

async function seed(n: number): Promise<{ ms: number; count: number }> {
  await db.delete()
  await db.open()
  const r = rng(42)
  const start = Date.UTC(2025, 0, 1)
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
const indexed = async (q: string): Promise<number> => (await lookupCases(db, planLookup(q))).length

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
  seedExportExtras: () => seedExportExtras(db),
}
document.getElementById('status')!.textContent = 'ready'
