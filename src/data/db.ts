import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie'
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

/** Every shipped schema, by version. Backups of any of these versions can be restored (they are upgraded). */
export const SCHEMAS: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  1: SCHEMA_V1,
  2: SCHEMA_V2,
}

/** The version this build opens the database at. */
export const SCHEMA_VERSION = 2

export const TABLE_NAMES = ['cases', 'attempts', 'replies', 'reviews', 'templates', 'templateVersions', 'settings', 'events'] as const
export type TableName = (typeof TABLE_NAMES)[number]

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

export class ConsoleDb extends Dexie {
  cases!: EntityTable<CaseRecord, 'id'>
  attempts!: EntityTable<AttemptRecord, 'id'>
  replies!: EntityTable<ReplyRecord, 'id'>
  reviews!: EntityTable<ReviewRecord, 'id'>
  templates!: Table<TemplateRecord, string>
  templateVersions!: EntityTable<TemplateVersionRecord, 'id'>
  settings!: Table<SettingRecord, string>
  events!: EntityTable<EventRecord, 'id'>

  constructor(name = DB_NAME, options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    // strict durability: a write is reported done only once it is on disk
    super(name, { chromeTransactionDurability: 'strict', ...options })
    this.version(1).stores(SCHEMA_V1)
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2)
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
