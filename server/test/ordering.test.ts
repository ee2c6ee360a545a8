/**
 * Versions follow commit order, so a pull checkpoint never skips a row (docs/team-sync.md, "Server versions
 * follow commit order"). For the record, the first test shows how a plain sequence would skip one.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import pg from 'pg'
import type { RunningService, TeamUser, TestDatabase } from '../testing/harness'
import type { Api } from './helpers'
import { caseDoc, freshDb, id7, mid, service, signedIn, users, withClient, type J } from './helpers'

let db: TestDatabase
let svc: RunningService
let u: Record<string, TeamUser>
const hook: { beforeCommit: ((v: number) => Promise<void>) | null } = { beforeCommit: null }

beforeAll(async () => {
  db = await freshDb()
  svc = await service(db, { hooks: { beforeCommit: (v) => hook.beforeCommit?.(v) } })
  u = await users(db, [
    { username: 'slow', role: 'agent' },
    { username: 'fast', role: 'agent' },
    { username: 'reader', role: 'agent' },
  ])
})
afterAll(() => svc.stop())

/** Waits until one push is waiting for the counter row another push holds. */
async function waitForCounterWaiter() {
  const waiting = () =>
    withClient(db.superUrl, async (c) => {
      const sql =
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH v AS (UPDATE sync_counter%'"
      return (await c.query(sql)).rows[0].n as number
    })
  await expect.poll(waiting, { timeout: 10_000 }).toBe(1)
}

async function connect(url: string) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  return c
}

describe('a plain sequence (what we do not do)', () => {
  it('lets a reader skip a row that commits late', async () => {
    const [slow, fast, reader] = await Promise.all([connect(db.ownerUrl), connect(db.ownerUrl), connect(db.ownerUrl)])
    try {
      await slow.query('CREATE TABLE naive (seq bigserial PRIMARY KEY, label text)')
      await slow.query('BEGIN')
      await slow.query("INSERT INTO naive (label) VALUES ('slow')") // takes 1, not yet committed
      await fast.query("INSERT INTO naive (label) VALUES ('fast')") // takes 2, commits at once
      const first = await reader.query<{ seq: number; label: string }>('SELECT seq::int, label FROM naive WHERE seq > 0 ORDER BY seq')
      expect(first.rows).toEqual([{ seq: 2, label: 'fast' }])
      const checkpoint = 2
      await slow.query('COMMIT')
      const next = await reader.query('SELECT seq::int, label FROM naive WHERE seq > $1 ORDER BY seq', [checkpoint])
      expect(next.rows).toEqual([]) // the slow row (seq 1) is never seen by this reader
    } finally {
      await Promise.all([slow.end(), fast.end(), reader.end()])
    }
  })
})

describe('the single-row counter taken late', () => {
  it('a fast push waits for a slow one holding a lower version; a pull in between sees neither, then both in order', async () => {
    const [slow, fast, reader] = await Promise.all([signedIn(svc.url, u.slow!), signedIn(svc.url, u.fast!), signedIn(svc.url, u.reader!)])
    const { checkpoint } = await reader.pullAll()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let slowVersion = 0
    hook.beforeCommit = async (v) => {
      hook.beforeCommit = null // only the first push to get here (the slow one) waits
      slowVersion = v
      await gate
    }
    const slowId = id7()
    const fastId = id7()
    const slowPush = slow.push([{ mutationId: mid(), kind: 'case', id: slowId, op: 'insert', doc: caseDoc() }])
    onTestFinished(() => release()) // never leave the slow transaction open, even when an assertion fails
    await expect.poll(() => slowVersion, { timeout: 10_000 }).toBeGreaterThan(0)
    const fastPush = fast.push([{ mutationId: mid(), kind: 'case', id: fastId, op: 'insert', doc: caseDoc() }])
    // the fast push is now waiting for the counter row that the slow one holds
    await waitForCounterWaiter()
    const between = await reader.pull(checkpoint)
    expect(between.body.changes).toEqual([])
    release()
    const [s, f] = await Promise.all([slowPush, fastPush])
    expect(s.body.results[0].version).toBe(slowVersion)
    expect(f.body.results[0].version).toBe(slowVersion + 1)
    const after = await reader.pull(between.body.checkpoint)
    expect(after.body.changes.map((c: J) => [c.id, c.version])).toEqual([
      [slowId, slowVersion],
      [fastId, slowVersion + 1],
    ])
  })

  it('many concurrent pushes of uneven speed: a reader pulling all along misses nothing and sees nothing twice', async () => {
    const writers = await Promise.all(Array.from({ length: 6 }, () => signedIn(svc.url, u.fast!)))
    const reader = await signedIn(svc.url, u.reader!)
    let { checkpoint } = await reader.pullAll()
    hook.beforeCommit = async () => {
      // uneven transactions: some hold their version for a while before committing
      if (Math.random() < 0.3) await new Promise((r) => setTimeout(r, Math.random() * 30))
    }
    const written: string[] = []
    let done = false
    const writing = Promise.all(
      writers.map(async (w: Api) => {
        for (let i = 0; i < 12; i++) {
          const batch = Array.from({ length: 1 + (i % 3) }, () => ({
            mutationId: mid(),
            kind: 'case',
            id: id7(),
            op: 'insert',
            doc: caseDoc(),
          }))
          const r = await w.push(batch)
          expect(r.status).toBe(200)
          written.push(...batch.map((b) => b.id))
        }
      }),
    ).finally(() => (done = true))
    const seen: string[] = []
    let lastKey: [number, string] = [0, '']
    const reading = (async () => {
      while (!done) {
        const r = await reader.pull(checkpoint, 7)
        for (const c of r.body.changes) {
          // strictly increasing (version, id): nothing out of order, nothing twice
          expect(c.version > lastKey[0] || (c.version === lastKey[0] && c.id > lastKey[1])).toBe(true)
          lastKey = [c.version, c.id]
          seen.push(c.id)
        }
        checkpoint = r.body.checkpoint
      }
    })()
    await writing
    await reading
    hook.beforeCommit = null
    const rest = await reader.pullAll(checkpoint)
    seen.push(...rest.changes.map((c) => c.id))
    expect(new Set(seen).size).toBe(seen.length)
    expect([...seen].sort()).toEqual([...written].sort())
  })

  it('two pushes racing for one case number: the first to commit gets it, the other is told case-number-taken', async () => {
    const [a, b] = await Promise.all([signedIn(svc.url, u.slow!), signedIn(svc.url, u.fast!)])
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let held = false
    hook.beforeCommit = async () => {
      hook.beforeCommit = null
      held = true
      await gate
    }
    const doc = caseDoc()
    const first = a.push([{ mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc }])
    onTestFinished(() => release())
    await expect.poll(() => held, { timeout: 10_000 }).toBe(true)
    // the second reads while the first is uncommitted (the number looks free), then waits for the counter
    const second = b.push([{ mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc: { ...doc } }])
    await waitForCounterWaiter()
    release()
    const [r1, r2] = await Promise.all([first, second])
    expect(r1.body.results[0].status).toBe('applied')
    expect(r2.body.results[0]).toMatchObject({ status: 'rejected', reason: 'case-number-taken' })
  })
})
