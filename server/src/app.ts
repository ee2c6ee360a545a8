/**
 * The sync service: a stateless HTTP API (fastify) over PostgreSQL (docs/team-sync.md). Everything an
 * instance needs is in the database (records, users, refresh tokens, the signing key) or in the settings,
 * so any number of instances can run behind a load balancer; live updates reach every instance through
 * PostgreSQL LISTEN/NOTIFY.
 */
import cors from '@fastify/cors'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { z } from 'zod'
import { PASSWORD_MAX, PASSWORD_MIN } from '../../src/domain/sync/password'
import { PROTOCOL_HEADER, parseCheckpoint } from '../../src/domain/sync/protocol'
import { ROLES, type Role } from '../../src/domain/sync/records'
import { OidcVerifier } from './auth/oidc'
import { dummyHash, generatePassword, setPasswordCost, verifyPassword } from './auth/passwords'
import { TokenService, familyOf, loadSigningKey, revokeFamily, revokeUser } from './auth/tokens'
import { createUser, findByOidc, findByUsername, findUser, listUsers, updateUser, type UserRow } from './auth/users'
import { MIN_PROTOCOL, PROTOCOL, type ServiceConfig } from './config'
import { createPool, inTransaction } from './db'
import { ApiError, invalidRequest } from './errors'
import { checkBody } from './guard'
import { migrate } from './migrate'
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, pullPage } from './sync/pull'
import { runPush, type PushHooks } from './sync/push'
import { ChangeFeed, SseConnection, changedEventData } from './sync/stream'
import { preparePush } from './sync/validate'
import pg from 'pg'

export interface ServiceOptions {
  config: ServiceConfig
  /** The service's clock (tests move it); default Date.now. */
  now?: () => number
  hooks?: PushHooks
  /** Skip migrations (they were applied by the caller). */
  skipMigrations?: boolean
  log?: (msg: string) => void
}

export interface Service {
  app: FastifyInstance
  pool: pg.Pool
  /** Listens on config.host:config.port (0: any free port); resolves to the base URL. */
  listen(): Promise<string>
  close(): Promise<void>
}

interface Authed {
  user: UserRow
  exp: number
}

const SMALL_BODY = 64 * 1024
const username = z.string().regex(/^[A-Za-z0-9._@+-]{1,100}$/, { error: 'letters, digits and . _ @ + - (1-100)' })
const password = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX)
const displayName = z.string().trim().min(1).max(100)

const loginBody = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(PASSWORD_MAX) })
const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200) })
const oidcBody = z.strictObject({ idToken: z.string().min(1).max(20_000) })
const passwordBody = z.strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: password })
const newUserBody = z.strictObject({ username, displayName: displayName.optional(), role: z.enum(ROLES), password: password.optional() })
const userPatchBody = z
  .strictObject({
    displayName: displayName.optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
    resetPassword: z.literal(true).optional(),
  })
  .refine((b) => !(b.password && b.resetPassword), { error: 'give either password or resetPassword' })
const pullQuery = z.strictObject({
  since: z.string().max(250).default('0:'),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
})
const uuidParam = z.strictObject({ id: z.uuid() })

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value)
  if (!r.success) {
    throw invalidRequest('The request is not valid.', {
      issues: r.error.issues
        .slice(0, 20)
        .map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
    })
  }
  return r.data
}

const publicUser = (u: UserRow) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role })
const adminUser = (u: UserRow) => ({
  ...publicUser(u),
  disabled: u.disabled,
  sso: u.sso,
  hasPassword: u.hasPassword,
  createdAt: u.createdAt,
})

export async function createService(opts: ServiceOptions): Promise<Service> {
  const { config } = opts
  const now = opts.now ?? Date.now
  const log = opts.log ?? ((msg: string) => console.log(`[sync] ${msg}`))
  setPasswordCost(config.passwordCostLog2)

  if (!opts.skipMigrations) {
    const owner = new pg.Client({ connectionString: config.migrateDatabaseUrl, application_name: 'vcc-sync-migrate' })
    await owner.connect()
    try {
      const r = await migrate(owner)
      if (r.applied.length > 0) log(`migrations applied: ${r.applied.join(', ')} (schema version ${r.current})`)
    } finally {
      await owner.end()
    }
  }

  const pool = createPool(config.databaseUrl, config.poolSize)
  const grants = await pool.query<{ update: boolean; delete: boolean }>(
    `SELECT has_table_privilege(current_user, 'audit_events', 'UPDATE') AS update, has_table_privilege(current_user, 'audit_events', 'DELETE') AS delete`,
  )
  if (grants.rows[0]?.update || grants.rows[0]?.delete) {
    log('warning: this database role may UPDATE or DELETE the audit trail; run the service as a separate runtime role (README, Team mode)')
  }
  const tokens = new TokenService(await loadSigningKey(pool, config.jwtSecret), config.accessTokenTtlSeconds, config.refreshTokenTtlSeconds)
  const oidc = config.oidc ? new OidcVerifier(config.oidc) : null
  const currentVersion = async () => (await pool.query<{ value: number }>('SELECT value FROM sync_counter')).rows[0]?.value ?? 0
  const feed = new ChangeFeed(config.databaseUrl, currentVersion, log, config.liveMaxRows)
  await feed.start()
  const streams = new Set<{ conn: SseConnection; userId: string; stop: (reason: string) => void }>()
  // one fan-out per batch: the rows were read once; who may still receive them is checked once (a disabled
  // account's streams end at the next change, on every instance); the event is serialised once
  feed.subscribe(async (batch) => {
    if (streams.size === 0) return
    const open = [...streams]
    let active: Set<string> | null = null
    try {
      const ids = [...new Set(open.map((s) => s.userId))]
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1::uuid[]) AND NOT disabled', [ids])
      active = new Set(rows.map((r) => r.id))
    } catch (e) {
      // the rows go to no one unchecked: every client gets the version only and pulls (pulls authenticate)
      log(`live: could not check the receivers (${e instanceof Error ? e.message : String(e)}); sending the version only`)
    }
    const data = active ? changedEventData(batch) : changedEventData({ ...batch, changes: null })
    for (const s of open) {
      if (active && !active.has(s.userId)) s.stop('account-disabled')
      else s.conn.sendRaw('changed', data)
    }
  })

  const app = Fastify({ logger: false, bodyLimit: SMALL_BODY, return503OnClosing: true, forceCloseConnections: 'idle' })

  // ---- body parsing: JSON only, checked for hostile shapes before any schema sees it ----
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    let value: unknown
    try {
      value = JSON.parse(body as string)
    } catch {
      done(invalidRequest('The body is not valid JSON.'), undefined)
      return
    }
    const problem = checkBody(value)
    if (problem) done(invalidRequest(`The body has a value this service refuses (${problem.reason}).`, { ...problem }), undefined)
    else done(null, value)
  })

  await app.register(cors, {
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins,
    methods: ['GET', 'POST', 'PATCH'],
    allowedHeaders: ['authorization', 'content-type', PROTOCOL_HEADER, 'last-event-id'],
    exposedHeaders: ['x-server-time'],
    maxAge: 600,
  })

  // ---- every response: the server's clock ----
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-server-time', String(now()))
    return payload
  })
  app.addHook('preSerialization', async (_req, _reply, payload: unknown) =>
    payload !== null && typeof payload === 'object' && !Array.isArray(payload) && !('serverTime' in payload)
      ? { ...payload, serverTime: now() }
      : payload,
  )

  // ---- the protocol version: older clients are told to update and lose nothing ----
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/v1/') || req.method === 'OPTIONS') return
    const query = req.query as Record<string, unknown> | undefined
    const raw = req.headers[PROTOCOL_HEADER] ?? (req.url.startsWith('/v1/stream') ? query?.protocol : undefined)
    const v = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN
    if (!(v >= MIN_PROTOCOL)) {
      throw new ApiError(426, 'client-outdated', 'This console is too old for the team server: update the console.', {
        minProtocol: MIN_PROTOCOL,
        protocol: PROTOCOL,
      })
    }
    if (v > PROTOCOL)
      throw new ApiError(400, 'server-outdated', 'The team server is older than this console: ask an admin to update it.', {
        protocol: PROTOCOL,
      })
  })

  if (config.logRequests) {
    app.addHook('onResponse', async (req, reply) => {
      log(`${req.method} ${req.routeOptions.url ?? '?'} ${reply.statusCode} ${reply.elapsedTime.toFixed(0)}ms`)
    })
  }

  app.setErrorHandler((err: unknown, req, reply) => {
    const e = err as { statusCode?: number; code?: string; message?: string }
    if (err instanceof ApiError) {
      return reply.status(err.status).send({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) })
    }
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      if (req.url.startsWith('/v1/push')) {
        return reply.status(413).send({
          error: 'push-too-large',
          message: `A push may hold at most ${config.maxPushChanges} changes and ${config.maxPushBytes} bytes: push fewer changes at a time.`,
          details: { maxChanges: config.maxPushChanges, maxBytes: config.maxPushBytes },
        })
      }
      return reply.status(413).send({ error: 'request-too-large', message: 'The request body is too large.' })
    }
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({ error: 'unsupported-media-type', message: 'Send JSON (Content-Type: application/json).' })
    }
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(400).send({ error: 'invalid-request', message: 'The request is not valid.' })
    }
    log(`error: ${req.method} ${req.routeOptions.url ?? '?'}: ${e.message ?? String(err)}`)
    return reply.status(500).send({ error: 'internal', message: 'The team server failed to handle this request; try again.' })
  })
  app.setNotFoundHandler((_req, reply) => reply.status(404).send({ error: 'not-found', message: 'No such endpoint.' }))

  // ---- identity: always from the token, never from the payload ----
  async function authenticate(req: FastifyRequest, allowQueryToken = false): Promise<Authed> {
    const header = req.headers.authorization
    let token: string | undefined
    if (typeof header === 'string' && header.startsWith('Bearer ')) token = header.slice(7).trim()
    else if (allowQueryToken) {
      const q = (req.query as Record<string, unknown>).accessToken
      if (typeof q === 'string') token = q
    }
    if (!token) throw new ApiError(401, 'auth-required', 'Sign in first.')
    const claims = await tokens.verifyAccess(token, now())
    const user = await findUser(pool, claims.userId)
    if (!user) throw new ApiError(401, 'invalid-token', 'The access token is not valid.')
    if (user.disabled) throw new ApiError(401, 'account-disabled', 'This account is disabled: ask an admin.')
    return { user, exp: claims.exp }
  }
  const requireRole = (a: Authed, ...roles: Role[]) => {
    if (!roles.includes(a.user.role)) throw new ApiError(403, 'forbidden', 'Your role may not do this.', { role: a.user.role })
  }

  async function issuePair(user: UserRow, familyId: string | null) {
    const t = now()
    const access = await tokens.issueAccess(user.id, user.role, t)
    const refresh = await tokens.issueRefresh(pool, user.id, familyId, t)
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      user: publicUser(user),
    }
  }

  // ---- routes ----
  app.get('/healthz', async (_req, reply) => {
    try {
      await pool.query('SELECT 1')
    } catch {
      return reply.status(503).send({ ok: false, database: false, live: feed.connected })
    }
    return { ok: true, database: true, live: feed.connected, protocol: PROTOCOL }
  })

  app.get('/v1/auth/config', async () => ({
    protocol: PROTOCOL,
    minProtocol: MIN_PROTOCOL,
    team: { name: config.teamName },
    local: true,
    oidc: config.oidc ? { issuer: config.oidc.issuer, clientId: config.oidc.clientId } : null,
  }))

  app.post('/v1/auth/login', async (req) => {
    const body = parse(loginBody, req.body)
    const user = await findByUsername(pool, body.username)
    const ok = user?.passwordHash
      ? await verifyPassword(body.password, user.passwordHash)
      : (await verifyPassword(body.password, await dummyHash()), false)
    if (!user || !ok) throw new ApiError(401, 'invalid-credentials', 'Wrong username or password.')
    if (user.disabled) throw new ApiError(401, 'account-disabled', 'This account is disabled: ask an admin.')
    return issuePair(user, null)
  })

  app.post('/v1/auth/refresh', async (req) => {
    const body = parse(refreshBody, req.body)
    const client = await pool.connect()
    try {
      const { userId, familyId } = await tokens.rotate(client, body.refreshToken)
      const user = await findUser(client, userId)
      if (!user || user.disabled) {
        await revokeFamily(client, familyId)
        throw new ApiError(401, 'account-disabled', 'This account is disabled: ask an admin.')
      }
      return issuePair(user, familyId)
    } finally {
      client.release()
    }
  })

  app.post('/v1/auth/logout', async (req) => {
    const body = parse(refreshBody, req.body)
    const family = await familyOf(pool, body.refreshToken)
    if (family) await revokeFamily(pool, family)
    return { ok: true }
  })

  app.post('/v1/auth/oidc', async (req) => {
    if (!oidc) throw new ApiError(404, 'oidc-not-configured', 'This team server has no sign-in provider configured.')
    const body = parse(oidcBody, req.body)
    const id = await oidc.verify(body.idToken, now())
    let user = await findByOidc(pool, id.issuer, id.subject)
    if (!user) {
      if (!oidc.config.autoCreate) throw new ApiError(403, 'forbidden', 'No account is linked to this sign-in: ask an admin.')
      user = await createUser(pool, {
        username: id.username,
        displayName: id.displayName,
        role: id.role ?? 'agent',
        password: null,
        oidc: { issuer: id.issuer, subject: id.subject },
      })
    } else if (id.role !== null && id.role !== user.role) {
      user = await inTransaction(pool, (c) => updateUser(c, user!.id, { role: id.role! }))
    }
    if (user.disabled) throw new ApiError(401, 'account-disabled', 'This account is disabled: ask an admin.')
    return issuePair(user, null)
  })

  app.post('/v1/auth/password', async (req) => {
    const a = await authenticate(req)
    const body = parse(passwordBody, req.body)
    const row = await findByUsername(pool, a.user.username)
    if (!row?.passwordHash || !(await verifyPassword(body.currentPassword, row.passwordHash))) {
      throw new ApiError(403, 'invalid-credentials', 'The current password is wrong.')
    }
    await inTransaction(pool, async (c) => {
      await updateUser(c, a.user.id, { password: body.newPassword })
      await revokeUser(c, a.user.id)
    })
    return issuePair(a.user, null)
  })

  app.get('/v1/team', async (req) => {
    await authenticate(req)
    const users = (await listUsers(pool)).filter((u) => !u.disabled)
    return {
      team: { name: config.teamName },
      users: users.map((u) => ({ id: u.id, displayName: u.displayName, role: u.role })),
      protocol: PROTOCOL,
    }
  })

  app.get('/v1/users', async (req) => {
    requireRole(await authenticate(req), 'admin')
    return { users: (await listUsers(pool)).map(adminUser) }
  })

  app.post('/v1/users', async (req, reply) => {
    requireRole(await authenticate(req), 'admin')
    const body = parse(newUserBody, req.body)
    const generated = body.password === undefined ? generatePassword() : null
    const user = await createUser(pool, {
      username: body.username,
      displayName: body.displayName ?? body.username,
      role: body.role,
      password: body.password ?? generated,
    })
    return reply.status(201).send({ user: adminUser(user), ...(generated ? { password: generated } : {}) })
  })

  app.patch('/v1/users/:id', async (req) => {
    requireRole(await authenticate(req), 'admin')
    const { id } = parse(uuidParam, req.params)
    const body = parse(userPatchBody, req.body)
    const generated = body.resetPassword ? generatePassword() : null
    const newPassword = body.password ?? generated ?? undefined
    // the new password and the end of every sign-in it replaces commit together: no old refresh token outlives a
    // reset (access tokens live out their short lifetime; a disabled account is refused on every request)
    const user = await inTransaction(pool, async (c) => {
      const changed = await updateUser(c, id, {
        displayName: body.displayName,
        role: body.role,
        disabled: body.disabled,
        password: newPassword,
      })
      if (newPassword !== undefined || body.disabled) await revokeUser(c, id)
      return changed
    })
    if (body.disabled) for (const st of [...streams]) if (st.userId === id) st.stop('account-disabled')
    return { user: adminUser(user), ...(generated ? { password: generated } : {}) }
  })

  app.get('/v1/pull', async (req) => {
    await authenticate(req)
    const q = parse(pullQuery, req.query)
    const since = parseCheckpoint(q.since)
    if (!since) throw invalidRequest('`since` must be a checkpoint <version>:<id>.')
    return pullPage(pool, since, q.limit, now)
  })

  app.post('/v1/push', { bodyLimit: config.maxPushBytes }, async (req) => {
    const a = await authenticate(req)
    const t = now()
    const { changes } = preparePush(
      req.body,
      { userId: a.user.id, now: t },
      { maxChanges: config.maxPushChanges, maxBytes: config.maxPushBytes },
    )
    const results = await runPush(pool, changes, { id: a.user.id, role: a.user.role }, t, opts.hooks)
    return { results }
  })

  app.get('/v1/stream', async (req, reply: FastifyReply) => {
    const a = await authenticate(req, true)
    reply.hijack()
    const res = reply.raw
    const headers: Record<string, string> = {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-server-time': String(now()),
    }
    for (const [k, v] of Object.entries(reply.getHeaders())) if (k.startsWith('access-control-') && v !== undefined) headers[k] = String(v)
    res.writeHead(200, headers)
    res.write('retry: 2000\n\n')
    const conn = new SseConnection(res)
    const heartbeat = setInterval(() => conn.send('heartbeat', { serverTime: now() }), config.heartbeatMs)
    const expiry = setTimeout(() => entry.stop('token-expired'), Math.max(0, a.exp * 1000 - now()))
    const entry = {
      conn,
      userId: a.user.id,
      stop: (reason: string) => {
        cleanup()
        conn.close(reason)
      },
    }
    const cleanup = () => {
      clearInterval(heartbeat)
      clearTimeout(expiry)
      streams.delete(entry)
    }
    // receiving before the version is read: a batch committed after that read cannot be missed (one
    // committed before it may come too; the client skips what it has)
    streams.add(entry)
    res.on('close', () => {
      conn.markClosed()
      cleanup()
    })
    try {
      conn.send('hello', { version: await currentVersion(), serverTime: now(), userId: a.user.id })
    } catch {
      entry.stop('shutdown') // the database did not answer: the client reconnects (here or elsewhere)
    }
  })

  let url = ''
  return {
    app,
    pool,
    async listen() {
      const address = await app.listen({ host: config.host, port: config.port })
      url = address.replace('[::1]', 'localhost')
      return url
    },
    async close() {
      for (const s of [...streams]) s.stop('shutdown')
      await app.close()
      await feed.stop()
      await pool.end()
    },
  }
}
