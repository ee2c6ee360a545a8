/** PostgreSQL access: one pool per service instance; bigint versions read as numbers (safe below 2^53). */
import pg from 'pg'

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))

export type Pool = pg.Pool
export type Client = pg.PoolClient

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, application_name: 'vcc-sync' })
  // an idle client losing its connection (database restart, failover) must not crash the service
  pool.on('error', () => undefined)
  return pool
}

/** Runs `fn` in a transaction (READ COMMITTED), committing on success and rolling back on any error. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const out = await fn(client)
    await client.query('COMMIT')
    return out
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  } finally {
    client.release()
  }
}

/** SQLSTATE of a PostgreSQL error, if it is one. */
export const pgCode = (e: unknown): string | undefined =>
  e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined
