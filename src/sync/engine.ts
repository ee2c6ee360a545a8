/**
 * The sync engine (docs/team-sync.md, "Client"): pushes the outbox in batches within the server's limits,
 * pulls pages from the checkpoint, listens to the live stream and pulls when something changed, and keeps
 * going through every fault without losing a queued change:
 * - offline (no network, or the server does not answer): changes queue; retries with back-off, at once
 *   when the machine comes back online;
 * - an expired access token is refreshed (single-flight); a sign-in that ended (expired, revoked, account
 *   disabled) stops the engine as "signed out", the outbox kept; signing in again resumes;
 * - an outdated console (`client-outdated`) stops as "update the console", the outbox kept;
 * - a push over the limit is split; a change the server refuses as malformed is set aside (acknowledged
 *   as rejected, so the data layer undoes it and tells the agent) and the rest goes on;
 * - pushes are idempotent (each change carries its mutation id), so a retry after a lost answer is safe;
 * - a local write is pushed at once when nothing is in flight; writes made while a round runs go together
 *   in the next one (batching only under bursts);
 * - a `changed` event that carries the new rows (every change since the version it names as `after`) is
 *   applied without a pull when it continues what this console holds; a gap, an event without rows, a
 *   reconnect or the agent's "Sync now" pull from the checkpoint.
 * It touches local data only through `LocalReplica` and reports its state to one listener (the sync store).
 */
import { formatCheckpoint, parseCheckpoint, type PulledChange, type PushChange, type PushResult } from '@/domain/sync/protocol'
import { prepareChange, type Issue } from '@/domain/sync/prepare'
import type { TeamApi } from './api'
import { Backoff } from './backoff'
import { SIGN_IN_AGAIN, SyncError, isSyncError, type SyncErrorCode } from './http'
import type { NetworkMonitor } from './network'
import { runStream, type StreamEnd, type StreamEvent } from './stream'
import type { Checkpoint, LocalReplica, OutboxEntry } from './types'

export type SyncPhase =
  /** not started (solo, or before the first start) */
  | 'stopped'
  | 'syncing'
  /** the last round went through; the outbox may have grown since (see `pending`) */
  | 'synced'
  | 'offline'
  | 'signed-out'
  /** the server needs a newer console: syncing stopped, the outbox is kept */
  | 'outdated'
  /** the server is older than this console */
  | 'server-outdated'
  /** something else failed; retrying with back-off */
  | 'error'

export interface SyncStatus {
  phase: SyncPhase
  /** Changes waiting in the outbox. */
  pending: number
  /** The live connection is open. */
  live: boolean
  /** Server time of the last round that went through. */
  lastSyncAt: number | null
  /** While pulling many changes (a first sync): how far. */
  progress: { done: number; total: number } | null
  error: { code: SyncErrorCode; message: string } | null
  /** When the next try is due (after a failure). */
  retryAt: number | null
  /** Changes set aside this session because the server refused them as malformed. */
  setAside: number
  /** Field conflicts reported by pushes this session. */
  conflicts: number
}

export interface EngineOptions {
  /** Changes per push (the server's limit is 500 unless configured lower; a 413 lowers it). */
  maxChanges?: number
  /** Bytes per push (the server's limit is 8 MiB). */
  maxBytes?: number
  /** Changes per pull page (1-5,000). */
  pullLimit?: number
  /** Wait this long after a local write before pushing when no round is running (0: the next task, so
   *  writes of one tick go together). Writes made while a round runs join the next round anyway. */
  pushDelayMs?: number
  staleMs?: number
  backoff?: () => Backoff
}

export interface EngineDeps {
  replica: LocalReplica
  api: TeamApi
  /** This installation (for the server's logs). */
  clientId: string
  /** Server-corrected clock. */
  now: () => number
  network: NetworkMonitor
  log?: (msg: string) => void
  onStatus?: (status: SyncStatus) => void
  options?: EngineOptions
}

const DEFAULTS = { maxChanges: 500, maxBytes: 7 * 1024 * 1024, pullLimit: 2_000, firstPullLimit: 5_000, pushDelayMs: 0, staleMs: 45_000 }
const STOPPING: readonly SyncErrorCode[] = ['client-outdated', 'server-outdated', ...SIGN_IN_AGAIN]

/** Rows of live events held for the next round at most; more (a long first sync): drop them and pull. */
const MAX_LIVE_ROWS = 5_000

const enc = new TextEncoder()
const sizeOf = (c: PushChange): number => enc.encode(JSON.stringify(c)).length + 1

/** The wire form of an outbox entry. */
export function toPushChange(e: OutboxEntry): PushChange {
  const head = { mutationId: e.mutationId, kind: e.kind, id: e.id }
  switch (e.op) {
    case 'insert':
      return { ...head, op: 'insert', doc: e.doc }
    case 'patch':
      return { ...head, op: 'patch', fields: e.fields, base: e.base, baseVersion: e.baseVersion }
    case 'delete':
      return { ...head, op: 'delete', baseVersion: e.baseVersion }
    case 'command':
      return { ...head, kind: 'review', op: 'command', command: e.command, args: e.args }
  }
}

const setAsideResult = (e: OutboxEntry, details: Record<string, unknown>): PushResult => ({
  mutationId: e.mutationId,
  status: 'rejected',
  reason: 'invalid-doc',
  details,
})

/** The status of an engine that has not started (or was stopped). */
export const STOPPED_STATUS: Readonly<SyncStatus> = Object.freeze({
  phase: 'stopped',
  pending: 0,
  live: false,
  lastSyncAt: null,
  progress: null,
  error: null,
  retryAt: null,
  setAside: 0,
  conflicts: 0,
})

export class SyncEngine {
  private status: SyncStatus = { ...STOPPED_STATUS }
  private started = false
  /** Stopped by the server's answer (signed out, outdated) until `resume()`. */
  private halted = false
  private wanted = false
  private running: Promise<void> | null = null
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private pushTimer: ReturnType<typeof setTimeout> | undefined
  private abort = new AbortController()
  private streaming: Promise<void> | null = null
  /** Ends the live connection in use (going offline ends it at once instead of waiting for it to go stale). */
  private streamAbort: AbortController | null = null
  /** Every change up to this server version is applied here (-1: not known yet). */
  private knownVersion = -1
  /** The newest server version heard of (a `changed` event, a push's result). */
  private targetVersion = -1
  /** The next round pulls from the checkpoint even when the live rows seem to cover everything. */
  private needPull = true
  /** Rows from `changed` events, in arrival order, applied by the next round. */
  private live: { after: number; version: number; changes: PulledChange[] }[] = []
  private liveRows = 0
  /** Pulls and live applies take turns (both move the checkpoint); a push in flight does not hold them up. */
  private pullLock: Promise<void> = Promise.resolve()
  /** `kind:id` of the records in the push in flight: live rows touching them wait for its answer, so a
   *  refused change is undone before the server's newer value of that record is applied, not after. */
  private readonly inFlight = new Set<string>()
  private readonly backoff: Backoff
  private readonly streamBackoff: Backoff
  private readonly opts: typeof DEFAULTS
  private maxChanges: number
  private maxBytes: number
  private unsubscribe: (() => void)[] = []

  constructor(private readonly deps: EngineDeps) {
    this.opts = { ...DEFAULTS, ...deps.options }
    this.maxChanges = this.opts.maxChanges
    this.maxBytes = this.opts.maxBytes
    this.backoff = deps.options?.backoff?.() ?? new Backoff()
    this.streamBackoff = deps.options?.backoff?.() ?? new Backoff(500, 30_000)
  }

  get state(): Readonly<SyncStatus> {
    return this.status
  }

  private set(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch }
    this.deps.onStatus?.(this.status)
  }

  private log(msg: string): void {
    this.deps.log?.(msg)
  }

  /** Starts syncing (team mode, signed in): one round now, then live. */
  start(): void {
    if (this.started) return
    this.started = true
    this.halted = false
    this.abort = new AbortController()
    this.backoff.reset()
    this.streamBackoff.reset()
    this.maxChanges = this.opts.maxChanges
    this.maxBytes = this.opts.maxBytes
    // what this console holds is found out again by the first round's pull (the replica may have been reset)
    this.knownVersion = -1
    this.targetVersion = -1
    this.live = []
    this.liveRows = 0
    this.unsubscribe = [
      this.deps.replica.onPendingChange((n) => {
        const grew = n > this.status.pending
        this.set({ pending: n })
        if (grew) this.schedulePush()
      }),
      this.deps.network.subscribe((online) => {
        if (online) this.syncNow()
        else {
          this.streamAbort?.abort()
          if (!this.halted) this.set({ phase: 'offline', live: false })
        }
      }),
    ]
    void this.deps.replica.pendingCount().then((n) => this.set({ pending: n }))
    this.syncNow()
  }

  /** Stops everything (sign-out, leaving the team, the app closing); waits for the round in flight. */
  async stop(): Promise<void> {
    this.started = false
    this.wanted = false
    clearTimeout(this.retryTimer)
    clearTimeout(this.pushTimer)
    this.abort.abort()
    for (const u of this.unsubscribe) u()
    this.unsubscribe = []
    await Promise.allSettled([this.running, this.streaming, this.pullLock])
    this.set({ phase: 'stopped', live: false, progress: null, retryAt: null })
  }

  /** Goes on after a halt (the agent signed in again). */
  resume(): void {
    this.halted = false
    this.backoff.reset()
    this.syncNow()
  }

  /** A round with a pull from the checkpoint as soon as possible (on start, reconnect, back online, a
   *  retry, the agent's request). */
  syncNow(): void {
    this.needPull = true
    this.requestRound()
  }

  /** A round as soon as possible; it pulls only when what it knows of is not here yet. */
  private requestRound(): void {
    if (!this.started || this.halted) return
    clearTimeout(this.retryTimer)
    this.wanted = true
    this.running ??= this.loop().finally(() => {
      this.running = null
    })
  }

  /** Waits until no round is running or wanted (tests, and "Sync now" in the UI). */
  async idle(): Promise<void> {
    while (this.running) await this.running
    await this.pullLock
  }

  private withPullLock(fn: () => Promise<void>): Promise<void> {
    const run = this.pullLock.then(fn)
    this.pullLock = run.catch(() => undefined)
    return run
  }

  private schedulePush(): void {
    if (!this.started) return
    clearTimeout(this.pushTimer)
    // a round in flight: the write joins the next round, which starts when this one ends
    if (this.running) this.requestRound()
    else this.pushTimer = setTimeout(() => this.requestRound(), this.opts.pushDelayMs)
  }

  private async loop(): Promise<void> {
    while (this.wanted && this.started && !this.halted) {
      this.wanted = false
      await this.round()
    }
  }

  private async round(): Promise<void> {
    if (!this.deps.network.online()) {
      this.set({ phase: 'offline', live: false })
      return
    }
    if (!this.deps.api.auth.signedIn) {
      this.halted = true
      this.set({ phase: 'signed-out', live: false })
      return
    }
    this.set({ phase: 'syncing', retryAt: null })
    try {
      await this.pushAll()
      await this.pullAll()
      this.backoff.reset()
      const pending = await this.deps.replica.pendingCount()
      // the machine went offline while this round's requests were answered: it stays "offline" (the
      // offline event already said so; "synced" would hide it until the next write)
      const online = this.deps.network.online()
      this.set({
        phase: online ? 'synced' : 'offline',
        error: null,
        lastSyncAt: this.deps.now(),
        progress: null,
        pending,
        ...(online ? {} : { live: false }),
      })
      if (online) this.ensureStream()
    } catch (e) {
      this.failed(e)
    }
  }

  private failed(e: unknown): void {
    if (this.abort.signal.aborted || !this.started) return
    const err = e instanceof SyncError ? e : new SyncError('bad-response', e instanceof Error ? e.message : String(e))
    this.set({ progress: null, error: { code: err.code, message: err.message } })
    if (STOPPING.includes(err.code)) {
      this.halt(err.code)
      return
    }
    const delay = this.backoff.next()
    this.log(`sync: ${err.code} (${err.message}); next try in ${Math.round(delay / 1000)} s`)
    this.set({
      phase: err.code === 'network' ? 'offline' : 'error',
      live: this.status.live && err.code !== 'network',
      retryAt: this.deps.now() + delay,
    })
    clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => this.syncNow(), delay)
  }

  /** Stops trying until something changes (sign-in, a newer console): the outbox stays. */
  private halt(code: SyncErrorCode): void {
    const phase: SyncPhase = code === 'client-outdated' ? 'outdated' : code === 'server-outdated' ? 'server-outdated' : 'signed-out'
    this.log(`sync: stopped (${code})`)
    this.halted = true
    this.wanted = false
    clearTimeout(this.retryTimer)
    if (phase === 'signed-out') void this.deps.api.auth.forget()
    this.abort.abort()
    this.abort = new AbortController()
    this.set({ phase, live: false, retryAt: null })
  }

  // ---- push ----

  private async pushAll(): Promise<void> {
    let lastHead: number | null = null
    let conflicts = 0
    for (;;) {
      const batch = await this.deps.replica.nextBatch(this.maxChanges)
      if (batch.length === 0) break
      if (batch[0]!.seq === lastHead) throw new SyncError('bad-response', 'the outbox did not move after a push')
      lastHead = batch[0]!.seq
      const { send, aside } = this.pack(batch)
      if (aside.length > 0) {
        await this.deps.replica.acknowledge(aside)
        this.set({ setAside: this.status.setAside + aside.length })
        if (send.length === 0) continue
      }
      let results: PushResult[]
      for (const e of send) this.inFlight.add(`${e.kind}:${e.id}`)
      try {
        try {
          results = (await this.deps.api.push(this.deps.clientId, send.map(toPushChange), this.abort.signal)).results
        } catch (e) {
          if (await this.recoverPush(e, send)) continue
          throw e
        }
        await this.deps.replica.acknowledge(results)
      } finally {
        this.inFlight.clear()
        if (this.live.length > 0) this.applyLiveNow()
      }
      for (const r of results) if (r.status !== 'rejected' && r.version > this.targetVersion) this.targetVersion = r.version
      conflicts += results.filter((r) => r.status === 'conflict').length
      this.set({ pending: await this.deps.replica.pendingCount() })
    }
    if (conflicts > 0) this.set({ conflicts: this.status.conflicts + conflicts })
  }

  /** Which entries go in this push: those that pass the shared checks, up to the size limit. */
  private pack(batch: OutboxEntry[]): { send: OutboxEntry[]; aside: PushResult[] } {
    const send: OutboxEntry[] = []
    const aside: PushResult[] = []
    const user = this.deps.api.auth.user
    const stamp = { userId: user?.id ?? '00000000-0000-4000-8000-000000000000', now: this.deps.now() }
    let bytes = 64
    for (const e of batch) {
      const change = toPushChange(e)
      const issues: Issue[] = []
      prepareChange(change, stamp, [], issues)
      if (issues.length > 0) {
        this.log(`sync: a ${e.kind} change was set aside (${issues.length} problems, first at ${issues[0]!.path.join('.')})`)
        aside.push(setAsideResult(e, { issues: issues.slice(0, 20) }))
        continue
      }
      const size = sizeOf(change)
      if (size + 64 > this.maxBytes) {
        aside.push(setAsideResult(e, { tooLarge: true, maxBytes: this.maxBytes }))
        continue
      }
      if (bytes + size > this.maxBytes && send.length > 0) break
      bytes += size
      send.push(e)
    }
    return { send, aside }
  }

  /** Handles a refused push that can go on: split when too large, set aside the changes named malformed. */
  private async recoverPush(e: unknown, sent: OutboxEntry[]): Promise<boolean> {
    if (isSyncError(e, 'push-too-large', 'request-too-large')) {
      const maxChanges = Number(e.details.maxChanges)
      const maxBytes = Number(e.details.maxBytes)
      if (sent.length === 1) {
        await this.deps.replica.acknowledge([setAsideResult(sent[0]!, { tooLarge: true })])
        this.set({ setAside: this.status.setAside + 1 })
        return true
      }
      this.maxChanges = Math.max(1, Math.min(Number.isFinite(maxChanges) ? maxChanges : Infinity, Math.ceil(sent.length / 2)))
      if (Number.isFinite(maxBytes) && maxBytes > 0) this.maxBytes = Math.min(this.maxBytes, Math.floor(maxBytes * 0.9))
      this.log(`sync: push too large; now at most ${this.maxChanges} changes`)
      return true
    }
    if (isSyncError(e, 'invalid-request')) {
      const issues = Array.isArray(e.details.issues) ? (e.details.issues as Issue[]) : []
      const named = new Map<number, Issue[]>()
      for (const i of issues) {
        const idx = Array.isArray(i.path) && i.path[0] === 'changes' && typeof i.path[1] === 'number' ? i.path[1] : null
        if (idx !== null && sent[idx]) named.set(idx, [...(named.get(idx) ?? []), { path: i.path.slice(2), message: String(i.message) }])
      }
      if (named.size === 0) return false
      await this.deps.replica.acknowledge([...named].map(([idx, list]) => setAsideResult(sent[idx]!, { issues: list })))
      this.log(`sync: the server refused ${named.size} change(s) as malformed; set aside`)
      this.set({ setAside: this.status.setAside + named.size })
      return true
    }
    return false
  }

  // ---- pull ----

  private pullAll(): Promise<void> {
    return this.withPullLock(() => this.pullLocked())
  }

  private async pullLocked(): Promise<void> {
    await this.applyLive()
    // what this console pushed comes back in a `changed` event while the live connection is open (a
    // connection opened later says hello with a version at least as new, and a hello that is news pulls)
    if (!this.needPull && (this.knownVersion >= this.targetVersion || this.status.live)) return
    this.needPull = false
    await this.pullPages()
    await this.applyLive()
  }

  /** Applies the held live rows that continue from `knownVersion`, in one go; a gap asks for a pull. A
   *  batch touching a record of the push in flight waits (with every later one) for the push's answer. */
  private async applyLive(): Promise<void> {
    const rows: PulledChange[] = []
    let version = this.knownVersion
    while (this.live.length > 0) {
      const batch = this.live[0]!
      if (batch.version <= version) {
        this.live.shift()
        continue
      }
      if (batch.after > version) {
        this.needPull = true // missed a batch (another instance, a reconnect): pull, then go on from there
        break
      }
      if (this.inFlight.size > 0 && batch.changes.some((c) => this.inFlight.has(`${c.kind}:${c.id}`))) break
      this.live.shift()
      const from = version
      for (const c of batch.changes) if (c.version > from) rows.push(c)
      version = batch.version
    }
    this.liveRows = this.live.reduce((n, b) => n + b.changes.length, 0)
    if (version === this.knownVersion) return
    const last = rows[rows.length - 1]
    if (last) await this.deps.replica.applyPulled(rows, { version: last.version, id: last.id })
    this.knownVersion = version
  }

  private async pullPages(): Promise<void> {
    let cp: Checkpoint = await this.deps.replica.checkpoint()
    const first = cp.version === 0
    const limit = first ? this.opts.firstPullLimit : this.opts.pullLimit
    let done = 0
    for (;;) {
      const page = await this.deps.api.pull(formatCheckpoint(cp.version, cp.id), limit, this.abort.signal)
      const next = parseCheckpoint(page.checkpoint)
      if (!next) throw new SyncError('bad-response', 'the server sent a checkpoint this console cannot read')
      await this.deps.replica.applyPulled(page.changes, next)
      cp = next
      done += page.changes.length
      if (page.hasMore) this.set({ progress: { done, total: done + page.remaining } })
      else break
    }
    this.knownVersion = Math.max(this.knownVersion, cp.version)
  }

  // ---- live ----

  private ensureStream(): void {
    if (this.streaming || !this.started) return
    this.streaming = this.streamLoop().finally(() => {
      this.streaming = null
    })
  }

  private onStreamEvent = (e: StreamEvent): void => {
    if (e.event === 'hello') {
      this.streamBackoff.reset()
      this.set({ live: true })
      // catch-up: whatever changed while the connection was down
      if (e.version > this.knownVersion) this.syncNow()
    } else if (e.event === 'changed') {
      if (e.version <= this.knownVersion) return
      this.targetVersion = Math.max(this.targetVersion, e.version)
      if (!e.live) {
        this.syncNow()
        return
      }
      this.live.push({ after: e.live.after, version: e.version, changes: e.live.changes })
      this.liveRows += e.live.changes.length
      if (this.liveRows > MAX_LIVE_ROWS) {
        this.live = []
        this.liveRows = 0
        this.syncNow()
        return
      }
      this.applyLiveNow()
    }
  }

  /** Applies the held live rows now, even while a push is in flight; a gap or a failure asks for a pull. */
  private applyLiveNow(): void {
    if (!this.started || this.halted) return
    this.withPullLock(() => this.applyLive()).then(
      () => {
        if (this.needPull) this.requestRound()
      },
      (e: unknown) => {
        this.log(`sync: live changes not applied (${e instanceof Error ? e.message : String(e)}); pulling instead`)
        this.live = []
        this.liveRows = 0
        this.syncNow()
      },
    )
  }

  private async streamLoop(): Promise<void> {
    const signal = this.abort.signal
    const running = () => this.started && !this.halted && !signal.aborted && this.deps.api.auth.signedIn && this.deps.network.online()
    while (running()) {
      const conn = new AbortController()
      this.streamAbort = conn
      const stop = () => conn.abort()
      signal.addEventListener('abort', stop, { once: true })
      let end: StreamEnd
      try {
        const token = await this.deps.api.auth.accessToken()
        end = await runStream(this.deps.api.http, { token, onEvent: this.onStreamEvent, signal: conn.signal, staleMs: this.opts.staleMs })
      } catch (e) {
        end = { reason: 'error', error: e instanceof SyncError ? e : new SyncError('network', String(e)) }
      } finally {
        signal.removeEventListener('abort', stop)
        this.streamAbort = null
      }
      if (this.status.live) this.set({ live: false })
      if (end.reason === 'aborted' || !running()) return
      if (end.reason === 'error' && isSyncError(end.error, ...STOPPING)) {
        this.failed(end.error)
        return
      }
      if (end.reason === 'token-expired' || (end.reason === 'error' && isSyncError(end.error, 'token-expired', 'invalid-token'))) {
        try {
          await this.deps.api.auth.refresh()
          continue
        } catch (e) {
          if (isSyncError(e, ...STOPPING)) {
            this.failed(e)
            return
          }
        }
      }
      const delay = end.reason === 'shutdown' ? 250 + Math.random() * 750 : this.streamBackoff.next()
      this.log(`sync: live connection ${end.reason === 'error' ? end.error.code : end.reason}; reconnecting in ${Math.round(delay)} ms`)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay)
        signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true })
      })
    }
  }
}
