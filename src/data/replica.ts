/**
 * `LocalReplica` (src/sync/types.ts): what the sync engine may do to local data (docs/team-sync.md, "The seam
 * between src/data and src/sync"). Local numeric ids stay; the wire id of a case, attempt, reply, review or
 * event is its `syncId`, and references are translated at this seam through indexes (`syncId` unique index,
 * primary keys), never table scans. A record pulled before it is known locally (a case pulled after its
 * checklist records, say) gets a local id at once: the id is reserved (`syncReserved`) and used when the
 * record arrives.
 *
 * Writes queue their outbox entries in their own transaction (src/data/syncOutbox.ts); the replica's own
 * writes (pulled records, undoing a refusal) are not queued.
 *
 * A pulled record holding a verification code, authenticator key or ID number (written by a client without
 * the secret guard, or straight into the server) is stored with those secrets replaced by the guard's removal
 * note and a 'redacted' sync notice naming the fields: never refused, as refusing would stop every later pull
 * at that record (src/data/secretGuard.ts would refuse it in the same transaction).
 */
import Dexie, { liveQuery, type Table, type Transaction } from 'dexie'
import { v7 as uuidv7 } from 'uuid'
import { redactDeep, secretsIn, storedTextField } from '@/domain/guard/storedText'
import type { Language } from '@/domain/model'
import { deepEqual } from '@/domain/sync/merge'
import { TEAM_SETTING_KEYS } from '@/domain/sync/records'
import type { Checkpoint, FieldConflict, LocalReplica, OutboxEntry, PulledChange, PushResult, ShareSummary, SyncKind } from '@/sync/types'
import { refreshAttemptSummaries } from './attemptSummaries'
import type { ConsoleDb } from './db'
import { guarded } from './errors'
import { appendEvent } from './events'
import {
  ENTITY_TABLE,
  SYNC_ID_KINDS,
  TABLE_OF_KIND,
  outboxEntriesFor,
  resumeQueueing,
  withoutQueueing,
  type RowReader,
  type StoredOutboxEntry,
  type SyncNotice,
} from './syncOutbox'

type Row = Record<string, unknown>

const CHECKPOINT_KEY = 'checkpoint'
const START: Checkpoint = { version: 0, id: '' }
/** Pulled records are applied in this order, so a batch's cases are known before their records. */
const APPLY_ORDER: Readonly<Record<SyncKind, number>> = { case: 0, review: 1, attempt: 2, reply: 3, event: 4, template: 5, setting: 6 }

export interface ReplicaOptions {
  /** The clock (server-corrected in team mode). */
  now: () => number
  /** A fresh case number (renumbering after `case-number-taken`, or a pulled case that holds a local number). */
  nextCaseNumber: () => string
  /** Who is signed in (the agent field of audit events the replica writes). */
  agent: () => string
  /** The language of the removal note put in place of a secret in a pulled record (default English). */
  language?: () => Language
}

const syncTables = (db: ConsoleDb): Table[] => [
  db.cases,
  db.attempts,
  db.replies,
  db.reviews,
  db.events,
  db.templates,
  db.templateVersions,
  db.settings,
  db.outbox,
  db.syncState,
  db.syncNotices,
  db.syncReserved,
]

const idbTrans = (tx: Transaction): object => (tx as unknown as { idbtrans: object }).idbtrans

export class DexieReplica implements LocalReplica {
  constructor(
    private readonly db: ConsoleDb,
    private readonly opts: ReplicaOptions,
  ) {}

  setQueueing(on: boolean): void {
    this.db.syncQueueing = on
  }

  pendingCount(): Promise<number> {
    return guarded(() => this.db.outbox.count())
  }

  onPendingChange(listener: (pending: number) => void): () => void {
    const sub = liveQuery(() => this.db.outbox.count()).subscribe({ next: listener, error: () => undefined })
    return () => sub.unsubscribe()
  }

  nextBatch(max: number): Promise<OutboxEntry[]> {
    return guarded(async () => (await this.db.outbox.orderBy('seq').limit(max).toArray()) as OutboxEntry[])
  }

  checkpoint(): Promise<Checkpoint> {
    return guarded(async () => {
      const v = (await this.db.syncState.get(CHECKPOINT_KEY))?.value as Checkpoint | undefined
      return v && typeof v.version === 'number' && typeof v.id === 'string' ? { version: v.version, id: v.id } : { ...START }
    })
  }

  reset(): Promise<void> {
    return guarded(() =>
      this.db.transaction('rw', this.db.outbox, this.db.syncState, this.db.syncReserved, async () => {
        await this.db.outbox.clear()
        await this.db.syncState.delete(CHECKPOINT_KEY)
        await this.db.syncReserved.clear()
      }),
    )
  }

  shareSummary(): Promise<ShareSummary> {
    const db = this.db
    return guarded(() =>
      db.transaction('r', [db.cases, db.attempts, db.replies, db.reviews, db.events, db.templates, db.settings], async () => {
        const [cases, attempts, replies, reviews, events, templates, settings] = await Promise.all([
          db.cases.count(),
          db.attempts.count(),
          db.replies.count(),
          db.reviews.count(),
          db.events.count(),
          db.templates.count(),
          db.settings
            .where('key')
            .anyOf([...TEAM_SETTING_KEYS])
            .count(),
        ])
        return { cases, attempts, replies, reviews, events, templates, settings }
      }),
    )
  }

  /** Queues every existing record once as an insert, in order: cases, then what refers to them. */
  enqueueAll(opts: { teamSettings: boolean }): Promise<number> {
    const db = this.db
    const kinds: SyncKind[] = [
      'case',
      'review',
      'attempt',
      'reply',
      'event',
      ...(opts.teamSettings ? (['template', 'setting'] as const) : []),
    ]
    return guarded(() =>
      db.transaction('rw', syncTables(db), async (tx) => {
        withoutQueueing(idbTrans(tx))
        const read = this.reader()
        const queued = new Set((await db.outbox.toArray()).filter((e) => e.op === 'insert').map((e) => `${e.kind}:${e.id}`))
        let count = 0
        for (const kind of kinds) {
          const table = db.table(TABLE_OF_KIND[kind])
          const rows = (
            kind === 'setting'
              ? await table
                  .where('key')
                  .anyOf([...TEAM_SETTING_KEYS])
                  .toArray()
              : await table.toArray()
          ) as Row[]
          const entries: StoredOutboxEntry[] = []
          for (const row of rows) {
            if (kind === 'event' && row.action === 'purged') continue
            for (const e of await outboxEntriesFor(kind, undefined, row, read, this.opts.now())) {
              if (!queued.has(`${e.kind}:${e.id}`)) entries.push(e)
            }
          }
          if (entries.length > 0) await db.outbox.bulkAdd(entries as OutboxEntry[])
          count += entries.length
        }
        return count
      }),
    )
  }

  acknowledge(results: PushResult[]): Promise<void> {
    const db = this.db
    return guarded(() =>
      db.transaction('rw', syncTables(db), async (tx) => {
        withoutQueueing(idbTrans(tx))
        const renumbered = new Set<string>()
        for (const r of results) {
          const entry = (await db.outbox.where('mutationId').equals(r.mutationId).first()) as OutboxEntry | undefined
          if (!entry) continue
          await db.outbox.delete(entry.seq)
          if (r.status === 'applied') continue
          const caseId = await this.caseIdOf(entry)
          if (r.status === 'conflict') {
            await this.keepTheirs(entry, r.conflicts)
            await this.notice({
              caseId,
              kind: entry.kind,
              recordId: entry.id,
              type: 'conflict',
              reason: null,
              conflicts: r.conflicts,
              details: null,
            })
            continue
          }
          if (r.reason === 'case-number-taken' && entry.op === 'insert' && entry.kind === 'case') {
            await this.renumber(tx, entry, caseId)
            renumbered.add(entry.id)
            continue
          }
          await this.undo(entry)
          await this.notice({
            caseId,
            kind: entry.kind,
            recordId: entry.id,
            type: 'rejected',
            reason: r.reason,
            conflicts: [],
            details: { op: entry.op, ...(r.details ?? {}) },
          })
        }
      }),
    )
  }

  applyPulled(changes: PulledChange[], checkpoint: Checkpoint): Promise<void> {
    const db = this.db
    const ordered = changes.map((c, i) => ({ c, i })).sort((a, b) => APPLY_ORDER[a.c.kind] - APPLY_ORDER[b.c.kind] || a.i - b.i)
    return guarded(() =>
      db.transaction('rw', syncTables(db), async (tx) => {
        withoutQueueing(idbTrans(tx))
        const touched = new Set<number>()
        for (const { c } of ordered) {
          const caseId = await this.applyOne(tx, c)
          if (caseId !== undefined) touched.add(caseId)
        }
        // pulled cases arrive without their local checklist summary, pulled records change it
        await refreshAttemptSummaries(db, touched)
        await db.syncState.put({ key: CHECKPOINT_KEY, value: { version: checkpoint.version, id: checkpoint.id } })
      }),
    )
  }

  noticesForCase(caseId: number): Promise<SyncNotice[]> {
    return noticesForCase(this.db, caseId)
  }

  dismissNotice(id: number): Promise<void> {
    return dismissNotice(this.db, id)
  }

  // -------------------------------------------------------------------------------------------------------
  // inside a transaction

  private reader(): RowReader {
    return async (table, key) => (await this.db.table(table).get(key)) as Row | undefined
  }

  private async notice(n: Omit<SyncNotice, 'id' | 'at'>): Promise<void> {
    await this.db.syncNotices.add({ ...n, at: this.opts.now() })
  }

  /** The local id of a record by its wire id (a syncId), or undefined. */
  private async localIdOf(table: string, syncId: string): Promise<number | undefined> {
    const keys = (await this.db.table(table).where('syncId').equals(syncId).primaryKeys()) as number[]
    if (keys[0] !== undefined) return keys[0]
    const reserved = await this.db.syncReserved.get(syncId)
    return reserved?.localId
  }

  /** The local id for a wire id, reserving one (a key the table's counter will never hand out again) if unknown. */
  private async localIdFor(table: string, syncId: string): Promise<number> {
    const known = await this.localIdOf(table, syncId)
    if (known !== undefined) return known
    const t = this.db.table(table)
    const key = (await t.add({})) as number
    await t.delete(key)
    await this.db.syncReserved.put({ syncId, table: table as never, localId: key })
    return key
  }

  private async caseIdOf(entry: OutboxEntry): Promise<number | null> {
    if (entry.kind === 'case') return (await this.localIdOf('cases', entry.id)) ?? null
    if (!SYNC_ID_KINDS.includes(entry.kind)) return null
    const local = await this.localIdOf(TABLE_OF_KIND[entry.kind], entry.id)
    const row = local === undefined ? undefined : ((await this.db.table(TABLE_OF_KIND[entry.kind]).get(local)) as Row | undefined)
    return typeof row?.caseId === 'number' ? row.caseId : null
  }

  /** A wire document (or patch fields) as local fields: references to local ids. */
  private async toLocal(kind: SyncKind, doc: Row): Promise<Row> {
    const out: Row = { ...doc }
    delete out.id
    if ('caseId' in doc && kind !== 'case') out.caseId = typeof doc.caseId === 'string' ? await this.localIdFor('cases', doc.caseId) : null
    if (kind === 'reply' && 'reviewId' in doc)
      out.reviewId = typeof doc.reviewId === 'string' ? await this.localIdFor('reviews', doc.reviewId) : null
    if (kind === 'event' && typeof doc.entityId === 'string') {
      const table = ENTITY_TABLE[String(doc.entity)]
      if (table && /^[0-9a-f-]{36}$/.test(doc.entityId)) out.entityId = String(await this.localIdFor(table, doc.entityId))
    }
    return out
  }

  /** Applies one pulled change; returns the local id of the case whose checklist summary it may change. */
  private async applyOne(tx: Transaction, c: PulledChange): Promise<number | undefined> {
    const db = this.db
    const tableName = TABLE_OF_KIND[c.kind]
    const table = db.table(tableName)
    const pending = (await db.outbox.where('[kind+id]').equals([c.kind, c.id]).toArray()) as OutboxEntry[]
    if (c.kind === 'template' || c.kind === 'setting') {
      const key = c.id
      if (c.deleted || !c.doc) {
        await table.delete(key)
        return
      }
      if (c.kind === 'setting') {
        let value = c.doc.value
        for (const e of pending) if (e.op === 'patch' && 'value' in e.fields) value = e.fields.value
        await table.put(await this.withoutSecrets(tableName, c, { key, value }, null))
        return
      }
      const before = (await table.get(key)) as Row | undefined
      let next: Row = { ...c.doc, id: key, serverVersion: c.version }
      for (const e of pending) if (e.op === 'patch') Object.assign(next, e.fields)
      next = await this.withoutSecrets(tableName, c, next, null)
      await table.put(next)
      if (before?.version !== next.version && typeof next.version === 'number') {
        const snapshot: Row = { ...next }
        for (const f of ['updatedAt', 'updatedBy', 'serverVersion']) delete snapshot[f]
        await db.templateVersions
          .add({
            templateId: key,
            version: next.version,
            snapshot: snapshot as never,
            savedAt: this.opts.now(),
            agent: String(c.doc.updatedBy ?? ''),
          })
          .catch(() => undefined) // that version is already recorded
      }
      return
    }

    const localId = await this.localIdOf(tableName, c.id)
    if (c.deleted || !c.doc) {
      if (localId === undefined) return
      if (c.kind === 'case') await this.removeCaseLocally(localId)
      else if (c.kind === 'review') await table.delete(localId)
      return
    }
    if (pending.some((e) => e.op === 'delete')) return // deleted here, not pushed yet: the server will hear it
    const before = localId === undefined ? undefined : ((await table.get(localId)) as Row | undefined)
    const id = localId ?? (await this.localIdFor(tableName, c.id))
    let next: Row = { ...(await this.toLocal(c.kind, c.doc)), id, syncId: c.id, serverVersion: c.version }
    next.rev = (typeof before?.rev === 'number' ? before.rev : 0) + 1
    for (const e of pending) if (e.op === 'patch') Object.assign(next, await this.toLocal(c.kind, e.fields))
    if (c.kind === 'case') {
      if (next.deletedAt === null) delete next.deletedAt
      await this.freeCaseNumber(tx, String(next.caseNumber), c.id)
    }
    next = await this.withoutSecrets(tableName, c, next, c.kind === 'case' ? id : typeof next.caseId === 'number' ? next.caseId : null)
    await table.put(next)
    await db.syncReserved.delete(c.id)
    if (c.kind === 'case') return id as number
    if (c.kind === 'attempt' && typeof next.caseId === 'number') return next.caseId
    return undefined
  }

  /**
   * A pulled row with its secrets replaced by the guard's removal note, and a 'redacted' notice naming the
   * fields (their i18n labels, `details.fields`); the row itself when it holds none.
   */
  private async withoutSecrets(
    tableName: string,
    c: Pick<PulledChange, 'kind' | 'id'>,
    row: Row,
    caseId: number | null,
    notify = true,
  ): Promise<Row> {
    const found = secretsIn(row)
    if (found.length === 0) return row
    const settingKey = tableName === 'settings' ? String(row.key) : undefined
    const fields = [...new Set(found.map((s) => storedTextField(tableName, s.path, settingKey).label))]
    if (notify)
      await this.notice({
        caseId,
        kind: c.kind,
        recordId: c.id,
        type: 'redacted',
        reason: null,
        conflicts: [],
        details: { fields, count: found.reduce((n, s) => n + s.findings.length, 0) },
      })
    return redactDeep(row, this.opts.language?.() ?? 'en')
  }

  /** A pulled case's number held by a local case not yet on the server: that local case is renumbered. */
  private async freeCaseNumber(tx: Transaction, caseNumber: string, syncId: string): Promise<void> {
    const holder = (await this.db.cases.where('caseNumber').equals(caseNumber).first()) as Row | undefined
    if (!holder || holder.syncId === syncId) return
    const insert = (
      await this.db.outbox
        .where('[kind+id]')
        .equals(['case', String(holder.syncId)])
        .toArray()
    ).find((e) => e.op === 'insert') as OutboxEntry | undefined
    await this.renumberLocal(tx, holder, insert)
  }

  /** `case-number-taken`: a new number, the audit event, and the insert queued again as a new mutation. */
  private async renumber(tx: Transaction, entry: OutboxEntry & { op: 'insert' }, caseId: number | null): Promise<void> {
    const row = caseId === null ? undefined : ((await this.db.cases.get(caseId)) as Row | undefined)
    if (!row) return
    await this.renumberLocal(tx, row, { ...entry, seq: -1 })
  }

  private async renumberLocal(tx: Transaction, row: Row, insert: OutboxEntry | undefined): Promise<void> {
    const db = this.db
    const from = String(row.caseNumber)
    let to = this.opts.nextCaseNumber()
    for (let i = 0; i < 20 && (to === from || (await db.cases.where('caseNumber').equals(to).count()) > 0); i++)
      to = this.opts.nextCaseNumber()
    const id = row.id as number
    await db.cases.update(id, { caseNumber: to })
    if (insert && insert.op === 'insert') {
      const doc = { ...insert.doc, caseNumber: to }
      if (insert.seq >= 0) await db.outbox.update(insert.seq, { doc } as never)
      else
        await db.outbox.add({ mutationId: uuidv7(), kind: 'case', id: insert.id, createdAt: this.opts.now(), op: 'insert', doc } as never)
    }
    // the audit event is pushed like any local change
    resumeQueueing(idbTrans(tx))
    try {
      await appendEvent(
        db,
        {
          entity: 'case',
          entityId: id,
          caseId: id,
          action: 'renumbered',
          changes: [{ field: 'caseNumber', from, to }],
          note: 'case-number-taken',
        },
        this.opts.agent(),
        this.opts.now(),
      )
    } finally {
      withoutQueueing(idbTrans(tx))
    }
    await this.notice({
      caseId: id,
      kind: 'case',
      recordId: String(row.syncId),
      type: 'renumbered',
      reason: 'case-number-taken',
      conflicts: [],
      details: { from, to },
    })
  }

  /** A case tombstone: the case and everything about it leave this database (as a purge does). */
  private async removeCaseLocally(id: number): Promise<void> {
    const db = this.db
    await Promise.all([
      db.attempts.where('caseId').equals(id).delete(),
      db.replies.where('caseId').equals(id).delete(),
      db.reviews.where('caseId').equals(id).delete(),
      db.events.where('[caseId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey], true, true).delete(),
      db.syncNotices.where('caseId').equals(id).delete(),
    ])
    await db.cases.delete(id)
  }

  /**
   * A conflict: the server kept the team's value of these fields (and may not write the record again, so
   * no pull would bring it). Shows the kept value where the record still shows the lost one (nothing newer
   * is overwritten), so both agents' screens converge; the lost value is in the server's audit event.
   */
  private async keepTheirs(entry: OutboxEntry, conflicts: readonly FieldConflict[]): Promise<void> {
    if (entry.op !== 'patch' || conflicts.length === 0) return
    const tableName = TABLE_OF_KIND[entry.kind]
    const table = this.db.table(tableName)
    const key = SYNC_ID_KINDS.includes(entry.kind) ? await this.localIdOf(tableName, entry.id) : entry.id
    if (key === undefined) return
    const row = (await table.get(key)) as Row | undefined
    if (!row) return
    const lost = await this.toLocal(entry.kind, Object.fromEntries(conflicts.map((c) => [c.field, c.lost])))
    const kept = await this.toLocal(entry.kind, Object.fromEntries(conflicts.map((c) => [c.field, c.kept])))
    const next: Row = { ...row }
    let changed = false
    for (const [f, v] of Object.entries(kept)) {
      if (!deepEqual(row[f] ?? null, lost[f] ?? null)) continue
      if (v === null && f === 'deletedAt') delete next[f]
      else next[f] = v
      changed = true
    }
    if (!changed) return
    if (typeof next.rev === 'number') next.rev += 1
    const caseId = entry.kind === 'case' ? (key as number) : typeof next.caseId === 'number' ? next.caseId : null
    await table.put(await this.withoutSecrets(tableName, entry, next, caseId))
  }

  /** Undoes a refused change where the record still shows it (nothing newer is overwritten). */
  private async undo(entry: OutboxEntry): Promise<void> {
    if (entry.op !== 'patch') return
    const tableName = TABLE_OF_KIND[entry.kind]
    const table = this.db.table(tableName)
    const key = SYNC_ID_KINDS.includes(entry.kind) ? await this.localIdOf(tableName, entry.id) : entry.id
    if (key === undefined) return
    const row = (await table.get(key)) as Row | undefined
    if (!row) return
    const fields = await this.toLocal(entry.kind, entry.fields)
    const base = await this.toLocal(entry.kind, entry.base)
    const next: Row = { ...row }
    let changed = false
    for (const [f, v] of Object.entries(fields)) {
      if (!deepEqual(row[f] ?? null, v)) continue
      const old = base[f]
      if (old === null && f === 'deletedAt') delete next[f]
      else next[f] = old
      changed = true
    }
    if (!changed) return
    if (typeof next.rev === 'number') next.rev += 1
    // what the field held before may be text from before the secret guard: taken out, not refused (the
    // refusal notice is shown)
    await table.put(await this.withoutSecrets(tableName, entry, next, null, false))
  }
}

/** Sync notices of a case (conflicts, refusals, renumberings), newest first: shown on the case page until dismissed. */
export function noticesForCase(db: ConsoleDb, caseId: number): Promise<SyncNotice[]> {
  return guarded(async () => (await db.syncNotices.where('caseId').equals(caseId).sortBy('at')).reverse())
}

/**
 * Notices about no case (a pulled template or team setting whose secrets were removed), newest first. Few
 * rows: the table holds only undismissed notices, and null is not indexed.
 */
export function noticesWithoutCase(db: ConsoleDb): Promise<SyncNotice[]> {
  return guarded(async () => (await db.syncNotices.filter((n) => n.caseId === null).sortBy('at')).reverse())
}

export function dismissNotice(db: ConsoleDb, id: number): Promise<void> {
  return guarded(() => db.syncNotices.delete(id))
}

/** The app's replica over a database. */
export function createReplica(db: ConsoleDb, opts: ReplicaOptions): DexieReplica {
  return new DexieReplica(db, opts)
}
