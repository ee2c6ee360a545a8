/**
 * A timing hook for the benchmark command (no timed assertions in unit tests): renders every default
 * template in both languages `n` times over a few case contexts and reports the cost per render.
 */
import { LANGUAGES, type Language } from '../model'
import { buildReplyContext, type ReplyContext, type ReplyContextInput } from './context'
import { clearTemplateCache, renderTemplate } from './engine'
import { defaultTemplateRecords } from './library'

export interface BenchResult {
  renders: number
  /** First pass over every template and language, parsing included (cold cache). */
  coldMs: number
  /** All passes after the first (parsed templates cached). */
  warmMs: number
  warmMsPerRender: number
  /** Renders that failed (should be 0). */
  failures: number
}

const SAMPLE_CASES: ReplyContextInput[] = [
  {
    case: {
      caseNumber: 'VC-20261124-7K3Q',
      uid: '35201187',
      phoneE164: '+8613800138000',
      email: 'alice@qq.com',
      symptom: 'not-received',
      operation: 'login',
      phoneOs: 'android',
      blockingApp: '360',
      carrier: 'china-mobile',
      emailProvider: 'qq',
      boundMethods: ['sms', 'email'],
      language: 'zh-CN',
    },
    agentName: 'Lily',
    attempts: [{ methodId: 'sms-blocking', status: 'failed' }],
    next: { methodId: 'carrier-sms', variantId: 'china-mobile' },
  },
  {
    case: {
      caseNumber: 'VC-20261124-AB12',
      uid: null,
      phoneE164: null,
      email: 'bob@gmail.com',
      symptom: 'rejected',
      operation: null,
      phoneOs: 'iphone',
      blockingApp: null,
      carrier: null,
      emailProvider: 'gmail',
      boundMethods: ['email', 'authenticator'],
      language: 'en',
    },
    agentName: null,
    review: { submitted: '24 Nov 2026', expectedFrom: '27 Nov 2026', dueBy: '3 Dec 2026' },
  },
]

/** Renders the default library `n` times (× languages × sample cases). `clock` returns milliseconds. */
export function benchRender(n: number, clock: () => number = () => performance.now()): BenchResult {
  const templates = defaultTemplateRecords(0)
  const contexts: [Language, ReplyContext][] = SAMPLE_CASES.flatMap((input) =>
    LANGUAGES.map((language): [Language, ReplyContext] => [language, buildReplyContext({ ...input, language })]),
  )
  clearTemplateCache()
  let failures = 0
  const pass = (): number => {
    let count = 0
    for (const [, context] of contexts) {
      for (const t of templates) {
        if (!renderTemplate(t, context).ok) failures++
        count++
      }
    }
    return count
  }
  const t0 = clock()
  let renders = pass()
  const t1 = clock()
  let warmRenders = 0
  for (let i = 1; i < n; i++) warmRenders += pass()
  const t2 = clock()
  renders += warmRenders
  return {
    renders,
    coldMs: t1 - t0,
    warmMs: t2 - t1,
    warmMsPerRender: warmRenders > 0 ? (t2 - t1) / warmRenders : 0,
    failures,
  }
}
