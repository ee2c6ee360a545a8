import Dexie, { type EntityTable, type Table } from 'dexie'
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
