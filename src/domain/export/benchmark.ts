/**
 * Synthetic export data and a runner for a benchmark command (not a test: nothing here asserts time).
 * The caller supplies the clock, e.g. `() => performance.now()`, so the domain stays clock-free.
 */
import { ATTEMPT_STATUSES, CASE_STATUSES, CHANNELS, METHOD_IDS, type AttemptRecord, type CaseRecord, type ReviewRecord } from '../model'
import { CsvTableWriter } from './csv'
import type { CaseExportInput, ExportOptions } from './rows'
import type { ExportTable } from './columns'

/** Small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NOTE_PARTS = [
  '用户反馈收不到短信验证码，已指导关闭360手机卫士的拦截。',
  'User says SMS never arrives; asked to call 10086 to enable international SMS.',
  '已建议改用Gmail邮箱接收验证码。',
  'Switched to email codes, arrived within a minute — resolved 🎉',
  'Line one\nline two with "quotes", commas, and a | pipe',
  '用户手机时间不准确，已指导开启自动设置时间。',
  '=SUM(A1:A2) pasted by the user',
]

/** `count` cases (ids 1..count) with 1-4 attempt records each and a review on every tenth case. */
export function syntheticCaseInputs(count: number, seed = 1, startMs = Date.UTC(2026, 0, 1)): CaseExportInput[] {
  const rnd = seededRandom(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const out: CaseExportInput[] = []
  for (let i = 1; i <= count; i++) {
    const createdAt = startMs + Math.floor(i * 300_000 + rnd() * 60_000)
    const caseRecord: CaseRecord = {
      id: i,
      caseNumber: `VC-2026${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}-${(i % 1048576).toString(32).toUpperCase().padStart(4, '0')}`,
      uid: String(10_000_000 + Math.floor(rnd() * 89_999_999)),
      phoneE164: `+86138${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
      phoneRev: null,
      email: `user${i}@${pick(['qq.com', '163.com', 'gmail.com', 'outlook.com'])}`,
      emailLower: null,
      channels: [pick(CHANNELS)],
      operation: pick(['registration', 'login', 'withdrawal', 'security-settings', 'other'] as const),
      symptom: pick(['not-received', 'rejected', 'restricted'] as const),
      phoneOs: pick(['android', 'iphone', 'other'] as const),
      blockingApp: pick(['builtin', '360', 'tencent', 'none', 'other'] as const),
      carrier: pick(['china-mobile', 'china-unicom', 'china-telecom', 'other'] as const),
      emailProvider: pick(['qq', '163', 'gmail', 'outlook', 'protonmail', 'other'] as const),
      boundMethods: ['sms', 'email'],
      unavailableMethods: [],
      language: pick(['zh-CN', 'en'] as const),
      notes: `${pick(NOTE_PARTS)} ${pick(NOTE_PARTS)}`,
      status: pick(CASE_STATUSES),
      agent: pick(['alice', 'bob', '小王', '李娜']),
      resolvedBy: rnd() < 0.5 ? pick(METHOD_IDS) : null,
      createdAt,
      updatedAt: createdAt + 3_600_000,
    }
    const attempts: AttemptRecord[] = []
    const n = 1 + Math.floor(rnd() * 4)
    for (let k = 0; k < n; k++) {
      attempts.push({
        id: i * 10 + k,
        caseId: i,
        methodId: METHOD_IDS[k] ?? 'escalate',
        status: pick(ATTEMPT_STATUSES),
        variantId: null,
        steps: ['a', 'b'],
        note: k === 0 ? pick(NOTE_PARTS) : '',
        at: createdAt + k * 600_000,
        agent: caseRecord.agent,
      })
    }
    const reviews: CaseExportInput['reviews'][number][] = []
    if (i % 10 === 0) {
      const review: ReviewRecord = {
        id: i,
        caseId: i,
        state: 'open',
        registeredContact: caseRecord.email ?? '',
        uid: caseRecord.uid ?? '',
        description: 'Cannot receive any code; requests security reset.',
        methodsTried: ['sms-blocking', 'carrier-sms', 'email-code'],
        identityRequested: true,
        identityReceived: false,
        reference: `SR-${i}`,
        submittedAt: createdAt + 7_200_000,
        pauses: [{ start: createdAt + 8_000_000, end: createdAt + 90_000_000, reason: 'waiting for user' }],
        outcome: null,
        closedAt: null,
        alerted: { atRisk: null, overdue: null },
        agent: caseRecord.agent,
        createdAt: createdAt + 7_200_000,
        updatedAt: createdAt + 7_200_000,
      }
      reviews.push({ review, sla: { status: 'on track', expectedFrom: '2026-02-03', dueBy: '2026-02-10' } })
    }
    out.push({ case: caseRecord, attempts, reviews })
  }
  return out
}

export interface ExportBenchmarkResult {
  format: 'csv' | 'xlsx'
  cases: number
  chunks: number
  /** Milliseconds by the caller's clock. */
  shapeAndWriteMs: number
  /** XLSX only: time spent in writeBuffer. */
  finishMs: number
  bytes: number
}

/**
 * Exports `inputs` in chunks of `chunkSize` the way the worker would, timing it with `clock`.
 * CSV writes the cases table; XLSX writes the given tables (default cases, attempts, reviews).
 */
export async function runExportBenchmark(
  inputs: readonly CaseExportInput[],
  options: ExportOptions & { format: 'csv' | 'xlsx'; chunkSize?: number; tables?: readonly ExportTable[] },
  clock: () => number,
): Promise<ExportBenchmarkResult> {
  const chunkSize = options.chunkSize ?? 2000
  let chunks = 0
  const t0 = clock()
  if (options.format === 'csv') {
    const writer = new CsvTableWriter('cases', options)
    const encoder = new TextEncoder()
    let bytes = 0
    for (let i = 0; i < inputs.length; i += chunkSize) {
      bytes += encoder.encode(writer.chunk(inputs.slice(i, i + chunkSize))).byteLength
      chunks++
    }
    return { format: 'csv', cases: inputs.length, chunks, shapeAndWriteMs: clock() - t0, finishMs: 0, bytes }
  }
  const { XlsxWriter } = await import('./xlsx')
  let bytes = 0
  const writer = new XlsxWriter({ ...options, tables: options.tables ?? ['cases', 'attempts', 'reviews'] }, (b) => (bytes += b.byteLength))
  for (let i = 0; i < inputs.length; i += chunkSize) {
    writer.add(inputs.slice(i, i + chunkSize))
    chunks++
  }
  const t1 = clock()
  writer.finish()
  return { format: 'xlsx', cases: inputs.length, chunks, shapeAndWriteMs: t1 - t0, finishMs: clock() - t1, bytes }
}
