/**
 * The checks of one pushed change (docs/team-sync.md, "Push"), shared by the server (which refuses a
 * push with any malformed change, nothing written) and the client (which checks what it is about to push,
 * so a change the server would refuse is set aside before it leaves): the id for its kind, an insert's
 * document after the server's stamps against its kind's schema, a patch's fields against their fields'
 * schemas (every patched field with its base value), a command's arguments. Pure.
 */
import { z } from 'zod'
import type { PushChange } from './protocol'
import {
  LOCAL_FIELDS,
  SERVER_FIELDS,
  SYNC_DOC_SCHEMAS,
  idSchemaFor,
  reviewCommandArgsSchemas,
  type ReviewCommand,
  type SyncKind,
} from './records'

export type Doc = Record<string, unknown>

export type PreparedChange =
  | { op: 'insert'; mutationId: string; kind: SyncKind; id: string; doc: Doc }
  | { op: 'patch'; mutationId: string; kind: SyncKind; id: string; fields: Doc; base: Doc }
  | { op: 'delete'; mutationId: string; kind: SyncKind; id: string; baseVersion: number | null }
  | { op: 'command'; mutationId: string; kind: 'review'; id: string; command: ReviewCommand; args: Doc }

/** Who writes and when: the server's stamps (the client checks with its own user id and clock). */
export interface Stamp {
  userId: string
  now: number
}

export interface Issue {
  path: (string | number)[]
  message: string
}

export const zIssues = (error: z.ZodError, prefix: (string | number)[]): Issue[] =>
  error.issues.map((i) => ({ path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message }))

/** A copy without the local meta fields and with the server's stamps for an insert of `kind`. */
export function stampInsert(kind: SyncKind, id: string, doc: Doc, s: Stamp): Doc {
  const out: Doc = {}
  for (const [k, v] of Object.entries(doc)) if (!LOCAL_FIELDS.includes(k)) out[k] = v
  out.id = id
  out.updatedAt = s.now
  out.updatedBy = s.userId
  if (kind === 'case' || kind === 'attempt' || kind === 'reply' || kind === 'event' || kind === 'review') out.agent = s.userId
  if (kind === 'review') out.owner = s.userId
  return out
}

/** The fields of a patch the client may set (server and local fields dropped). */
export function clientFields(kind: SyncKind, fields: Doc): Doc {
  const out: Doc = {}
  for (const [k, v] of Object.entries(fields)) if (!SERVER_FIELDS[kind].includes(k) && !LOCAL_FIELDS.includes(k)) out[k] = v
  return out
}

function fieldSchema(kind: SyncKind, field: string): z.ZodType | null {
  if (kind === 'setting') return field === 'value' ? z.unknown() : null
  const schema = SYNC_DOC_SCHEMAS[kind] as z.ZodObject
  return (schema.shape as Record<string, z.ZodType>)[field] ?? null
}

/** Checks one change (at `at` in the push) and prepares it as the server decides it; problems go to `issues`. */
export function prepareChange(c: PushChange, s: Stamp, at: (string | number)[], issues: Issue[]): PreparedChange {
  const idOk = idSchemaFor(c.kind).safeParse(c.id)
  if (!idOk.success) issues.push(...zIssues(idOk.error, [...at, 'id']))
  switch (c.op) {
    case 'insert': {
      const doc = stampInsert(c.kind, c.id, c.doc, s)
      const parsed = SYNC_DOC_SCHEMAS[c.kind].safeParse(doc)
      if (!parsed.success) issues.push(...zIssues(parsed.error, [...at, 'doc']))
      return { op: 'insert', mutationId: c.mutationId, kind: c.kind, id: c.id, doc }
    }
    case 'patch': {
      const fields = clientFields(c.kind, c.fields)
      const base = clientFields(c.kind, c.base)
      for (const [f, v] of Object.entries(fields)) {
        const schema = fieldSchema(c.kind, f)
        if (schema === null) {
          issues.push({ path: [...at, 'fields', f], message: `is not a field of a ${c.kind}` })
          continue
        }
        const ok = schema.safeParse(v)
        if (!ok.success) issues.push(...zIssues(ok.error, [...at, 'fields', f]))
        if (!Object.prototype.hasOwnProperty.call(base, f))
          issues.push({ path: [...at, 'base', f], message: 'is missing (every patched field needs its base value)' })
      }
      for (const f of Object.keys(base)) if (!(f in fields)) issues.push({ path: [...at, 'base', f], message: 'is not a patched field' })
      return { op: 'patch', mutationId: c.mutationId, kind: c.kind, id: c.id, fields, base }
    }
    case 'delete':
      return { op: 'delete', mutationId: c.mutationId, kind: c.kind, id: c.id, baseVersion: c.baseVersion }
    case 'command': {
      const parsed = reviewCommandArgsSchemas[c.command].safeParse(c.args)
      if (!parsed.success) issues.push(...zIssues(parsed.error, [...at, 'args']))
      return { op: 'command', mutationId: c.mutationId, kind: 'review', id: c.id, command: c.command, args: c.args }
    }
  }
}
