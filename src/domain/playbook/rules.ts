/**
 * Next-step rules: which of the article's seven methods the agent should suggest now, in which variant,
 * and why; which methods are skipped and why; whether escalation (method 7) is offered and on which
 * of the article's criteria. Pure: facts and current method states in, a decision out.
 *
 * Decisions (beyond the article's wording):
 * - Order: the article's (1-7). Method 6 comes first when the code arrives but is rejected, and also when
 *   the only failing channel is the authenticator (its codes fail on a wrong clock, never on delivery).
 *   A restricted account goes straight to method 7; methods 1-6 are skipped.
 * - Methods 1 and 2 fit SMS codes that do not arrive on a number that still works ('sms' failing, symptom
 *   not `rejected`, 'sms' not unavailable). Method 4 fits when SMS fails to arrive or the number is lost.
 *   Method 3 fits when a working email is bound (switch to email codes) or email codes themselves do not
 *   arrive (troubleshoot the mailbox). Methods 4 and 5 need a way to log in: bound − unavailable − failing
 *   channels non-empty. Method 5 does not fit when the authenticator is the failing channel (method 6 is
 *   the fix) or is bound but lost (only a reset helps).
 * - A method whose status is failed, resolved, not-applicable or declined is never suggested. A method in
 *   `suggested` status (in progress) is preferred over untried ones so its outcome gets recorded.
 * - Escalation criterion `all-tried` holds when each of methods 1-6 either does not fit the facts or is
 *   failed, declined or not-applicable. Declined counts as done: the user will not take that path, and
 *   otherwise the case would be stuck with nothing to suggest; `escalation.declined` lists those methods
 *   so the agent can mention them in the review. `old-number-unusable`: 'sms' unavailable and no other bound
 *   method available. `codes-rejected`: symptom rejected and method 6 failed. `restricted`: symptom.
 *   Escalation is offered when any criterion holds and no method has resolved the case; method 7 is then
 *   suggested in its place in the order (first for a restricted account, last otherwise).
 * - Once any method is resolved, the next step is closing the case with the prevention tips.
 */
import {
  METHOD_IDS,
  type AttemptStatus,
  type BlockingApp,
  type BoundMethod,
  type Carrier,
  type Channel,
  type EmailProvider,
  type MethodId,
  type PhoneOs,
  type Symptom,
  type VariantId,
} from '../model'
import { CARRIER_INFO, SLOW_EMAIL_PROVIDERS, methodNumber } from '../reference'
import type { Reason } from './reasons'

/** The case facts the rules read (CaseFacts is assignable to this). */
export interface PlaybookFacts {
  channels: readonly Channel[]
  /** null (not recorded yet) is read as `not-received`. */
  symptom: Symptom | null
  phoneOs: PhoneOs | null
  blockingApp: BlockingApp | null
  carrier: Carrier | null
  emailProvider: EmailProvider | null
  boundMethods: readonly BoundMethod[]
  unavailableMethods: readonly BoundMethod[]
}

export type VariantFacts = Pick<PlaybookFacts, 'phoneOs' | 'blockingApp' | 'carrier' | 'emailProvider'>

/** What the rules need of a method's state (MethodState is assignable to this). */
export interface StateLike {
  status: AttemptStatus
  at?: number | null
}
export type StatesInput = Partial<Record<MethodId, StateLike>>

export const ESCALATION_CRITERIA = ['restricted', 'codes-rejected', 'old-number-unusable', 'all-tried'] as const
export type EscalationCriterion = (typeof ESCALATION_CRITERIA)[number]

export type MethodFit = { fits: true; reason: Reason } | { fits: false; reason: Reason }

export type Verdict = 'next' | 'later' | 'skipped'

export interface MethodVerdict {
  methodId: MethodId
  variantId: VariantId
  status: AttemptStatus
  verdict: Verdict
  reason: Reason
}

export type NextAction =
  | { kind: 'method'; methodId: MethodId; variantId: VariantId; reason: Reason; inProgress: boolean }
  /** A method resolved the case: close it and share the prevention tips. */
  | { kind: 'close'; methodId: MethodId; reason: Reason }
  | { kind: 'none'; reason: Reason }

export interface EscalationInfo {
  offered: boolean
  /** The criteria that hold, in ESCALATION_CRITERIA order. */
  criteria: { id: EscalationCriterion; reason: Reason }[]
  /** Methods 1-6 the user declined (counted as done for `all-tried`). */
  declined: MethodId[]
}

export interface NextStep {
  next: NextAction
  /** The order the methods were considered in. */
  order: MethodId[]
  /** Every method, in `order`, with its verdict and one-line reason. */
  methods: MethodVerdict[]
  /** The methods with verdict `skipped`, in `order`. */
  skipped: { methodId: MethodId; reason: Reason }[]
  escalation: EscalationInfo
  /** Bound methods the user can log in with now (bound − unavailable − failing channels). */
  loginMethods: BoundMethod[]
  /** The variant of every method for these facts. */
  variants: MethodVariants
}

export type MethodVariants = { [M in MethodId]: VariantId<M> }

const R = (key: string, params?: Record<string, string | number>): Reason =>
  params ? { key: `playbook.${key}`, params } : { key: `playbook.${key}` }

// ---------------------------------------------------------------- variants

const ANDROID_APP_VARIANT = { builtin: 'android-builtin', '360': 'android-360', tencent: 'android-tencent' } as const

function smsBlockingVariant(f: VariantFacts): VariantId<'sms-blocking'> {
  if (f.phoneOs === 'iphone') return 'iphone'
  const app =
    f.blockingApp === 'builtin' || f.blockingApp === '360' || f.blockingApp === 'tencent' ? ANDROID_APP_VARIANT[f.blockingApp] : null
  if (f.phoneOs === 'android') return app ?? 'android-generic'
  // these security apps exist only on Android, so the app tells the OS
  return app ?? 'generic'
}

const VARIANT_RULES: { [M in MethodId]: (f: VariantFacts) => VariantId<M> } = {
  'sms-blocking': smsBlockingVariant,
  'carrier-sms': (f) => f.carrier ?? 'other',
  'email-code': (f) => f.emailProvider ?? 'other',
  'rebind-phone': () => 'default',
  authenticator: () => 'default',
  'network-time': () => 'default',
  escalate: () => 'default',
}

/** The variant of a method for the facts (phone OS and blocking app, carrier, email provider). */
export function variantFor<M extends MethodId>(methodId: M, facts: VariantFacts): VariantId<M> {
  const rule: (f: VariantFacts) => VariantId<M> = VARIANT_RULES[methodId]
  return rule(facts)
}

/** Every method's variant for the facts. */
export function variantsFor(facts: VariantFacts): MethodVariants {
  return {
    'sms-blocking': variantFor('sms-blocking', facts),
    'carrier-sms': variantFor('carrier-sms', facts),
    'email-code': variantFor('email-code', facts),
    'rebind-phone': variantFor('rebind-phone', facts),
    authenticator: variantFor('authenticator', facts),
    'network-time': variantFor('network-time', facts),
    escalate: variantFor('escalate', facts),
  }
}

// ---------------------------------------------------------------- facts

/** Bound methods the user can still log in with: bound − unavailable − the failing channels. */
export function loginMethods(f: Pick<PlaybookFacts, 'boundMethods' | 'unavailableMethods' | 'channels'>): BoundMethod[] {
  return [...new Set(f.boundMethods)].filter((m) => !f.unavailableMethods.includes(m) && !f.channels.includes(m))
}

const symptomOf = (f: Pick<PlaybookFacts, 'symptom'>): Symptom => f.symptom ?? 'not-received'

const onlyAuthenticatorFails = (f: Pick<PlaybookFacts, 'channels'>): boolean =>
  f.channels.length > 0 && f.channels.every((c) => c === 'authenticator')

/** The order methods are considered in for these facts (see the module comment). */
export function methodOrder(f: Pick<PlaybookFacts, 'symptom' | 'channels'>): MethodId[] {
  const symptom = symptomOf(f)
  if (symptom === 'restricted') return ['escalate', ...METHOD_IDS.filter((m) => m !== 'escalate')]
  if (symptom === 'rejected' || onlyAuthenticatorFails(f)) return ['network-time', ...METHOD_IDS.filter((m) => m !== 'network-time')]
  return [...METHOD_IDS]
}

const yes = (reason: Reason): MethodFit => ({ fits: true, reason })
const no = (key: string, params?: Record<string, string | number>): MethodFit => ({ fits: false, reason: R(`reason.skip.${key}`, params) })

/**
 * Whether one of methods 1-6 fits the facts alone (statuses aside), with the one-line reason.
 * Method 7 depends on the escalation criteria: see nextStep.
 */
export function methodFit(methodId: Exclude<MethodId, 'escalate'>, f: PlaybookFacts): MethodFit {
  const symptom = symptomOf(f)
  if (symptom === 'restricted') return no('restricted')
  const fails = (c: Channel): boolean => f.channels.includes(c)
  const lost = (m: BoundMethod): boolean => f.unavailableMethods.includes(m)
  const login = loginMethods(f)

  switch (methodId) {
    case 'sms-blocking':
    case 'carrier-sms': {
      if (!fails('sms')) return no('not-sms')
      if (lost('sms')) return no('sms-unavailable')
      if (symptom === 'rejected') return no('code-arrives')
      if (methodId === 'sms-blocking') return yes(R(`reason.next.sms-blocking.${variantFor('sms-blocking', f)}`))
      const carrier = variantFor('carrier-sms', f)
      return yes(
        carrier === 'other'
          ? R('reason.next.carrier-sms.other')
          : R(`reason.next.carrier-sms.${carrier}`, { hotline: CARRIER_INFO[carrier].hotline }),
      )
    }
    case 'email-code': {
      const bound = f.boundMethods.includes('email')
      if (bound && !lost('email') && !fails('email')) return yes(R('reason.next.email-code.switch'))
      if (lost('email')) return no('email-unavailable')
      if (!fails('email')) return no('email-not-bound')
      if (symptom === 'rejected') return no('code-arrives')
      const slow = f.emailProvider !== null && SLOW_EMAIL_PROVIDERS.includes(f.emailProvider)
      return yes(R(slow ? 'reason.next.email-code.troubleshoot-slow' : 'reason.next.email-code.troubleshoot'))
    }
    case 'rebind-phone': {
      if (!fails('sms') && !lost('sms')) return no('not-sms')
      if (!lost('sms') && symptom === 'rejected') return no('code-arrives')
      if (login.length === 0) return no('no-other-login')
      return yes(R(lost('sms') ? 'reason.next.rebind-phone.lost-number' : 'reason.next.rebind-phone.default'))
    }
    case 'authenticator': {
      if (fails('authenticator')) return no('authenticator-failing')
      if (lost('authenticator')) return no('authenticator-lost')
      if (login.length === 0) return no('no-other-login')
      return yes(R(login.includes('authenticator') ? 'reason.next.authenticator.use-bound' : 'reason.next.authenticator.bind'))
    }
    case 'network-time': {
      if (f.channels.length > 0 && f.channels.every((c) => lost(c))) return no('channels-unavailable')
      if (symptom === 'rejected') return yes(R('reason.next.network-time.rejected'))
      if (fails('authenticator')) return yes(R('reason.next.network-time.authenticator'))
      return yes(R('reason.next.network-time.default'))
    }
  }
}

// ---------------------------------------------------------------- escalation

const statusOf = (states: StatesInput, m: MethodId): AttemptStatus => states[m]?.status ?? 'not-tried'
const DONE_FOR_ESCALATION: readonly AttemptStatus[] = ['failed', 'declined', 'not-applicable']
const BEFORE_ESCALATION = METHOD_IDS.filter((m): m is Exclude<MethodId, 'escalate'> => m !== 'escalate')

/** The escalation criteria that hold, in ESCALATION_CRITERIA order. */
export function escalationCriteria(f: PlaybookFacts, states: StatesInput): EscalationCriterion[] {
  const symptom = symptomOf(f)
  const holds: Record<EscalationCriterion, boolean> = {
    restricted: symptom === 'restricted',
    'codes-rejected': symptom === 'rejected' && statusOf(states, 'network-time') === 'failed',
    'old-number-unusable':
      f.unavailableMethods.includes('sms') && f.boundMethods.every((m) => m === 'sms' || f.unavailableMethods.includes(m)),
    'all-tried':
      symptom !== 'restricted' &&
      BEFORE_ESCALATION.every((m) => !methodFit(m, f).fits || DONE_FOR_ESCALATION.includes(statusOf(states, m))),
  }
  return ESCALATION_CRITERIA.filter((c) => holds[c])
}

// ---------------------------------------------------------------- next step

function resolvedMethod(order: readonly MethodId[], states: StatesInput): MethodId | null {
  let best: MethodId | null = null
  let bestAt = Number.NEGATIVE_INFINITY
  for (const m of order) {
    const s = states[m]
    if (s?.status !== 'resolved') continue
    const at = s.at ?? Number.NEGATIVE_INFINITY
    if (best === null || at > bestAt) {
      best = m
      bestAt = at
    }
  }
  return best
}

const STATUS_SKIP: Partial<Record<AttemptStatus, string>> = {
  failed: 'failed',
  resolved: 'resolved',
  'not-applicable': 'not-applicable',
  declined: 'declined',
}

/** The next step for a case: see the module comment for the rules. Never throws for any facts and states. */
export function nextStep(facts: PlaybookFacts, states: StatesInput): NextStep {
  const order = methodOrder(facts)
  const variants = variantsFor(facts)
  const criteriaIds = escalationCriteria(facts, states)
  const resolvedBy = resolvedMethod(order, states)
  const criteria = criteriaIds.map((id) => ({ id, reason: R(`escalation.${id}`) }))
  const escalation: EscalationInfo = {
    offered: criteriaIds.length > 0 && resolvedBy === null,
    criteria,
    declined: BEFORE_ESCALATION.filter((m) => statusOf(states, m) === 'declined' && methodFit(m, facts).fits),
  }

  const fitOf = (m: MethodId): MethodFit => {
    if (m !== 'escalate') return methodFit(m, facts)
    const first = criteriaIds[0]
    return first ? yes(R(`reason.next.escalate.${first}`)) : no('criteria-not-met')
  }

  const evaluated = order.map((methodId) => {
    const status = statusOf(states, methodId)
    const settled = STATUS_SKIP[status]
    const fit = fitOf(methodId)
    let candidate = false
    let reason: Reason
    if (settled) reason = R(`reason.skip.${settled}`)
    else if (resolvedBy) reason = R('reason.skip.case-resolved', { method: methodNumber(resolvedBy) })
    else if (!fit.fits) reason = fit.reason
    else {
      candidate = true
      reason = fit.reason
    }
    return { methodId, variantId: variants[methodId] as VariantId, status, candidate, reason }
  })

  const candidates = evaluated.filter((e) => e.candidate)
  const chosen = candidates.find((e) => e.status === 'suggested') ?? candidates[0]

  const methods: MethodVerdict[] = evaluated.map((e) => ({
    methodId: e.methodId,
    variantId: e.variantId,
    status: e.status,
    verdict: e === chosen ? 'next' : e.candidate ? 'later' : 'skipped',
    reason: e === chosen || !e.candidate || !chosen ? e.reason : R('reason.later', { method: methodNumber(chosen.methodId) }),
  }))

  let next: NextAction
  if (resolvedBy) next = { kind: 'close', methodId: resolvedBy, reason: R('reason.close.resolved', { method: methodNumber(resolvedBy) }) }
  else if (chosen)
    next = {
      kind: 'method',
      methodId: chosen.methodId,
      variantId: chosen.variantId,
      reason: chosen.reason,
      inProgress: chosen.status === 'suggested',
    }
  else next = { kind: 'none', reason: R('reason.none.nothing-left') }

  return {
    next,
    order,
    methods,
    skipped: methods.filter((m) => m.verdict === 'skipped').map((m) => ({ methodId: m.methodId, reason: m.reason })),
    escalation,
    loginMethods: loginMethods(facts),
    variants,
  }
}
