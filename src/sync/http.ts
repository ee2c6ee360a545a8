/**
 * HTTP to the team server (docs/team-sync.md, "HTTP API"): JSON bodies, the protocol header on every
 * request, the server's clock read from every response, and every failure as a `SyncError` with the
 * server's error code (or `network` when no answer came: offline, refused, aborted, blocked by the CSP).
 */
import { ERROR_CODES, PROTOCOL_HEADER, SYNC_PROTOCOL, type ErrorCode } from '@/domain/sync/protocol'

/** Error codes the server sends, plus the client's own: `network` (no answer) and `bad-response` (no sense in it). */
export type SyncErrorCode = ErrorCode | 'network' | 'bad-response'

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly status = 0,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'SyncError'
  }
}

/** Every request: never from a cache, no cookies, no redirects (a team server answers itself). */
export const FETCH_POLICY = { cache: 'no-store', credentials: 'omit', redirect: 'error' } as const

export const isSyncError = (e: unknown, ...codes: SyncErrorCode[]): e is SyncError =>
  e instanceof SyncError && (codes.length === 0 || codes.includes(e.code))

/** The session cannot continue without the agent signing in again (the outbox stays). */
export const SIGN_IN_AGAIN: readonly SyncErrorCode[] = [
  'auth-required',
  'invalid-token',
  'account-disabled',
  'invalid-refresh-token',
  'refresh-token-expired',
  'refresh-token-reused',
  'refresh-token-revoked',
]

/** Worth trying again later with back-off (the service or the way to it is down for now). */
export const TRANSIENT: readonly SyncErrorCode[] = ['network', 'bad-response', 'internal', 'unavailable']

/** One clock reading: the server's time and when the request left and its answer came, by the local clock. */
export interface ServerTimeSample {
  serverTime: number
  sentAt: number
  receivedAt: number
}

export interface HttpOptions {
  /** The team server's base URL (origin, maybe with a path prefix), without a trailing slash. */
  baseUrl: string
  fetch?: typeof fetch
  /** The local clock (uncorrected): for clock samples. */
  localNow?: () => number
  onServerTime?: (sample: ServerTimeSample) => void
  /** Give up on a request after this long (ms). */
  timeoutMs?: number
}

export interface RequestOptions {
  body?: unknown
  token?: string | null
  signal?: AbortSignal
  timeoutMs?: number
}

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES)

function codeFor(status: number, error: unknown): SyncErrorCode {
  if (typeof error === 'string' && KNOWN.has(error)) return error as SyncErrorCode
  if (status === 401) return 'auth-required'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not-found'
  if (status === 426) return 'client-outdated'
  if (status === 502 || status === 503 || status === 504) return 'unavailable'
  if (status >= 500) return 'internal'
  return 'bad-response'
}

export class SyncHttp {
  readonly baseUrl: string
  /** The fetch in use (tests pass their own). */
  readonly fetchFn: typeof fetch
  private readonly localNow: () => number
  private readonly timeoutMs: number

  constructor(private readonly opts: HttpOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '')
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.localNow = opts.localNow ?? Date.now
    this.timeoutMs = opts.timeoutMs ?? 30_000
  }

  /** The headers every request carries. */
  headers(token?: string | null, json = false): Record<string, string> {
    const h: Record<string, string> = { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL), accept: 'application/json' }
    if (token) h.authorization = `Bearer ${token}`
    if (json) h['content-type'] = 'application/json'
    return h
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`
  }

  /** Reads the server's clock from a response (header, or the JSON body's `serverTime`). */
  noteServerTime(serverTime: unknown, sentAt: number): void {
    const t = typeof serverTime === 'string' ? Number(serverTime) : serverTime
    if (typeof t === 'number' && Number.isFinite(t) && t > 0)
      this.opts.onServerTime?.({ serverTime: t, sentAt, receivedAt: this.localNow() })
  }

  async request<T>(method: 'GET' | 'POST' | 'PATCH', path: string, opts: RequestOptions = {}): Promise<T> {
    const hasBody = opts.body !== undefined
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.timeoutMs)
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
    const sentAt = this.localNow()
    let res: Response
    try {
      res = await this.fetchFn(this.url(path), {
        method,
        headers: this.headers(opts.token, hasBody),
        body: hasBody ? JSON.stringify(opts.body) : undefined,
        signal,
        ...FETCH_POLICY,
      })
    } catch (e) {
      if (opts.signal?.aborted) throw e
      throw new SyncError('network', e instanceof Error ? e.message : 'the team server did not answer')
    }
    let body: unknown
    try {
      const text = await res.text()
      body = text ? JSON.parse(text) : null
    } catch {
      // a proxy's HTML error page, a cut-off answer: the status decides
      body = null
    }
    const b = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>
    this.noteServerTime(b.serverTime ?? res.headers.get('x-server-time'), sentAt)
    if (!res.ok) {
      const details = b.details !== null && typeof b.details === 'object' ? (b.details as Record<string, unknown>) : {}
      const message = typeof b.message === 'string' ? b.message : `HTTP ${res.status}`
      throw new SyncError(codeFor(res.status, b.error), message, res.status, details)
    }
    if (body === null || typeof body !== 'object') throw new SyncError('bad-response', 'the team server sent no JSON', res.status)
    return body as T
  }
}
