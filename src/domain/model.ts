/**
 * The console's record types and enumerations: the contract between domain, data and views.
 * Pure types and constant lists; no Vue, no Dexie. Times are epoch milliseconds (UTC instants).
 */

export const CHANNELS = ['sms', 'email', 'authenticator'] as const
export type Channel = (typeof CHANNELS)[number]

export const OPERATIONS = ['registration', 'login', 'withdrawal', 'security-settings', 'other'] as const
export type Operation = (typeof OPERATIONS)[number]

/** not-received: the code never arrives; rejected: arrives but is refused as invalid; restricted: account may not send codes. */
export const SYMPTOMS = ['not-received', 'rejected', 'restricted'] as const
export type Symptom = (typeof SYMPTOMS)[number]

export const PHONE_OSES = ['android', 'iphone', 'other'] as const
export type PhoneOs = (typeof PHONE_OSES)[number]

/** Android blocking app: the phone's built-in manager, 360 Security, Tencent Mobile Manager. */
export const BLOCKING_APPS = ['builtin', '360', 'tencent', 'none', 'other'] as const
export type BlockingApp = (typeof BLOCKING_APPS)[number]

export const CARRIERS = ['china-mobile', 'china-unicom', 'china-telecom', 'other'] as const
export type Carrier = (typeof CARRIERS)[number]

export const EMAIL_PROVIDERS = ['qq', '163', 'gmail', 'outlook', 'protonmail', 'other'] as const
export type EmailProvider = (typeof EMAIL_PROVIDERS)[number]

/** Verification methods bound to the user's account. */
export const BOUND_METHODS = ['sms', 'email', 'authenticator'] as const
export type BoundMethod = (typeof BOUND_METHODS)[number]

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

export const CASE_STATUSES = ['open', 'waiting', 'escalated', 'resolved', 'closed'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** The article's seven methods, simplest first. The order of this list is the article's order. */
export const METHOD_IDS = [
  'sms-blocking', // 1: disable SMS blocking (Android spam folder / security apps, iPhone Filter Unknown Senders)
  'carrier-sms', // 2: ask the carrier to enable international SMS
  'email-code', // 3: switch to email codes
  'rebind-phone', // 4: rebind a new phone number
  'authenticator', // 5: switch to an authenticator app
  'network-time', // 6: check network and phone time settings
  'escalate', // 7: escalate to support for a security reset
] as const
export type MethodId = (typeof METHOD_IDS)[number]

/**
 * Variant ids per method: the playbook content and the reply templates both key on these.
 * sms-blocking: android-builtin | android-360 | android-tencent | android-generic | iphone | generic
 * carrier-sms: china-mobile | china-unicom | china-telecom | other
 * email-code: gmail | outlook | protonmail | qq | 163 | other
 * the other methods: default
 */
export const METHOD_VARIANTS = {
  'sms-blocking': ['android-builtin', 'android-360', 'android-tencent', 'android-generic', 'iphone', 'generic'],
  'carrier-sms': ['china-mobile', 'china-unicom', 'china-telecom', 'other'],
  'email-code': ['gmail', 'outlook', 'protonmail', 'qq', '163', 'other'],
  'rebind-phone': ['default'],
  authenticator: ['default'],
  'network-time': ['default'],
  escalate: ['default'],
} as const satisfies Record<MethodId, readonly string[]>
export type VariantId<M extends MethodId = MethodId> = (typeof METHOD_VARIANTS)[M][number]

export const ATTEMPT_STATUSES = ['not-tried', 'suggested', 'failed', 'resolved', 'not-applicable', 'declined'] as const
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number]

/**
 * Local meta fields of the records that sync (docs/team-sync.md, "Records"; set by src/data, schema v3):
 * the wire id, the local revision and the server version last matched. Team mode adds `updatedBy` (a user id).
 */
export interface SyncMeta {
  /** The record's id on the wire: a lower-case UUIDv7 made by the client. */
  syncId?: string
  /** +1 on every local write: the base version an editor started from. */
  rev?: number
  /** The server version this record last matched; null: never synced (solo). */
  serverVersion?: number | null
  /** Team mode: the user id of whoever last changed it (stamped by the server). */
  updatedBy?: string
}

export interface CaseRecord extends SyncMeta {
  id?: number
  /** Human-readable, unique, e.g. VC-20261124-7K3Q. */
  caseNumber: string
  /** Digits only. */
  uid: string | null
  /** E.164, e.g. +8613800138000. */
  phoneE164: string | null
  /** Digits of phoneE164 reversed, for last-digits lookup through an index. */
  phoneRev: string | null
  /** As entered (trimmed). */
  email: string | null
  /** Lower-cased email for lookup. */
  emailLower: string | null
  channels: Channel[]
  operation: Operation | null
  symptom: Symptom
  phoneOs: PhoneOs | null
  blockingApp: BlockingApp | null
  carrier: Carrier | null
  emailProvider: EmailProvider | null
  boundMethods: BoundMethod[]
  /** Bound methods the user cannot use right now (lost phone, recycled number, deleted authenticator app). */
  unavailableMethods: BoundMethod[]
  language: Language
  notes: string
  status: CaseStatus
  agent: string
  /** The method that resolved the case, if any. */
  resolvedBy: MethodId | null
  createdAt: number
  updatedAt: number
  /** Set while the case is in the trash. Absent otherwise (so the index only holds trashed cases). */
  deletedAt?: number
  /**
   * Local only, derived: the checklist's newest statuses and a fingerprint of the records they come from
   * (src/domain/export/attemptSummary.ts), so a cases-only export need not read the records. Never on the
   * wire; a missing or stale one is detected and the records are read instead.
   */
  attemptSummary?: AttemptSummary
}

/**
 * A case's checklist at a glance (local only, derived; src/domain/export/attemptSummary.ts): a fingerprint
 * of its checklist records and the newest status of each method.
 */
export interface AttemptSummary {
  /** How many checklist records the case had. */
  n: number
  /** The sum of their ids. */
  sum: number
  /** The XOR of their ids (32-bit). */
  xor: number
  /** The newest status of each method, in the article's order: `method=status` joined by `;`. */
  current: string
}

/** One checklist change. Append-only: the current state of a method is its newest record. */
export interface AttemptRecord extends SyncMeta {
  id?: number
  caseId: number
  methodId: MethodId
  status: AttemptStatus
  variantId: string | null
  /** Step ids ticked at this point. */
  steps: string[]
  note: string
  at: number
  agent: string
}

export interface PromisedDates {
  /** ISO local dates (YYYY-MM-DD) in the calendar's timezone. */
  submitted: string
  expectedFrom: string
  dueBy: string
}

export interface ReplyRecord extends SyncMeta {
  id?: number
  caseId: number
  templateId: string | null
  templateVersion: number | null
  language: Language
  text: string
  sentAt: number
  agent: string
  /** For review-status replies: the dates the agent promised. */
  promised: PromisedDates | null
  reviewId: number | null
}

export const REVIEW_OUTCOMES = ['approved', 'rejected', 'withdrawn'] as const
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number]

export interface ReviewPause {
  start: number
  end: number | null
  reason: string
}

export interface ReviewRecord extends SyncMeta {
  id?: number
  caseId: number
  /** open until an outcome is recorded. */
  state: 'open' | 'closed'
  registeredContact: string
  uid: string
  description: string
  methodsTried: MethodId[]
  identityRequested: boolean
  identityReceived: boolean
  /** Back-office reference number. */
  reference: string
  submittedAt: number
  pauses: ReviewPause[]
  outcome: ReviewOutcome | null
  closedAt: number | null
  /** When each alert fired (so each fires once). */
  alerted: { atRisk: number | null; overdue: number | null }
  agent: string
  /** Team mode: the user id of the agent who owns the review (stamped by the server; changed only by its commands). */
  owner?: string | null
  createdAt: number
  updatedAt: number
}

/** What the agent fills in when opening (or editing) a review. */
export type ReviewDetails = Pick<
  ReviewRecord,
  'registeredContact' | 'uid' | 'description' | 'methodsTried' | 'identityRequested' | 'identityReceived' | 'reference'
>

export interface TemplateText {
  en: string
  'zh-CN': string
}

export interface TemplateRecord {
  /** Stable id, e.g. "method.carrier-sms.china-mobile". */
  id: string
  /** Typed after "/" in the reply box. */
  shortcut: string
  title: TemplateText
  tags: string[]
  body: TemplateText
  methodId: MethodId | null
  variantId: string | null
  enabled: boolean
  builtIn: boolean
  version: number
  updatedAt: number
}

export interface TemplateVersionRecord {
  id?: number
  templateId: string
  version: number
  snapshot: Omit<TemplateRecord, 'updatedAt'>
  savedAt: number
  agent: string
}

export const EVENT_ENTITIES = ['case', 'attempt', 'reply', 'review', 'template', 'settings', 'calendar', 'backup', 'export'] as const
export type EventEntity = (typeof EVENT_ENTITIES)[number]

export interface FieldChange {
  field: string
  from: unknown
  to: unknown
}

/** Append-only audit log. */
export interface EventRecord extends SyncMeta {
  id?: number
  at: number
  agent: string
  entity: EventEntity
  entityId: string
  caseId: number | null
  action: string
  changes: FieldChange[]
  note: string
}

export interface SettingRecord {
  key: string
  value: unknown
}
