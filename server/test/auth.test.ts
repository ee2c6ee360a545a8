/** Sign-in: local accounts, access token expiry, refresh rotation and reuse, admin endpoints, OIDC. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TeamUser, TestDatabase } from '../testing/harness'
import { Api, freshDb, service, signedIn, users, type J } from './helpers'

let db: TestDatabase
let url: string
let stop: () => Promise<void>
let u: Record<string, TeamUser>
let clock = Date.now()
/** What the service logged (it must never hold a password). */
const logged: string[] = []

// the provider: a key pair and a JWKS this test serves itself
let jwksServer: Server
let issuer: string
let privateKey: CryptoKey
let otherKey: CryptoKey

beforeAll(async () => {
  const kp = await generateKeyPair('RS256')
  privateKey = kp.privateKey
  otherKey = (await generateKeyPair('RS256')).privateKey
  const jwk = { ...(await exportJWK(kp.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
  jwksServer = createServer((req, res) => {
    res.setHeader('content-type', 'application/json')
    if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }))
    else if (req.url === '/jwks') res.end(JSON.stringify({ keys: [jwk] }))
    else res.writeHead(404).end('{}')
  })
  await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r))
  issuer = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`

  db = await freshDb()
  const s = await service(db, {
    now: () => clock,
    log: (line) => logged.push(line),
    config: {
      logRequests: true,
      oidc: { issuer, audience: 'vcc-console', jwksUrl: null, clientId: 'vcc-console', roleClaim: 'groups', autoCreate: true },
    },
  })
  url = s.url
  stop = s.stop
  u = await users(db, [
    { username: 'admin', role: 'admin', password: 'admin-password-1' },
    { username: 'ana', role: 'agent', password: 'ana-password-12' },
  ])
})
afterAll(async () => {
  await stop()
  jwksServer.close()
})

describe('local accounts', () => {
  it('a wrong password or unknown user gets one clear error', async () => {
    for (const [name, pw] of [
      ['ana', 'wrong-password'],
      ['nobody', 'whatever-password'],
      ['ANA', 'nope-nope-nope'],
    ]) {
      const r = await new Api(url).login(name!, pw!)
      expect(r.status).toBe(401)
      expect(r.body).toMatchObject({ error: 'invalid-credentials', message: 'Wrong username or password.' })
    }
    const ok = await new Api(url).login('ANA', 'ana-password-12') // usernames are case-insensitive
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({
      user: { id: u.ana!.id, role: 'agent' },
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    })
  })

  it('an expired access token gets 401 token-expired; refreshing gives a working pair', async () => {
    const api = await signedIn(url, u.ana!)
    expect((await api.req('GET', '/v1/team')).status).toBe(200)
    clock += 16 * 60_000
    try {
      const r = await api.req('GET', '/v1/team')
      expect(r.status).toBe(401)
      expect(r.body.error).toBe('token-expired')
      const refreshed = await api.req('POST', '/v1/auth/refresh', { refreshToken: api.refreshToken })
      expect(refreshed.status).toBe(200)
      api.token = refreshed.body.accessToken
      expect((await api.req('GET', '/v1/team')).status).toBe(200)
    } finally {
      clock -= 16 * 60_000
    }
    const forged = await api.req('GET', '/v1/team', undefined, { authorization: 'Bearer abc.def.ghi' })
    expect(forged.body.error).toBe('invalid-token')
    const none = await new Api(url).req('GET', '/v1/team')
    expect(none.body.error).toBe('auth-required')
  })

  it('refresh tokens rotate; presenting a rotated one revokes the whole family', async () => {
    const api = await signedIn(url, u.ana!)
    const first = api.refreshToken
    const r1 = await api.req('POST', '/v1/auth/refresh', { refreshToken: first })
    expect(r1.status).toBe(200)
    const second = r1.body.refreshToken
    expect(second).not.toBe(first)
    const reuse = await api.req('POST', '/v1/auth/refresh', { refreshToken: first })
    expect(reuse.status).toBe(401)
    expect(reuse.body.error).toBe('refresh-token-reused')
    const after = await api.req('POST', '/v1/auth/refresh', { refreshToken: second })
    expect(after.body.error).toBe('refresh-token-revoked')
    expect((await api.req('POST', '/v1/auth/refresh', { refreshToken: 'made-up' })).body.error).toBe('invalid-refresh-token')
  })

  it('logout ends the sign-in', async () => {
    const api = await signedIn(url, u.ana!)
    expect((await api.req('POST', '/v1/auth/logout', { refreshToken: api.refreshToken })).status).toBe(200)
    expect((await api.req('POST', '/v1/auth/refresh', { refreshToken: api.refreshToken })).body.error).toBe('refresh-token-revoked')
  })

  it('a user changes their own password', async () => {
    const created = await users(db, [{ username: 'cy', role: 'agent', password: 'cy-password-123' }])
    const api = await signedIn(url, created.cy!)
    expect(
      (await api.req('POST', '/v1/auth/password', { currentPassword: 'bad-password', newPassword: 'cy-password-456' })).body.error,
    ).toBe('invalid-credentials')
    expect((await api.req('POST', '/v1/auth/password', { currentPassword: 'cy-password-123', newPassword: 'short' })).status).toBe(400)
    expect(
      (await api.req('POST', '/v1/auth/password', { currentPassword: 'cy-password-123', newPassword: 'cy-password-456' })).status,
    ).toBe(200)
    expect((await new Api(url).login('cy', 'cy-password-123')).status).toBe(401)
    expect((await new Api(url).login('cy', 'cy-password-456')).status).toBe(200)
  })
})

describe('admin endpoints', () => {
  it('only admins manage users: add, change role, reset password, disable', async () => {
    const ana = await signedIn(url, u.ana!)
    expect((await ana.req('POST', '/v1/users', { username: 'x', role: 'agent' })).status).toBe(403)
    expect((await ana.req('GET', '/v1/users')).body.error).toBe('forbidden')

    const admin = await signedIn(url, u.admin!)
    const add = await admin.req('POST', '/v1/users', { username: 'dee', displayName: 'Dee', role: 'agent' })
    expect(add.status).toBe(201)
    expect(add.body).toMatchObject({ user: { username: 'dee', role: 'agent', disabled: false }, password: expect.any(String) })
    const dee = { ...add.body.user, password: add.body.password }
    expect((await admin.req('POST', '/v1/users', { username: 'DEE', role: 'agent' })).body.error).toBe('username-taken')

    const deeApi = await signedIn(url, dee)
    const promoted = await admin.req('PATCH', `/v1/users/${dee.id}`, { role: 'lead' })
    expect(promoted.body.user.role).toBe('lead')
    // the role is read from the database on every request, so it applies at once
    const lead = await deeApi.push([
      {
        mutationId: crypto.randomUUID(),
        kind: 'setting',
        id: 'slaSettings',
        op: 'insert',
        doc: { value: { expectedDays: 3, dueDays: 7, atRiskLeadDays: 1 } },
      },
    ])
    expect(lead.body.results[0].status).toBe('applied')

    const reset = await admin.req('PATCH', `/v1/users/${dee.id}`, { resetPassword: true })
    expect(reset.body.password).toEqual(expect.any(String))
    expect((await new Api(url).login('dee', dee.password)).status).toBe(401)
    expect((await deeApi.req('POST', '/v1/auth/refresh', { refreshToken: deeApi.refreshToken })).body.error).toBe('refresh-token-revoked')
    const again = await new Api(url).login('dee', reset.body.password)
    expect(again.status).toBe(200)

    const disabled = await admin.req('PATCH', `/v1/users/${dee.id}`, { disabled: true })
    expect(disabled.body.user.disabled).toBe(true)
    const login = await new Api(url).login('dee', reset.body.password)
    expect(login.body.error).toBe('account-disabled')
    const stillHolding = new Api(url)
    stillHolding.token = again.body.accessToken
    expect((await stillHolding.req('GET', '/v1/pull')).body.error).toBe('account-disabled')

    const list = await admin.req('GET', '/v1/users')
    expect(list.body.users.map((x: J) => x.username)).toEqual(expect.arrayContaining(['admin', 'ana', 'dee']))
    const team = await admin.req('GET', '/v1/team')
    expect(team.body.users.map((x: J) => x.displayName)).not.toContain('Dee')
    expect(team.body).toMatchObject({ team: { name: expect.any(String) }, protocol: 1 })
  })

  it('an admin sets a new password: every sign-in of that user ends, the new password works, the old does not; only an admin may; a bad body is refused in words and writes nothing', async () => {
    const [eve, lou] = Object.values(
      await users(db, [
        { username: 'eve', role: 'agent', password: 'eve-password-01' },
        { username: 'lou', role: 'lead', password: 'lou-password-01' },
      ]),
    ) as [TeamUser, TeamUser]
    const laptop = await signedIn(url, eve)
    const phone = await signedIn(url, eve)
    const admin = await signedIn(url, u.admin!)
    const resetTo = (api: Api, body: unknown) => api.req('PATCH', `/v1/users/${eve.id}`, body)
    /** eve's state is untouched: the old password signs in, the phone's refresh token still rotates. */
    const untouched = async (): Promise<void> => {
      expect((await new Api(url).login('eve', 'eve-password-01')).status).toBe(200)
      const r = await phone.req('POST', '/v1/auth/refresh', { refreshToken: phone.refreshToken })
      expect(r.status).toBe(200)
      phone.refreshToken = r.body.refreshToken
    }

    // a lead, an agent and eve herself may not
    for (const api of [await signedIn(url, lou), await signedIn(url, u.ana!), laptop]) {
      const r = await resetTo(api, { password: 'by-someone-else-1' })
      expect(r.status).toBe(403)
      expect(r.body).toMatchObject({ error: 'forbidden', message: 'Your role may not do this.' })
    }
    await untouched()

    // bad bodies: one clear error naming the field, nothing written
    const bad: [unknown, string][] = [
      [{ password: 'short' }, 'password'],
      [{ password: 'x'.repeat(201) }, 'password'],
      [{ password: 12_345_678_901 }, 'password'],
      [{ password: 'a-long-new-password', extra: true }, ''],
      [{ password: 'a-long-new-password', resetPassword: true }, ''],
    ]
    for (const [body, field] of bad) {
      const r = await resetTo(admin, body)
      expect(r.status).toBe(400)
      expect(r.body).toMatchObject({ error: 'invalid-request', message: 'The request is not valid.' })
      if (field) expect(r.body.details.issues[0].path).toEqual([field])
    }
    expect((await admin.req('PATCH', '/v1/users/not-a-uuid', { password: 'a-long-new-password' })).status).toBe(400)
    await untouched()

    // the reset: the answer holds the account, not the password the admin chose
    const reset = await resetTo(admin, { password: 'eve-new-password-1' })
    expect(reset.status).toBe(200)
    expect(reset.body.user).toMatchObject({ id: eve.id, username: 'eve', hasPassword: true, disabled: false })
    expect(reset.body).not.toHaveProperty('password')
    for (const device of [laptop, phone]) {
      const r = await device.req('POST', '/v1/auth/refresh', { refreshToken: device.refreshToken })
      expect(r.status).toBe(401)
      expect(r.body.error).toBe('refresh-token-revoked')
    }
    // an access token already handed out lives out its short lifetime, then the laptop must sign in again
    expect((await laptop.req('GET', '/v1/team')).status).toBe(200)
    clock += 16 * 60_000
    try {
      expect((await laptop.req('GET', '/v1/team')).body.error).toBe('token-expired')
    } finally {
      clock -= 16 * 60_000
    }
    expect((await new Api(url).login('eve', 'eve-password-01')).body.error).toBe('invalid-credentials')
    const again = await new Api(url).login('eve', 'eve-new-password-1')
    expect(again.status).toBe(200)
    expect(again.body.user).toMatchObject({ id: eve.id, role: 'agent' })

    // the service logged the requests, never a password
    expect(logged.some((line) => line.startsWith('PATCH /v1/users/:id 200'))).toBe(true)
    for (const secret of ['eve-password-01', 'eve-new-password-1', 'by-someone-else-1', 'a-long-new-password'])
      expect(logged.join('\n')).not.toContain(secret)
  })

  it('keeps at least one active admin', async () => {
    const admin = await signedIn(url, u.admin!)
    const r = await admin.req('PATCH', `/v1/users/${u.admin!.id}`, { role: 'agent' })
    expect(r.status).toBe(409)
    expect(r.body.error).toBe('last-admin')
    expect((await admin.req('PATCH', `/v1/users/${u.admin!.id}`, { disabled: true })).body.error).toBe('last-admin')
    expect((await admin.req('PATCH', '/v1/users/00000000-0000-4000-8000-000000000000', { role: 'agent' })).status).toBe(404)
  })
})

describe('OIDC', () => {
  const mint = (claims: Record<string, unknown>, opts: { key?: CryptoKey; aud?: string; exp?: number } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(opts.aud ?? 'vcc-console')
      .setIssuedAt(Math.floor(clock / 1000))
      .setExpirationTime(opts.exp ?? Math.floor(clock / 1000) + 300)
      .sign(opts.key ?? privateKey)

  it('advertises the provider', async () => {
    const r = await new Api(url).req('GET', '/v1/auth/config')
    expect(r.body.oidc).toEqual({ issuer, clientId: 'vcc-console' })
  })

  it('signs in with a provider token, creating the account once, role from the claim', async () => {
    const token = await mint({ sub: 'emp-001', preferred_username: 'mei', name: 'Mei Lin', groups: ['support', 'lead'] })
    const r = await new Api(url).req('POST', '/v1/auth/oidc', { idToken: token })
    expect(r.status).toBe(200)
    expect(r.body.user).toMatchObject({ username: 'mei', displayName: 'Mei Lin', role: 'lead' })
    const api = new Api(url)
    api.token = r.body.accessToken
    expect((await api.req('GET', '/v1/team')).status).toBe(200)
    const again = await new Api(url).req('POST', '/v1/auth/oidc', { idToken: await mint({ sub: 'emp-001', groups: ['support'] }) })
    expect(again.body.user).toMatchObject({ id: r.body.user.id, role: 'agent' })
  })

  it('refuses a token for another audience, signed by another key, expired, or not a JWT', async () => {
    const bad = [
      [await mint({ sub: 'x' }, { aud: 'someone-else' }), 'invalid-id-token'],
      [await mint({ sub: 'x' }, { key: otherKey }), 'invalid-id-token'],
      [await mint({ sub: 'x' }, { exp: Math.floor(clock / 1000) - 600 }), 'token-expired'],
      ['not-a-token', 'invalid-id-token'],
    ] as const
    for (const [idToken, error] of bad) {
      const r = await new Api(url).req('POST', '/v1/auth/oidc', { idToken })
      expect(r.status).toBe(401)
      expect(r.body.error).toBe(error)
    }
  })
})
