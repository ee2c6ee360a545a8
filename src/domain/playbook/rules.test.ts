import { describe, expect, it } from 'vitest'
import { emptyDraft, validateDraft } from '../case/validation'
import { METHOD_IDS, type AttemptStatus, type MethodId } from '../model'
import { currentStates } from './checklist'
import {
  escalationCriteria,
  loginMethods,
  methodOrder,
  nextStep,
  variantFor,
  variantsFor,
  type EscalationCriterion,
  type PlaybookFacts,
  type StatesInput,
  type VariantFacts,
} from './rules'

const facts = (over: Partial<PlaybookFacts> = {}): PlaybookFacts => ({
  channels: ['sms'],
  symptom: 'not-received',
  phoneOs: null,
  blockingApp: null,
  carrier: null,
  emailProvider: null,
  boundMethods: ['sms'],
  unavailableMethods: [],
  ...over,
})

const states = (s: Partial<Record<MethodId, AttemptStatus>>): StatesInput =>
  Object.fromEntries(Object.entries(s).map(([m, status]) => [m, { status, at: 0 }]))

const failed = (...ms: MethodId[]): Partial<Record<MethodId, AttemptStatus>> => Object.fromEntries(ms.map((m) => [m, 'failed']))

const K = (k: string): string => `playbook.${k}`

describe('variantFor', () => {
  it.each<[string, Partial<VariantFacts>, string]>([
    ['iPhone', { phoneOs: 'iphone' }, 'iphone'],
    ['iPhone, even with an app recorded', { phoneOs: 'iphone', blockingApp: '360' }, 'iphone'],
    ['Android with the built-in manager', { phoneOs: 'android', blockingApp: 'builtin' }, 'android-builtin'],
    ['Android with 360', { phoneOs: 'android', blockingApp: '360' }, 'android-360'],
    ['Android with Tencent', { phoneOs: 'android', blockingApp: 'tencent' }, 'android-tencent'],
    ['Android, no app', { phoneOs: 'android', blockingApp: 'none' }, 'android-generic'],
    ['Android, other app', { phoneOs: 'android', blockingApp: 'other' }, 'android-generic'],
    ['Android, app unknown', { phoneOs: 'android' }, 'android-generic'],
    ['OS unknown but an Android-only app named', { blockingApp: 'tencent' }, 'android-tencent'],
    ['OS other with 360', { phoneOs: 'other', blockingApp: '360' }, 'android-360'],
    ['OS unknown', {}, 'generic'],
    ['OS other, no app', { phoneOs: 'other', blockingApp: 'none' }, 'generic'],
  ])('sms-blocking: %s', (_n, f, expected) => {
    expect(variantFor('sms-blocking', facts(f))).toBe(expected)
  })

  it.each([
    ['china-mobile', 'china-mobile'],
    ['china-unicom', 'china-unicom'],
    ['china-telecom', 'china-telecom'],
    ['other', 'other'],
    [null, 'other'],
  ] as const)('carrier-sms: carrier %s → %s', (carrier, expected) => {
    expect(variantFor('carrier-sms', facts({ carrier }))).toBe(expected)
  })

  it.each([
    ['gmail', 'gmail'],
    ['outlook', 'outlook'],
    ['protonmail', 'protonmail'],
    ['qq', 'qq'],
    ['163', '163'],
    ['other', 'other'],
    [null, 'other'],
  ] as const)('email-code: provider %s → %s', (emailProvider, expected) => {
    expect(variantFor('email-code', facts({ emailProvider }))).toBe(expected)
  })

  it('the other methods have the default variant, and variantsFor agrees with variantFor', () => {
    const f = facts({ phoneOs: 'android', blockingApp: '360', carrier: 'china-telecom', emailProvider: 'qq' })
    expect(variantsFor(f)).toEqual({
      'sms-blocking': 'android-360',
      'carrier-sms': 'china-telecom',
      'email-code': 'qq',
      'rebind-phone': 'default',
      authenticator: 'default',
      'network-time': 'default',
      escalate: 'default',
    })
  })

  it('re-derives at once when the phone OS changes', () => {
    const android = facts({ phoneOs: 'android', blockingApp: 'builtin' })
    expect(nextStep(android, {}).next).toMatchObject({ methodId: 'sms-blocking', variantId: 'android-builtin' })
    expect(nextStep({ ...android, phoneOs: 'iphone', blockingApp: null }, {}).next).toMatchObject({
      methodId: 'sms-blocking',
      variantId: 'iphone',
    })
  })
})

describe('loginMethods and methodOrder', () => {
  it.each<[Partial<PlaybookFacts>, string[]]>([
    [{ boundMethods: ['sms', 'email', 'authenticator'], unavailableMethods: ['authenticator'], channels: ['sms'] }, ['email']],
    [{ boundMethods: ['sms', 'email'], unavailableMethods: [], channels: ['sms', 'email'] }, []],
    [{ boundMethods: ['sms'], unavailableMethods: [], channels: ['email'] }, ['sms']],
    [{ boundMethods: [], unavailableMethods: [], channels: ['sms'] }, []],
  ])('loginMethods(%j) = %j', (f, expected) => {
    expect(loginMethods(facts(f))).toEqual(expected)
  })

  it.each<[Partial<PlaybookFacts>, MethodId[]]>([
    [{ symptom: 'not-received' }, [...METHOD_IDS]],
    [{ symptom: null }, [...METHOD_IDS]],
    [{ symptom: 'rejected' }, ['network-time', 'sms-blocking', 'carrier-sms', 'email-code', 'rebind-phone', 'authenticator', 'escalate']],
    [
      { channels: ['authenticator'] },
      ['network-time', 'sms-blocking', 'carrier-sms', 'email-code', 'rebind-phone', 'authenticator', 'escalate'],
    ],
    [{ symptom: 'restricted' }, ['escalate', 'sms-blocking', 'carrier-sms', 'email-code', 'rebind-phone', 'authenticator', 'network-time']],
  ])('methodOrder(%j)', (f, expected) => {
    expect(methodOrder(facts(f))).toEqual(expected)
  })
})

interface Row {
  name: string
  facts: Partial<PlaybookFacts>
  states: Partial<Record<MethodId, AttemptStatus>>
  next: {
    kind: 'method' | 'close' | 'none'
    methodId?: MethodId
    variantId?: string
    key: string
    params?: Record<string, string | number>
    inProgress?: boolean
  }
  skipped?: Partial<Record<MethodId, string>>
  later?: MethodId[]
  escalation?: { offered: boolean; criteria: EscalationCriterion[]; declined?: MethodId[] }
}

const ROWS: Row[] = [
  // ---- method 1: SMS blocking, variant by OS and app
  {
    name: 'SMS missing, Android with 360: method 1, 360 paths',
    facts: { phoneOs: 'android', blockingApp: '360' },
    states: {},
    next: { kind: 'method', methodId: 'sms-blocking', variantId: 'android-360', key: 'reason.next.sms-blocking.android-360' },
    later: ['carrier-sms', 'network-time'],
    skipped: {
      'email-code': 'reason.skip.email-not-bound',
      'rebind-phone': 'reason.skip.no-other-login',
      authenticator: 'reason.skip.no-other-login',
      escalate: 'reason.skip.criteria-not-met',
    },
    escalation: { offered: false, criteria: [] },
  },
  {
    name: 'SMS missing on an iPhone: method 1, Filter Unknown Senders',
    facts: { phoneOs: 'iphone' },
    states: {},
    next: { kind: 'method', methodId: 'sms-blocking', variantId: 'iphone', key: 'reason.next.sms-blocking.iphone' },
  },
  {
    name: 'SMS missing, phone not known: method 1, generic (ask)',
    facts: {},
    states: {},
    next: { kind: 'method', methodId: 'sms-blocking', variantId: 'generic', key: 'reason.next.sms-blocking.generic' },
  },
  // ---- method 2: carrier, variant by carrier
  {
    name: 'method 1 failed, China Unicom: method 2 with 10010',
    facts: { phoneOs: 'android', carrier: 'china-unicom' },
    states: failed('sms-blocking'),
    next: {
      kind: 'method',
      methodId: 'carrier-sms',
      variantId: 'china-unicom',
      key: 'reason.next.carrier-sms.china-unicom',
      params: { hotline: '10010' },
    },
    skipped: { 'sms-blocking': 'reason.skip.failed' },
  },
  {
    name: 'method 1 declined, China Mobile: method 2 with 10086',
    facts: { carrier: 'china-mobile' },
    states: { 'sms-blocking': 'declined' },
    next: {
      kind: 'method',
      methodId: 'carrier-sms',
      variantId: 'china-mobile',
      key: 'reason.next.carrier-sms.china-mobile',
      params: { hotline: '10086' },
    },
    skipped: { 'sms-blocking': 'reason.skip.declined' },
  },
  {
    name: 'method 1 not applicable, China Telecom: method 2 with 10000',
    facts: { carrier: 'china-telecom' },
    states: { 'sms-blocking': 'not-applicable' },
    next: {
      kind: 'method',
      methodId: 'carrier-sms',
      variantId: 'china-telecom',
      key: 'reason.next.carrier-sms.china-telecom',
      params: { hotline: '10000' },
    },
    skipped: { 'sms-blocking': 'reason.skip.not-applicable' },
  },
  {
    name: 'carrier unknown: method 2, other',
    facts: {},
    states: failed('sms-blocking'),
    next: { kind: 'method', methodId: 'carrier-sms', variantId: 'other', key: 'reason.next.carrier-sms.other' },
  },
  // ---- method 3: email, variant by provider
  {
    name: 'methods 1-2 failed, Gmail bound: switch to email codes',
    facts: { boundMethods: ['sms', 'email'], emailProvider: 'gmail' },
    states: failed('sms-blocking', 'carrier-sms'),
    next: { kind: 'method', methodId: 'email-code', variantId: 'gmail', key: 'reason.next.email-code.switch' },
    later: ['rebind-phone', 'authenticator', 'network-time'],
  },
  {
    name: 'email codes missing with QQ Mail: troubleshoot, suggest Gmail/Outlook',
    facts: { channels: ['email'], boundMethods: ['email'], emailProvider: 'qq' },
    states: {},
    next: { kind: 'method', methodId: 'email-code', variantId: 'qq', key: 'reason.next.email-code.troubleshoot-slow' },
    skipped: {
      'sms-blocking': 'reason.skip.not-sms',
      'carrier-sms': 'reason.skip.not-sms',
      'rebind-phone': 'reason.skip.not-sms',
      authenticator: 'reason.skip.no-other-login',
    },
    later: ['network-time'],
  },
  {
    name: 'email codes missing with Outlook: troubleshoot',
    facts: { channels: ['email'], boundMethods: ['email', 'sms'], emailProvider: 'outlook' },
    states: {},
    next: { kind: 'method', methodId: 'email-code', variantId: 'outlook', key: 'reason.next.email-code.troubleshoot' },
    later: ['authenticator', 'network-time'],
  },
  {
    name: 'bound email the user cannot use: method 3 skipped',
    facts: { boundMethods: ['sms', 'email'], unavailableMethods: ['email'] },
    states: failed('sms-blocking', 'carrier-sms'),
    next: { kind: 'method', methodId: 'network-time', variantId: 'default', key: 'reason.next.network-time.default' },
    skipped: {
      'email-code': 'reason.skip.email-unavailable',
      'rebind-phone': 'reason.skip.no-other-login',
      authenticator: 'reason.skip.no-other-login',
    },
  },
  // ---- method 4: rebind phone
  {
    name: 'methods 1-3 failed, can log in by email: rebind the phone',
    facts: { boundMethods: ['sms', 'email'] },
    states: failed('sms-blocking', 'carrier-sms', 'email-code'),
    next: { kind: 'method', methodId: 'rebind-phone', variantId: 'default', key: 'reason.next.rebind-phone.default' },
  },
  {
    name: 'old number lost, email works: methods 1-2 skipped, switch to email first',
    facts: { boundMethods: ['sms', 'email'], unavailableMethods: ['sms'] },
    states: {},
    next: { kind: 'method', methodId: 'email-code', variantId: 'other', key: 'reason.next.email-code.switch' },
    skipped: {
      'sms-blocking': 'reason.skip.sms-unavailable',
      'carrier-sms': 'reason.skip.sms-unavailable',
      'network-time': 'reason.skip.channels-unavailable',
    },
    later: ['rebind-phone', 'authenticator'],
    escalation: { offered: false, criteria: [] },
  },
  {
    name: 'old number lost, email code done: rebind to a new number',
    facts: { boundMethods: ['sms', 'email'], unavailableMethods: ['sms'] },
    states: failed('email-code'),
    next: { kind: 'method', methodId: 'rebind-phone', variantId: 'default', key: 'reason.next.rebind-phone.lost-number' },
  },
  // ---- method 5: authenticator
  {
    name: 'methods 1-4 failed, can log in by email: bind an authenticator',
    facts: { boundMethods: ['sms', 'email'] },
    states: failed('sms-blocking', 'carrier-sms', 'email-code', 'rebind-phone'),
    next: { kind: 'method', methodId: 'authenticator', variantId: 'default', key: 'reason.next.authenticator.bind' },
  },
  {
    name: 'authenticator already bound and working: methods 4 then 5 (use it)',
    facts: { boundMethods: ['sms', 'authenticator'] },
    states: failed('sms-blocking', 'carrier-sms', 'rebind-phone'),
    next: { kind: 'method', methodId: 'authenticator', variantId: 'default', key: 'reason.next.authenticator.use-bound' },
    skipped: { 'email-code': 'reason.skip.email-not-bound', 'rebind-phone': 'reason.skip.failed' },
  },
  {
    name: 'bound authenticator lost: method 5 skipped, method 6 next',
    facts: { boundMethods: ['sms', 'email', 'authenticator'], unavailableMethods: ['authenticator'] },
    states: failed('sms-blocking', 'carrier-sms', 'email-code', 'rebind-phone'),
    next: { kind: 'method', methodId: 'network-time', variantId: 'default', key: 'reason.next.network-time.default' },
    skipped: { authenticator: 'reason.skip.authenticator-lost' },
  },
  {
    name: 'no other bound method: methods 4 and 5 skipped, method 6 next',
    facts: { boundMethods: ['sms'] },
    states: failed('sms-blocking', 'carrier-sms'),
    next: { kind: 'method', methodId: 'network-time', variantId: 'default', key: 'reason.next.network-time.default' },
    skipped: {
      'email-code': 'reason.skip.email-not-bound',
      'rebind-phone': 'reason.skip.no-other-login',
      authenticator: 'reason.skip.no-other-login',
    },
    escalation: { offered: false, criteria: [] },
  },
  {
    name: 'both SMS and email failing, nothing else bound: no way to log in',
    facts: { channels: ['sms', 'email'], boundMethods: ['sms', 'email'] },
    states: failed('sms-blocking', 'carrier-sms', 'email-code'),
    next: { kind: 'method', methodId: 'network-time', variantId: 'default', key: 'reason.next.network-time.default' },
    skipped: { 'rebind-phone': 'reason.skip.no-other-login', authenticator: 'reason.skip.no-other-login' },
  },
  // ---- method 6: symptom rejected / authenticator failing
  {
    name: 'code arrives but is rejected: time first; delivery methods skipped',
    facts: { symptom: 'rejected', boundMethods: ['sms', 'email'] },
    states: {},
    next: { kind: 'method', methodId: 'network-time', variantId: 'default', key: 'reason.next.network-time.rejected' },
    skipped: {
      'sms-blocking': 'reason.skip.code-arrives',
      'carrier-sms': 'reason.skip.code-arrives',
      'rebind-phone': 'reason.skip.code-arrives',
    },
    later: ['email-code', 'authenticator'],
    escalation: { offered: false, criteria: [] },
  },
  {
    name: 'authenticator codes fail: time first, method 5 skipped',
    facts: { channels: ['authenticator'], boundMethods: ['authenticator', 'email'] },
    states: {},
    next: { kind: 'method', methodId: 'network-time', variantId: 'default', key: 'reason.next.network-time.authenticator' },
    skipped: { authenticator: 'reason.skip.authenticator-failing', 'sms-blocking': 'reason.skip.not-sms' },
    later: ['email-code'],
  },
  // ---- method 7: escalation
  {
    name: 'rejected and time fixed but still rejected, email bound: escalation offered, email switch still suggested first',
    facts: { symptom: 'rejected', boundMethods: ['sms', 'email'] },
    states: failed('network-time'),
    next: { kind: 'method', methodId: 'email-code', variantId: 'other', key: 'reason.next.email-code.switch' },
    later: ['authenticator', 'escalate'],
    escalation: { offered: true, criteria: ['codes-rejected'] },
  },
  {
    name: 'rejected, time checked, nothing else bound: escalate (codes always rejected)',
    facts: { symptom: 'rejected', boundMethods: ['sms'] },
    states: failed('network-time'),
    next: { kind: 'method', methodId: 'escalate', variantId: 'default', key: 'reason.next.escalate.codes-rejected' },
    escalation: { offered: true, criteria: ['codes-rejected', 'all-tried'] },
  },
  {
    name: 'account restricted: straight to method 7, everything else skipped',
    facts: { symptom: 'restricted', boundMethods: ['sms', 'email', 'authenticator'] },
    states: {},
    next: { kind: 'method', methodId: 'escalate', variantId: 'default', key: 'reason.next.escalate.restricted' },
    skipped: {
      'sms-blocking': 'reason.skip.restricted',
      'carrier-sms': 'reason.skip.restricted',
      'email-code': 'reason.skip.restricted',
      'rebind-phone': 'reason.skip.restricted',
      authenticator: 'reason.skip.restricted',
      'network-time': 'reason.skip.restricted',
    },
    escalation: { offered: true, criteria: ['restricted'] },
  },
  {
    name: 'old number lost and nothing else bound: escalate',
    facts: { boundMethods: ['sms'], unavailableMethods: ['sms'] },
    states: {},
    next: { kind: 'method', methodId: 'escalate', variantId: 'default', key: 'reason.next.escalate.old-number-unusable' },
    skipped: { 'network-time': 'reason.skip.channels-unavailable', 'rebind-phone': 'reason.skip.no-other-login' },
    escalation: { offered: true, criteria: ['old-number-unusable', 'all-tried'] },
  },
  {
    name: 'old number lost, email bound but also lost: escalate',
    facts: { boundMethods: ['sms', 'email'], unavailableMethods: ['sms', 'email'] },
    states: {},
    next: { kind: 'method', methodId: 'escalate', variantId: 'default', key: 'reason.next.escalate.old-number-unusable' },
    escalation: { offered: true, criteria: ['old-number-unusable', 'all-tried'] },
  },
  {
    name: 'every fitting method failed or declined: escalate (all tried), declined ones listed',
    facts: { boundMethods: ['sms'] },
    states: { 'sms-blocking': 'declined', 'carrier-sms': 'failed', 'network-time': 'not-applicable' },
    next: { kind: 'method', methodId: 'escalate', variantId: 'default', key: 'reason.next.escalate.all-tried' },
    escalation: { offered: true, criteria: ['all-tried'], declined: ['sms-blocking'] },
  },
  {
    name: 'all tried except one still suggested: no escalation yet',
    facts: { boundMethods: ['sms'] },
    states: { 'sms-blocking': 'failed', 'carrier-sms': 'failed', 'network-time': 'suggested' },
    next: { kind: 'method', methodId: 'network-time', variantId: 'default', key: 'reason.next.network-time.default', inProgress: true },
    skipped: { escalate: 'reason.skip.criteria-not-met' },
    escalation: { offered: false, criteria: [] },
  },
  {
    name: 'escalation criteria hold but the user declined escalation: nothing left',
    facts: { symptom: 'restricted' },
    states: { escalate: 'declined' },
    next: { kind: 'none', key: 'reason.none.nothing-left' },
    skipped: { escalate: 'reason.skip.declined' },
    escalation: { offered: true, criteria: ['restricted'] },
  },
  {
    name: 'escalation submitted (suggested) stays the next step, in progress',
    facts: { symptom: 'restricted' },
    states: { escalate: 'suggested' },
    next: { kind: 'method', methodId: 'escalate', variantId: 'default', key: 'reason.next.escalate.restricted', inProgress: true },
  },
  // ---- in progress and resolved
  {
    name: 'a suggested method is kept as next over an earlier untried one',
    facts: { carrier: 'china-mobile' },
    states: { 'carrier-sms': 'suggested' },
    next: {
      kind: 'method',
      methodId: 'carrier-sms',
      variantId: 'china-mobile',
      key: 'reason.next.carrier-sms.china-mobile',
      params: { hotline: '10086' },
      inProgress: true,
    },
    later: ['sms-blocking', 'network-time'],
  },
  {
    name: 'a suggested method that no longer fits the facts is skipped with the fact',
    facts: { channels: ['email'], boundMethods: ['email'] },
    states: { 'sms-blocking': 'suggested' },
    next: { kind: 'method', methodId: 'email-code', variantId: 'other', key: 'reason.next.email-code.troubleshoot' },
    skipped: { 'sms-blocking': 'reason.skip.not-sms' },
  },
  {
    name: 'method 2 resolved: close with prevention tips; the rest are not needed',
    facts: { carrier: 'china-mobile' },
    states: { 'sms-blocking': 'failed', 'carrier-sms': 'resolved' },
    next: { kind: 'close', methodId: 'carrier-sms', key: 'reason.close.resolved', params: { method: 2 } },
    skipped: {
      'sms-blocking': 'reason.skip.failed',
      'carrier-sms': 'reason.skip.resolved',
      'email-code': 'reason.skip.case-resolved',
      escalate: 'reason.skip.case-resolved',
    },
    escalation: { offered: false, criteria: [] },
  },
  {
    name: 'resolved even though escalation criteria hold: close, escalation not offered',
    facts: { symptom: 'restricted' },
    states: { escalate: 'resolved' },
    next: { kind: 'close', methodId: 'escalate', key: 'reason.close.resolved', params: { method: 7 } },
    escalation: { offered: false, criteria: ['restricted'] },
  },
  {
    name: 'symptom not recorded yet: read as not received',
    facts: { symptom: null, phoneOs: 'iphone' },
    states: {},
    next: { kind: 'method', methodId: 'sms-blocking', variantId: 'iphone', key: 'reason.next.sms-blocking.iphone' },
  },
]

describe('nextStep', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const result = nextStep(facts(row.facts), states(row.states))
    const { key, params, ...rest } = row.next
    expect(result.next).toMatchObject({ ...rest, reason: params ? { key: K(key), params } : { key: K(key) } })
    if (row.next.kind === 'method') expect(result.next).toMatchObject({ inProgress: row.next.inProgress ?? false })
    for (const [m, k] of Object.entries(row.skipped ?? {})) {
      expect(result.skipped.find((s) => s.methodId === m)?.reason.key, `skipped ${m}`).toBe(K(k))
    }
    if (row.later) expect(result.methods.filter((m) => m.verdict === 'later').map((m) => m.methodId)).toEqual(row.later)
    if (row.escalation) {
      expect(result.escalation.offered).toBe(row.escalation.offered)
      expect(result.escalation.criteria.map((c) => c.id)).toEqual(row.escalation.criteria)
      if (row.escalation.declined) expect(result.escalation.declined).toEqual(row.escalation.declined)
    }
  })

  it('lists every method once, in the order considered, with skipped = the skipped verdicts', () => {
    const r = nextStep(facts({ symptom: 'rejected', boundMethods: ['sms', 'email'] }), states(failed('network-time')))
    expect(r.order[0]).toBe('network-time')
    expect(r.methods.map((m) => m.methodId)).toEqual(r.order)
    expect(r.skipped.map((s) => s.methodId)).toEqual(r.methods.filter((m) => m.verdict === 'skipped').map((m) => m.methodId))
    expect(
      r.methods.filter((m) => m.verdict === 'later').every((m) => m.reason.key === K('reason.later') && m.reason.params?.method === 3),
    ).toBe(true)
    expect(r.escalation.criteria[0]?.reason.key).toBe(K('escalation.codes-rejected'))
  })

  it('closes with the most recently resolved method when several are resolved', () => {
    const r = nextStep(facts(), { 'sms-blocking': { status: 'resolved', at: 200 }, 'carrier-sms': { status: 'resolved', at: 100 } })
    expect(r.next).toMatchObject({ kind: 'close', methodId: 'sms-blocking' })
    expect(r.skipped.find((s) => s.methodId === 'email-code')?.reason).toEqual({
      key: K('reason.skip.case-resolved'),
      params: { method: 1 },
    })
  })

  it('takes validated CaseFacts and the states from currentStates as they are', () => {
    const v = validateDraft({
      ...emptyDraft('zh-CN'),
      uid: '12345678',
      channels: ['sms'],
      symptom: 'not-received',
      phoneOs: 'android',
      blockingApp: 'tencent',
      carrier: 'china-mobile',
      boundMethods: ['sms'],
    })
    if (!v.ok) throw new Error('fixture draft should validate')
    const s = currentStates([
      { caseId: 1, methodId: 'sms-blocking', status: 'failed', variantId: 'android-tencent', steps: [], note: '', at: 5, agent: 'a' },
    ])
    expect(nextStep(v.value, s).next).toMatchObject({
      kind: 'method',
      methodId: 'carrier-sms',
      variantId: 'china-mobile',
      reason: { params: { hotline: '10086' } },
    })
  })
})

describe('escalationCriteria', () => {
  it.each<[string, Partial<PlaybookFacts>, Partial<Record<MethodId, AttemptStatus>>, EscalationCriterion[]]>([
    ['nothing tried', {}, {}, []],
    ['restricted only (not all-tried)', { symptom: 'restricted' }, {}, ['restricted']],
    ['rejected, time not yet checked', { symptom: 'rejected', boundMethods: ['sms', 'email'] }, {}, []],
    [
      'rejected, time check declined does not count as always rejected',
      { symptom: 'rejected', boundMethods: ['sms', 'email'] },
      { 'network-time': 'declined' },
      [],
    ],
    ['rejected, time failed', { symptom: 'rejected', boundMethods: ['sms', 'email'] }, failed('network-time'), ['codes-rejected']],
    ['sms lost, authenticator available', { boundMethods: ['sms', 'authenticator'], unavailableMethods: ['sms'] }, {}, []],
    ['sms lost, nothing else', { boundMethods: ['sms'], unavailableMethods: ['sms'] }, {}, ['old-number-unusable', 'all-tried']],
    [
      'all fitting methods failed',
      { boundMethods: ['sms', 'email'] },
      failed('sms-blocking', 'carrier-sms', 'email-code', 'rebind-phone', 'authenticator', 'network-time'),
      ['all-tried'],
    ],
    [
      'one fitting method still untried',
      { boundMethods: ['sms', 'email'] },
      failed('sms-blocking', 'carrier-sms', 'email-code', 'rebind-phone', 'network-time'),
      [],
    ],
  ])('%s', (_n, f, s, expected) => {
    expect(escalationCriteria(facts(f), states(s))).toEqual(expected)
  })
})
