/**
 * The engine against the real sync service (a real PostgreSQL, started by `npm run test:server`'s global
 * setup): engines with in-memory replicas play agents. Every fault the issue names that the client must
 * survive: offline edits of the same case, expired tokens (offline too), an outdated console, pushes
 * over the limit, malformed changes, a server restart, clock skew, review ownership.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  clusterFromEnv,
  createDatabase,
  createUsers,
  startSyncService,
  type RunningService,
  type TeamUser,
  type TestDatabase,
} from '../../server/testing/harness'
import { memoryVault } from './auth'
import { createTeamClient, type TeamClient } from './client'
import type { SyncStatus } from './engine'
import type { NetworkMonitor } from './network'
import { MemoryReplica, caseDoc, reviewDoc, uuid7 } from './testing'

class FakeNetwork implements NetworkMonitor {
  private up = true
  private readonly listeners = new Set<(online: boolean) => void>()
  online = () => this.up
  subscribe(l: (online: boolean) => void) {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }
  set(up: boolean) {
    this.up = up
    for (const l of this.listeners) l(up)
  }
}

interface Agent {
  client: TeamClient
  replica: MemoryReplica
  network: FakeNetwork
  statuses: SyncStatus[]
  offsets: number[]
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

async function withSuperuser<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: db.superUrl })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

let db: TestDatabase
let svc: RunningService
let users: Record<string, TeamUser>
let shift = 0
const agents: Agent[] = []

function agent(url = svc.url, opts: { fetch?: typeof fetch; engine?: Parameters<typeof createTeamClient>[0]['engine'] } = {}): Agent {
  const replica = new MemoryReplica()
  replica.setQueueing(true)
  const network = new FakeNetwork()
  const statuses: SyncStatus[] = []
  const offsets: number[] = []
  const client = createTeamClient({
    baseUrl: url,
    replica,
    vault: memoryVault(),
    clientId: 'engine-test',
    log: process.env.SYNC_TEST_LOG ? (m) => console.log(m) : undefined,
    network,
    onStatus: (s) => statuses.push(s),
    onClockOffset: (o) => offsets.push(o),
    fetch: opts.fetch,
    engine: { pushDelayMs: 10, ...opts.engine },
  })
  const a = { client, replica, network, statuses, offsets }
  agents.push(a)
  return a
}

async function signIn(a: Agent, who: TeamUser): Promise<Agent> {
  await a.client.auth.login(who.username, who.password)
  a.client.engine.start()
  await until(`${who.username} synced and live`, () => a.client.engine.state.phase === 'synced' && a.client.engine.state.live)
  return a
}

beforeAll(async () => {
  db = await createDatabase(clusterFromEnv())
  svc = await startSyncService(db, { now: () => Date.now() + shift, config: { maxPushChanges: 50, heartbeatMs: 1_000 } })
  users = await createUsers(db.appUrl, [
    { username: 'ana', role: 'agent' },
    { username: 'bo', role: 'agent' },
    { username: 'lee', role: 'lead' },
  ])
})

afterAll(async () => {
  for (const a of agents) await a.client.engine.stop()
  await svc?.stop()
})

describe('sync engine against the service', () => {
  it("a case one agent logs reaches the other's replica live, without asking", async () => {
    const ana = await signIn(agent(), users.ana!)
    const bo = await signIn(agent(), users.bo!)
    const id = uuid7()
    ana.replica.insert('case', id, caseDoc({ phoneE164: '+8613912345678' }))
    await until("the case on Bo's side", () => bo.replica.get('case', id) !== null)
    expect(bo.replica.get('case', id)).toMatchObject({ phoneE164: '+8613912345678', agent: users.ana!.id, updatedBy: users.ana!.id })
    expect(ana.replica.outbox).toHaveLength(0)
    expect(ana.client.engine.state.pending).toBe(0)
  })

  it('the live agent takes the case from the event itself: no pull of its own', async () => {
    let pulls = 0
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('/v1/pull')) pulls++
      return fetch(input, init)
    }
    const ana = await signIn(agent(), users.ana!)
    const bo = await signIn(agent(svc.url, { fetch: counting }), users.bo!)
    await bo.client.engine.idle()
    const before = pulls
    const id = uuid7()
    ana.replica.insert('case', id, caseDoc())
    await until("the case on Bo's side", () => bo.replica.get('case', id) !== null)
    await bo.client.engine.idle()
    expect(pulls).toBe(before)
    const version = bo.replica.records.get(`case:${id}`)?.serverVersion
    expect(version).toEqual(expect.any(Number))
    expect(bo.replica.cp.version).toBeGreaterThanOrEqual(version!)
  })

  it('two agents edit the same case offline: both converge, the later one gets a conflict notice', async () => {
    const ana = await signIn(agent(), users.ana!)
    const bo = await signIn(agent(), users.bo!)
    const id = uuid7()
    ana.replica.insert('case', id, caseDoc({ notes: 'first' }))
    await until('the case on both sides', () => bo.replica.get('case', id) !== null && ana.replica.get('case', id)?.updatedAt !== undefined)

    ana.network.set(false)
    bo.network.set(false)
    await until('both offline', () => ana.client.engine.state.phase === 'offline' && bo.client.engine.state.phase === 'offline')
    ana.replica.patch('case', id, { status: 'resolved', notes: 'ana wrote this' })
    bo.replica.patch('case', id, { status: 'escalated', language: 'en' })
    await new Promise((r) => setTimeout(r, 100))
    expect(ana.replica.outbox).toHaveLength(1)
    expect(bo.replica.outbox).toHaveLength(1)
    expect(ana.client.engine.state.pending).toBe(1)

    ana.network.set(true)
    await until('Ana pushed', () => ana.replica.outbox.length === 0 && ana.client.engine.state.phase === 'synced')
    bo.network.set(true)
    await until('Bo pushed', () => bo.replica.outbox.length === 0 && bo.client.engine.state.phase === 'synced')
    await until('both converged', () => {
      const a = ana.replica.get('case', id)
      const b = bo.replica.get('case', id)
      return a?.language === 'en' && b?.language === 'en' && a.updatedAt === b.updatedAt
    })
    const a = ana.replica.get('case', id)!
    expect(bo.replica.get('case', id)).toEqual(a)
    // first to reach the server wins the field both changed; the other fields merge
    expect(a).toMatchObject({ status: 'resolved', notes: 'ana wrote this', language: 'en' })
    expect(bo.replica.notices).toEqual([
      { kind: 'case', id, status: 'conflict', conflicts: [{ field: 'status', kept: 'resolved', lost: 'escalated' }] },
    ])
    expect(bo.client.engine.state.conflicts).toBe(1)
    // the server wrote the audit event of the lost value; both pulled it
    await until('the conflict event on both sides', () =>
      [ana, bo].every((x) => x.replica.all('event').some((e) => e.doc?.action === 'conflict' && e.doc.caseId === id)),
    )
  })

  it('a push over the limit is split; a malformed change is set aside and the rest goes', async () => {
    const ana = await signIn(agent(), users.ana!)
    ana.network.set(false)
    const ids = Array.from({ length: 120 }, () => uuid7())
    for (const id of ids) ana.replica.insert('case', id, caseDoc())
    const bad = uuid7()
    ana.replica.insert('case', bad, caseDoc({ status: 'not-a-status' }))
    ana.network.set(true)
    await until('everything pushed', () => ana.replica.outbox.length === 0, 20_000)
    await until('pulled back', () => ids.every((id) => ana.replica.get('case', id)?.updatedBy === users.ana!.id), 20_000)
    expect(ana.client.engine.state.setAside).toBe(1)
    expect(ana.replica.notices).toEqual([expect.objectContaining({ kind: 'case', id: bad, status: 'rejected', reason: 'invalid-doc' })])
    expect(ana.replica.get('case', bad)).toBeNull()
  })

  it('an expired access token is refreshed; a sign-in that expired while offline queues, says signed out, and resumes after signing in', async () => {
    const ana = await signIn(agent(), users.ana!)
    const id = uuid7()
    // 20 minutes later on the server: the access token (15 min) has expired
    shift += 20 * 60_000
    ana.replica.insert('case', id, caseDoc())
    await until('pushed with a refreshed token', () => ana.replica.outbox.length === 0)
    expect(ana.client.engine.state.phase).not.toBe('signed-out')

    ana.network.set(false)
    await until('offline', () => ana.client.engine.state.phase === 'offline')
    await ana.client.engine.idle()
    const later = uuid7()
    ana.replica.insert('case', later, caseDoc())
    // meanwhile the access token expired, and the sign-in itself (refresh tokens live 30 days)
    shift += 20 * 60_000
    await until('the live connection closed', () => !ana.client.engine.state.live)
    await withSuperuser((c) =>
      c.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [users.ana!.id]),
    )
    ana.network.set(true)
    await until('signed out', () => ana.client.engine.state.phase === 'signed-out')
    expect(ana.replica.outbox.map((e) => e.id)).toEqual([later])
    expect(ana.client.auth.signedIn).toBe(false)

    await ana.client.auth.login(users.ana!.username, users.ana!.password)
    ana.client.engine.resume()
    await until('the queued change pushed', () => ana.replica.outbox.length === 0 && ana.client.engine.state.phase === 'synced')
    expect(ana.replica.get('case', later)?.updatedBy).toBe(users.ana!.id)
  })

  it("follows the server's clock", async () => {
    shift += 7 * 60_000
    const ana = await signIn(agent(), users.ana!)
    const expected = shift
    expect(Math.abs(ana.client.offset() - expected)).toBeLessThan(2_000)
    expect(Math.abs(ana.client.now() - (Date.now() + expected))).toBeLessThan(2_000)
  })

  it('an outdated console stops syncing and keeps its outbox', async () => {
    const oldConsole: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers)
      if (headers.has('x-sync-protocol')) headers.set('x-sync-protocol', '0')
      return fetch(input, { ...init, headers })
    }
    const ana = agent(svc.url, { fetch: oldConsole })
    await ana.client.auth.login(users.ana!.username, users.ana!.password).catch(() => undefined)
    // even the sign-in is refused: the console is told to update
    expect(ana.client.auth.signedIn).toBe(false)
    // a console that was signed in before the server moved on
    const live = await signIn(agent(), users.ana!)
    const id = uuid7()
    ;(live.client.http as { fetchFn: typeof fetch }).fetchFn = oldConsole
    live.replica.insert('case', id, caseDoc())
    await until('told to update', () => live.client.engine.state.phase === 'outdated')
    expect(live.replica.outbox.map((e) => e.id)).toEqual([id])
    expect(live.client.engine.state.error?.code).toBe('client-outdated')
  })

  it('reviews are owned: another agent cannot claim one, a lead hands it over', async () => {
    const ana = await signIn(agent(), users.ana!)
    const bo = await signIn(agent(), users.bo!)
    const lee = await signIn(agent(), users.lee!)
    const caseId = uuid7()
    const reviewId = uuid7()
    ana.replica.insert('case', caseId, caseDoc())
    ana.replica.insert('review', reviewId, reviewDoc(caseId))
    await until('the review on every side', () => [bo, lee].every((x) => x.replica.get('review', reviewId)?.owner === users.ana!.id))

    bo.replica.command(reviewId, 'claim', {}, { owner: users.bo!.id })
    await until("Bo's claim decided", () => bo.replica.outbox.length === 0)
    expect(bo.replica.notices).toContainEqual(
      expect.objectContaining({ id: reviewId, status: 'rejected', reason: 'review-owned-by-other', details: { owner: users.ana!.id } }),
    )
    lee.replica.command(reviewId, 'handover', { toUserId: users.bo!.id, note: 'Ana is off today' }, { owner: users.bo!.id })
    await until('handed over, seen by all', () => [ana, bo, lee].every((x) => x.replica.get('review', reviewId)?.owner === users.bo!.id))
    await until('the handover in the audit trail', () =>
      ana.replica.all('event').some((e) => e.doc?.action === 'handed-over' && e.doc.entityId === reviewId && e.doc.agent === users.lee!.id),
    )
  })

  it('a server restart: the engine reconnects and pushes what was queued meanwhile', async () => {
    const ana = await signIn(agent(), users.ana!)
    const bo = await signIn(agent(), users.bo!)
    const port = Number(new URL(svc.url).port)
    await svc.stop()
    await until('Ana lost the live connection', () => !ana.client.engine.state.live)
    const id = uuid7()
    ana.replica.insert('case', id, caseDoc())
    await until('Ana offline or retrying', () => ['offline', 'error'].includes(ana.client.engine.state.phase))
    expect(ana.replica.outbox).toHaveLength(1)
    svc = await startSyncService(db, { port, now: () => Date.now() + shift, config: { maxPushChanges: 50, heartbeatMs: 1_000 } })
    await until('Bo sees the case made during the restart', () => bo.replica.get('case', id) !== null, 30_000)
    expect(ana.replica.outbox).toHaveLength(0)
  })
})
