/** Bad input: oversized pushes, hostile or malformed payloads, old clients. Each answers clearly and writes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestDatabase } from '../testing/harness'
import type { Api } from './helpers'
import { caseDoc, freshDb, id7, mid, service, signedIn, users, withClient } from './helpers'

let db: TestDatabase
let url: string
let stop: () => Promise<void>
let ana: Api

beforeAll(async () => {
  db = await freshDb()
  const s = await service(db, { config: { maxPushChanges: 20, maxPushBytes: 64 * 1024 } })
  url = s.url
  stop = s.stop
  const u = await users(db, [{ username: 'ana', role: 'agent' }])
  ana = await signedIn(url, u.ana!)
})
afterAll(() => stop())

const nothingWritten = async () => {
  const n = await withClient(
    db.superUrl,
    async (c) =>
      (await c.query('SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM audit_events) + (SELECT count(*) FROM mutations) AS n'))
        .rows[0].n,
  )
  expect(Number(n)).toBe(0)
}

const insert = (doc: unknown) => ({ mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc })

describe('push limits', () => {
  it('too many changes: 413 push-too-large with the limits', async () => {
    const r = await ana.push(Array.from({ length: 21 }, () => insert(caseDoc())))
    expect(r.status).toBe(413)
    expect(r.body).toMatchObject({ error: 'push-too-large', details: { maxChanges: 20, maxBytes: 64 * 1024 } })
    await nothingWritten()
  })

  it('too many bytes: 413 push-too-large with maxChanges and maxBytes', async () => {
    const r = await ana.push([insert(caseDoc({ notes: 'x'.repeat(70 * 1024) }))])
    expect(r.status).toBe(413)
    expect(r.body).toMatchObject({ error: 'push-too-large', details: { maxChanges: 20, maxBytes: 64 * 1024 } })
    await nothingWritten()
  })
})

describe('hostile and malformed payloads: 400 invalid-request, nothing written', () => {
  const cases: [string, () => string | object][] = [
    ['deeply nested JSON', () => `{"clientId":"t","changes":[${'['.repeat(5_000)}${']'.repeat(5_000)}]}`],
    [
      'deep object inside a doc',
      () => ({ clientId: 't', changes: [insert({ ...caseDoc(), notes: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) })] }),
    ],
    [
      '__proto__ key',
      () =>
        `{"clientId":"t","changes":[{"mutationId":"${mid()}","kind":"case","id":"${id7()}","op":"insert","doc":{"__proto__":{"isAdmin":true}}}]}`,
    ],
    ['constructor.prototype keys', () => `{"clientId":"t","changes":[],"constructor":{"prototype":{"polluted":1}}}`],
    ['a huge string in a field', () => ({ clientId: 't', changes: [insert(caseDoc({ notes: 'x'.repeat(40_000) }))] })],
    ['a NUL character', () => ({ clientId: 't', changes: [insert(caseDoc({ notes: 'a\u0000b' }))] })],
    [
      'an unpaired surrogate',
      () => `{"clientId":"t","changes":[${JSON.stringify(insert(caseDoc({ notes: 'PLACEHOLDER' }))).replace('PLACEHOLDER', '\\ud800')}]}`,
    ],
    [
      'a number JSON cannot carry',
      () => `{"clientId":"t","changes":[${JSON.stringify(insert(caseDoc())).replace('"uid":"1234567"', '"uid":1e400')}]}`,
    ],
    ['wrong types', () => ({ clientId: 't', changes: [insert(caseDoc({ channels: 'sms', createdAt: 'yesterday' }))] })],
    ['an unknown field', () => ({ clientId: 't', changes: [insert(caseDoc({ isAdmin: true }))] })],
    ['a numeric id', () => ({ clientId: 't', changes: [{ ...insert(caseDoc()), id: 42 }] })],
    ['a bad uuid', () => ({ clientId: 't', changes: [{ ...insert(caseDoc()), id: 'not-a-uuid' }] })],
    ['an unknown kind', () => ({ clientId: 't', changes: [{ ...insert(caseDoc()), kind: 'user' }] })],
    ['not JSON', () => '{"clientId": "t", "changes": ['],
    ['an empty body', () => ''],
    [
      'the same mutation twice',
      () => {
        const c = insert(caseDoc())
        return { clientId: 't', changes: [c, { ...c, id: id7() }] }
      },
    ],
    [
      'one bad change among good ones',
      () => ({ clientId: 't', changes: [insert(caseDoc()), insert(caseDoc()), insert(caseDoc({ status: 'bogus' }))] }),
    ],
  ]
  it.each(cases)('%s', async (_name, make) => {
    const body = make()
    const r = await ana.req('POST', '/v1/push', body, { 'content-type': 'application/json' })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ error: 'invalid-request', message: expect.any(String) })
    await nothingWritten()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('names the failing field', async () => {
    const r = await ana.push([insert(caseDoc()), insert(caseDoc({ status: 'bogus' }))])
    expect(r.body.details.issues[0].path).toEqual(['changes', 1, 'doc', 'status'])
  })

  it('refuses bodies that are not JSON with 415', async () => {
    const r = await ana.req('POST', '/v1/push', 'clientId=t', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(r.status).toBe(415)
    expect(r.body.error).toBe('unsupported-media-type')
    await nothingWritten()
  })
})

describe('protocol version', () => {
  it('an older or missing protocol gets 426 client-outdated; a newer one is told the server is older', async () => {
    for (const h of [{ 'x-sync-protocol': '0' }, { 'x-sync-protocol': 'one' }]) {
      const r = await ana.req('POST', '/v1/push', { clientId: 't', changes: [insert(caseDoc())] }, h)
      expect(r.status).toBe(426)
      expect(r.body).toMatchObject({ error: 'client-outdated', details: { minProtocol: 1 } })
    }
    const missing = await fetch(`${url}/v1/team`, { headers: { authorization: `Bearer ${ana.token}` } })
    expect(missing.status).toBe(426)
    const newer = await ana.req('GET', '/v1/team', undefined, { 'x-sync-protocol': '2' })
    expect(newer.status).toBe(400)
    expect(newer.body.error).toBe('server-outdated')
    await nothingWritten()
  })

  it('answers a browser preflight for another origin (the console in a browser or app://console)', async () => {
    const r = await fetch(`${url}/v1/push`, {
      method: 'OPTIONS',
      headers: {
        origin: 'app://console',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-sync-protocol',
      },
    })
    expect(r.status).toBe(204)
    expect(r.headers.get('access-control-allow-origin')).toBe('*')
    expect(r.headers.get('access-control-allow-headers')).toMatch(/x-sync-protocol/)
  })

  it('health needs no protocol', async () => {
    const r = await fetch(`${url}/healthz`)
    expect(await r.json()).toMatchObject({ ok: true, database: true, live: true })
  })
})
