/**
 * The engine and the sign-in against a scripted fake server (fetch replaced) and the in-memory replica:
 * the fault paths the real service cannot be asked to produce on demand. The same engine runs against the
 * real service in engine.service.test.ts.
 */
import { describe, expect, it } from 'vitest'
import type { PushChange, PushResult } from '@/domain/sync/protocol'
import { AuthSession, memoryVault } from './auth'
import { Backoff } from './backoff'
import { ClockOffset } from './clockOffset'
import { createTeamClient } from './client'
import { SyncHttp, SyncError } from './http'
import type { NetworkMonitor } from './network'
import { MemoryReplica, caseDoc, uuid7 } from './testing'

const USER = { id: '0190d6c4-0000-7000-8000-000000000001', username: 'ana', displayName: 'Ana', role: 'agent' as const }

type Reply = { status: number; body: unknown }

/** A scripted team server: records what it is asked, answers with `handle` (default: a working server). */
class FakeServer {
  requests: { method: string; path: string; body: unknown; auth: string | null }[] = []
  refreshes = 0
  pushes: PushChange[][] = []
  version = 0
  stored: { kind: string; id: string; version: number; doc: Record<string, unknown> }[] = []
  tokenGen = 0
  validTokens = new Set<string>()
  override: ((method: string, path: string, body: Record<string, unknown>) => Reply | null) | null = null
  serverTimeShift = 0
  /** Holds a request until the promise it returns settles (undefined: answer at once). */
  hold: ((pathname: string) => Promise<void> | undefined) | null = null
  streams: ReadableStreamDefaultController<Uint8Array>[] = []

  pair() {
    const n = ++this.tokenGen
    this.validTokens.add(`at-${n}`)
    return {
      accessToken: `at-${n}`,
      accessTokenExpiresAt: Date.now() + 15 * 60_000,
      refreshToken: `rt-${n}`,
      refreshTokenExpiresAt: Date.now() + 30 * 86_400_000,
      user: USER,
    }
  }

  fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input))
    const method = init?.method ?? 'GET'
    const headers = new Headers(init?.headers)
    const auth = headers.get('authorization')?.replace('Bearer ', '') ?? null
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {}
    const path = url.pathname + url.search
    this.requests.push({ method, path, body, auth })
    await this.hold?.(url.pathname)
    const serverTime = Date.now() + this.serverTimeShift
    if (url.pathname === '/v1/stream') {
      const stream = new ReadableStream<Uint8Array>({
        start: (c) => {
          init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')))
          this.streams.push(c)
          c.enqueue(
            new TextEncoder().encode(`event: hello\ndata: ${JSON.stringify({ version: this.version, serverTime, userId: USER.id })}\n\n`),
          )
        },
      })
      return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream', 'x-server-time': String(serverTime) } })
    }
    const r = this.override?.(method, url.pathname, body) ?? this.handle(url, body, auth)
    return new Response(JSON.stringify({ ...(r.body as object), serverTime }), {
      status: r.status,
      headers: { 'content-type': 'application/json' },
    })
  }

  handle(url: URL, body: Record<string, unknown>, auth: string | null): Reply {
    switch (url.pathname) {
      case '/v1/auth/login':
        return { status: 200, body: this.pair() }
      case '/v1/auth/refresh':
        this.refreshes++
        return { status: 200, body: this.pair() }
      case '/v1/push': {
        if (!auth || !this.validTokens.has(auth)) return { status: 401, body: { error: 'token-expired', message: 'expired' } }
        const changes = body.changes as PushChange[]
        this.pushes.push(changes)
        this.version++
        const results: PushResult[] = changes.map((c) => {
          if (c.op === 'insert') this.stored.push({ kind: c.kind, id: c.id, version: this.version, doc: { ...c.doc, id: c.id } })
          return { mutationId: c.mutationId, status: 'applied', version: this.version }
        })
        return { status: 200, body: { results } }
      }
      case '/v1/pull': {
        if (!auth || !this.validTokens.has(auth)) return { status: 401, body: { error: 'token-expired', message: 'expired' } }
        const since = Number((url.searchParams.get('since') ?? '0:').split(':')[0])
        const changes = this.stored.filter((s) => s.version > since).map((s) => ({ ...s, deleted: false }))
        const last = changes.at(-1)
        return {
          status: 200,
          body: { changes, checkpoint: last ? `${last.version}:${last.id}` : url.searchParams.get('since'), hasMore: false, remaining: 0 },
        }
      }
    }
    return { status: 404, body: { error: 'not-found', message: 'no' } }
  }

  changed() {
    for (const c of this.streams)
      c.enqueue(new TextEncoder().encode(`event: changed\ndata: ${JSON.stringify({ version: this.version })}\n\n`))
  }

  /** A `changed` event carrying the rows after version `after`, as the service sends them. */
  changedWithRows(after: number) {
    const changes = this.stored.filter((s) => s.version > after).map((s) => ({ ...s, deleted: false }))
    for (const c of this.streams)
      c.enqueue(new TextEncoder().encode(`event: changed\ndata: ${JSON.stringify({ version: this.version, after, changes })}\n\n`))
  }

  store(id: string): number {
    this.version++
    this.stored.push({ kind: 'case', id, version: this.version, doc: caseDoc() })
    return this.version
  }

  get pulls(): number {
    return this.requests.filter((r) => r.path.startsWith('/v1/pull')).length
  }
}

const online: NetworkMonitor = { online: () => true, subscribe: () => () => undefined }

async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Holds the first request to `pathname` until `release()`; `sent()` counts the requests made to it. */
function holdFirst(server: FakeServer, pathname: string): { release: () => void; sent: () => number } {
  let release = (): void => undefined
  const held = new Promise<void>((r) => (release = r))
  let sent = 0
  server.hold = (p) => (p === pathname && sent++ === 0 ? held : undefined)
  return { release: () => release(), sent: () => sent }
}

function setup(server = new FakeServer(), network: NetworkMonitor = online) {
  const replica = new MemoryReplica()
  replica.setQueueing(true)
  const offsets: number[] = []
  const client = createTeamClient({
    baseUrl: 'http://team.test',
    replica,
    vault: memoryVault(),
    clientId: 'unit',
    network,
    fetch: server.fetch,
    onClockOffset: (o) => offsets.push(o),
    engine: { pushDelayMs: 1, backoff: () => new Backoff(5, 20) },
  })
  return { server, replica, client, offsets }
}

describe('sync engine (fake server)', () => {
  it('going offline while a round is answered ends "offline", not "synced"', async () => {
    let isOnline = true
    const listeners = new Set<(online: boolean) => void>()
    const network: NetworkMonitor = {
      online: () => isOnline,
      subscribe: (l) => {
        listeners.add(l)
        return () => listeners.delete(l)
      },
    }
    const { server, client } = setup(new FakeServer(), network)
    await client.auth.login('ana', 'pw')
    const pull = holdFirst(server, '/v1/pull')
    client.engine.start()
    await until('a pull in flight', () => pull.sent() === 1)
    isOnline = false
    for (const l of listeners) l(false)
    expect(client.engine.state.phase).toBe('offline')
    pull.release()
    await client.engine.idle()
    expect(client.engine.state.phase).toBe('offline')
    expect(client.engine.state.live).toBe(false)
    await client.engine.stop()
  })

  it('pushes in batches no larger than the server allows, shrinking after a 413', async () => {
    const { server, replica, client } = setup()
    server.override = (_m, path, body) =>
      path === '/v1/push' && (body.changes as unknown[]).length > 3
        ? { status: 413, body: { error: 'push-too-large', message: 'too many', details: { maxChanges: 3, maxBytes: 8 << 20 } } }
        : null
    await client.auth.login('ana', 'pw')
    for (let i = 0; i < 7; i++) replica.insert('case', uuid7(), caseDoc())
    client.engine.start()
    await until('outbox empty', () => replica.outbox.length === 0)
    expect(server.pushes.map((p) => p.length)).toEqual([3, 3, 1])
    await client.engine.stop()
  })

  it('sets aside the changes a 400 names and pushes the rest', async () => {
    const { server, replica, client } = setup()
    let refused = false
    server.override = (_m, path) => {
      if (path !== '/v1/push' || refused) return null
      refused = true
      return {
        status: 400,
        body: {
          error: 'invalid-request',
          message: 'bad',
          details: { issues: [{ path: ['changes', 1, 'doc', 'notes'], message: 'too long' }] },
        },
      }
    }
    await client.auth.login('ana', 'pw')
    const ids = [uuid7(), uuid7(), uuid7()]
    for (const id of ids) replica.insert('case', id, caseDoc())
    client.engine.start()
    await until('outbox empty', () => replica.outbox.length === 0)
    expect(server.pushes.flat().map((c) => c.id)).toEqual([ids[0], ids[2]])
    expect(replica.notices).toEqual([
      {
        kind: 'case',
        id: ids[1],
        status: 'rejected',
        reason: 'invalid-doc',
        details: { issues: [{ path: ['doc', 'notes'], message: 'too long' }] },
      },
    ])
    expect(client.engine.state.setAside).toBe(1)
    await client.engine.stop()
  })

  it('never sends a change the shared checks refuse', async () => {
    const { server, replica, client } = setup()
    await client.auth.login('ana', 'pw')
    const good = uuid7()
    replica.insert('case', good, caseDoc())
    replica.insert('case', uuid7(), caseDoc({ channels: 'sms' }))
    client.engine.start()
    await until('outbox empty', () => replica.outbox.length === 0)
    expect(server.pushes.flat().map((c) => c.id)).toEqual([good])
    expect(replica.notices[0]).toMatchObject({ status: 'rejected', reason: 'invalid-doc' })
    await client.engine.stop()
  })

  it('a server that keeps failing is retried with back-off and the outbox waits', async () => {
    const { server, replica, client } = setup()
    let failures = 3
    server.override = (_m, path) =>
      path === '/v1/push' && failures-- > 0 ? { status: 500, body: { error: 'internal', message: 'boom' } } : null
    await client.auth.login('ana', 'pw')
    replica.insert('case', uuid7(), caseDoc())
    client.engine.start()
    await until('an error shown', () => client.engine.state.phase === 'error')
    expect(client.engine.state.error?.code).toBe('internal')
    expect(client.engine.state.retryAt).not.toBeNull()
    await until('pushed in the end', () => replica.outbox.length === 0 && client.engine.state.phase === 'synced')
    expect(server.requests.filter((r) => r.path === '/v1/push')).toHaveLength(4)
    expect(client.engine.state.error).toBeNull()
    await client.engine.stop()
  })

  it('pulls when the live stream says something changed', async () => {
    const { server, replica, client } = setup()
    await client.auth.login('ana', 'pw')
    client.engine.start()
    await until('live', () => client.engine.state.live)
    const id = uuid7()
    server.version++
    server.stored.push({ kind: 'case', id, version: server.version, doc: caseDoc() })
    server.changed()
    await until('pulled', () => replica.get('case', id) !== null)
    await client.engine.stop()
  })

  it('applies the rows a `changed` event carries without pulling; a missed batch or an event without rows makes it pull', async () => {
    const { server, replica, client } = setup()
    await client.auth.login('ana', 'pw')
    client.engine.start()
    await until('live', () => client.engine.state.live && client.engine.state.phase === 'synced')
    const pulls = server.pulls
    // a batch that continues what this console holds: applied as it is
    const first = uuid7()
    const v1 = server.store(first)
    server.changedWithRows(v1 - 1)
    await until('applied', () => replica.get('case', first) !== null)
    await client.engine.idle()
    expect(server.pulls).toBe(pulls)
    expect(replica.cp).toEqual({ version: v1, id: first })
    expect(replica.records.get(`case:${first}`)?.serverVersion).toBe(v1)
    // a batch this console did not get (another instance sent it): the next one does not continue, so pull
    const missed = uuid7()
    const next = uuid7()
    server.store(missed)
    const v3 = server.store(next)
    server.changedWithRows(v3 - 1)
    await until('both pulled', () => replica.get('case', missed) !== null && replica.get('case', next) !== null)
    await client.engine.idle()
    expect(server.pulls).toBe(pulls + 1)
    expect(replica.cp).toEqual({ version: v3, id: next })
    // a batch that was already pulled changes nothing; an event with only a version (too many rows) pulls
    server.changedWithRows(v3 - 1)
    const big = uuid7()
    server.store(big)
    server.changed()
    await until('pulled', () => replica.get('case', big) !== null)
    await client.engine.idle()
    expect(server.pulls).toBe(pulls + 2)
    await client.engine.stop()
  })

  it('applies live rows while a push is in flight, except rows of a record in that push: those wait for its answer', async () => {
    const server = new FakeServer()
    const push = holdFirst(server, '/v1/push')
    const { replica, client } = setup(server)
    await client.auth.login('ana', 'pw')
    client.engine.start()
    await until('live', () => client.engine.state.live && client.engine.state.phase === 'synced')
    const mine = uuid7()
    replica.insert('case', mine, caseDoc())
    await until('the push sent', () => push.sent() === 1)
    // another agent's case arrives while the push waits: applied at once
    const other = uuid7()
    const v1 = server.store(other)
    server.changedWithRows(v1 - 1)
    await until("the other agent's case", () => replica.get('case', other) !== null)
    // a batch holding a row of the case being pushed (another agent's version of it) waits for the answer
    const theirs = uuid7()
    server.version++
    server.stored.push({ kind: 'case', id: mine, version: server.version, doc: { ...caseDoc(), notes: 'from the server', id: mine } })
    server.stored.push({ kind: 'case', id: theirs, version: server.version, doc: { ...caseDoc(), id: theirs } })
    server.changedWithRows(v1)
    await new Promise((r) => setTimeout(r, 50))
    expect(replica.get('case', theirs)).toBeNull()
    expect(replica.get('case', mine)?.notes).toBe('')
    push.release()
    await until('applied after the answer', () => replica.get('case', theirs) !== null)
    await client.engine.idle()
    expect(replica.outbox).toHaveLength(0)
    expect(replica.get('case', mine)?.notes).toBe('from the server')
    await client.engine.stop()
  })

  it('writes made while a push is in flight go together in the next push', async () => {
    const server = new FakeServer()
    const push = holdFirst(server, '/v1/push')
    const { replica, client } = setup(server)
    await client.auth.login('ana', 'pw')
    client.engine.start()
    await until('live', () => client.engine.state.live && client.engine.state.phase === 'synced')
    replica.insert('case', uuid7(), caseDoc())
    await until('the first push sent', () => push.sent() === 1)
    for (let i = 0; i < 3; i++) replica.insert('case', uuid7(), caseDoc())
    push.release()
    await until('outbox empty', () => replica.outbox.length === 0)
    expect(server.pushes.map((p) => p.length)).toEqual([1, 3])
    await client.engine.stop()
  })

  it('a refused sign-in ends the session: signed out, nothing queued is lost', async () => {
    const { server, replica, client } = setup()
    await client.auth.login('ana', 'pw')
    server.validTokens.clear()
    server.override = (_m, path) =>
      path === '/v1/auth/refresh' ? { status: 401, body: { error: 'refresh-token-reused', message: 'reused' } } : null
    replica.insert('case', uuid7(), caseDoc())
    client.engine.start()
    await until('signed out', () => client.engine.state.phase === 'signed-out')
    expect(replica.outbox).toHaveLength(1)
    expect(client.auth.signedIn).toBe(false)
    await client.engine.stop()
  })

  it("keeps the server's clock offset", async () => {
    const { server, client, offsets } = setup()
    server.serverTimeShift = 600_000
    await client.auth.login('ana', 'pw')
    expect(offsets.length).toBeGreaterThan(0)
    expect(Math.abs(client.offset() - 600_000)).toBeLessThan(1_000)
  })
})

describe('sign-in', () => {
  it('refreshes once for any number of callers at the same time (a second use would revoke the sign-in)', async () => {
    const server = new FakeServer()
    const http = new SyncHttp({ baseUrl: 'http://team.test', fetch: server.fetch })
    const vault = memoryVault()
    const auth = new AuthSession(http, vault, Date.now)
    await auth.login('ana', 'pw')
    const tokens = await Promise.all([auth.refresh(), auth.refresh(), auth.refresh()])
    expect(server.refreshes).toBe(1)
    expect(new Set(tokens).size).toBe(1)
    expect((await vault.load())?.refreshToken).toBe('rt-2')
  })

  it('uses the refresh token another window stored meanwhile, never the rotated one', async () => {
    const server = new FakeServer()
    const http = new SyncHttp({ baseUrl: 'http://team.test', fetch: server.fetch })
    const vault = memoryVault()
    const auth = new AuthSession(http, vault, Date.now)
    await auth.login('ana', 'pw')
    await vault.save({ refreshToken: 'rt-from-other-window', refreshTokenExpiresAt: Date.now() + 86_400_000, user: USER })
    await auth.refresh()
    expect(server.requests.at(-1)?.body).toEqual({ refreshToken: 'rt-from-other-window' })
  })

  it('an expired sign-in needs no network to be known', async () => {
    const server = new FakeServer()
    const http = new SyncHttp({ baseUrl: 'http://team.test', fetch: server.fetch })
    let now = Date.now()
    const auth = new AuthSession(http, memoryVault(), () => now)
    await auth.login('ana', 'pw')
    now += 31 * 86_400_000
    expect(auth.signedIn).toBe(false)
    await expect(auth.accessToken()).rejects.toMatchObject({ code: 'refresh-token-expired' })
    expect(server.refreshes).toBe(0)
  })

  it('maps answers to error codes: the server says which, no answer is "network"', async () => {
    const http = new SyncHttp({
      baseUrl: 'http://team.test',
      fetch: async (input) => {
        if (String(input).endsWith('/down')) throw new TypeError('Failed to fetch')
        if (String(input).endsWith('/proxy')) return new Response('<html>bad gateway</html>', { status: 502 })
        return new Response(JSON.stringify({ error: 'client-outdated', message: 'update', details: { minProtocol: 2 } }), { status: 426 })
      },
    })
    await expect(http.request('GET', '/down')).rejects.toMatchObject({ code: 'network' })
    await expect(http.request('GET', '/proxy')).rejects.toMatchObject({ code: 'unavailable', status: 502 })
    const e = await http.request('GET', '/v1/team').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(SyncError)
    expect(e).toMatchObject({ code: 'client-outdated', status: 426, details: { minProtocol: 2 } })
  })
})

describe('clock offset and back-off', () => {
  it('trusts the reading with the shortest round trip', () => {
    const c = new ClockOffset()
    c.add({ serverTime: 10_000, sentAt: 0, receivedAt: 2_000 }) // offset 9,000 ± 1,000
    c.add({ serverTime: 10_120, sentAt: 1_000, receivedAt: 1_040 }) // offset 9,100 ± 20
    c.add({ serverTime: 20_000, sentAt: 5_000, receivedAt: 9_000 }) // offset 13,000 ± 2,000
    expect(c.offset).toBe(9_100)
    c.add({ serverTime: 0, sentAt: 5, receivedAt: 1 }) // a clock that went backwards mid-request: ignored
    expect(c.offset).toBe(9_100)
  })

  it('doubles up to its ceiling, with jitter in the upper half', () => {
    const b = new Backoff(1_000, 8_000, () => 1)
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([1_000, 2_000, 4_000, 8_000, 8_000])
    const low = new Backoff(1_000, 8_000, () => 0)
    expect([low.next(), low.next()]).toEqual([500, 1_000])
    b.reset()
    expect(b.next()).toBe(1_000)
  })
})
