/**
 * The benchmark's synthetic cases: deterministic, so the app's database and the raw anchor's hold the same
 * 100,000 records with the same ids, and runs are comparable.
 */
import { reverseDigits } from '@/domain/case/phone'
import { EMAIL_PROVIDERS, type CaseRecord, type Channel } from '@/domain/model'

/** The seeded cases' first creation time; case i was created i minutes later. */
export const SEED_START = Date.UTC(2025, 0, 1)

/** Deterministic pseudo-random numbers so runs are comparable. */
export function rng(seed: number): () => number {
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

export function makeCase(i: number, r: () => number, start: number): CaseRecord {
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
