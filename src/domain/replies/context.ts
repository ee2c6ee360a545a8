/**
 * The reply context: every value a template may use, already localised to the reply's language and
 * cleaned for plain-text output. Missing values are `null` (falsy in Liquid, so `{% if x %}` and
 * `{{ x | default: "…" }}` both work). Internal case notes are deliberately not part of the context.
 */
import type {
  AttemptStatus,
  BlockingApp,
  BoundMethod,
  Channel,
  CaseRecord,
  Carrier,
  EmailProvider,
  Language,
  MethodId,
  PhoneOs,
  Symptom,
} from '../model'
import { BOUND_METHODS, CHANNELS, METHOD_IDS } from '../model'
import { CARRIER_INFO, EMAIL_PROVIDER_NAMES, SECURITY_APP_NAMES, methodNumber } from '../reference'
import { maskEmail, maskPhone, maskUid } from '../privacy/mask'
import {
  METHOD_DONE_PHRASES,
  EMAIL_TROUBLESHOOT_NEXT_PHRASE,
  METHOD_NEXT_PHRASES,
  OPERATION_PHRASES,
  PHONE_OS_NAMES,
  SYMPTOM_PHRASES,
  emailAdvice,
  joinList,
} from './phrases'

export interface ReplyContext {
  language: Language
  case_number: string | null
  uid: string | null
  uid_masked: string | null
  phone_masked: string | null
  email: string | null
  email_masked: string | null
  symptom: string | null
  symptom_id: Symptom | null
  operation: string | null
  customer_name: string | null
  agent_name: string | null
  carrier_id: Carrier | null
  carrier_name: string | null
  carrier_hotline: string | null
  phone_os: string | null
  phone_os_id: PhoneOs | null
  blocking_app: string | null
  blocking_app_id: BlockingApp | null
  email_provider: string | null
  email_provider_id: EmailProvider | null
  email_advice: string | null
  bound_method_ids: BoundMethod[]
  /** The channels whose codes fail (the case's `channels`): a reply never presumes another one fails. */
  failing_channel_ids: Channel[]
  methods_tried: string | null
  methods_tried_count: number
  tried_method_ids: MethodId[]
  ruled_out_method_ids: MethodId[]
  resolved_method: string | null
  next_method: string | null
  next_method_id: MethodId | null
  next_variant_id: string | null
  next_method_number: number | null
  review_submitted_date: string | null
  review_expected_date: string | null
  review_due_date: string | null
  /** The open review's SLA status now: pending, inWindow, atRisk, overdue or paused (null without a review). */
  review_status: ReviewStatusId | null
  review_expected_days: number | null
  review_due_days: number | null
}

/** The review statuses a template can compare `review_status` with (an open review is never "closed"). */
export type ReviewStatusId = 'pending' | 'inWindow' | 'atRisk' | 'overdue' | 'paused'

export type PlaceholderName = keyof ReplyContext

/** Case facts the context reads. A full `CaseRecord` fits. */
export type ReplyCaseFacts = Pick<
  CaseRecord,
  | 'caseNumber'
  | 'uid'
  | 'phoneE164'
  | 'email'
  | 'symptom'
  | 'operation'
  | 'phoneOs'
  | 'blockingApp'
  | 'carrier'
  | 'emailProvider'
  | 'boundMethods'
  | 'channels'
  | 'language'
> &
  Partial<Pick<CaseRecord, 'resolvedBy' | 'notes'>>

/** One method's state. Pass the append-only attempt log as is: the last entry per method (by `at`, then order) wins. */
export interface MethodAttemptInput {
  methodId: MethodId
  status: AttemptStatus
  at?: number
}

export interface NextStepInput {
  methodId: MethodId
  variantId: string | null
}

/** Review dates already computed by the SLA code and formatted for the user's language by the caller. */
export interface ReviewDatesInput {
  /** e.g. "24 Nov 2026" / "2026年11月24日" */
  submitted: string
  /** Submitted + 3 business days. */
  expectedFrom: string
  /** Submitted + 7 business days. */
  dueBy: string
  /** The SLA status now, and the business days the SLA gives (the settings, e.g. 3 and 7). */
  status?: ReviewStatusId
  expectedDays?: number
  dueDays?: number
}

export interface ReplyContextInput {
  case: ReplyCaseFacts
  /** The reply's language; defaults to the case's language. */
  language?: Language
  agentName: string | null
  /** The user's name or chat nickname, if known (not stored on the case). */
  customerName?: string | null
  attempts?: readonly MethodAttemptInput[]
  next?: NextStepInput | null
  review?: ReviewDatesInput | null
}

/** Statuses meaning the user actually did the method. */
export const TRIED_STATUSES: readonly AttemptStatus[] = ['failed', 'resolved']
/** Statuses meaning the method must not be asked for again (tried, declined, or not applicable). */
export const RULED_OUT_STATUSES: readonly AttemptStatus[] = ['failed', 'resolved', 'declined', 'not-applicable']

const MAX_VALUE_LENGTH = 200
const JUNK_VALUES = new Set(['undefined', 'null', 'nan', '[object object]'])

/**
 * Makes an outside string safe to print in a plain-text reply: no control or bidi-override characters,
 * single line, bounded length, and no Liquid delimiters (so data can never look like a placeholder).
 * Returns null for empty values and for junk such as "undefined".
 */
export function cleanValue(value: string | null | undefined, max = MAX_VALUE_LENGTH): string | null {
  if (value == null) return null
  let text = String(value)
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(/\{(?=[{%])/g, '{ ')
    .replace(/([}%])(?=\})/g, '$1 ')
    .replace(/\s+/g, ' ')
    .trim()
  if (text === '' || JUNK_VALUES.has(text.toLowerCase())) return null
  const chars = [...text]
  if (chars.length > max) text = chars.slice(0, max - 1).join('') + '…'
  return text
}

/** The current status per method from an append-only attempt list. */
export function latestStatuses(attempts: readonly MethodAttemptInput[]): Map<MethodId, AttemptStatus> {
  const indexed = attempts.map((a, i) => ({ a, i }))
  indexed.sort((x, y) => (x.a.at ?? 0) - (y.a.at ?? 0) || x.i - y.i)
  const out = new Map<MethodId, AttemptStatus>()
  for (const { a } of indexed) out.set(a.methodId, a.status)
  return out
}

const isIn = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value)

export function buildReplyContext(input: ReplyContextInput): ReplyContext {
  const c = input.case
  const language: Language = input.language ?? c.language
  const statuses = latestStatuses(input.attempts ?? [])
  const inOrder = (accept: readonly AttemptStatus[]): MethodId[] =>
    METHOD_IDS.filter((m) => {
      const s = statuses.get(m)
      return s !== undefined && accept.includes(s)
    })
  const tried = inOrder(TRIED_STATUSES).filter((m) => m !== 'escalate')
  const ruledOut = inOrder(RULED_OUT_STATUSES)

  const uid = cleanValue(c.uid, 40)
  const email = cleanValue(c.email, 254)
  const phone = cleanValue(c.phoneE164, 40)

  const carrier = c.carrier
  const carrierInfo = carrier && carrier !== 'other' ? CARRIER_INFO[carrier] : null
  const app = c.blockingApp
  const appName = app && app !== 'none' && app !== 'other' ? SECURITY_APP_NAMES[app][language] : null
  const provider = c.emailProvider
  const os = c.phoneOs

  const resolvedBy: MethodId | null = c.resolvedBy ?? METHOD_IDS.find((m) => statuses.get(m) === 'resolved') ?? null

  // method 3 troubleshoots the mailbox when email codes are the ones failing: never "switch to email"
  const nextPhrase = (m: MethodId): string =>
    m === 'email-code' && c.channels.includes('email') ? EMAIL_TROUBLESHOOT_NEXT_PHRASE[language] : METHOD_NEXT_PHRASES[m][language]

  const next = input.next && isIn(METHOD_IDS, input.next.methodId) ? input.next : null
  const review = input.review ?? null

  return {
    language,
    case_number: cleanValue(c.caseNumber, 40),
    uid,
    uid_masked: uid ? maskUid(uid) : null,
    phone_masked: phone ? maskPhone(phone) : null,
    email,
    email_masked: email ? maskEmail(email) : null,
    symptom: c.symptom ? SYMPTOM_PHRASES[c.symptom][language] : null,
    symptom_id: c.symptom ?? null,
    operation: c.operation && c.operation !== 'other' ? OPERATION_PHRASES[c.operation][language] : null,
    customer_name: cleanValue(input.customerName, 60),
    agent_name: cleanValue(input.agentName, 60),
    carrier_id: carrier ?? null,
    carrier_name: carrierInfo ? carrierInfo.name[language] : null,
    carrier_hotline: carrierInfo ? carrierInfo.hotline : null,
    phone_os: os && os !== 'other' ? PHONE_OS_NAMES[os][language] : null,
    phone_os_id: os ?? null,
    blocking_app: appName,
    blocking_app_id: app ?? null,
    email_provider: provider ? EMAIL_PROVIDER_NAMES[provider][language] : null,
    email_provider_id: provider ?? null,
    email_advice: provider ? emailAdvice(provider, language) : null,
    bound_method_ids: BOUND_METHODS.filter((m) => c.boundMethods.includes(m)),
    failing_channel_ids: CHANNELS.filter((ch) => c.channels.includes(ch)),
    methods_tried:
      tried.length > 0
        ? joinList(
            tried.map((m) => METHOD_DONE_PHRASES[m][language]),
            language,
          )
        : null,
    methods_tried_count: tried.length,
    tried_method_ids: tried,
    ruled_out_method_ids: ruledOut,
    resolved_method: resolvedBy ? nextPhrase(resolvedBy) : null,
    next_method: next ? nextPhrase(next.methodId) : null,
    next_method_id: next ? next.methodId : null,
    next_variant_id: next ? cleanValue(next.variantId, 40) : null,
    next_method_number: next ? methodNumber(next.methodId) : null,
    review_submitted_date: cleanValue(review?.submitted, 60),
    review_expected_date: cleanValue(review?.expectedFrom, 60),
    review_due_date: cleanValue(review?.dueBy, 60),
    review_status: review?.status ?? null,
    review_expected_days: review?.expectedDays ?? null,
    review_due_days: review?.dueDays ?? null,
  }
}
