import { describe, expect, it } from 'vitest'
import type pg from 'pg'
import { loadMigrations, migrate } from '../src/migrate'
import { createUser } from '../src/auth/users'
import { freshDb, withClient } from './helpers'

const latest = loadMigrations().length

async function tables(url: string): Promise<string[]> {
  return withClient(url, async (c) =>
    (await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.t),
  )
}

describe('migrations', () => {
  it('build the whole schema from an empty database and record every step', async () => {
    const db = await freshDb()
    const r = await withClient(db.ownerUrl, (c) => migrate(c))
    expect(r.applied).toEqual(Array.from({ length: latest }, (_, i) => i + 1))
    expect(await tables(db.ownerUrl)).toEqual(
      expect.arrayContaining([
        'audit_events',
        'mutations',
        'records',
        'refresh_tokens',
        'schema_migrations',
        'server_keys',
        'sync_counter',
        'users',
      ]),
    )
    const rows = await withClient(
      db.ownerUrl,
      async (c) => (await c.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows,
    )
    expect(rows.map((x) => x.version)).toEqual(r.applied)
    // applying again does nothing
    expect((await withClient(db.ownerUrl, (c) => migrate(c))).applied).toEqual([])
  })

  it.each(Array.from({ length: latest - 1 }, (_, i) => i + 1))('upgrade a database at version %i, keeping its data', async (from) => {
    const db = await freshDb(from)
    await withClient(db.ownerUrl, async (c) => {
      await c.query(
        `INSERT INTO records (id, kind, version, deleted, doc, case_number, updated_by, updated_at, mutation_id)
         VALUES ('018f0000-0000-7000-8000-000000000001', 'case', 1, false, '{"caseNumber":"VC-20261124-0001"}', 'VC-20261124-0001', gen_random_uuid(), now(), gen_random_uuid())`,
      )
      await c.query('UPDATE sync_counter SET value = 1')
    })
    const r = await withClient(db.ownerUrl, (c) => migrate(c))
    expect(r.applied).toEqual(Array.from({ length: latest - from }, (_, i) => from + i + 1))
    const rows = await withClient(db.appUrl, async (c) => (await c.query('SELECT id, doc FROM records')).rows)
    expect(rows).toEqual([{ id: '018f0000-0000-7000-8000-000000000001', doc: { caseNumber: 'VC-20261124-0001' } }])
    // and the newest tables work
    await withClient(db.appUrl, async (c) => {
      const u = await createUser(c, { username: 'after-upgrade', displayName: 'A', role: 'agent', password: 'long-enough-password' })
      expect(u.username).toBe('after-upgrade')
    })
  })

  it('two instances starting at once apply each migration once', async () => {
    const db = await freshDb()
    const results = await Promise.all([1, 2, 3].map(() => withClient(db.ownerUrl, (c) => migrate(c))))
    expect(results.flatMap((r) => r.applied).sort()).toEqual(Array.from({ length: latest }, (_, i) => i + 1))
  })

  it('refuse a database whose applied migration was edited, or that is newer than the service', async () => {
    const db = await freshDb('all')
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'x' } : m))
    await expect(withClient(db.ownerUrl, (c) => migrate(c, { migrations: edited }))).rejects.toThrow(/was changed after it was applied/)
    await expect(withClient(db.ownerUrl, (c) => migrate(c, { migrations: loadMigrations().slice(0, 1) }))).rejects.toThrow(/does not know/)
  })
})

describe('the runtime role', () => {
  it('cannot UPDATE, DELETE or TRUNCATE the audit trail, but can append to it', async () => {
    const db = await freshDb('all')
    await withClient(db.appUrl, async (c) => {
      await c.query(
        "INSERT INTO audit_events (id, version, doc, actor) VALUES ('018f0000-0000-7000-8000-0000000000e1', 1, '{}', gen_random_uuid())",
      )
      for (const sql of ['UPDATE audit_events SET doc = \'{"x":1}\'', 'DELETE FROM audit_events', 'TRUNCATE audit_events']) {
        const err = await c.query(sql).then(
          () => null,
          (e: pg.DatabaseError) => e,
        )
        expect(err?.code, sql).toBe('42501') // insufficient_privilege: permission denied for table audit_events
      }
      expect((await c.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(1)
    })
  })

  it('cannot DELETE records (deletes are tombstones) nor change the schema', async () => {
    const db = await freshDb('all')
    await withClient(db.appUrl, async (c) => {
      for (const sql of [
        'DELETE FROM records',
        'DELETE FROM mutations',
        'DROP TABLE audit_events',
        'ALTER TABLE records ADD COLUMN x int',
        'CREATE TABLE t (x int)',
      ]) {
        const err = await c.query(sql).then(
          () => null,
          (e: pg.DatabaseError) => e,
        )
        expect(err?.code, sql).toBe('42501')
      }
    })
  })

  it('the owner role is stopped by the append-only trigger too', async () => {
    const db = await freshDb('all')
    await withClient(db.ownerUrl, async (c) => {
      await c.query("INSERT INTO audit_events (id, version, doc, actor) VALUES ('e2', 1, '{}', gen_random_uuid())")
      await expect(c.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/)
      await expect(c.query("UPDATE audit_events SET doc = '{}'")).rejects.toThrow(/append-only/)
    })
  })
})
