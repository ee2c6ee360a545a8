/**
 * Live updates (docs/team-sync.md, "Live updates"): server-sent events read over fetch, so the access token
 * travels in the Authorization header (never in a URL that proxies log). One call is one connection's
 * lifetime; the engine reconnects with back-off and pulls on every (re)connect (catch-up).
 */
import { createParser } from 'eventsource-parser'
import { SYNC_KINDS } from '@/domain/sync/fields'
import type { PulledChange } from '@/domain/sync/protocol'
import { FETCH_POLICY, SyncError, type SyncHttp } from './http'

export type StreamEvent =
  | { event: 'hello'; version: number; serverTime: number; userId: string }
  /** `changes`: every change with `after` < version ≤ `version`, when the server sent them (else pull). */
  | { event: 'changed'; version: number; live?: { after: number; changes: PulledChange[] } }
  | { event: 'heartbeat'; serverTime: number }

/** Why a connection ended: the server said goodbye (`shutdown`, `token-expired`), it ended, went silent, or failed. */
export type StreamEnd = { reason: 'shutdown' | 'token-expired' | 'ended' | 'stale' | 'aborted' } | { reason: 'error'; error: SyncError }

export interface StreamOptions {
  token: string
  onEvent(e: StreamEvent): void
  signal?: AbortSignal
  /** No bytes for this long (the server sends a heartbeat every 15 s) means the connection is dead. */
  staleMs?: number
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN)

const isChange = (c: unknown): c is PulledChange => {
  if (c === null || typeof c !== 'object') return false
  const r = c as Record<string, unknown>
  return (
    (SYNC_KINDS as readonly unknown[]).includes(r.kind) &&
    typeof r.id === 'string' &&
    Number.isSafeInteger(r.version) &&
    typeof r.deleted === 'boolean' &&
    (r.doc === null || (typeof r.doc === 'object' && !Array.isArray(r.doc)))
  )
}

/** The rows of a `changed` event, when it carries a well-formed run of them (else the engine pulls). */
function liveRows(data: Record<string, unknown>, version: number): { after: number; changes: PulledChange[] } | undefined {
  const after = num(data.after)
  const changes = data.changes
  if (!Number.isSafeInteger(after) || after >= version || !Array.isArray(changes) || !changes.every(isChange)) return undefined
  if (changes.some((c) => c.version <= after || c.version > version)) return undefined
  return { after, changes }
}

/** A disabled account's stream ends with `bye account-disabled`: an error that signs the agent out. */
const byeEnd = (bye: 'shutdown' | 'token-expired' | 'account-disabled' | null): StreamEnd =>
  bye === 'account-disabled'
    ? { reason: 'error', error: new SyncError('account-disabled', 'This account is disabled: ask an admin.', 401) }
    : { reason: bye ?? 'ended' }

export async function runStream(http: SyncHttp, opts: StreamOptions): Promise<StreamEnd> {
  const ctrl = new AbortController()
  const staleMs = opts.staleMs ?? 45_000
  let stale = false
  let watchdog: ReturnType<typeof setTimeout> | undefined
  const feed = () => {
    clearTimeout(watchdog)
    watchdog = setTimeout(() => {
      stale = true
      ctrl.abort()
    }, staleMs)
  }
  const onAbort = () => ctrl.abort()
  // stopped while the token was fetched: the signal is aborted already and its 'abort' event will not fire
  // again, so the connection would stay open until the server closed it
  if (opts.signal?.aborted) return { reason: 'aborted' }
  opts.signal?.addEventListener('abort', onAbort)
  let bye: 'shutdown' | 'token-expired' | 'account-disabled' | null = null
  try {
    feed()
    const sentAt = Date.now()
    let res: Response
    try {
      res = await http.fetchFn(http.url('/v1/stream'), {
        headers: { ...http.headers(opts.token), accept: 'text/event-stream' },
        signal: ctrl.signal,
        ...FETCH_POLICY,
      })
    } catch (e) {
      if (opts.signal?.aborted) return { reason: 'aborted' }
      if (stale) return { reason: 'stale' }
      return { reason: 'error', error: new SyncError('network', e instanceof Error ? e.message : 'no answer') }
    }
    http.noteServerTime(res.headers.get('x-server-time'), sentAt)
    if (!res.ok || !res.body) {
      let body: Record<string, unknown> = {}
      try {
        body = (await res.json()) as Record<string, unknown>
      } catch {
        // not JSON: the status decides
      }
      const code = typeof body.error === 'string' ? body.error : res.status === 401 ? 'auth-required' : 'bad-response'
      const details = (body.details ?? {}) as Record<string, unknown>
      return {
        reason: 'error',
        error: new SyncError(code as SyncError['code'], String(body.message ?? `HTTP ${res.status}`), res.status, details),
      }
    }
    const parser = createParser({
      onEvent(msg) {
        let data: Record<string, unknown>
        try {
          data = JSON.parse(msg.data) as Record<string, unknown>
        } catch {
          return
        }
        if (msg.event === 'hello') {
          const version = num(data.version)
          const serverTime = num(data.serverTime)
          if (Number.isFinite(version)) opts.onEvent({ event: 'hello', version, serverTime, userId: String(data.userId ?? '') })
        } else if (msg.event === 'changed') {
          const version = num(data.version)
          if (Number.isFinite(version)) opts.onEvent({ event: 'changed', version, live: liveRows(data, version) })
        } else if (msg.event === 'heartbeat') {
          opts.onEvent({ event: 'heartbeat', serverTime: num(data.serverTime) })
        } else if (msg.event === 'bye') {
          bye = data.reason === 'token-expired' ? 'token-expired' : data.reason === 'account-disabled' ? 'account-disabled' : 'shutdown'
        }
      },
    })
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        feed()
        parser.feed(value)
      }
    } catch {
      if (opts.signal?.aborted) return { reason: 'aborted' }
      if (stale) return { reason: 'stale' }
      if (bye) return byeEnd(bye)
      return { reason: 'error', error: new SyncError('network', 'the live connection broke') }
    } finally {
      reader.releaseLock()
    }
    return byeEnd(bye)
  } finally {
    clearTimeout(watchdog)
    opts.signal?.removeEventListener('abort', onAbort)
    ctrl.abort()
  }
}
