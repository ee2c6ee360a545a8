import { z } from 'zod'
import type { IpcChannel } from '../../shared/contract'
import { CODE_PATTERN, LOG_LEVELS, LOG_LIMITS } from '../../shared/log'

/** Characters that hide or reorder what a file name shows: C0/C1 controls, DEL, bidi overrides and marks. */
const DECEPTIVE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

/** A bare file name: no folders, no control or bidi characters, not empty, sane length. */
const fileName = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !/[\\/:*?"<>|]/.test(s) && !DECEPTIVE.test(s) && s !== '.' && s !== '..', 'must be a plain file name')

const filters = z
  .array(
    z.object({
      name: z.string().min(1).max(100),
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,10}$/i))
        .min(1)
        .max(10),
    }),
  )
  .max(10)

/** One log entry from the renderer: a known level, a code, an error and a small flat context, all bounded. */
const logEntry = z.object({
  time: z.iso.datetime(),
  level: z.enum(LOG_LEVELS),
  code: z.string().max(LOG_LIMITS.code).regex(CODE_PATTERN),
  error: z
    .object({
      name: z.string().max(LOG_LIMITS.errorName),
      message: z.string().max(LOG_LIMITS.message),
      stack: z.string().max(LOG_LIMITS.stack).optional(),
    })
    .optional(),
  context: z
    .record(z.string().max(LOG_LIMITS.contextKey), z.union([z.string().max(LOG_LIMITS.contextValue), z.number(), z.boolean(), z.null()]))
    .refine((c) => Object.keys(c).length <= LOG_LIMITS.contextKeys, 'too many context fields')
    .optional(),
})

/**
 * Largest file the renderer may hand over: bytes for binary payloads, characters for text. Exports and
 * backups of a support console are far smaller; anything bigger is a bug or an attack on main's memory.
 */
export const MAX_PAYLOAD = 256 * 1024 * 1024

/** A count the tray shows: counts only ever reach main, never who they are about. */
const count = z.number().int().min(0).max(1_000_000)

/** The team sign-in the renderer asks main to keep: bounded, strict (docs/team-sync.md, token pair). */
export const teamSessionSchema = z.strictObject({
  refreshToken: z.string().min(1).max(4096),
  refreshTokenExpiresAt: z.number().int().min(0).max(8.64e15),
  user: z.strictObject({
    id: z.string().min(1).max(200),
    username: z.string().min(1).max(200),
    displayName: z.string().max(200),
    role: z.enum(['agent', 'lead', 'admin']),
  }),
})

/** Argument tuple schema per channel; `maxPayload` is a parameter so tests can exercise the limit cheaply. */
export function buildArgSchemas(maxPayload: number = MAX_PAYLOAD) {
  const payload = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('text'), text: z.string().max(maxPayload, 'file too large') }),
    z.object({
      kind: z.literal('bytes'),
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= maxPayload, 'file too large'),
    }),
  ])
  return {
    'app:info': z.tuple([]),
    'file:save': z.tuple([z.object({ defaultName: fileName, filters, payload })]),
    'pdf:save': z.tuple([z.object({ defaultName: fileName })]),
    // any other member (a date, from an older renderer) is dropped: main dates backups by its own clock
    'backup:auto': z.tuple([z.object({ json: z.string().min(2).max(maxPayload, 'backup too large') })]),
    'notify:show': z.tuple([z.object({ title: z.string().min(1).max(200), body: z.string().max(1000) })]),
    'app:badge': z.tuple([z.number().int().min(0).max(99999)]),
    'shell:open-external': z.tuple([z.object({ url: z.string().max(2048) })]),
    // the accelerator's grammar is checked by the handler, which answers "invalid" in words the agent reads
    'shortcut:set': z.tuple([z.object({ accelerator: z.string().max(100).nullable() })]),
    'tray:status': z.tuple([z.object({ openReviews: count, atRisk: count, overdue: count })]),
    'desktop:prefs': z.tuple([z.object({ locale: z.enum(['en', 'zh-CN']), closeToTray: z.boolean() })]),
    'clipboard:read': z.tuple([]),
    'log:write': z.tuple([logEntry]),
    'log:export': z.tuple([z.object({ defaultName: fileName })]),
    'team-session:load': z.tuple([]),
    'team-session:save': z.tuple([teamSessionSchema.nullable()]),
  } satisfies Record<IpcChannel, z.ZodType>
}

/** Argument tuple schema per channel: the handler only ever sees parsed values. */
export const argSchemas = buildArgSchemas()
