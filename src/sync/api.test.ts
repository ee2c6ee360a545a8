import { describe, expect, it } from 'vitest'
import { TeamApi } from './api'
import type { AuthSession } from './auth'
import { SyncHttp } from './http'

/** The configuration request against whatever answers at an address. */
function apiAnswering(answer: () => Response | Promise<Response>): TeamApi {
  const http = new SyncHttp({ baseUrl: 'https://sync.example.com', fetch: async () => answer() })
  return new TeamApi(http, {} as AuthSession)
}
const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('TeamApi.config: is a team server answering?', () => {
  it("returns a team server's configuration", async () => {
    const cfg = { protocol: 1, minProtocol: 1, team: { name: 'Shift B' }, local: true, oidc: null }
    await expect(apiAnswering(() => json(200, cfg)).config()).resolves.toEqual(cfg)
  })

  it('reads a web site that is not a team server as "did not answer like a team server", whatever its status', async () => {
    for (const answer of [
      () => new Response('<!doctype html><title>Not found</title>', { status: 404 }),
      () => json(404, { message: 'no route' }),
      () => json(401, { error: 'login required' }),
      () => json(403, {}),
      () => json(200, { status: 'ok' }),
      () => json(200, { protocol: 1, minProtocol: 1, team: null, local: true, oidc: null }),
      () => new Response('<html>welcome</html>', { status: 200 }),
    ])
      await expect(apiAnswering(answer).config()).rejects.toMatchObject({ code: 'bad-response' })
  })

  it('keeps what a team server (or its proxy) means: down for a moment, outdated, no answer', async () => {
    await expect(apiAnswering(() => new Response('', { status: 503 })).config()).rejects.toMatchObject({ code: 'unavailable' })
    await expect(apiAnswering(() => json(426, { error: 'client-outdated' })).config()).rejects.toMatchObject({ code: 'client-outdated' })
    await expect(
      apiAnswering(() => {
        throw new TypeError('Failed to fetch')
      }).config(),
    ).rejects.toMatchObject({ code: 'network' })
  })
})
