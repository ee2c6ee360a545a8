/**
 * Pure helpers behind the replies store and the reply panel: composing the reply for a case (playbook
 * next step → template → rendered text in the reply's language), previews against a case or a sample
 * case, and the "/" quick-insert token in the reply box. No Vue, no Dexie: tested without Pinia.
 */
import { currentStates, nextStep, type NextStep } from '@/domain/playbook'
import {
  buildReplyContext,
  chooseTemplate,
  chooseTemplateForPurpose,
  renderBody,
  renderTemplate,
  type RenderResult,
  type ReplyContext,
  type ReplyPurpose,
  type ReviewDatesInput,
} from '@/domain/replies'
import type { AttemptRecord, CaseRecord, CaseStatus, Language, TemplateRecord } from '@/domain/model'

/** What to compose: the playbook's next step, a purpose (greeting, closing…), or one given template. */
export type ComposeTarget = { kind: 'next' } | { kind: 'purpose'; purpose: ReplyPurpose } | { kind: 'template'; id: string }

export interface ComposeInput {
  record: CaseRecord
  attempts: readonly AttemptRecord[]
  templates: readonly TemplateRecord[]
  /** The reply's language (the case's unless the agent switched). */
  language: Language
  agentName: string | null
  customerName?: string | null
  review: ReviewDatesInput | null
  target: ComposeTarget
}

export interface Composition {
  step: NextStep
  /** The template used; null when none fits (no next step, or the purpose's template is disabled). */
  template: TemplateRecord | null
  /** False when a more generic variant's template stands in for the step's variant. */
  exact: boolean
  /** The purpose served (for the next step: `closing` once a method solved the case). */
  purpose: ReplyPurpose | null
  context: ReplyContext
  /** The rendered reply, or the problem that stopped it; null without a template. */
  rendered: RenderResult | null
}

/** The playbook's decision for a case and its attempt log. */
export function stepFor(record: CaseRecord, attempts: readonly AttemptRecord[]): NextStep {
  return nextStep(record, currentStates(attempts))
}

/** Composes the reply for a case: the context acknowledges what was already tried (the context builder does that). */
export function composeReply(input: ComposeInput): Composition {
  const step = stepFor(input.record, input.attempts)
  const next = step.next.kind === 'method' ? { methodId: step.next.methodId, variantId: step.next.variantId } : null
  const context = buildReplyContext({
    case: input.record,
    language: input.language,
    agentName: input.agentName,
    customerName: input.customerName ?? null,
    attempts: input.attempts,
    next,
    review: input.review,
  })
  let template: TemplateRecord | null = null
  let exact = true
  let purpose: ReplyPurpose | null = null
  const target = input.target
  if (target.kind === 'purpose') {
    purpose = target.purpose
    template = chooseTemplateForPurpose(input.templates, purpose)
  } else if (target.kind === 'template') {
    template = input.templates.find((t) => t.id === target.id) ?? null
  } else if (step.next.kind === 'method') {
    const choice = chooseTemplate(input.templates, step.next)
    template = choice?.template ?? null
    exact = choice?.exact ?? false
  } else if (step.next.kind === 'close') {
    purpose = 'closing'
    template = chooseTemplateForPurpose(input.templates, 'closing')
  }
  const rendered = template ? renderTemplate(template, context, input.language) : null
  return { step, template, exact, purpose, context, rendered }
}

/** Purposes whose reply asks the user to do something (answer questions, try again, send details). */
const ASKING_PURPOSES: readonly ReplyPurpose[] = ['ask-details', 'follow-up', 'escalation']

/**
 * The status a sent reply proposes for its case: "waiting" (on the user) when the case is open and the
 * reply asks the user to do something — a method to try, details to send, a follow-up question. Null
 * when the status should stay as it is.
 */
export function statusAfterSend(
  status: CaseStatus,
  composition: Pick<Composition, 'step' | 'purpose'>,
  target: ComposeTarget,
): CaseStatus | null {
  if (status !== 'open') return null
  if (target.kind === 'next') return composition.step.next.kind === 'method' ? 'waiting' : null
  if (target.kind === 'purpose') return ASKING_PURPOSES.includes(target.purpose) ? 'waiting' : null
  return null
}

/** A complete, made-up case for previews when the template manager was not opened from a case. */
export const SAMPLE_CASE: CaseRecord = {
  id: 0,
  caseNumber: 'VC-20261124-7K3Q',
  uid: '35201187',
  phoneE164: '+8613800138000',
  phoneRev: '0008310083168',
  email: 'li.wei@qq.com',
  emailLower: 'li.wei@qq.com',
  channels: ['sms'],
  operation: 'login',
  symptom: 'not-received',
  phoneOs: 'android',
  blockingApp: '360',
  carrier: 'china-mobile',
  emailProvider: 'qq',
  boundMethods: ['sms', 'email'],
  unavailableMethods: [],
  language: 'zh-CN',
  notes: '',
  status: 'open',
  agent: 'Agent',
  resolvedBy: null,
  createdAt: 0,
  updatedAt: 0,
}

/** The sample case's log: method 1 was tried and did not help. */
export const SAMPLE_ATTEMPTS: readonly AttemptRecord[] = [
  { id: 1, caseId: 0, methodId: 'sms-blocking', status: 'failed', variantId: 'android-360', steps: [], note: '', at: 0, agent: 'Agent' },
]

export interface PreviewInput {
  record: CaseRecord
  attempts: readonly AttemptRecord[]
  language: Language
  agentName: string | null
  review: ReviewDatesInput | null
  /** A method template previews as that method's step; others as the case's own next step. */
  template: Pick<TemplateRecord, 'methodId' | 'variantId'>
}

/** The case a template manager previews against. */
export interface PreviewSource {
  record: CaseRecord
  attempts: readonly AttemptRecord[]
  review: ReviewDatesInput | null
  /** false for the made-up sample case */
  real: boolean
}

/** The context a template is previewed with while it is edited. */
export function previewContext(input: PreviewInput): ReplyContext {
  const step = stepFor(input.record, input.attempts)
  const t = input.template
  const next =
    t.methodId !== null
      ? { methodId: t.methodId, variantId: t.variantId }
      : step.next.kind === 'method'
        ? { methodId: step.next.methodId, variantId: step.next.variantId }
        : null
  return buildReplyContext({
    case: input.record,
    language: input.language,
    agentName: input.agentName,
    customerName: null,
    attempts: input.attempts,
    next,
    review: input.review,
  })
}

/** The live preview of an unsaved body (no cache key: the text changes with every keystroke). */
export function previewBody(body: string, context: ReplyContext): RenderResult {
  return renderBody(body, context)
}

// ---------------------------------------------------------------------------------------------
// Quick insert in the reply box

export interface SlashToken {
  /** Index of the "/" in the text. */
  start: number
  /** Index just after the query (the cursor). */
  end: number
  /** What follows the "/", up to the cursor. */
  query: string
}

const SLASH = /(?:^|[\s\u3000])([/／])([^\s\u3000/／]{0,40})$/u

/**
 * The "/query" being typed at the cursor, if any: a "/" at the start of the text or after a space or
 * line break, followed by non-space characters up to the cursor. "24/7" and URLs do not count.
 */
export function slashTokenAt(text: string, cursor: number): SlashToken | null {
  const before = text.slice(0, cursor)
  const m = SLASH.exec(before)
  if (!m) return null
  const query = m[2] ?? ''
  const start = cursor - query.length - 1
  // the token must end at the cursor and not run on into a word after it
  const after = text.slice(cursor, cursor + 1)
  if (after !== '' && !/[\s\u3000]/u.test(after)) return null
  return { start, end: cursor, query }
}

/** Replaces `text[start, end)` by `insert`; returns the new text and the cursor after the insert. */
export function spliceText(text: string, start: number, end: number, insert: string): { text: string; cursor: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), cursor: start + insert.length }
}

/**
 * Where a rendered snippet goes: at the cursor, replacing the selection; it gets its own paragraph when
 * there is text around it on the same line, so combined snippets read as separate paragraphs.
 */
export function insertSnippet(text: string, start: number, end: number, snippet: string): { text: string; cursor: number } {
  const before = text.slice(0, start).replace(/[ \t\u3000]+$/u, '')
  const after = text.slice(end)
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n'
  const trail = after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n'
  const block = lead + snippet + trail
  return { text: before + block + after, cursor: before.length + lead.length + snippet.length }
}

/** "Hi Li Wei," / "Hello," / "Dear user," / "Li Wei，您好！" / "您好！": a greeting line on its own. */
const GREETING = /^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^\n]{0,60}|[^\n]{0,40}(?:您好|你好)[^\n]{0,4})$/iu

/**
 * A snippet inserted into a reply that already has text continues it: its opening greeting (a first
 * paragraph that is only a greeting) is left out, so the reply does not greet the user twice.
 */
export function dropGreeting(snippet: string): string {
  const m = /^([^\n]*)\n[ \t]*\n+/u.exec(snippet)
  if (!m || !GREETING.test((m[1] ?? '').trim())) return snippet
  return snippet.slice(m[0].length)
}
