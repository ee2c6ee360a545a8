/**
 * zod schemas for every stored record type (model.ts), for data that crosses a trust boundary: a backup
 * file being restored, an import. Loose objects: fields this build does not know are kept, not dropped,
 * so a record written by a newer build of the same schema version loses nothing.
 */
import { z } from 'zod'
import {
  ATTEMPT_STATUSES,
  BLOCKING_APPS,
  BOUND_METHODS,
  CARRIERS,
  CASE_STATUSES,
  CHANNELS,
  EMAIL_PROVIDERS,
  EVENT_ENTITIES,
  LANGUAGES,
  METHOD_IDS,
  OPERATIONS,
  PHONE_OSES,
  REVIEW_OUTCOMES,
  SYMPTOMS,
  type AttemptRecord,
  type CaseRecord,
  type EventRecord,
  type ReplyRecord,
  type ReviewRecord,
  type SettingRecord,
  type TemplateRecord,
  type TemplateVersionRecord,
} from './model'

/** An instant in epoch ms: finite, not before 2000, not absurdly far ahead. */
const instant = z.number().int().min(946_684_800_000).max(8_640_000_000_000)
const id = z.number().int().positive()
const text = (max: number) => z.string().max(max)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const uniqueList = <T extends z.ZodType>(item: T) => z.array(item).max(20)

/** Sync meta (model.ts SyncMeta): optional in files written before schema v3, well-formed when present. */
const syncMeta = {
  syncId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    .optional(),
  rev: z.number().int().nonnegative().optional(),
  serverVersion: z.number().int().nonnegative().nullable().optional(),
  updatedBy: text(200).optional(),
}

export const caseRecordSchema = z.looseObject({
  ...syncMeta,
  id,
  caseNumber: z.string().min(1).max(64),
  uid: z
    .string()
    .regex(/^\d{1,32}$/)
    .nullable(),
  phoneE164: z
    .string()
    .regex(/^\+\d{4,20}$/)
    .nullable(),
  phoneRev: z
    .string()
    .regex(/^\d{4,20}$/)
    .nullable(),
  email: text(320).nullable(),
  emailLower: text(320).nullable(),
  channels: uniqueList(z.enum(CHANNELS)),
  operation: z.enum(OPERATIONS).nullable(),
  symptom: z.enum(SYMPTOMS),
  phoneOs: z.enum(PHONE_OSES).nullable(),
  blockingApp: z.enum(BLOCKING_APPS).nullable(),
  carrier: z.enum(CARRIERS).nullable(),
  emailProvider: z.enum(EMAIL_PROVIDERS).nullable(),
  boundMethods: uniqueList(z.enum(BOUND_METHODS)),
  unavailableMethods: uniqueList(z.enum(BOUND_METHODS)),
  language: z.enum(LANGUAGES),
  notes: text(100_000),
  status: z.enum(CASE_STATUSES),
  agent: text(200),
  resolvedBy: z.enum(METHOD_IDS).nullable(),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: instant.optional(),
})

export const attemptRecordSchema = z.looseObject({
  ...syncMeta,
  id,
  caseId: id,
  methodId: z.enum(METHOD_IDS),
  status: z.enum(ATTEMPT_STATUSES),
  variantId: text(100).nullable(),
  steps: z.array(text(200)).max(200),
  note: text(100_000),
  at: instant,
  agent: text(200),
})

export const replyRecordSchema = z.looseObject({
  ...syncMeta,
  id,
  caseId: id,
  templateId: text(200).nullable(),
  templateVersion: z.number().int().nonnegative().nullable(),
  language: z.enum(LANGUAGES),
  text: text(200_000),
  sentAt: instant,
  agent: text(200),
  promised: z.looseObject({ submitted: isoDate, expectedFrom: isoDate, dueBy: isoDate }).nullable(),
  reviewId: id.nullable(),
})

export const reviewRecordSchema = z.looseObject({
  ...syncMeta,
  id,
  caseId: id,
  state: z.enum(['open', 'closed']),
  registeredContact: text(400),
  uid: text(64),
  description: text(100_000),
  methodsTried: z.array(z.enum(METHOD_IDS)).max(20),
  identityRequested: z.boolean(),
  identityReceived: z.boolean(),
  reference: text(200),
  submittedAt: instant,
  pauses: z.array(z.looseObject({ start: instant, end: instant.nullable(), reason: text(10_000) })).max(1000),
  outcome: z.enum(REVIEW_OUTCOMES).nullable(),
  closedAt: instant.nullable(),
  alerted: z.looseObject({ atRisk: instant.nullable(), overdue: instant.nullable() }),
  agent: text(200),
  createdAt: instant,
  updatedAt: instant,
})

const templateText = z.looseObject({ en: text(100_000), 'zh-CN': text(100_000) })

const templateFields = {
  id: z.string().min(1).max(200),
  shortcut: text(100),
  title: templateText,
  tags: z.array(text(100)).max(100),
  body: templateText,
  methodId: z.enum(METHOD_IDS).nullable(),
  variantId: text(100).nullable(),
  enabled: z.boolean(),
  builtIn: z.boolean(),
  version: z.number().int().positive(),
}

export const templateRecordSchema = z.looseObject({ ...templateFields, updatedAt: instant })

export const templateVersionRecordSchema = z.looseObject({
  id,
  templateId: z.string().min(1).max(200),
  version: z.number().int().positive(),
  snapshot: z.looseObject(templateFields),
  savedAt: instant,
  agent: text(200),
})

export const settingRecordSchema = z.looseObject({
  key: z.string().min(1).max(200),
  value: z.unknown(),
})

const fieldChange = z.looseObject({ field: text(200), from: z.unknown(), to: z.unknown() })

export const eventRecordSchema = z.looseObject({
  ...syncMeta,
  id,
  at: instant,
  agent: text(200),
  entity: z.enum(EVENT_ENTITIES),
  entityId: text(200),
  caseId: id.nullable(),
  action: z.string().min(1).max(100),
  changes: z.array(fieldChange).max(10_000),
  note: text(100_000),
})

/** Record schema per table name. The checks below keep each one in step with its type in model.ts. */
export const RECORD_SCHEMAS = {
  cases: caseRecordSchema,
  attempts: attemptRecordSchema,
  replies: replyRecordSchema,
  reviews: reviewRecordSchema,
  templates: templateRecordSchema,
  templateVersions: templateVersionRecordSchema,
  settings: settingRecordSchema,
  events: eventRecordSchema,
} as const

// compile-time: every schema's output is assignable to its record type (a field added to a record type
// without a schema change, or with a different type, fails the type check here)
type Check<S extends z.ZodType, R> = z.output<S> extends R ? true : never
const _checks: [
  Check<typeof caseRecordSchema, CaseRecord>,
  Check<typeof attemptRecordSchema, AttemptRecord>,
  Check<typeof replyRecordSchema, ReplyRecord>,
  Check<typeof reviewRecordSchema, ReviewRecord>,
  Check<typeof templateRecordSchema, TemplateRecord>,
  Check<typeof templateVersionRecordSchema, TemplateVersionRecord>,
  Check<typeof settingRecordSchema, SettingRecord>,
  Check<typeof eventRecordSchema, EventRecord>,
] = [true, true, true, true, true, true, true, true]
void _checks
