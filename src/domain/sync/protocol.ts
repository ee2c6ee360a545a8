/**
 * The sync protocol's messages (docs/team-sync.md, "HTTP API"), shared by the renderer's sync module and the
 * server: zod schemas for what the client sends, types for what the server answers. Pure.
 */
import { z } from 'zod'
import { REVIEW_COMMANDS, SYNC_KINDS, uuid, type SyncKind } from './records'

/** The protocol this build speaks: sent as `X-Sync-Protocol` on every request. */
export const SYNC_PROTOCOL = 1
export const PROTOCOL_HEADER = 'x-sync-protocol'

const json = z.record(z.string(), z.unknown())
const recordId = z.string().min(1).max(200)
const version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

export const insertChangeSchema = z.strictObject({
  mutationId: uuid,
  kind: z.enum(SYNC_KINDS),
  id: recordId,
  op: z.literal('insert'),
  doc: json,
})
export const patchChangeSchema = z.strictObject({
  mutationId: uuid,
  kind: z.enum(SYNC_KINDS),
  id: recordId,
  op: z.literal('patch'),
  /** The new values of the changed fields. */
  fields: json,
  /** The values those fields had in the version the edit started from (every key of `fields`). */
  base: json,
  /** The server version the edit started from (informational: the server merges by `base`). */
  baseVersion: version.nullable().optional(),
})
export const deleteChangeSchema = z.strictObject({
  mutationId: uuid,
  kind: z.enum(SYNC_KINDS),
  id: recordId,
  op: z.literal('delete'),
  /** The server version the agent saw: a record changed since then is not deleted (`changed-since-base`); null skips the check. */
  baseVersion: version.nullable(),
})
export const commandChangeSchema = z.strictObject({
  mutationId: uuid,
  kind: z.literal('review'),
  id: uuid,
  op: z.literal('command'),
  command: z.enum(REVIEW_COMMANDS),
  args: json.default({}),
})
export const pushChangeSchema = z.discriminatedUnion('op', [insertChangeSchema, patchChangeSchema, deleteChangeSchema, commandChangeSchema])
export type PushChange = z.output<typeof pushChangeSchema>

export const pushRequestSchema = z.strictObject({
  /** The client installation (for logs and diagnostics). */
  clientId: z.string().min(1).max(100),
  changes: z.array(pushChangeSchema).min(1),
})
export type PushRequest = z.output<typeof pushRequestSchema>

/** The `error` codes of error responses (`{ error, message, details?, serverTime }`); the client maps each to an i18n key. */
export const ERROR_CODES = [
  'invalid-request',
  'unsupported-media-type',
  'push-too-large',
  'request-too-large',
  'client-outdated',
  'server-outdated',
  'auth-required',
  'invalid-token',
  'token-expired',
  'invalid-credentials',
  'account-disabled',
  'invalid-refresh-token',
  'refresh-token-expired',
  'refresh-token-reused',
  'refresh-token-revoked',
  'invalid-id-token',
  'oidc-not-configured',
  'oidc-unavailable',
  'forbidden',
  'not-found',
  'username-taken',
  'last-admin',
  'unavailable',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Why a change was refused (`status: 'rejected'`); the client maps each to an i18n key. */
export const REJECT_REASONS = [
  'forbidden',
  'not-found',
  'deleted',
  'id-taken',
  'case-number-taken',
  'append-only',
  'invalid-doc',
  'time-in-future',
  'changed-since-base',
  'review-owned-by-other',
  'review-not-owned',
  'review-closed',
  'review-command-required',
  'unknown-user',
  'mutation-id-taken',
] as const
export type RejectReason = (typeof REJECT_REASONS)[number]

export interface FieldConflictResult {
  field: string
  kept: unknown
  lost: unknown
}

export type PushResult =
  | { mutationId: string; status: 'applied'; version: number }
  | { mutationId: string; status: 'conflict'; version: number; conflicts: FieldConflictResult[] }
  | { mutationId: string; status: 'rejected'; reason: RejectReason; details?: Record<string, unknown> }

export interface PushResponse {
  results: PushResult[]
  serverTime: number
}

export interface PulledChange {
  kind: SyncKind
  id: string
  version: number
  deleted: boolean
  /** null for a tombstone. */
  doc: Record<string, unknown> | null
}

export interface PullResponse {
  changes: PulledChange[]
  /** Pass back as `since` (`<version>:<id>`). */
  checkpoint: string
  hasMore: boolean
  /** Changes left after this page (0 when `hasMore` is false). */
  remaining: number
  serverTime: number
}

/** A checkpoint `<version>:<id>`; `0:` (or `0`) is the start. */
export function parseCheckpoint(s: string): { version: number; id: string } | null {
  const m = /^(\d{1,16})(?::([\s\S]{0,200}))?$/.exec(s)
  if (!m) return null
  const v = Number(m[1])
  return Number.isSafeInteger(v) ? { version: v, id: m[2] ?? '' } : null
}
export const formatCheckpoint = (version: number, id: string): string => `${version}:${id}`
