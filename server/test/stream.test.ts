/** Live updates: SSE fed by LISTEN/NOTIFY, so a push through one instance reaches clients of another. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningService, TeamUser, TestDatabase } from '../testing/harness'
import { caseDoc, freshDb, id7, mid, openStream, service, signedIn, users, withClient, type J } from './helpers'

let db: TestDatabase
let a: RunningService
let b: RunningService
let u: Record<string, TeamUser>

beforeAll(async () => {
  db = await freshDb()
  // two instances over one database, as behind a load balancer
  ;[a, b] = await Promise.all([service(db, { config: { heartbeatMs: 200 } }), service(db, { config: { heartbeatMs: 200 } })])
  u = await users(db, [
    { username: 'ana', role: 'agent' },
    { username: 'bo', role: 'agent' },
  ])
})
afterAll(async () => {
  await a.stop()
  await b.stop()
})

describe('/v1/stream', () => {
  it('a push through instance A reaches a client of instance B, with its version; heartbeats keep it alive', async () => {
    const ana = await signedIn(a.url, u.ana!)
    const bo = await signedIn(b.url, u.bo!)
    const stream = await openStream(b.url, bo.token!)
    expect(stream.status).toBe(200)
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const hello = await stream.next('hello')
    expect(hello.data).toMatchObject({ version: expect.any(Number), serverTime: expect.any(Number), userId: u.bo!.id })
    const r = await ana.push([{ mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc: caseDoc() }])
    const changed = await stream.next('changed')
    const beat = await stream.next('heartbeat')
    expect(beat.data.serverTime).toEqual(expect.any(Number))
    // the event carries the new rows, exactly as a pull from the version before returns them
    const pulled = await bo.pull(`${hello.data.version}:`)
    expect(pulled.body.changes.map((c: J) => c.version)).toEqual([r.body.results[0].version])
    expect(changed.data).toEqual({ version: r.body.results[0].version, after: hello.data.version, changes: pulled.body.changes })
    await stream.close()
  })

  it('the rows of each change go to every stream in one event (read once per instance); batches follow without gaps', async () => {
    const ana = await signedIn(a.url, u.ana!)
    const bo = await signedIn(b.url, u.bo!)
    const streams = await Promise.all([openStream(b.url, bo.token!), openStream(b.url, bo.token!), openStream(a.url, ana.token!)])
    const hellos = await Promise.all(streams.map((s) => s.next('hello')))
    // twenty pushes at once through both instances: every stream gets every row once, in batches that chain
    const boPushes = await signedIn(b.url, u.bo!)
    const ids = Array.from({ length: 20 }, () => id7())
    const results = await Promise.all(
      ids.map((id, i) => (i % 2 ? ana : boPushes).push([{ mutationId: mid(), kind: 'case', id, op: 'insert', doc: caseDoc() }])),
    )
    const last = Math.max(...results.map((r) => r.body.results[0].version as number))
    const all = await ana.pullAll()
    for (const [k, s] of streams.entries()) {
      await expect.poll(() => s.events.filter((e) => e.event === 'changed').at(-1)?.data.version, { timeout: 10_000 }).toBe(last)
      const batches = s.events.filter((e) => e.event === 'changed' && e.data.version > hellos[k]!.data.version).map((e) => e.data)
      for (let i = 1; i < batches.length; i++) expect(batches[i].after).toBe(batches[i - 1].version)
      // together they hold exactly what a pull from the first batch's start returns
      const from = batches[0].after as number
      expect(batches.flatMap((x: J) => x.changes)).toEqual(all.changes.filter((c: J) => c.version > from))
      expect(batches.flatMap((x: J) => x.changes.map((c: J) => c.id)).sort()).toEqual([...ids].sort())
    }
    // the two streams of instance B got the same events
    const changedOf = (s: (typeof streams)[number]) => s.events.filter((e) => e.event === 'changed').map((e) => e.data)
    expect(changedOf(streams[0]!)).toEqual(changedOf(streams[1]!))
    await Promise.all(streams.map((s) => s.close()))
  })

  it('a change with more rows than an event may carry sends only its version (clients pull)', async () => {
    const c = await service(db, { config: { liveMaxRows: 2 } })
    const ana = await signedIn(c.url, u.ana!)
    const stream = await openStream(c.url, ana.token!)
    await stream.next('hello')
    const changes = [0, 1, 2].map(() => ({ mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc: caseDoc() }))
    const r = await ana.push(changes)
    expect((await stream.next('changed')).data).toEqual({ version: r.body.results[0].version })
    await stream.close()
    await c.stop()
  })

  it('a disabled account gets no more changes: its streams end with bye account-disabled, on every instance', async () => {
    const more = await users(db, [
      { username: 'cy', role: 'agent' },
      { username: 'root', role: 'admin' },
    ])
    const ana = await signedIn(a.url, u.ana!)
    const cy = await signedIn(b.url, more.cy!)
    const admin = await signedIn(a.url, more.root!)
    // cy listens on both instances; the admin disables cy through instance A
    const onA = await openStream(a.url, cy.token!)
    const onB = await openStream(b.url, cy.token!)
    await Promise.all([onA.next('hello'), onB.next('hello')])
    const r = await admin.req('PATCH', `/v1/users/${more.cy!.id}`, { disabled: true })
    expect(r.status).toBe(200)
    // instance A ends cy's stream at once
    expect((await onA.next('bye')).data).toEqual({ reason: 'account-disabled' })
    // instance B learns it at the next change: cy's stream ends instead of receiving the rows
    const secret = caseDoc({ notes: 'for active accounts only' })
    await ana.push([{ mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc: secret }])
    expect((await onB.next('bye')).data).toEqual({ reason: 'account-disabled' })
    await onB.done
    expect(onB.events.filter((e) => e.event === 'changed')).toEqual([])
    expect(JSON.stringify(onB.events)).not.toContain('for active accounts only')
    // and cannot open a new one
    const again = await fetch(`${b.url}/v1/stream`, { headers: { 'x-sync-protocol': '1', authorization: `Bearer ${cy.token}` } })
    expect(again.status).toBe(401)
    expect(((await again.json()) as J).error).toBe('account-disabled')
  })

  it('takes the token from the query for EventSource, and refuses without one', async () => {
    const bo = await signedIn(b.url, u.bo!)
    const s = await openStream(b.url, bo.token!, { query: true })
    expect((await s.next('hello')).data.userId).toBe(u.bo!.id)
    await s.close()
    const res = await fetch(`${b.url}/v1/stream?protocol=1`)
    expect(res.status).toBe(401)
    expect(((await res.json()) as J).error).toBe('auth-required')
    const old = await fetch(`${b.url}/v1/stream?protocol=0&accessToken=${bo.token}`)
    expect(old.status).toBe(426)
  })

  it('catches up after the database drops the listening connection', async () => {
    const bo = await signedIn(b.url, u.bo!)
    const ana = await signedIn(a.url, u.ana!)
    const stream = await openStream(b.url, bo.token!)
    await stream.next('hello')
    await withClient(db.superUrl, (c) =>
      c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vcc-sync-listen'"),
    )
    const missed = id7()
    const r = await ana.push([{ mutationId: mid(), kind: 'case', id: missed, op: 'insert', doc: caseDoc() }])
    // either the notification or the catch-up after reconnecting brings the change, rows included
    const changed = await stream.next('changed')
    expect(changed.data.version).toBe(r.body.results[0].version)
    expect(changed.data.changes.map((c: J) => c.id)).toContain(missed)
    const later = await ana.push([{ mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc: caseDoc() }])
    await expect
      .poll(() => stream.events.filter((e) => e.event === 'changed').some((e) => e.data.version === later.body.results[0].version), {
        timeout: 10_000,
      })
      .toBe(true)
    await stream.close()
  })

  it('says bye and ends when the instance shuts down', async () => {
    const c = await service(db)
    const bo = await signedIn(c.url, u.bo!)
    const stream = await openStream(c.url, bo.token!)
    await stream.next('hello')
    await c.stop()
    expect((await stream.next('bye')).data).toEqual({ reason: 'shutdown' })
    await stream.done
    expect(stream.ended).toBe(true)
  })

  it('ends with bye token-expired when the access token expires', async () => {
    let clock = Date.now()
    const c = await service(db, { now: () => clock, config: { accessTokenTtlSeconds: 60 } })
    const bo = await signedIn(c.url, u.bo!)
    clock += 59_000 // the token has a second left
    const stream = await openStream(c.url, bo.token!)
    await stream.next('hello')
    expect((await stream.next('bye', 5_000)).data).toEqual({ reason: 'token-expired' })
    await stream.done
    await c.stop()
  })
})
