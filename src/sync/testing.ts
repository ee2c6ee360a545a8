/**
 * An in-memory `LocalReplica` with the semantics docs/team-sync.md asks of src/data (outbox written with
 * each local change, pulled records overwrite local ones with pending patches re-applied on top, notices
 * for conflicts and rejections, renumbering on `case-number-taken`), for the engine's tests and for the
 * simulated agents of `npm run bench:sync`. Not used by the app.
 */
import type { PulledChange, PushResult } from '@/domain/sync/protocol'
import type { SyncKind } from '@/domain/sync/records'
import type { Checkpoint, LocalReplica, OutboxEntry, OutboxOp, ShareSummary } from './types'

export interface MemoryRecord {
  kind: SyncKind
  id: string
  doc: Record<string, unknown> | null
  serverVersion: number | null
  deleted: boolean
}

export interface Notice {
  kind: SyncKind
  id: string
  status: 'conflict' | 'rejected'
  reason?: string
  details?: Record<string, unknown>
  conflicts?: { field: string; kept: unknown; lost: unknown }[]
}

const key = (kind: SyncKind, id: string) => `${kind}:${id}`

/** A random lower-case UUID shaped like a v7 (time first), as the console makes them. */
export function uuid7(now = Date.now()): string {
  const hex = crypto.randomUUID().replaceAll('-', '')
  const t = now.toString(16).padStart(12, '0')
  const variant = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16)
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export class MemoryReplica implements LocalReplica {
  readonly records = new Map<string, MemoryRecord>()
  outbox: OutboxEntry[] = []
  notices: Notice[] = []
  cp: Checkpoint = { version: 0, id: '' }
  queueing = false
  pulledChanges = 0
  private seq = 0
  private readonly listeners = new Set<(n: number) => void>()
  /** Called after each pulled page is applied (the bench times "saved there → on this screen" with it). */
  onApplied: ((changes: PulledChange[]) => void) | null = null

  constructor(private readonly now: () => number = Date.now) {}

  get(kind: SyncKind, id: string): Record<string, unknown> | null {
    return this.records.get(key(kind, id))?.doc ?? null
  }

  all(kind: SyncKind): MemoryRecord[] {
    return [...this.records.values()].filter((r) => r.kind === kind)
  }

  private emit(): void {
    for (const l of this.listeners) l(this.outbox.length)
  }

  private queue(kind: SyncKind, id: string, op: OutboxOp): void {
    if (!this.queueing) return
    this.outbox.push({ seq: ++this.seq, mutationId: crypto.randomUUID(), kind, id, createdAt: this.now(), ...op } as OutboxEntry)
    this.emit()
  }

  // ---- local writes, as the data layer makes them ----

  insert(kind: SyncKind, id: string, doc: Record<string, unknown>): void {
    this.records.set(key(kind, id), { kind, id, doc: { ...doc, id }, serverVersion: null, deleted: false })
    this.queue(kind, id, { op: 'insert', doc: { ...doc } })
  }

  patch(kind: SyncKind, id: string, fields: Record<string, unknown>): void {
    const r = this.records.get(key(kind, id))
    if (!r?.doc) throw new Error(`no ${kind} ${id}`)
    const base: Record<string, unknown> = {}
    for (const f of Object.keys(fields)) base[f] = r.doc[f] ?? null
    r.doc = { ...r.doc, ...fields }
    this.queue(kind, id, { op: 'patch', fields, base, baseVersion: r.serverVersion })
  }

  delete(kind: SyncKind, id: string): void {
    const r = this.records.get(key(kind, id))
    if (!r) throw new Error(`no ${kind} ${id}`)
    r.doc = null
    r.deleted = true
    this.queue(kind, id, { op: 'delete', baseVersion: r.serverVersion })
  }

  command(
    id: string,
    command: 'claim' | 'release' | 'handover' | 'close',
    args: Record<string, unknown>,
    optimistic: Record<string, unknown>,
  ): void {
    const r = this.records.get(key('review', id))
    if (r?.doc) r.doc = { ...r.doc, ...optimistic }
    this.queue('review', id, { op: 'command', command, args })
  }

  // ---- LocalReplica ----

  async pendingCount(): Promise<number> {
    return this.outbox.length
  }

  onPendingChange(listener: (pending: number) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async nextBatch(max: number): Promise<OutboxEntry[]> {
    return this.outbox.slice(0, max)
  }

  async acknowledge(results: PushResult[]): Promise<void> {
    for (const res of results) {
      const i = this.outbox.findIndex((e) => e.mutationId === res.mutationId)
      if (i < 0) continue
      const [entry] = this.outbox.splice(i, 1)
      if (!entry) continue
      if (res.status === 'conflict') {
        this.notices.push({ kind: entry.kind, id: entry.id, status: 'conflict', conflicts: res.conflicts })
      } else if (res.status === 'rejected') {
        this.notices.push({ kind: entry.kind, id: entry.id, status: 'rejected', reason: res.reason, details: res.details })
        const r = this.records.get(key(entry.kind, entry.id))
        if (res.reason === 'case-number-taken' && entry.op === 'insert' && r?.doc) {
          const renumbered = { ...entry.doc, caseNumber: `${String(entry.doc.caseNumber)}-2` }
          r.doc = { ...r.doc, caseNumber: renumbered.caseNumber }
          this.outbox.push({ ...entry, seq: ++this.seq, mutationId: crypto.randomUUID(), doc: renumbered })
        } else if (entry.op === 'insert' && r && r.serverVersion === null) {
          this.records.delete(key(entry.kind, entry.id))
        }
      }
    }
    this.emit()
  }

  async applyPulled(changes: PulledChange[], checkpoint: Checkpoint): Promise<void> {
    for (const c of changes) {
      const k = key(c.kind, c.id)
      let doc = c.doc
      if (doc && !c.deleted) {
        for (const e of this.outbox) if (e.kind === c.kind && e.id === c.id && e.op === 'patch') doc = { ...doc, ...e.fields }
      }
      this.records.set(k, { kind: c.kind, id: c.id, doc: c.deleted ? null : doc, serverVersion: c.version, deleted: c.deleted })
    }
    this.pulledChanges += changes.length
    this.cp = checkpoint
    this.onApplied?.(changes)
  }

  async checkpoint(): Promise<Checkpoint> {
    return this.cp
  }

  async shareSummary(): Promise<ShareSummary> {
    const n = (kind: SyncKind) => this.all(kind).filter((r) => !r.deleted).length
    return {
      cases: n('case'),
      attempts: n('attempt'),
      replies: n('reply'),
      reviews: n('review'),
      events: n('event'),
      templates: n('template'),
      settings: n('setting'),
    }
  }

  async enqueueAll(opts: { teamSettings: boolean }): Promise<number> {
    let n = 0
    const order: SyncKind[] = ['case', 'review', 'attempt', 'reply', 'event', 'template', 'setting']
    for (const kind of order) {
      if (!opts.teamSettings && (kind === 'template' || kind === 'setting')) continue
      for (const r of this.all(kind)) {
        if (r.deleted || !r.doc || r.serverVersion !== null) continue
        const doc = { ...r.doc }
        delete doc.id
        this.outbox.push({ seq: ++this.seq, mutationId: crypto.randomUUID(), kind, id: r.id, createdAt: this.now(), op: 'insert', doc })
        n++
      }
    }
    this.emit()
    return n
  }

  setQueueing(on: boolean): void {
    this.queueing = on
  }

  async reset(): Promise<void> {
    this.outbox = []
    this.cp = { version: 0, id: '' }
    this.emit()
  }
}

/** A case document as the console pushes it (no server fields). */
export function caseDoc(over: Record<string, unknown> = {}, now = Date.now()): Record<string, unknown> {
  const n = String(Math.floor(Math.random() * 36 ** 6).toString(36)).toUpperCase()
  return {
    caseNumber: `VC-T-${n}`,
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
    createdAt: now - 60_000,
    deletedAt: null,
    ...over,
  }
}

/** A review document as the console pushes it. */
export function reviewDoc(caseId: string, over: Record<string, unknown> = {}, now = Date.now()): Record<string, unknown> {
  const t = now - 60_000
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
