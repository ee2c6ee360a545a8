/**
 * Trial render: a template is rendered once per language against a made-up, complete case before it is
 * stored (import, save). A template that runs into the render limit there (twice in a row) would cost
 * the limit every time the palette or the reply box shows it, so it is refused, by name.
 */
import { LANGUAGES, type Language, type TemplateRecord } from '../model'
import type { Problem } from '../result'
import { buildReplyContext, type ReplyContext } from './context'
import { renderBody } from './engine'

const TRIAL_CASE = {
  caseNumber: 'VC-20261124-7K3Q',
  uid: '35201187',
  phoneE164: '+8613800138000',
  email: 'li.wei@qq.com',
  symptom: 'not-received',
  operation: 'login',
  phoneOs: 'android',
  blockingApp: '360',
  carrier: 'china-mobile',
  emailProvider: 'qq',
  boundMethods: ['sms', 'email'],
  channels: ['sms'],
  language: 'zh-CN',
  resolvedBy: null,
  notes: '',
} as const

let contexts: Record<Language, ReplyContext> | null = null

/** The case every template is tried against: every placeholder filled, one method tried, a review pending. */
export function trialContext(language: Language): ReplyContext {
  contexts ??= Object.fromEntries(
    LANGUAGES.map((l) => [
      l,
      buildReplyContext({
        case: { ...TRIAL_CASE, boundMethods: [...TRIAL_CASE.boundMethods], channels: [...TRIAL_CASE.channels] },
        language: l,
        agentName: 'Agent',
        customerName: 'Li Wei',
        attempts: [{ methodId: 'sms-blocking', status: 'failed', at: 0 }],
        next: { methodId: 'carrier-sms', variantId: 'china-mobile' },
        review: {
          submitted: '2026-11-24',
          expectedFrom: '2026-11-27',
          dueBy: '2026-12-03',
          status: 'pending',
          expectedDays: 3,
          dueDays: 7,
        },
      }),
    ]),
  ) as Record<Language, ReplyContext>
  return contexts[language]
}

export type TrialTemplate = Pick<TemplateRecord, 'id' | 'title' | 'body'>

/**
 * The first language version of `t` that runs into the render limit on the trial case, as a Problem naming
 * the template (`replies.template.renderLimit`: id, title, language, ms); null when every version renders
 * within it. Other render failures depend on the case and are the pre-send check's business.
 */
export function trialRenderProblem(t: TrialTemplate): Problem | null {
  for (const language of LANGUAGES) {
    const body = t.body[language]
    if (typeof body !== 'string' || body.trim() === '') continue
    const overLimit = (): Problem | null => {
      const r = renderBody(body, trialContext(language))
      return !r.ok && r.error.key === 'replies.problem.renderLimit' ? r.error : null
    }
    // twice: once may be a stalled machine
    const error = overLimit() && overLimit()
    if (error) {
      return {
        key: 'replies.template.renderLimit',
        params: { id: t.id, title: t.title.en || t.title['zh-CN'], language, ms: Number(error.params?.['ms'] ?? 0) },
      }
    }
  }
  return null
}

/** The first of `templates` refused by `trialRenderProblem`, for an import (`replies.import.renderLimit`). */
export function trialRenderImport(templates: readonly TrialTemplate[]): Problem | null {
  for (const t of templates) {
    const p = trialRenderProblem(t)
    if (p) return { key: 'replies.import.renderLimit', params: p.params ?? {} }
  }
  return null
}
