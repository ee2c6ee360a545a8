/**
 * Full backups and restore.
 *
 * A backup is dexie-export-import's JSON format (`formatName: "dexie"`, tables with schema and rowCount,
 * rows per table) with one extra top-level member, `console`, naming the app, its version, the schema
 * version and when and by whom the backup was made.
 *
 * Restore is in two phases, so nothing the agent has is touched until the whole file is known to be good:
 *
 * 1. `checkBackup(db, text)` — reads and checks the file completely, without touching the database:
 *    JSON syntax (a truncated file fails here), the envelope shape (zod), a known schema version no newer
 *    than this build's, the exact table list with the right primary keys, each table's row count against the
 *    declared count, and value annotations limited to a safe list. It then *stages* the rows in a temporary
 *    database: created at the file's own schema version and filled by dexie-export-import's `importInto`
 *    (which revives its typed values), then reopened as the current `ConsoleDb`, so an older backup goes
 *    through exactly the upgrade functions an older database would (db.ts). The upgraded rows are read back,
 *    the temporary database is deleted, and every row must pass the zod schema of its record type
 *    (src/domain/records.ts); checklist records, replies and reviews must belong to a case in the file.
 * 2. `restoreBackup(db, checked, ctx)` — replaces every table in ONE read-write IndexedDB transaction over all
 *    tables: clear each table, add the checked rows, append a "restored" audit event. Every step is an
 *    IndexedDB request of that one transaction (no other asynchronous work inside it, so it cannot
 *    auto-commit half way); if any request fails (quota, constraint, a crash, a closed tab), IndexedDB
 *    aborts the transaction and the clears are rolled back with it: all or nothing.
 *
 * dexie-export-import is loaded on first use (it is not needed to start the console).
 *
 * Why not `importInto(db, blob, { clearTablesBeforeImport: true })` on the real database: it clears the
 * tables outside its import transaction, and a Blob import reads the file in chunks between writes — a
 * failure half way would leave emptied tables. It is used only to fill the throw-away staging database.
 */
import Dexie from 'dexie'
import { z } from 'zod'
import { NOTES_MAX } from '@/domain/case/validation'
import { findSecrets, redactSecrets, removeSecrets } from '@/domain/guard/secrets'
import { STORED_TEXT_FIELDS, storedTextPattern, textLeaves, type StoredTextPath } from '@/domain/guard/storedText'
import type { Language } from '@/domain/model'
import { ATTEMPT_NOTE_MAX } from '@/domain/playbook/checklist'
import { MAX_BODY_CHARS } from '@/domain/replies/engine'
import { type Problem, ProblemError, type Result } from '@/domain/result'
import { RECORD_SCHEMAS } from '@/domain/records'
import { ConsoleDb, SCHEMA_VERSION, SCHEMAS, SYNC_TABLE_NAMES, TABLE_NAMES, backupTables, primaryKeySpec, type TableName } from './db'
import { guarded } from './errors'
import { appendEvent } from './events'
import { REVIEW_TEXT_MAX } from '@/domain/sla/validation'
import { withoutQueueing } from './syncOutbox'
import { isQuotaError, toStorageProblem } from '@/domain/storageError'

export const BACKUP_APP = 'verification-code-console'
/**
 * The most characters a backup can hold: the most text the desktop app writes to a file (MAX_PAYLOAD in
 * electron/main/ipc/schemas.ts, 256 Mi characters).
 */
export const MAX_BACKUP_CHARS = 256 * 1024 * 1024
/**
 * The largest file read as a backup: MAX_BACKUP_CHARS at 3 bytes a character (UTF-8 for Chinese text), so
 * no backup the console wrote is refused. Checked on the file's size before anything is read: a bigger file
 * is never read into memory.
 */
export const MAX_BACKUP_FILE_BYTES = 3 * MAX_BACKUP_CHARS

export interface BackupMeta {
  app: typeof BACKUP_APP
  appVersion: string
  schemaVersion: number
  /** When the backup was made, epoch ms. */
  createdAt: number
  agent: string
}

export type TableCounts = Record<TableName, number>

export interface BackupInfo {
  appVersion: string
  now: number
  agent: string
}

/** `console-backup-2026-11-24.json` for a local calendar date. The desktop keeps its daily files by this name. */
export function backupFileName(localDate: string): string {
  return `console-backup-${localDate}.json`
}

/** Rows per table, counted through the primary keys. */
export function tableCounts(db: ConsoleDb): Promise<TableCounts> {
  return guarded(async () => {
    const counts = await Promise.all(TABLE_NAMES.map((t) => db.table(t).count()))
    return Object.fromEntries(TABLE_NAMES.map((t, i) => [t, counts[i] ?? 0])) as TableCounts
  })
}

/**
 * A full backup as JSON text: one consistent snapshot (dexie-export-import reads every table in one
 * read-only transaction) with the `console` metadata in front.
 */
export async function createBackup(db: ConsoleDb, info: BackupInfo): Promise<string> {
  return guarded(async () => {
    const { exportDB } = await import('dexie-export-import')
    const blob = await exportDB(db, { prettyJson: false, skipTables: [...SYNC_TABLE_NAMES] })
    const body = await blob.text()
    const meta: BackupMeta = {
      app: BACKUP_APP,
      appVersion: info.appVersion,
      schemaVersion: db.verno,
      createdAt: info.now,
      agent: info.agent,
    }
    const open = body.indexOf('{')
    if (open < 0) throw new Error('export produced no JSON object')
    return `{"console":${JSON.stringify(meta)},${body.slice(open + 1)}`
  })
}

// ---------------------------------------------------------------------------------------------------------
// checking a file

/** Plain-words reasons a file is refused (i18n namespace `backup`). */
export type BackupProblemKey =
  | 'backup.problem.empty'
  | 'backup.problem.tooLarge'
  | 'backup.problem.tooManyChars'
  | 'backup.problem.notJson'
  | 'backup.problem.notBackup'
  | 'backup.problem.inconsistent'
  | 'backup.problem.newerVersion'
  | 'backup.problem.unknownVersion'
  | 'backup.problem.tables'
  | 'backup.problem.primaryKey'
  | 'backup.problem.countMismatch'
  | 'backup.problem.badRow'
  | 'backup.problem.invalidRecord'
  | 'backup.problem.duplicate'
  | 'backup.problem.orphan'
  | 'backup.problem.textTooLong'
  | 'backup.problem.secretInKey'
  | 'backup.problem.secretsNotRemoved'
  | 'backup.problem.unreadable'

const problem = (key: BackupProblemKey, params?: Record<string, string | number>): Problem => (params ? { key, params } : { key })

const refuse = (key: BackupProblemKey, params?: Record<string, string | number>): never => {
  throw new ProblemError(problem(key, params))
}

const metaSchema = z.object({
  app: z.literal(BACKUP_APP),
  appVersion: z.string().max(64),
  schemaVersion: z.number().int().positive(),
  createdAt: z.number().int().nonnegative().max(8_640_000_000_000),
  agent: z.string().max(200),
})

const envelopeSchema = z.object({
  console: metaSchema,
  formatName: z.literal('dexie'),
  formatVersion: z.literal(1),
  data: z.object({
    databaseName: z.string().min(1).max(200),
    databaseVersion: z.number().int().positive(),
    tables: z
      .array(z.object({ name: z.string().max(100), schema: z.string().max(2000), rowCount: z.number().int().nonnegative() }))
      .max(50),
    data: z.array(z.object({ tableName: z.string().max(100), inbound: z.boolean(), rows: z.array(z.unknown()) })).max(50),
  }),
})

/** dexie-export-import's value annotations that our records can carry; anything else is refused. */
const SAFE_TYPES = new Set(['undef', 'arrayNonindexKeys', 'sparseUndefined', 'nan', 'infinity', 'negativeInfinity', 'date'])
const UNSAFE_SEGMENT = /(^|\.)(__proto__|constructor|prototype)(\.|$)/

function safeAnnotations(row: Record<string, unknown>): boolean {
  if (!('$types' in row)) return true
  const types = row['$types']
  if (!types || typeof types !== 'object' || Array.isArray(types)) return false
  return Object.entries(types).every(([path, type]) => typeof type === 'string' && SAFE_TYPES.has(type) && annotationFits(row, path, type))
}

/** The annotated value exists along own properties and has the shape its reviver expects. */
function annotationFits(row: Record<string, unknown>, path: string, type: string): boolean {
  if (path === '' || path === '$' || UNSAFE_SEGMENT.test(path)) return false
  let at: unknown = row
  for (const raw of path.split('.')) {
    const seg = raw.replace(/~1/g, '.').replace(/~0/g, '~')
    if (at === null || typeof at !== 'object' || !Object.prototype.hasOwnProperty.call(at, seg) || seg === '$types') return false
    at = (at as Record<string, unknown>)[seg]
  }
  if (type === 'arrayNonindexKeys') return at !== null && typeof at === 'object'
  if (type === 'date') return typeof at === 'number' || at === 'NaN'
  return true
}

export type CheckedRows = { [K in TableName]: z.output<(typeof RECORD_SCHEMAS)[K]>[] }

export interface CheckedBackup {
  meta: BackupMeta
  /** The schema version the file was written with (older files were upgraded while checking). */
  sourceVersion: number
  counts: TableCounts
  rows: CheckedRows
  /**
   * Texts holding a verification code, authenticator key or ID number (which the console never stores):
   * where they are, and how many per field (`fieldKey`: the field's name as an i18n key). A restore takes
   * them out only with the agent's consent (`RestoreContext.removeSecrets`).
   */
  secrets: { at: SecretAt[]; count: number; fields: { fieldKey: string; count: number }[] }
}

/** One stored text holding secrets: the table, the row's index in `rows`, the path in the row. */
export interface SecretAt {
  table: TableName
  index: number
  path: string
}

export type BackupCheck = Result<CheckedBackup>

/**
 * How far a check or a restore has come, for a progress bar: the step, and records done of the records in
 * the file (`total` 0 while the file is read and parsed, when no count is known yet).
 */
export interface BackupProgress {
  step: 'reading' | 'staging' | 'checking' | 'restoring'
  done: number
  total: number
}
export type OnBackupProgress = (p: BackupProgress) => void
const noProgress: OnBackupProgress = () => {}

/** What the page needs of a checked backup to ask the agent: everything but the rows themselves. */
export interface BackupSummary {
  meta: BackupMeta
  sourceVersion: number
  counts: TableCounts
  secrets: { count: number; fields: { fieldKey: string; count: number }[] }
}

export function summarize(checked: CheckedBackup): BackupSummary {
  const { meta, sourceVersion, counts, secrets } = checked
  return { meta, sourceVersion, counts, secrets: { count: secrets.count, fields: secrets.fields } }
}

let staging = 0

/**
 * Reads and checks a backup completely (see the module comment). Never throws and never changes `db`: a
 * refusal comes back as a Problem in plain words.
 */
export async function checkBackup(db: ConsoleDb, text: string, onProgress: OnBackupProgress = noProgress): Promise<BackupCheck> {
  try {
    return { ok: true, value: await check(db, text, onProgress) }
  } catch (err) {
    if (err instanceof ProblemError) return { ok: false, error: err.problem }
    if (isQuotaError(err)) return { ok: false, error: toStorageProblem(err) }
    const detail = err instanceof Error ? err.message : String(err)
    return { ok: false, error: problem('backup.problem.unreadable', { detail: detail.slice(0, 200) }) }
  }
}

/** A chosen file: its size is known before it is read (a File or Blob). */
export interface BackupFile {
  readonly size: number
  text(): Promise<string>
}

/** The refusal of a file too large to be a backup (`mb`: the limit in megabytes), or null. Reads nothing. */
export function backupFileSizeProblem(bytes: number): Problem | null {
  return bytes > MAX_BACKUP_FILE_BYTES ? problem('backup.problem.tooLarge', { mb: Math.floor(MAX_BACKUP_FILE_BYTES / 1_000_000) }) : null
}

/**
 * checkBackup for a chosen file: a file larger than MAX_BACKUP_FILE_BYTES is refused by its size, before
 * any of it is read; then it is read and checked. Never throws.
 */
export async function checkBackupFile(db: ConsoleDb, file: BackupFile, onProgress: OnBackupProgress = noProgress): Promise<BackupCheck> {
  const tooLarge = backupFileSizeProblem(file.size)
  if (tooLarge) return { ok: false, error: tooLarge }
  onProgress({ step: 'reading', done: 0, total: 0 })
  let text: string
  try {
    text = await file.text()
  } catch (err) {
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
    return { ok: false, error: problem('backup.problem.unreadable', { detail: detail.slice(0, 200) }) }
  }
  return checkBackup(db, text, onProgress)
}

async function check(db: ConsoleDb, text: string, onProgress: OnBackupProgress): Promise<CheckedBackup> {
  if (typeof text !== 'string' || text.trim() === '') refuse('backup.problem.empty')
  if (text.length > MAX_BACKUP_CHARS) refuse('backup.problem.tooManyChars', { millions: Math.floor(MAX_BACKUP_CHARS / 1_000_000) })

  let raw: unknown
  try {
    // a key named __proto__ has no business in a backup; refusing it keeps the reviving step below safe
    raw = JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__') throw new ProblemError(problem('backup.problem.badRow', { table: '?', index: 0 }))
      return value
    })
  } catch (err) {
    if (err instanceof ProblemError) throw err
    // a backup is a JSON object from its first character: a file that does not even begin like one (an
    // export's CSV or XLSX, a text) is another file chosen by mistake, not a backup "cut short while copying"
    if (!/^\uFEFF?\s*\{/.test(text)) refuse('backup.problem.notBackup')
    refuse('backup.problem.notJson')
  }

  const parsed = envelopeSchema.safeParse(raw)
  if (!parsed.success) refuse('backup.problem.notBackup')
  const file = parsed.data!
  const version = file.data.databaseVersion
  if (file.console.schemaVersion !== version) refuse('backup.problem.inconsistent')
  if (version > SCHEMA_VERSION) refuse('backup.problem.newerVersion', { version, current: SCHEMA_VERSION })
  const schema = SCHEMAS[version]
  if (!schema) refuse('backup.problem.unknownVersion', { version })
  const expected = backupTables(version).sort()

  const declared = file.data.tables
  const names = declared.map((t) => t.name).sort()
  if (JSON.stringify(names) !== JSON.stringify(expected)) refuse('backup.problem.tables')
  const dataNames = file.data.data.map((d) => d.tableName).sort()
  if (JSON.stringify(dataNames) !== JSON.stringify(expected)) refuse('backup.problem.tables')

  for (const t of declared) {
    if (primaryKeySpec(t.schema) !== primaryKeySpec(schema![t.name]!)) refuse('backup.problem.primaryKey', { table: t.name })
    const d = file.data.data.find((x) => x.tableName === t.name)!
    if (!d.inbound) refuse('backup.problem.primaryKey', { table: t.name })
    if (d.rows.length !== t.rowCount) refuse('backup.problem.countMismatch', { table: t.name, declared: t.rowCount, found: d.rows.length })
    const keyPath = primaryKeySpec(t.schema).replace(/^\+\+/, '')
    d.rows.forEach((row, index) => {
      const ok =
        row !== null &&
        typeof row === 'object' &&
        !Array.isArray(row) &&
        ['number', 'string'].includes(typeof (row as Record<string, unknown>)[keyPath]) &&
        safeAnnotations(row as Record<string, unknown>)
      if (!ok) refuse('backup.problem.badRow', { table: t.name, index: index + 1 })
    })
  }

  const total = declared.reduce((n, t) => n + t.rowCount, 0)
  onProgress({ step: 'staging', done: 0, total })
  await removeLeftoverStaging(db)
  const staged = await stage(db, version, schema!, raw as object, (done) => onProgress({ step: 'staging', done, total }))
  return validate(file.console as BackupMeta, version, staged, declared, (done) => onProgress({ step: 'checking', done, total }))
}

/**
 * Fills a throw-away database at the file's schema version with dexie-export-import, reopens it as the
 * current ConsoleDb (running the same upgrades a real database would) and reads every table back.
 */
async function stage(
  db: ConsoleDb,
  version: number,
  schema: Readonly<Record<string, string>>,
  exported: object,
  onRows: (done: number) => void,
): Promise<Record<TableName, unknown[]>> {
  const { importInto } = await import('dexie-export-import')
  const name = `${db.name}-restore-${staging++}-${Math.random().toString(36).slice(2, 10)}`
  const opts = stagingOptions(db)
  try {
    const old = new Dexie(name, opts)
    old.version(version).stores(schema)
    try {
      // the file is already parsed: hand it over as a finished stream rather than re-reading the text
      const stream = {
        result: exported,
        done: () => true,
        eof: () => true,
        pullAsync: async () => exported,
        pullSync: () => exported,
      }
      await importInto(old, stream as Parameters<typeof importInto>[1], {
        acceptNameDiff: true,
        progressCallback: (p) => {
          onRows(p.completedRows)
          return true
        },
      })
    } catch (err) {
      if (isConstraint(err)) refuse('backup.problem.duplicate')
      throw err
    } finally {
      old.close()
    }
    const current = new ConsoleDb(name, { ...opts, secretGuard: false })
    try {
      await current.open()
      const out = {} as Record<TableName, unknown[]>
      await current.transaction('r', current.tables, async () => {
        for (const t of TABLE_NAMES) out[t] = await current.table(t).toArray()
      })
      return out
    } finally {
      current.close()
    }
  } finally {
    await Dexie.delete(name).catch(() => undefined)
  }
}

/** Staging databases left behind by a check that never finished (the app closed half way). */
async function removeLeftoverStaging(db: ConsoleDb): Promise<void> {
  try {
    const prefix = `${db.name}-restore-`
    const names = await Dexie.getDatabaseNames()
    await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => Dexie.delete(n)))
  } catch {
    // listing databases is a nicety
  }
}

function stagingOptions(db: ConsoleDb): { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } {
  const o = (db as unknown as { _options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } })._options
  return o?.indexedDB ? { indexedDB: o.indexedDB, IDBKeyRange: o.IDBKeyRange! } : {}
}

const isConstraint = (err: unknown): boolean => {
  const e = err as { name?: string; inner?: { name?: string }; failures?: { name?: string }[] } | null
  return (
    e?.name === 'ConstraintError' ||
    e?.inner?.name === 'ConstraintError' ||
    (e?.name === 'BulkError' && (e.failures ?? []).some((f) => f?.name === 'ConstraintError'))
  )
}

function validate(
  meta: BackupMeta,
  version: number,
  staged: Record<TableName, unknown[]>,
  declared: { name: string; rowCount: number }[],
  onRows: (done: number) => void,
): CheckedBackup {
  const rows = {} as Record<TableName, unknown[]>
  const counts = {} as TableCounts
  // each row is checked twice (its schema, then its texts): half a step each
  let done = 0
  const tick = (): void => {
    if (++done % 1000 === 0) onRows(Math.floor(done / 2))
  }
  for (const table of TABLE_NAMES) {
    const list = staged[table]
    const want = declared.find((t) => t.name === table)?.rowCount ?? 0
    if (list.length !== want) refuse('backup.problem.countMismatch', { table, declared: want, found: list.length })
    const schema = RECORD_SCHEMAS[table] as z.ZodType
    rows[table] = list.map((row, index) => {
      tick()
      const r = schema.safeParse(row)
      if (!r.success) {
        const issue = r.error.issues[0]
        refuse('backup.problem.invalidRecord', { table, index: index + 1, field: issue?.path.join('.') || '—' })
      }
      return r.data
    })
    counts[table] = list.length
  }
  const caseIds = new Set((rows.cases as { id: number }[]).map((c) => c.id))
  for (const table of ['attempts', 'replies', 'reviews'] as const) {
    for (const r of rows[table] as { id: number; caseId: number }[]) {
      if (!caseIds.has(r.caseId)) refuse('backup.problem.orphan', { table, id: r.id })
    }
  }
  const secrets = checkTexts(rows, tick)
  onRows(Math.floor(done / 2))
  return { meta, sourceVersion: version, counts, rows: rows as CheckedRows, secrets }
}

/**
 * The forms' length limits by stored field (STORED_TEXT_FIELDS' paths), which a restore holds every text
 * to: a backup cannot bring in what no form would have let the agent type.
 */
export const RESTORE_TEXT_LIMITS: Partial<Record<StoredTextPath, number>> = {
  'cases.notes': NOTES_MAX,
  'attempts.note': ATTEMPT_NOTE_MAX,
  'reviews.registeredContact': REVIEW_TEXT_MAX.registeredContact,
  'reviews.uid': REVIEW_TEXT_MAX.uid,
  'reviews.description': REVIEW_TEXT_MAX.description,
  'reviews.reference': REVIEW_TEXT_MAX.reference,
  'reviews.pauses[].reason': REVIEW_TEXT_MAX.reason,
  'templates.shortcut': 32,
  'templates.title.en': 120,
  'templates.title.zh-CN': 120,
  'templates.tags[]': 40,
  'templates.body.en': MAX_BODY_CHARS,
  'templates.body.zh-CN': MAX_BODY_CHARS,
  'templateVersions.snapshot.shortcut': 32,
  'templateVersions.snapshot.title.en': 120,
  'templateVersions.snapshot.title.zh-CN': 120,
  'templateVersions.snapshot.tags[]': 40,
  'templateVersions.snapshot.body.en': MAX_BODY_CHARS,
  'templateVersions.snapshot.body.zh-CN': MAX_BODY_CHARS,
  'settings:prefs.agentName': 80,
}

const settingKeyOf = (table: TableName, row: unknown): string | undefined =>
  table === 'settings' ? String((row as { key?: unknown }).key ?? '') : undefined

/**
 * Every text of every row against the forms' rules: too long for its field is refused; a secret is noted
 * (to be removed with consent) where the agent could have typed it or where history copied it, and refused
 * in an identifier or a strictly formatted field (taking it out would break the record).
 */
function checkTexts(rows: Record<TableName, unknown[]>, tick: () => void): CheckedBackup['secrets'] {
  const at: SecretAt[] = []
  const perField = new Map<string, number>()
  for (const table of TABLE_NAMES) {
    rows[table].forEach((row, index) => {
      tick()
      const settingKey = settingKeyOf(table, row)
      textLeaves(row, (path, text) => {
        const pattern = storedTextPattern(table, path, settingKey)
        const field = pattern ? STORED_TEXT_FIELDS[pattern] : null
        const max = pattern ? RESTORE_TEXT_LIMITS[pattern] : undefined
        if (max !== undefined && text.length > max)
          refuse('backup.problem.textTooLong', { table, index: index + 1, fieldKey: field!.label, max })
        const found = findSecrets(text).length
        if (found === 0) return
        if (!field || (field.kind !== 'free' && field.label !== 'guard.fields.history'))
          refuse('backup.problem.secretInKey', { table, index: index + 1 })
        at.push({ table, index, path })
        perField.set(field!.label, (perField.get(field!.label) ?? 0) + found)
      })
    })
  }
  const fields = [...perField].map(([fieldKey, count]) => ({ fieldKey, count }))
  return { at, count: fields.reduce((n, f) => n + f.count, 0), fields }
}

/** The rows with every noted secret taken out (a note in its place, or deleted where the note would not fit). */
function withoutSecrets(checked: CheckedBackup, language: Language): CheckedRows {
  const rows = { ...checked.rows } as Record<TableName, unknown[]>
  const copied = new Set<string>()
  for (const { table, index, path } of checked.secrets.at) {
    if (!copied.has(table)) {
      rows[table] = [...rows[table]]
      copied.add(table)
    }
    const row = structuredClone(rows[table][index]) as Record<string, unknown>
    const keys = path.split('.')
    const last = keys.pop()!
    const parent = keys.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, row)
    const text = String(parent[last])
    const pattern = storedTextPattern(table, path, settingKeyOf(table, row))
    const max = (pattern ? RESTORE_TEXT_LIMITS[pattern] : undefined) ?? Infinity
    const noted = redactSecrets(text, undefined, language)
    parent[last] = noted.length > max ? removeSecrets(text) : noted
    rows[table][index] = row
  }
  return rows as CheckedRows
}

// ---------------------------------------------------------------------------------------------------------
// replacing the data

export interface RestoreContext {
  agent: string
  now: number
  /**
   * The agent's consent to take the backup's secrets out (`CheckedBackup.secrets`); without it a backup
   * holding any is refused. `language`: the words of the note left in their place.
   */
  removeSecrets?: { language: Language }
}

/**
 * Replaces ALL data with a checked backup, in one transaction (see the module comment), and records a
 * "restored" event in it. Throws a ProblemError (a plain-words Problem) when storage fails; then nothing
 * changed.
 */
export async function restoreBackup(
  db: ConsoleDb,
  checked: CheckedBackup,
  ctx: RestoreContext,
  onProgress: OnBackupProgress = noProgress,
): Promise<TableCounts> {
  const removed = checked.secrets.count
  if (removed > 0 && !ctx.removeSecrets) throw new ProblemError(problem('backup.problem.secretsNotRemoved', { count: removed }))
  const rows = removed > 0 ? withoutSecrets(checked, ctx.removeSecrets!.language) : checked.rows
  const total = TABLE_NAMES.reduce((n, t) => n + (rows[t] as unknown[]).length, 0)
  let done = 0
  onProgress({ step: 'restoring', done, total })
  return guarded(() =>
    db.transaction('rw', db.tables, async (tx) => {
      // a restore replaces local data only: nothing is queued, and in team mode the next pull starts
      // over from the beginning (the checkpoint and the outbox belonged to the data that is replaced)
      withoutQueueing((tx as unknown as { idbtrans: object }).idbtrans)
      for (const t of SYNC_TABLE_NAMES) await db.table(t).clear()
      const before = await Promise.all(TABLE_NAMES.map((t) => db.table(t).count()))
      for (const t of TABLE_NAMES) await db.table(t).clear()
      // in slices, to show progress: every slice is a request of this one transaction all the same
      for (const t of TABLE_NAMES) {
        const list = rows[t] as unknown[]
        for (let from = 0; from < list.length; from += RESTORE_SLICE) {
          const slice = list.slice(from, from + RESTORE_SLICE)
          await db.table(t).bulkAdd(slice)
          done += slice.length
          onProgress({ step: 'restoring', done, total })
        }
      }
      await appendEvent(
        db,
        {
          entity: 'backup',
          entityId: String(checked.meta.createdAt),
          caseId: null,
          action: 'restored',
          changes: TABLE_NAMES.map((t, i) => ({ field: t, from: before[i] ?? 0, to: checked.counts[t] })),
          note:
            `backup of ${new Date(checked.meta.createdAt).toISOString()} (app ${checked.meta.appVersion}, schema v${checked.sourceVersion})` +
            (removed > 0 ? `; ${removed} verification codes, authenticator keys or ID numbers taken out` : ''),
        },
        ctx.agent,
        ctx.now,
      )
      return { ...checked.counts, events: checked.counts.events + 1 }
    }),
  )
}

const RESTORE_SLICE = 5_000

/**
 * Whether the restore of the backup made at `createdAt`, started at `now`, went through: its "restored"
 * event is there. For a restore whose worker was stopped (Cancel) without an answer: one transaction, so it
 * either finished completely or changed nothing.
 */
export function restoreWentThrough(db: ConsoleDb, createdAt: number, now: number): Promise<boolean> {
  return guarded(async () => {
    const events = await db.events
      .where('[entity+entityId]')
      .equals(['backup', String(createdAt)])
      .toArray()
    return events.some((e) => e.action === 'restored' && e.at === now)
  })
}

/** A restore failure in plain words: storage full gets its own message (the current data is unchanged). */
export function restoreProblem(err: unknown): Problem {
  if (isQuotaError(err) || (err instanceof ProblemError && err.problem.key === 'errors.storage.quota'))
    return { key: 'backup.restoreQuota' }
  return err instanceof ProblemError ? err.problem : toStorageProblem(err)
}
