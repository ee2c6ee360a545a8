/**
 * Team sync, the local half of "every local change and its outbox entry in one Dexie transaction"
 * (docs/team-sync.md, "Client" and "The seam between src/data and src/sync").
 *
 * A Dexie DBCore middleware sits under every write of the synced tables, so no write path can forget it:
 * - always (solo too): a new row of cases, attempts, replies, reviews or events gets its `syncId` (UUIDv7,
 *   its wire id), `rev` 1 and `serverVersion` null; every later local write bumps `rev` (the base version
 *   an editor started from, see `updateCaseFacts`).
 * - team mode (`db.syncQueueing`): every read-write transaction over a synced table is widened to the
 *   synced tables and the outbox, and each write queues its entry in that same transaction: an insert
 *   with the wire document, a patch with the changed fields and their stored values as `base`, a delete
 *   (tombstone) with the server version the record last matched. Local numeric references (`caseId`,
 *   `reviewId`, an event's `entityId`) are translated to syncIds through primary keys, never scans.
 *   Attempts, replies and events are append-only: deleting them (a local purge) queues nothing; the case
 *   tombstone covers them. Closing a review queues the `close` command (the server writes its audit event,
 *   so the local "closed" event of that review is not queued). Only team settings keys are queued.
 * - writes made by the replica itself (applying pulled records, undoing a refusal) are marked with
 *   `withoutQueueing` and pass through untouched.
 */
import Dexie, {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
} from 'dexie'
import { v7 as uuidv7 } from 'uuid'
import type { OutboxEntry, SyncKind } from '@/sync/types'
import { changedFields } from '@/domain/sync/merge'
import { REVIEW_COMMAND_FIELDS, SERVER_FIELDS, TEAM_SETTING_KEYS } from '@/domain/sync/fields'

/** An outbox entry as stored (seq is the table's auto-increment key). */
export type StoredOutboxEntry = OutboxEntry extends infer E ? (E extends OutboxEntry ? Omit<E, 'seq'> & { seq?: number } : never) : never

/**
 * A notice shown on a case: a field conflict, a refused change, a renumbered case, a pulled record whose
 * secrets were removed (`details.fields`: i18n labels of the fields, `details.count`: how many).
 */
export interface SyncNotice {
  id?: number
  /** The local case it concerns (null: not about a case, e.g. a template). */
  caseId: number | null
  kind: SyncKind
  /** The record's wire id. */
  recordId: string
  type: 'conflict' | 'rejected' | 'renumbered' | 'redacted'
  /** For 'rejected': the server's reason; for 'renumbered': 'case-number-taken'. */
  reason: string | null
  conflicts: { field: string; kept: unknown; lost: unknown }[]
  details: Record<string, unknown> | null
  at: number
}

export const KIND_OF_TABLE: Readonly<Record<string, SyncKind>> = {
  cases: 'case',
  attempts: 'attempt',
  replies: 'reply',
  reviews: 'review',
  events: 'event',
  templates: 'template',
  settings: 'setting',
}
export const TABLE_OF_KIND: Readonly<Record<SyncKind, string>> = {
  case: 'cases',
  attempt: 'attempts',
  reply: 'replies',
  review: 'reviews',
  event: 'events',
  template: 'templates',
  setting: 'settings',
}
/** Kinds whose rows carry a `syncId` (the others are keyed by their wire id). */
export const SYNC_ID_KINDS: readonly SyncKind[] = ['case', 'attempt', 'reply', 'review', 'event']
const APPEND_ONLY: readonly SyncKind[] = ['attempt', 'reply', 'event']
/** Event entities whose `entityId` is a local record id (translated to a syncId on the wire). */
export const ENTITY_TABLE: Readonly<Record<string, string>> = { case: 'cases', attempt: 'attempts', reply: 'replies', review: 'reviews' }
/** Local-only fields: never on the wire (`attemptSummary`: a case's derived checklist summary, src/domain/export/attemptSummary.ts). */
export const LOCAL_ONLY_FIELDS = ['id', 'syncId', 'rev', 'serverVersion', 'attemptSummary'] as const
/** Review actions the server records itself for a command (the local event is not pushed). */
const COMMAND_EVENT_ACTIONS = ['closed', 'claimed', 'released', 'handed-over']

type Row = Record<string, unknown>

/** Transactions whose writes must not be queued (the replica's own). */
const unqueued = new WeakSet<object>()
/** Marks a transaction (Dexie's `tx.idbtrans`) so its writes pass the middleware untouched. */
export function withoutQueueing(idbtrans: object): void {
  unqueued.add(idbtrans)
}
export function resumeQueueing(idbtrans: object): void {
  unqueued.delete(idbtrans)
}

/** Reads rows of another table inside the same transaction. */
export type RowReader = (table: string, key: number) => Promise<Row | undefined>

const syncIdOf = async (read: RowReader, table: string, key: unknown): Promise<string | null> => {
  if (typeof key !== 'number') return null
  const row = await read(table, key)
  return typeof row?.syncId === 'string' ? row.syncId : null
}

/**
 * The wire document of a local row (docs/team-sync.md, "Records"): syncId as `id`, references as syncIds,
 * every field present (`deletedAt` null), local-only and server-stamped fields left out (the server stamps
 * `agent`, `owner`, `updatedAt`, `updatedBy`).
 */
export async function toWireDoc(kind: SyncKind, row: Row, read: RowReader): Promise<Row> {
  if (kind === 'setting') return { id: row.key, value: row.value ?? null }
  const doc: Row = {}
  for (const [k, v] of Object.entries(row)) {
    if ((LOCAL_ONLY_FIELDS as readonly string[]).includes(k)) continue
    if (SERVER_FIELDS[kind].includes(k)) continue
    doc[k] = v
  }
  doc.id = kind === 'template' ? row.id : row.syncId
  if (kind === 'case') doc.deletedAt = typeof row.deletedAt === 'number' ? row.deletedAt : null
  if (kind === 'attempt' || kind === 'reply' || kind === 'review') doc.caseId = await syncIdOf(read, 'cases', row.caseId)
  if (kind === 'reply')
    doc.reviewId = row.reviewId === null || row.reviewId === undefined ? null : await syncIdOf(read, 'reviews', row.reviewId)
  if (kind === 'event') {
    doc.caseId = row.caseId === null || row.caseId === undefined ? null : await syncIdOf(read, 'cases', row.caseId)
    const table = ENTITY_TABLE[String(row.entity)]
    const local = Number(row.entityId)
    if (table && /^\d+$/.test(String(row.entityId))) doc.entityId = (await syncIdOf(read, table, local)) ?? String(row.entityId)
  }
  return doc
}

/** The queued change for a write of one row (`before` undefined: insert; `after` undefined: delete), or none. */
export async function outboxEntriesFor(
  kind: SyncKind,
  before: Row | undefined,
  after: Row | undefined,
  read: RowReader,
  now: number,
): Promise<StoredOutboxEntry[]> {
  const row = after ?? before
  if (!row) return []
  if (kind === 'setting' && !(TEAM_SETTING_KEYS as readonly string[]).includes(String(row.key))) return []
  const id = kind === 'setting' ? String(row.key) : kind === 'template' ? String(row.id) : String(row.syncId ?? '')
  if (!id) return []
  const base = { mutationId: uuidv7(), kind, id, createdAt: now }
  if (!after) {
    if (APPEND_ONLY.includes(kind)) return []
    return [{ ...base, op: 'delete', baseVersion: typeof before?.serverVersion === 'number' ? before.serverVersion : null }]
  }
  if (!before) return [{ ...base, op: 'insert', doc: await toWireDoc(kind, after, read) }]
  if (APPEND_ONLY.includes(kind)) return []
  const [from, to] = await Promise.all([toWireDoc(kind, before, read), toWireDoc(kind, after, read)])
  const fields = changedFields(from, to).filter((f) => f !== 'id' && !SERVER_FIELDS[kind].includes(f))
  const out: StoredOutboxEntry[] = []
  let patched = fields
  if (kind === 'review') {
    patched = fields.filter((f) => !REVIEW_COMMAND_FIELDS.includes(f))
    if (from.state === 'open' && to.state === 'closed' && to.outcome) {
      out.push({ ...base, op: 'command', command: 'close', args: { outcome: to.outcome } })
    }
  }
  if (patched.length > 0) {
    out.unshift({
      ...base,
      mutationId: out.length > 0 ? uuidv7() : base.mutationId,
      op: 'patch',
      fields: Object.fromEntries(patched.map((f) => [f, to[f] ?? null])),
      base: Object.fromEntries(patched.map((f) => [f, from[f] ?? null])),
      baseVersion: typeof before.serverVersion === 'number' ? before.serverVersion : null,
    })
  }
  return out
}

/** Whether a stored event is the local record of a review command (the server writes its own). */
const isCommandEvent = (row: Row): boolean => row.entity === 'review' && COMMAND_EVENT_ACTIONS.includes(String(row.action))

interface QueueingDb {
  syncQueueing: boolean
}

const SYNCED_TABLES = Object.keys(KIND_OF_TABLE)

/**
 * Runs work later in Dexie's zone of this moment (the write's transaction). The outbox write comes after
 * several awaits, and Dexie's zone does not survive many of them (the 25 templates seeded at once in team
 * mode lost it, and the hooks middleware beneath failed with "reading 'table'"): a Dexie promise made
 * now runs its callback in this zone. `close` must be called on every path (it runs nothing if `run` was not).
 */
function zoneOfNow(): { run<T>(work: () => Promise<T>): Promise<T>; close(): void } {
  let open!: () => void
  let work: (() => Promise<unknown>) | null = null
  const gate = new Dexie.Promise<void>((resolve) => (open = resolve))
  const done = gate.then(() => work?.())
  return {
    run<T>(w: () => Promise<T>): Promise<T> {
      work = w
      open()
      return done as Promise<T>
    },
    close: () => open(),
  }
}

/** The middleware (see the module comment). `clock` stamps outbox entries' `createdAt`. */
export function syncOutboxMiddleware(db: QueueingDb, clock: () => number = Date.now): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'syncOutbox',
    create(down) {
      const inScope = (trans: DBCoreTransaction, table: string): boolean => {
        const names = (trans as unknown as IDBTransaction).objectStoreNames
        return !names || names.contains(table)
      }
      const reader =
        (trans: DBCoreTransaction): RowReader =>
        async (table, key) =>
          inScope(trans, table) ? ((await down.table(table).get({ trans, key })) as Row | undefined) : undefined

      const wrap = (table: DBCoreTable, kind: SyncKind): DBCoreTable => {
        const keyPath = table.schema.primaryKey.keyPath as string
        const hasSyncId = SYNC_ID_KINDS.includes(kind)
        const mutate = async (req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> => {
          // an upgrade fills the meta fields itself; the replica's own writes are not local changes
          if (unqueued.has(req.trans) || (req.trans as unknown as IDBTransaction).mode === 'versionchange') return table.mutate(req)
          const queue = db.syncQueueing && inScope(req.trans, 'outbox')
          if (!queue) return writeRows(req, null)
          const zone = zoneOfNow()
          try {
            return await writeRows(req, (entries) =>
              zone.run(() => down.table('outbox').mutate({ trans: req.trans, type: 'add', values: entries })),
            )
          } finally {
            zone.close()
          }
        }
        /** `writeOutbox`: null in solo mode (or a transaction without the outbox): nothing is queued. */
        const writeRows = async (
          req: DBCoreMutateRequest,
          writeOutbox: ((entries: StoredOutboxEntry[]) => Promise<unknown>) | null,
        ): Promise<DBCoreMutateResponse> => {
          const queue = writeOutbox !== null
          if (req.type === 'add' || req.type === 'put') {
            const keys = req.values.map((v: Row, i) => req.keys?.[i] ?? v[keyPath])
            const existing: (Row | undefined)[] =
              req.type === 'put' && queue
                ? await table.getMany({ trans: req.trans, keys: keys.map((k) => (k === undefined ? -1 : k)) })
                : keys.map(() => undefined)
            for (const [i, v] of (req.values as Row[]).entries()) {
              if (!hasSyncId) continue
              const prev = existing[i]
              if (typeof v.syncId !== 'string') v.syncId = typeof prev?.syncId === 'string' ? prev.syncId : uuidv7()
              if (req.type === 'add' || keys[i] === undefined) v.rev = typeof v.rev === 'number' ? v.rev : 1
              else v.rev = Math.max(typeof v.rev === 'number' ? v.rev : 0, typeof prev?.rev === 'number' ? prev.rev : 0) + 1
              if (v.serverVersion === undefined) v.serverVersion = prev?.serverVersion ?? null
            }
            const res = await table.mutate(req)
            if (!queue) return res
            const read = reader(req.trans)
            const entries: StoredOutboxEntry[] = []
            for (const [i, v] of (req.values as Row[]).entries()) {
              if (res.failures[i]) continue
              const key = res.results?.[i] ?? keys[i]
              const after = { ...v, [keyPath]: key }
              if (kind === 'event' && isCommandEvent(after)) continue
              entries.push(...(await outboxEntriesFor(kind, existing[i], after, read, clock())))
            }
            if (entries.length > 0) await writeOutbox!(entries)
            return res
          }
          if (req.type === 'delete' && queue) {
            const before: (Row | undefined)[] = await table.getMany({ trans: req.trans, keys: req.keys })
            const res = await table.mutate(req)
            const read = reader(req.trans)
            const entries: StoredOutboxEntry[] = []
            for (const b of before) if (b) entries.push(...(await outboxEntriesFor(kind, b, undefined, read, clock())))
            if (entries.length > 0) await writeOutbox!(entries)
            return res
          }
          // deleteRange (a table cleared by a restore) queues nothing
          return table.mutate(req)
        }
        return { ...table, mutate }
      }

      return {
        ...down,
        transaction(stores, mode, options) {
          if (mode === 'readwrite' && db.syncQueueing && stores.some((s) => s in KIND_OF_TABLE) && !stores.includes('outbox')) {
            return down.transaction([...new Set([...stores, ...SYNCED_TABLES, 'outbox'])], mode, options)
          }
          return down.transaction(stores, mode, options)
        },
        table(name) {
          const table = down.table(name)
          const kind = KIND_OF_TABLE[name]
          return kind ? wrap(table, kind) : table
        },
      }
    },
  }
}
