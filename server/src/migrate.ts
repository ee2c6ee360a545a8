/**
 * Numbered SQL migrations (`migrations/NNNN_name.sql`), applied in order at start, each recorded in
 * `schema_migrations` with a checksum. All pending files run in one transaction under an advisory lock, so
 * several instances starting at once apply them exactly once. An applied file that was edited afterwards,
 * or a database newer than this service, stops the start with a clear message.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'

export interface Migration {
  version: number
  name: string
  sql: string
  checksum: string
}

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url))
/** Any constant: the advisory lock that serialises concurrent migrators. */
const LOCK_KEY = 724_311_901

export function loadMigrations(dir: string = DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
  const out = files.map((file, i) => {
    const version = Number(file.slice(0, 4))
    if (version !== i + 1) throw new Error(`migration ${file}: expected number ${String(i + 1).padStart(4, '0')} (no gaps)`)
    const sql = readFileSync(dir + file, 'utf8')
    return { version, name: file.slice(5, -4), sql, checksum: createHash('sha256').update(sql).digest('hex') }
  })
  return out
}

export interface MigrateResult {
  applied: number[]
  current: number
}

/** Applies pending migrations (up to `target`, default all) through `client`, connected as the owner role. */
export async function migrate(client: pg.ClientBase, opts: { target?: number; migrations?: Migration[] } = {}): Promise<MigrateResult> {
  const migrations = opts.migrations ?? loadMigrations()
  const target = opts.target ?? migrations.length
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY])
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    )
    for (const row of rows) {
      const m = migrations[row.version - 1]
      if (!m) throw new Error(`the database has migration ${row.version} (${row.name}) that this service does not know: update the service`)
      if (m.checksum !== row.checksum)
        throw new Error(`migration ${row.version} (${row.name}) was changed after it was applied: add a new one instead`)
    }
    const applied: number[] = []
    for (const m of migrations.slice(rows.length, target)) {
      await client.query(m.sql)
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum])
      applied.push(m.version)
    }
    await client.query('COMMIT')
    return { applied, current: Math.max(rows.length, ...applied, 0) }
  } catch (e) {
    await client.query('ROLLBACK')
    throw e
  }
}
