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
    expect(changed.data).toEqual({ version: r.body.results[0].version })
    const beat = await stream.next('heartbeat')
    expect(beat.data.serverTime).toEqual(expect.any(Number))
    // on `changed`, the client pulls from its checkpoint and gets the case
    const pulled = await bo.pull(`${hello.data.version}:`)
    expect(pulled.body.changes.map((c: J) => c.version)).toEqual([r.body.results[0].version])
    await stream.close()
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
    const r = await ana.push([{ mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc: caseDoc() }])
    // either the notification or the catch-up after reconnecting brings a version at least as new
    const changed = await stream.next('changed')
    expect(changed.data.version).toBeGreaterThanOrEqual(r.body.results[0].version - 1)
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
