/**
 * What the main process accepts as an automatic backup, checked on its own (the renderer is not trusted
 * to send a backup at all): the JSON text of a dexie-export-import export of this app's database, with the
 * `console` header the renderer puts in front (src/data/backup.ts). Pure code, no Node APIs: it runs in a
 * worker thread (backupCheck.worker.ts) and a renderer test checks the table lists below against the
 * renderer's schema versions (src/data/backupFormat.test.ts).
 */

export const BACKUP_APP = 'verification-code-console'

/** The tables of every backup version the console has shipped, by version (src/data/db.ts `backupTables`: v3's sync bookkeeping is never backed up). */
export const BACKUP_TABLES: Readonly<Record<number, readonly string[]>> = {
  1: ['attempts', 'cases', 'events', 'replies', 'reviews', 'settings', 'templateVersions', 'templates'],
  2: ['attempts', 'cases', 'events', 'replies', 'reviews', 'settings', 'templateVersions', 'templates'],
  3: ['attempts', 'cases', 'events', 'replies', 'reviews', 'settings', 'templateVersions', 'templates'],
}

export interface BackupSummary {
  schemaVersion: number
  /** Cases in the backup: a backup with none is "empty" (it never replaces one with cases). */
  cases: number
  /** Rows in all tables. */
  rows: number
}

export type BackupInspection = { ok: true; value: BackupSummary } | { ok: false; reason: string }

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0

/** The declared tables and their row counts, or why the header is not one of ours. */
function checkTables(version: unknown, tables: unknown): { ok: true; counts: Map<string, number> } | { ok: false; reason: string } {
  if (typeof version !== 'number' || !Object.prototype.hasOwnProperty.call(BACKUP_TABLES, version))
    return { ok: false, reason: `unknown schema version ${String(version).slice(0, 20)}` }
  if (!Array.isArray(tables)) return { ok: false, reason: 'no table list' }
  const counts = new Map<string, number>()
  for (const t of tables) {
    if (!isObject(t) || typeof t['name'] !== 'string' || !isCount(t['rowCount']) || counts.has(t['name']))
      return { ok: false, reason: 'bad table list' }
    counts.set(t['name'], t['rowCount'])
  }
  const expected = BACKUP_TABLES[version]!
  if (counts.size !== expected.length || expected.some((n) => !counts.has(n)))
    return { ok: false, reason: `tables do not match schema version ${version}` }
  return { ok: true, counts }
}

function checkHeader(
  meta: unknown,
  format: Record<string, unknown>,
): { ok: true; version: number; counts: Map<string, number> } | { ok: false; reason: string } {
  if (!isObject(meta) || meta['app'] !== BACKUP_APP) return { ok: false, reason: 'not a backup of this app' }
  if (format['formatName'] !== 'dexie' || format['formatVersion'] !== 1) return { ok: false, reason: 'not a dexie export' }
  const data = format['data']
  if (!isObject(data)) return { ok: false, reason: 'no data' }
  if (meta['schemaVersion'] !== data['databaseVersion']) return { ok: false, reason: 'schema versions disagree' }
  const tables = checkTables(data['databaseVersion'], data['tables'])
  return tables.ok ? { ok: true, version: data['databaseVersion'] as number, counts: tables.counts } : tables
}

const summary = (version: number, counts: Map<string, number>): BackupSummary => ({
  schemaVersion: version,
  cases: counts.get('cases') ?? 0,
  rows: [...counts.values()].reduce((a, b) => a + b, 0),
})

/**
 * Parses a whole backup and checks it is one of ours: the header (app, format, a known schema version with
 * exactly its tables) and the body (every table's rows present, as many as declared, each an object).
 */
export function inspectBackupText(text: string): BackupInspection {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'not JSON' }
  }
  if (!isObject(raw)) return { ok: false, reason: 'not a backup of this app' }
  const header = checkHeader(raw['console'], raw)
  if (!header.ok) return header
  const body = (raw['data'] as Record<string, unknown>)['data']
  if (!Array.isArray(body) || body.length !== header.counts.size) return { ok: false, reason: 'table data missing' }
  const seen = new Set<string>()
  for (const d of body) {
    if (!isObject(d) || typeof d['tableName'] !== 'string' || !Array.isArray(d['rows'])) return { ok: false, reason: 'bad table data' }
    const declared = header.counts.get(d['tableName'])
    if (declared === undefined || seen.has(d['tableName'])) return { ok: false, reason: 'bad table data' }
    seen.add(d['tableName'])
    if (d['rows'].length !== declared) return { ok: false, reason: `row count of ${d['tableName']} does not match` }
    if (!d['rows'].every(isObject)) return { ok: false, reason: `bad row in ${d['tableName']}` }
  }
  return { ok: true, value: summary(header.version, header.counts) }
}

/**
 * Reads the summary from the start of a backup file (the header and table list come before any row), for
 * backups already on disk: `head` is the file's first bytes as text. Null when it is not one of ours.
 */
export function inspectBackupHead(head: string): BackupSummary | null {
  const metaAt = head.indexOf('{"console":')
  if (metaAt !== 0) return null
  const meta = parseValueAt(head, '{"console":'.length)
  const formatAt = head.indexOf('"formatName":', meta?.end ?? Infinity)
  const tablesAt = head.indexOf('"tables":', meta?.end ?? Infinity)
  if (!meta || formatAt < 0 || tablesAt < 0) return null
  const versionMatch = /"databaseVersion":(\d{1,6})[,}]/.exec(head.slice(formatAt, tablesAt))
  const formatMatch = /^"formatName":"dexie","formatVersion":1,/.exec(head.slice(formatAt))
  const tables = parseValueAt(head, tablesAt + '"tables":'.length)
  if (!versionMatch || !formatMatch || !tables) return null
  const version = Number(versionMatch[1])
  const header = checkHeader(meta.value, {
    formatName: 'dexie',
    formatVersion: 1,
    data: { databaseVersion: version, tables: tables.value },
  })
  return header.ok ? summary(header.version, header.counts) : null
}

/** The JSON object or array starting at `start` (strings and escapes respected), or null if cut off. */
function parseValueAt(text: string, start: number): { value: unknown; end: number } | null {
  const open = text[start]
  if (open !== '{' && open !== '[') return null
  let depth = 0
  let inString = false
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') {
      depth--
      if (depth === 0) {
        try {
          return { value: JSON.parse(text.slice(start, i + 1)), end: i + 1 }
        } catch {
          return null
        }
      }
    }
  }
  return null
}
