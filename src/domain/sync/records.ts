/**
 * The synced record kinds and the zod schemas of their documents (docs/team-sync.md, "Records"), shared by
 * the renderer's sync module and the server. Pure: no I/O, no clock.
 *
 * Documents reuse the field definitions of the local records (`../records`) with the team-mode changes:
 * string ids (UUIDs, made by the client) instead of auto-increment numbers, references by those ids, the
 * meta fields `updatedAt`/`updatedBy` on every document, and a review `owner`. Objects are strict: a field
 * this protocol version does not know is refused (add it with a protocol change, server first). Documents
 * have no optional fields: a local field that is absent (a case's `deletedAt`) is `null` in the document,
 * so a patch can clear it.
 */
import { z } from 'zod'
import { calendarSchema } from '../calendar/calendar'
import { REVIEW_OUTCOMES } from '../model'
import {
  attemptRecordSchema,
  caseRecordSchema,
  eventRecordSchema,
  replyRecordSchema,
  reviewRecordSchema,
  templateRecordSchema,
} from '../records'
import { TEAM_SETTING_KEYS, type SyncKind } from './fields'
import { slaSettingsSchema } from '../sla/settings'

export { REVIEW_COMMAND_FIELDS, SERVER_FIELDS, SYNC_KINDS, TEAM_SETTING_KEYS, type SyncKind, type TeamSettingKey } from './fields'

/** Kinds that are only ever inserted (no patch, no delete). */
export const APPEND_ONLY_KINDS: readonly SyncKind[] = ['attempt', 'reply', 'event']
/** Team settings: only leads and admins write them. */
export const LEAD_ONLY_KINDS: readonly SyncKind[] = ['template', 'setting']

export const ROLES = ['agent', 'lead', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const REVIEW_COMMANDS = ['claim', 'release', 'handover', 'close'] as const
export type ReviewCommand = (typeof REVIEW_COMMANDS)[number]

/** A canonical lower-case UUID (the client makes UUIDv7: time-ordered, so indexes stay compact). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
export const uuid = z.string().regex(UUID_PATTERN, { error: 'must be a lower-case UUID' })
/** Template ids are stable names (`method.carrier-sms.china-mobile`, `custom.bye`): printable, no spaces. */
export const templateId = z.string().regex(/^[\x21-\x7e]{1,200}$/, { error: 'must be 1-200 printable ASCII characters' })
/** An instant in epoch ms: not before 2000, not absurdly far ahead (the server also refuses > 5 min ahead of it). */
export const instant = z.number().int().min(946_684_800_000).max(8_640_000_000_000)

/** How far ahead of the server's clock a client instant may be. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000

/** Meta fields on every document: the server stamps them on every write (what the client sends is ignored). */
const meta = { updatedAt: instant, updatedBy: uuid }

export const syncCaseSchema = z.strictObject({
  ...caseRecordSchema.shape,
  id: uuid,
  caseNumber: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, { error: 'must be 1-64 letters, digits or dashes' }),
  /** The user id of the agent who logged the case (stamped by the server at insert). */
  agent: uuid,
  /** The intake form's limit (NOTES_MAX in ../case/validation). */
  notes: z.string().max(20_000),
  /** In the trash since (null: not in the trash; the local record leaves the field out instead). */
  deletedAt: instant.nullable(),
  ...meta,
})

export const syncAttemptSchema = z.strictObject({ ...attemptRecordSchema.shape, id: uuid, caseId: uuid, agent: uuid, ...meta })

export const syncReplySchema = z.strictObject({
  ...replyRecordSchema.shape,
  id: uuid,
  caseId: uuid,
  reviewId: uuid.nullable(),
  agent: uuid,
  ...meta,
})

export const syncReviewSchema = z.strictObject({
  ...reviewRecordSchema.shape,
  id: uuid,
  caseId: uuid,
  /** Who logged the review. */
  agent: uuid,
  /** Who owns it now (null: unowned). Changed only by the claim/release/handover commands. */
  owner: uuid.nullable(),
  ...meta,
})

export const syncEventSchema = z.strictObject({
  ...eventRecordSchema.shape,
  id: uuid,
  caseId: uuid.nullable(),
  agent: uuid,
  ...meta,
})

export const syncTemplateSchema = z.strictObject({ ...templateRecordSchema.shape, id: templateId, ...meta })

const playbookFiles = z
  .array(z.strictObject({ file: z.string().min(1).max(200), text: z.string().max(2_000_000) }))
  .max(10)
  .nullable()
const playbookInstalled = z.strictObject({ at: instant, agent: z.string().max(200), version: z.number().int().positive() }).nullable()

export const syncSettingSchema = z.discriminatedUnion('id', [
  z.strictObject({ id: z.literal('businessCalendar'), value: calendarSchema, ...meta }),
  z.strictObject({ id: z.literal('slaSettings'), value: slaSettingsSchema, ...meta }),
  z.strictObject({ id: z.literal('playbook.files'), value: playbookFiles, ...meta }),
  z.strictObject({ id: z.literal('playbook.installed'), value: playbookInstalled, ...meta }),
])

export const SYNC_DOC_SCHEMAS = {
  case: syncCaseSchema,
  attempt: syncAttemptSchema,
  reply: syncReplySchema,
  review: syncReviewSchema,
  event: syncEventSchema,
  template: syncTemplateSchema,
  setting: syncSettingSchema,
} as const satisfies Record<SyncKind, z.ZodType>

export type SyncCase = z.output<typeof syncCaseSchema>
export type SyncAttempt = z.output<typeof syncAttemptSchema>
export type SyncReply = z.output<typeof syncReplySchema>
export type SyncReview = z.output<typeof syncReviewSchema>
export type SyncEvent = z.output<typeof syncEventSchema>
export type SyncTemplate = z.output<typeof syncTemplateSchema>
export type SyncSetting = z.output<typeof syncSettingSchema>

/** The id a document of this kind must have (settings are keyed by their team setting key). */
export const idSchemaFor = (kind: SyncKind): z.ZodType<string> =>
  kind === 'template' ? templateId : kind === 'setting' ? z.enum(TEAM_SETTING_KEYS) : uuid

/** Local-only meta fields a client may leave on a document; the server drops them. */
export const LOCAL_FIELDS: readonly string[] = ['rev', 'serverVersion']

export const reviewCommandArgsSchemas = {
  claim: z.strictObject({}),
  release: z.strictObject({}),
  handover: z.strictObject({ toUserId: uuid, note: z.string().max(2_000) }),
  close: z.strictObject({ outcome: z.enum(REVIEW_OUTCOMES) }),
} as const satisfies Record<ReviewCommand, z.ZodType>

const num = (v: unknown): number[] => (typeof v === 'number' ? [v] : [])
const rec = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {})

/** Every client-made instant of a document (the server refuses those more than 5 minutes in its future). */
export function instantsOf(kind: SyncKind, doc: Readonly<Record<string, unknown>>): number[] {
  switch (kind) {
    case 'case':
      return [...num(doc.createdAt), ...num(doc.deletedAt)]
    case 'attempt':
      return num(doc.at)
    case 'reply':
      return num(doc.sentAt)
    case 'event':
      return num(doc.at)
    case 'review': {
      const pauses = Array.isArray(doc.pauses) ? doc.pauses : []
      const alerted = rec(doc.alerted)
      return [
        ...num(doc.submittedAt),
        ...num(doc.createdAt),
        ...num(doc.closedAt),
        ...pauses.flatMap((p) => [...num(rec(p).start), ...num(rec(p).end)]),
        ...num(alerted.atRisk),
        ...num(alerted.overdue),
      ]
    }
    case 'template':
      return []
    case 'setting':
      return doc.id === 'playbook.installed' ? num(rec(doc.value).at) : []
  }
}
