/** Records for export and report tests. */
import type { AttemptRecord, CaseRecord, ReplyRecord, ReviewRecord } from '@/domain/model'
import type { CaseExportInput, ReviewExportInput } from '@/domain/export/rows'

/** 2026-11-24 14:03:05 in Asia/Shanghai (06:03:05 UTC). */
export const T0 = Date.UTC(2026, 10, 24, 6, 3, 5)
export const MINUTE = 60_000
export const HOUR = 3_600_000

export function makeCase(over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 1,
    caseNumber: 'VC-20261124-7K3Q',
    uid: '12345678',
    phoneE164: '+8613800138000',
    phoneRev: '00083100831686',
    email: 'alice@gmail.com',
    emailLower: 'alice@gmail.com',
    channels: ['sms', 'email'],
    operation: 'withdrawal',
    symptom: 'not-received',
    phoneOs: 'android',
    blockingApp: '360',
    carrier: 'china-mobile',
    emailProvider: 'gmail',
    boundMethods: ['sms', 'email'],
    unavailableMethods: [],
    language: 'zh-CN',
    notes: 'User 12345678 says SMS to 13800138000 never arrive; wrote from alice@gmail.com.',
    status: 'open',
    agent: 'alice',
    resolvedBy: null,
    createdAt: T0,
    updatedAt: T0 + HOUR,
    ...over,
  }
}

export function makeAttempt(over: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    id: 1,
    caseId: 1,
    methodId: 'sms-blocking',
    status: 'suggested',
    variantId: 'android-360',
    steps: [],
    note: '',
    at: T0 + MINUTE,
    agent: 'alice',
    ...over,
  }
}

export function makeReview(over: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    id: 1,
    caseId: 1,
    state: 'open',
    registeredContact: 'alice@gmail.com',
    uid: '12345678',
    description: 'All seven methods failed.',
    methodsTried: ['sms-blocking', 'carrier-sms', 'email-code'],
    identityRequested: true,
    identityReceived: false,
    reference: 'SR-1001',
    submittedAt: T0 + 2 * HOUR,
    pauses: [],
    outcome: null,
    closedAt: null,
    alerted: { atRisk: null, overdue: null },
    agent: 'alice',
    createdAt: T0 + 2 * HOUR,
    updatedAt: T0 + 2 * HOUR,
    ...over,
  }
}

export function makeReply(over: Partial<ReplyRecord> = {}): ReplyRecord {
  return {
    id: 1,
    caseId: 1,
    templateId: 'method.sms-blocking.android-360',
    templateVersion: 2,
    language: 'zh-CN',
    text: '请打开360手机卫士 > 骚扰拦截 > 短信拦截，找到并恢复验证码短信。',
    sentAt: T0 + 2 * MINUTE,
    agent: 'alice',
    promised: null,
    reviewId: null,
    ...over,
  }
}

export function makeReviewInput(over: Partial<ReviewRecord> = {}, sla: Partial<ReviewExportInput['sla']> = {}): ReviewExportInput {
  return { review: makeReview(over), sla: { status: 'on-track', expectedFrom: '2026-11-27', dueBy: '2026-12-03', ...sla } }
}

/** A case with three methods tried (one changed twice) and one review. */
export function makeInput(over: Partial<CaseRecord> = {}): CaseExportInput {
  return {
    case: makeCase(over),
    attempts: [
      makeAttempt({ id: 1, methodId: 'sms-blocking', status: 'suggested', at: T0 + MINUTE }),
      makeAttempt({
        id: 2,
        methodId: 'sms-blocking',
        status: 'failed',
        at: T0 + 5 * MINUTE,
        steps: ['open-app', 'restore'],
        note: 'nothing in 360 blocked list',
      }),
      makeAttempt({ id: 3, methodId: 'email-code', status: 'resolved', variantId: 'gmail', at: T0 + 20 * MINUTE }),
      makeAttempt({ id: 4, methodId: 'carrier-sms', status: 'not-tried', variantId: 'china-mobile', at: T0 + 6 * MINUTE }),
    ],
    reviews: [makeReviewInput()],
  }
}
