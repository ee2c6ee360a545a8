/** Helpers for the service tests: a database per test file, a service on it, and a small API client. */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { Role } from '../../src/domain/sync/records'
import {
  clusterFromEnv,
  createDatabase,
  createUsers,
  startSyncService,
  type RunningService,
  type TeamUser,
  type TestDatabase,
} from '../testing/harness'
import type { ServiceConfig } from '../src/config'
import type { PushHooks } from '../src/sync/push'

/** A JSON response body, loosely typed: the tests assert on its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type J = any

export const PROTOCOL_HEADERS = { 'x-sync-protocol': '1' }

export async function freshDb(migrateTo?: number | 'all'): Promise<TestDatabase> {
  return createDatabase(clusterFromEnv(), { migrateTo })
}

export async function service(
  db: TestDatabase,
  opts: { config?: Partial<ServiceConfig>; now?: () => number; hooks?: PushHooks; log?: (line: string) => void } = {},
): Promise<RunningService> {
  return startSyncService(db, opts)
}

export async function users(
  db: TestDatabase,
  list: { username: string; role: Role; password?: string }[],
): Promise<Record<string, TeamUser>> {
  return createUsers(db.appUrl, list)
}

export interface Res<T = J> {
  status: number
  body: T
  headers: Headers
}

export class Api {
  token: string | null = null
  refreshToken: string | null = null
  constructor(readonly base: string) {}

  async req<T = J>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...PROTOCOL_HEADERS, ...headers }
    if (this.token && !('authorization' in h)) h.authorization = `Bearer ${this.token}`
    let payload: string | undefined
    if (body !== undefined) {
      h['content-type'] ??= 'application/json'
      payload = typeof body === 'string' ? body : JSON.stringify(body)
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
  }

  async login(username: string, password: string): Promise<Res> {
    const r = await this.req('POST', '/v1/auth/login', { username, password })
    if (r.status === 200) {
      this.token = r.body.accessToken
      this.refreshToken = r.body.refreshToken
    }
    return r
  }

  push(changes: unknown[]) {
    return this.req('POST', '/v1/push', { clientId: 'test', changes })
  }

  pull(since = '0:', limit?: number) {
    return this.req('GET', `/v1/pull?since=${encodeURIComponent(since)}${limit ? `&limit=${limit}` : ''}`)
  }

  /** Pulls every page from `since`. */
  async pullAll(since = '0:'): Promise<{ changes: J[]; checkpoint: string }> {
    const changes: J[] = []
    let cp = since
    for (;;) {
      const r = await this.pull(cp)
      if (r.status !== 200) throw new Error(`pull ${r.status} ${JSON.stringify(r.body)}`)
      changes.push(...r.body.changes)
      cp = r.body.checkpoint
      if (!r.body.hasMore) return { changes, checkpoint: cp }
    }
  }
}

export async function signedIn(url: string, u: TeamUser): Promise<Api> {
  const api = new Api(url)
  const r = await api.login(u.username, u.password)
  if (r.status !== 200) throw new Error(`login ${u.username}: ${r.status}`)
  return api
}

export const mid = () => randomUUID()

/** Push changes, as the console builds them. */
export const ins = (kind: string, id: string, doc: Record<string, unknown>) => ({ mutationId: mid(), kind, id, op: 'insert', doc })
export const patch = (kind: string, id: string, fields: Record<string, unknown>, base: Record<string, unknown>, baseVersion?: number) => ({
  mutationId: mid(),
  kind,
  id,
  op: 'patch',
  fields,
  base,
  ...(baseVersion === undefined ? {} : { baseVersion }),
})

/** A UUIDv7-shaped id (time-ordered) like the console makes. */
export function id7(): string {
  const h = randomUUID().replaceAll('-', '')
  const t = Date.now().toString(16).padStart(12, '0')
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

let caseSeq = 0
export function caseDoc(over: Record<string, unknown> = {}): Record<string, unknown> {
  caseSeq++
  const n = String(caseSeq).padStart(4, '0')
  return {
    caseNumber: `VC-20261124-${n.replace(/[ILOU]/g, '0')}`,
    uid: '1234567',
    phoneE164: '+8613800138000',
    phoneRev: '0008310083168',
    email: null,
    emailLower: null,
    channels: ['sms'],
    operation: 'login',
    symptom: 'not-received',
    phoneOs: 'android',
    blockingApp: null,
    carrier: 'china-mobile',
    emailProvider: null,
    boundMethods: ['sms'],
    unavailableMethods: [],
    language: 'zh-CN',
    notes: '',
    status: 'open',
    resolvedBy: null,
    createdAt: Date.now() - 60_000,
    deletedAt: null,
    ...over,
  }
}

export function reviewDoc(caseId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const t = Date.now() - 60_000
  return {
    caseId,
    state: 'open',
    registeredContact: '+8613800138000',
    uid: '1234567',
    description: 'lost phone',
    methodsTried: ['sms-blocking'],
    identityRequested: false,
    identityReceived: false,
    reference: 'BO-1',
    submittedAt: t,
    pauses: [],
    outcome: null,
    closedAt: null,
    alerted: { atRisk: null, overdue: null },
    createdAt: t,
    ...over,
  }
}

export function eventDoc(caseId: string | null, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { at: Date.now() - 1000, entity: 'case', entityId: caseId ?? 'x', caseId, action: 'updated', changes: [], note: '', ...over }
}

/** A plain client on a database URL (to look at rows, or act as a role). */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

export interface SseEvent {
  event: string
  data: J
}

/** An SSE client over fetch (headers allowed): collects events; `next(name)` waits for the next one of that name. */
export async function openStream(base: string, token: string, opts: { query?: boolean } = {}) {
  const ctrl = new AbortController()
  const path = opts.query ? `/v1/stream?protocol=1&accessToken=${encodeURIComponent(token)}` : '/v1/stream'
  const res = await fetch(base + path, {
    headers: opts.query ? {} : { ...PROTOCOL_HEADERS, authorization: `Bearer ${token}` },
    signal: ctrl.signal,
  })
  const events: SseEvent[] = []
  const waiters: { name: string; from: number; resolve: (e: SseEvent) => void }[] = []
  let ended = false
  let consumed = 0
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  const pump = (async () => {
    let buf = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buf += decoder.decode(value, { stream: true })
        let i: number
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i)
          buf = buf.slice(i + 2)
          const ev = /^event: (.*)$/m.exec(frame)?.[1]
          const data = /^data: (.*)$/m.exec(frame)?.[1]
          if (!ev) continue
          const e = { event: ev, data: data ? JSON.parse(data) : null }
          events.push(e)
          for (const w of [...waiters])
            if (w.name === e.event && events.length - 1 >= w.from) {
              waiters.splice(waiters.indexOf(w), 1)
              w.resolve(e)
            }
        }
      }
    } catch {
      // aborted
    } finally {
      ended = true
    }
  })()
  return {
    status: res.status,
    headers: res.headers,
    events,
    get ended() {
      return ended
    },
    /** The next event named `name` after those already returned by next(). */
    next(name: string, timeoutMs = 10_000): Promise<SseEvent> {
      const idx = events.findIndex((e, k) => k >= consumed && e.event === name)
      if (idx >= 0) {
        consumed = idx + 1
        return Promise.resolve(events[idx]!)
      }
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${name} event within ${timeoutMs} ms`)), timeoutMs)
        waiters.push({
          name,
          from: events.length,
          resolve: (e) => {
            clearTimeout(t)
            consumed = events.length
            resolve(e)
          },
        })
      })
    },
    async close() {
      ctrl.abort()
      await pump
    },
    done: pump,
  }
}
