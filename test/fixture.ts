import type { Dexie } from 'dexie'
import type {
  AttemptRecord,
  CaseRecord,
  EventRecord,
  ReplyRecord,
  ReviewRecord,
  SettingRecord,
  TemplateRecord,
  TemplateVersionRecord,
} from '@/domain/model'

/** One realistic record set covering every table, as the console would have written it (tests only). */
export interface Fixture {
  cases: CaseRecord[]
  attempts: AttemptRecord[]
  replies: ReplyRecord[]
  reviews: ReviewRecord[]
  templates: TemplateRecord[]
  templateVersions: TemplateVersionRecord[]
  settings: SettingRecord[]
  events: EventRecord[]
}

const rev = (e164: string): string => [...e164.replace(/\D/g, '')].reverse().join('')

export const T0 = Date.UTC(2026, 10, 24, 2, 5) // 2026-11-24 10:05 in Shanghai

const baseCase = {
  phoneOs: null,
  blockingApp: null,
  carrier: null,
  emailProvider: null,
  operation: null,
  boundMethods: [],
  unavailableMethods: [],
  resolvedBy: null,
} satisfies Partial<CaseRecord>

export function fixture(): Fixture {
  const template: TemplateRecord = {
    id: 'method.carrier-sms.china-mobile',
    shortcut: 'cmcc',
    title: { en: 'China Mobile: enable international SMS', 'zh-CN': '中国移动：开通国际短信' },
    tags: ['sms', 'carrier'],
    body: { en: 'Please call 10086 and ask to enable international SMS.', 'zh-CN': '请拨打 10086，要求开通国际短信接收。' },
    methodId: 'carrier-sms',
    variantId: 'china-mobile',
    enabled: true,
    builtIn: true,
    version: 2,
    updatedAt: T0 - 86_400_000,
  }
  const { updatedAt: _u, ...snapshot } = template
  return {
    cases: [
      {
        ...baseCase,
        id: 1,
        caseNumber: 'VC-20261124-7K3Q',
        uid: '35001234',
        phoneE164: '+8613800138000',
        phoneRev: rev('+8613800138000'),
        email: 'Li.Wei@qq.com',
        emailLower: 'li.wei@qq.com',
        channels: ['sms'],
        operation: 'withdrawal',
        symptom: 'not-received',
        phoneOs: 'android',
        blockingApp: '360',
        carrier: 'china-mobile',
        emailProvider: 'qq',
        boundMethods: ['sms', 'email'],
        language: 'zh-CN',
        notes: '用户使用华为手机，安装了 360 手机卫士。\nTried twice at 10:00.',
        status: 'escalated',
        agent: 'Lin',
        createdAt: T0,
        updatedAt: T0 + 3_600_000,
      },
      {
        ...baseCase,
        id: 2,
        caseNumber: 'VC-20261124-M2XA',
        uid: null,
        phoneE164: '+85291234567',
        phoneRev: rev('+85291234567'),
        email: null,
        emailLower: null,
        channels: ['sms', 'authenticator'],
        symptom: 'rejected',
        phoneOs: 'iphone',
        boundMethods: ['sms', 'authenticator'],
        unavailableMethods: ['authenticator'],
        language: 'en',
        notes: '',
        status: 'resolved',
        agent: 'Mei',
        resolvedBy: 'network-time',
        createdAt: T0 + 60_000,
        updatedAt: T0 + 120_000,
      },
      {
        ...baseCase,
        id: 3,
        caseNumber: 'VC-20261123-PQ9Z',
        uid: '88776655',
        phoneE164: null,
        phoneRev: null,
        email: 'chan@gmail.com',
        emailLower: 'chan@gmail.com',
        channels: ['email'],
        symptom: 'not-received',
        emailProvider: 'gmail',
        language: 'en',
        notes: 'Duplicate of an earlier chat.',
        status: 'open',
        agent: 'Lin',
        createdAt: T0 - 86_400_000,
        updatedAt: T0 - 80_000_000,
        deletedAt: T0 + 7_200_000,
      },
    ],
    attempts: [
      {
        id: 1,
        caseId: 1,
        methodId: 'sms-blocking',
        status: 'failed',
        variantId: 'android-360',
        steps: ['open-app', 'check-blocked'],
        note: 'Nothing in the blocked list.',
        at: T0 + 600_000,
        agent: 'Lin',
      },
      {
        id: 2,
        caseId: 1,
        methodId: 'carrier-sms',
        status: 'suggested',
        variantId: 'china-mobile',
        steps: [],
        note: '',
        at: T0 + 900_000,
        agent: 'Lin',
      },
      {
        id: 3,
        caseId: 2,
        methodId: 'network-time',
        status: 'resolved',
        variantId: 'default',
        steps: ['auto-time'],
        note: 'Clock was 6 minutes off.',
        at: T0 + 110_000,
        agent: 'Mei',
      },
    ],
    replies: [
      {
        id: 1,
        caseId: 1,
        templateId: template.id,
        templateVersion: 2,
        language: 'zh-CN',
        text: '请拨打 10086，要求开通国际短信接收。',
        sentAt: T0 + 905_000,
        agent: 'Lin',
        promised: null,
        reviewId: null,
      },
      {
        id: 2,
        caseId: 1,
        templateId: null,
        templateVersion: null,
        language: 'zh-CN',
        text: '您的安全重置申请已提交，预计 2026-11-27 至 2026-12-01 完成。',
        sentAt: T0 + 3_600_000,
        agent: 'Lin',
        promised: { submitted: '2026-11-24', expectedFrom: '2026-11-27', dueBy: '2026-12-01' },
        reviewId: 1,
      },
    ],
    reviews: [
      {
        id: 1,
        caseId: 1,
        state: 'open',
        registeredContact: '+8613800138000',
        uid: '35001234',
        description: 'SMS never arrives after methods 1-2; the user cannot log in another way.',
        methodsTried: ['sms-blocking', 'carrier-sms'],
        identityRequested: true,
        identityReceived: false,
        reference: 'SR-2026-000417',
        submittedAt: T0 + 3_500_000,
        pauses: [{ start: T0 + 3_550_000, end: T0 + 3_580_000, reason: 'Waiting for the user' }],
        outcome: null,
        closedAt: null,
        alerted: { atRisk: null, overdue: null },
        agent: 'Lin',
        createdAt: T0 + 3_500_000,
        updatedAt: T0 + 3_580_000,
      },
    ],
    templates: [template],
    templateVersions: [
      {
        id: 1,
        templateId: template.id,
        version: 1,
        snapshot: { ...snapshot, version: 1, body: { en: 'Call 10086.', 'zh-CN': '请拨打 10086。' } },
        savedAt: T0 - 172_800_000,
        agent: 'Lead',
      },
      { id: 2, templateId: template.id, version: 2, snapshot, savedAt: T0 - 86_400_000, agent: 'Lead' },
    ],
    settings: [
      { key: 'prefs', value: { agentName: 'Lin', uiLocale: 'zh-CN', theme: 'dark' } },
      { key: 'sla', value: { minDays: 3, maxDays: 5 } },
    ],
    events: [
      { id: 1, at: T0, agent: 'Lin', entity: 'case', entityId: '1', caseId: 1, action: 'created', changes: [], note: '' },
      {
        id: 2,
        at: T0 + 600_000,
        agent: 'Lin',
        entity: 'attempt',
        entityId: '1',
        caseId: 1,
        action: 'recorded',
        changes: [{ field: 'sms-blocking.status', from: 'not-tried', to: 'failed' }],
        note: '',
      },
      { id: 3, at: T0 + 60_000, agent: 'Mei', entity: 'case', entityId: '2', caseId: 2, action: 'created', changes: [], note: '' },
      {
        id: 4,
        at: T0 + 3_500_000,
        agent: 'Lin',
        entity: 'review',
        entityId: '1',
        caseId: 1,
        action: 'opened',
        changes: [{ field: 'submittedAt', from: null, to: T0 + 3_500_000 }],
        note: '',
      },
      {
        id: 5,
        at: T0 + 7_200_000,
        agent: 'Lin',
        entity: 'case',
        entityId: '3',
        caseId: 3,
        action: 'deleted',
        changes: [{ field: 'deletedAt', from: null, to: T0 + 7_200_000 }],
        note: '',
      },
      {
        id: 6,
        at: T0 - 600_000,
        agent: 'Lead',
        entity: 'settings',
        entityId: 'sla',
        caseId: null,
        action: 'updated',
        changes: [{ field: 'maxDays', from: 4, to: 5 }],
        note: '',
      },
    ],
  }
}

/** The tables in the order the fixture lists them. */
export const FIXTURE_TABLES = ['cases', 'attempts', 'replies', 'reviews', 'templates', 'templateVersions', 'settings', 'events'] as const

/** Writes a fixture into any Dexie database declaring these tables (one transaction). */
export async function writeFixture(db: Dexie, f: Fixture): Promise<void> {
  await db.transaction('rw', [...FIXTURE_TABLES], async () => {
    for (const name of FIXTURE_TABLES) await db.table(name).bulkAdd(f[name] as unknown[])
  })
}
