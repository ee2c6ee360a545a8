/** Case facts for tests and the benchmark: a complete case and helpers to vary it. */
import type { Carrier, EmailProvider, MethodId, PhoneOs, BlockingApp } from '../model'
import type { ReplyCaseFacts, ReplyContextInput } from './context'

export const BASE_CASE: ReplyCaseFacts = {
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
  language: 'en',
  resolvedBy: null,
  notes: '',
}

export const baseInput = (overrides: Partial<ReplyContextInput> = {}, facts: Partial<ReplyCaseFacts> = {}): ReplyContextInput => ({
  case: { ...BASE_CASE, ...facts },
  agentName: 'Lily',
  customerName: 'Alice',
  attempts: [],
  next: null,
  review: null,
  ...overrides,
})

/** The variant the playbook would pick for a case (mirrors the variant lists; used by tests only). */
export function variantForCase(
  methodId: MethodId,
  c: { phoneOs: PhoneOs | null; blockingApp: BlockingApp | null; carrier: Carrier | null; emailProvider: EmailProvider | null },
): string {
  switch (methodId) {
    case 'sms-blocking':
      if (c.phoneOs === 'iphone') return 'iphone'
      if (c.phoneOs === 'android') {
        if (c.blockingApp === 'builtin' || c.blockingApp === '360' || c.blockingApp === 'tencent') return `android-${c.blockingApp}`
        return 'android-generic'
      }
      return 'generic'
    case 'carrier-sms':
      return c.carrier ?? 'other'
    case 'email-code':
      return c.emailProvider ?? 'other'
    default:
      return 'default'
  }
}
