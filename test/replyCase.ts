/** Case facts for tests and the benchmark: a complete case and helpers to vary it. */
import type { ReplyCaseFacts, ReplyContextInput } from '@/domain/replies/context'

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
  channels: ['sms'],
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
