import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie'
import { v7 as uuidv7 } from 'uuid'
import { syncOutboxMiddleware, type StoredOutboxEntry, type SyncNotice } from './syncOutbox'
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
import { installSecretGuard } from './secretGuard'

export const DB_NAME = 'verification-console'

/**
 * Every schema version the console has shipped. Never edit an old version: add a new one with an
 * upgrade function, and extend the migration test (src/data/migrations.test.ts).
 */
export const SCHEMA_V1 = {
  cases:
    '++id, &caseNumber, uid, phoneE164, phoneRev, emailLower, status, symptom, *channels, agent, resolvedBy, createdAt, updatedAt, deletedAt',
  attempts: '++id, caseId, [caseId+methodId], methodId, status, at',
  replies: '++id, caseId, templateId, sentAt',
  reviews: '++id, caseId, state, submittedAt, closedAt',
  templates: '&id, shortcut, updatedAt',
  templateVersions: '++id, templateId, &[templateId+version]',
  settings: '&key',
  events: '++id, caseId, [entity+entityId], at',
} as const

/**
 * Version 2 (no table added or removed; primary keys unchanged):
 * - events gain the compound index `[caseId+at]`. The case page's timeline reads a case's history newest
 *   first straight from this index (a key range plus `reverse()`, no in-memory sort), and a permanent
 *   purge deletes a case's events through the same range.
 * - upgrade (`upgradeToV2`):
 *   1. events whose `caseId` is missing/null but that belong to a case get it back (case events from their
 *      `entityId`; attempt, reply and review events from the record they point at), so every change to a
 *      case shows in its timeline. Purge tombstones stay detached on purpose.
 *   2. cases whose `deletedAt` is present but not a time (null, 0, a string…) lose the field: "absent" is the
 *      only meaning of "not in the trash" (the `deletedAt` index then holds only trashed cases, and the
 *      code's `deletedAt === undefined` checks agree with the index).
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  events: '++id, caseId, [entity+entityId], at, [caseId+at]',
} as const

/**
 * Version 3 (team sync, docs/team-sync.md "The seam between src/data and src/sync"): local numeric primary
 * keys and routes stay; every record of a synced kind with a client-made wire id gets one:
 * - cases, attempts, replies, reviews, events gain `syncId` (a lower-case UUIDv7, unique index: the
 *   record's `id` on the wire) and the local meta fields `rev` (+1 on every local write: the base version
 *   of an editor) and `serverVersion` (the server version the record last matched; null: never synced).
 *   Templates and settings are keyed by their wire id already (template name, setting key).
 * - new local-only tables (never in a backup): `outbox` (queued changes, in order), `syncState` (the pull
 *   checkpoint), `syncNotices` (conflicts and refusals shown on a case), `syncReserved` (local ids handed
 *   to records referenced before they were pulled).
 * - upgrade (`upgradeToV3`): every existing row gets a syncId, rev 1 and serverVersion null.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  cases: `${SCHEMA_V2.cases}, &syncId`,
  attempts: `${SCHEMA_V2.attempts}, &syncId`,
  replies: `${SCHEMA_V2.replies}, &syncId`,
  reviews: `${SCHEMA_V2.reviews}, &syncId`,
  events: `${SCHEMA_V2.events}, &syncId`,
  outbox: '++seq, &mutationId, [kind+id]',
  syncState: '&key',
  syncNotices: '++id, caseId, at',
  syncReserved: '&syncId',
} as const

/** Every shipped schema, by version. Backups of any of these versions can be restored (they are upgraded). */
export const SCHEMAS: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  1: SCHEMA_V1,
  2: SCHEMA_V2,
  3: SCHEMA_V3,
}

/** The version this build opens the database at. */
export const SCHEMA_VERSION = 3

/** The data tables: what a backup holds and a restore replaces. */
export const TABLE_NAMES = ['cases', 'attempts', 'replies', 'reviews', 'templates', 'templateVersions', 'settings', 'events'] as const
export type TableName = (typeof TABLE_NAMES)[number]

/** Local-only sync bookkeeping (v3): never backed up, never restored. */
export const SYNC_TABLE_NAMES = ['outbox', 'syncState', 'syncNotices', 'syncReserved'] as const

/** Tables whose rows carry a `syncId` (their wire id). */
export const SYNC_ID_TABLES = ['cases', 'attempts', 'replies', 'reviews', 'events'] as const
export type SyncIdTable = (typeof SYNC_ID_TABLES)[number]

/** The tables a backup of `version` holds (its data tables: the sync bookkeeping is left out). */
export function backupTables(version: number): string[] {
  const schema = SCHEMAS[version]
  return schema ? Object.keys(schema).filter((t) => !(SYNC_TABLE_NAMES as readonly string[]).includes(t)) : []
}

/** A table's primary key as Dexie reports it (`++id`, `id`, `key`): the first part of its schema, without `&`. */
export function primaryKeySpec(schema: string): string {
  return (schema.split(',')[0] ?? '').trim().replace(/^&/, '')
}

const CHILD_TABLES = { attempt: 'attempts', reply: 'replies', review: 'reviews' } as const

/** v1 → v2 data upgrade; runs inside Dexie's version-change transaction (see SCHEMA_V2). */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const events = tx.table('events')
  // null is not an IndexedDB key, so these rows are not in the caseId index: one cursor pass finds them
  const orphans = (await events
    .filter((e: { caseId?: unknown; action?: unknown }) => (e.caseId === null || e.caseId === undefined) && e.action !== 'purged')
    .toArray()) as { id: number; entity: string; entityId: string }[]
  if (orphans.length > 0) {
    const owner = new Map<string, number>()
    for (const [entity, table] of Object.entries(CHILD_TABLES)) {
      const ids = [...new Set(orphans.filter((e) => e.entity === entity).map((e) => Number(e.entityId)))].filter(Number.isInteger)
      if (ids.length === 0) continue
      const rows = (await tx.table(table).bulkGet(ids)) as ({ caseId?: unknown } | undefined)[]
      rows.forEach((r, i) => {
        if (r && typeof r.caseId === 'number') owner.set(`${entity}:${ids[i]}`, r.caseId)
      })
    }
    for (const e of orphans) {
      const n = Number(e.entityId)
      const caseId = e.entity === 'case' ? (Number.isInteger(n) && n > 0 ? n : undefined) : owner.get(`${e.entity}:${n}`)
      if (caseId !== undefined) await events.update(e.id, { caseId })
    }
  }
  await tx
    .table('cases')
    .filter((c: { deletedAt?: unknown }) => 'deletedAt' in c && !(typeof c.deletedAt === 'number' && c.deletedAt > 0))
    .modify((c: { deletedAt?: unknown }) => {
      delete c.deletedAt
    })
}

/** v2 → v3 data upgrade: a syncId (UUIDv7), rev 1 and serverVersion null on every row of the synced tables. */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  for (const table of SYNC_ID_TABLES) {
    await tx
      .table(table)
      .toCollection()
      .modify((r: { syncId?: unknown; rev?: unknown; serverVersion?: unknown }) => {
        if (typeof r.syncId !== 'string') r.syncId = uuidv7()
        if (typeof r.rev !== 'number') r.rev = 1
        if (r.serverVersion === undefined) r.serverVersion = null
      })
  }
}

export class ConsoleDb extends Dexie {
  cases!: EntityTable<CaseRecord, 'id'>
  attempts!: EntityTable<AttemptRecord, 'id'>
  replies!: EntityTable<ReplyRecord, 'id'>
  reviews!: EntityTable<ReviewRecord, 'id'>
  templates!: Table<TemplateRecord, string>
  templateVersions!: EntityTable<TemplateVersionRecord, 'id'>
  settings!: Table<SettingRecord, string>
  events!: EntityTable<EventRecord, 'id'>
  outbox!: Table<StoredOutboxEntry, number>
  syncState!: Table<{ key: string; value: unknown }, string>
  syncNotices!: Table<SyncNotice, number>
  syncReserved!: Table<{ syncId: string; table: SyncIdTable; localId: number }, string>
  /** Team mode: local writes queue outbox entries (src/data/syncOutbox.ts). Off (solo) by default. */
  syncQueueing = false

  /**
   * `secretGuard: false` only for restore's throw-away staging database, whose rows are checked (and their
   * secrets refused or removed) before anything reaches the real one (backup.ts).
   */
  constructor(
    name = DB_NAME,
    { secretGuard = true, ...options }: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; secretGuard?: boolean } = {},
  ) {
    // strict durability: a write is reported done only once it is on disk
    super(name, { chromeTransactionDurability: 'strict', ...options })
    this.version(1).stores(SCHEMA_V1)
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2)
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3)
    this.use(syncOutboxMiddleware(this))
    // no verification code, authenticator key or ID number is ever stored, whoever writes (secretGuard.ts)
    if (secretGuard) installSecretGuard(this)
  }
}

let instance: ConsoleDb | null = null

/** The app's database (one per renderer). Tests create their own ConsoleDb instances. */
export function getDb(): ConsoleDb {
  instance ??= new ConsoleDb()
  return instance
}

/** Asks the browser to keep our data under storage pressure. Returns whether it is persisted. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false
    if (await navigator.storage.persisted()) return true
    return await navigator.storage.persist()
  } catch {
    return false
  }
}
