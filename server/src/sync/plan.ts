/**
 * Decides a push, change by change, from what is stored: pure (no I/O, time passed in), so every rule of
 * docs/team-sync.md ("Push", "Reviews are owned", "Time") is unit-testable. The caller (push.ts) loads the
 * state inside its transaction, then writes what the plan says under one new version.
 *
 * Later changes of one push see the effects of earlier ones (a case inserted then patched in one push).
 */
import { deepEqual, mergeFields, type FieldConflict } from '../../../src/domain/sync/merge'
import type { PushResult, RejectReason } from '../../../src/domain/sync/protocol'
import {
  APPEND_ONLY_KINDS,
  LEAD_ONLY_KINDS,
  MAX_CLOCK_AHEAD_MS,
  REVIEW_COMMAND_FIELDS,
  SERVER_FIELDS,
  SYNC_DOC_SCHEMAS,
  instantsOf,
  type Role,
  type SyncKind,
} from '../../../src/domain/sync/records'
import type { Doc, PreparedChange } from './validate'

/** Stands for the version of the transaction that writes the plan (filled in after the counter is taken). */
export const PENDING_VERSION = -1

export interface StoredRecord {
  id: string
  kind: Exclude<SyncKind, 'event'>
  version: number
  deleted: boolean
  doc: Doc | null
  mutationId: string
  caseNumber: string | null
}

export interface StoredEvent {
  id: string
  version: number
  mutationId: string | null
}

export interface PlanState {
  records: Map<string, StoredRecord>
  events: Map<string, StoredEvent>
  /** Case number → the id of the case that holds it. */
  caseNumbers: Map<string, string>
  /** Ids of users that exist and are not disabled (handover targets). */
  activeUsers: Set<string>
  /** Mutations already decided (earlier pushes), with their results. */
  done: Map<string, { userId: string; result: PushResult }>
}

export interface Actor {
  id: string
  role: Role
}

export interface RecordWrite {
  id: string
  kind: Exclude<SyncKind, 'event'>
  deleted: boolean
  doc: Doc | null
  caseNumber: string | null
  mutationId: string
}

export interface EventWrite {
  id: string
  doc: Doc
  caseId: string | null
  /** null: written by the server (conflict, review command). */
  mutationId: string | null
}

export interface Plan {
  results: PushResult[]
  /** Index in `results` of the results this push decided now (the rest are replays of stored ones). */
  fresh: number[]
  records: Map<string, RecordWrite>
  events: EventWrite[]
}

const reject = (mutationId: string, reason: RejectReason, details?: Record<string, unknown>): PushResult =>
  details ? { mutationId, status: 'rejected', reason, details } : { mutationId, status: 'rejected', reason }

const isLead = (a: Actor) => a.role === 'lead' || a.role === 'admin'

const pick = (doc: Doc, keys: readonly string[]): Doc => {
  const out: Doc = {}
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(doc, k)) out[k] = doc[k]
  return out
}
const withoutServerFields = (kind: SyncKind, doc: Doc): Doc => {
  const out: Doc = {}
  for (const [k, v] of Object.entries(doc)) if (!SERVER_FIELDS[kind].includes(k)) out[k] = v
  return out
}

const EVENT_ENTITY: Record<Exclude<SyncKind, 'event'>, string> = {
  case: 'case',
  attempt: 'attempt',
  reply: 'reply',
  review: 'review',
  template: 'template',
  setting: 'settings',
}

export function planPush(changes: readonly PreparedChange[], state: PlanState, actor: Actor, now: number, newId: () => string): Plan {
  const plan: Plan = { results: [], fresh: [], records: new Map(), events: [] }
  const maxInstant = now + MAX_CLOCK_AHEAD_MS

  const writeRecord = (w: RecordWrite) => {
    plan.records.set(w.id, w)
    const prev = state.records.get(w.id)
    state.records.set(w.id, {
      id: w.id,
      kind: w.kind,
      version: PENDING_VERSION,
      deleted: w.deleted,
      doc: w.doc,
      mutationId: w.mutationId,
      caseNumber: w.caseNumber,
    })
    if (prev?.caseNumber && prev.caseNumber !== w.caseNumber) state.caseNumbers.delete(prev.caseNumber)
    if (w.caseNumber !== null) state.caseNumbers.set(w.caseNumber, w.id)
  }

  const serverEvent = (
    entityKind: Exclude<SyncKind, 'event'>,
    entityId: string,
    caseId: string | null,
    action: string,
    changes: Doc[],
    note = '',
  ) => {
    const id = newId()
    const doc: Doc = {
      id,
      at: now,
      agent: actor.id,
      entity: EVENT_ENTITY[entityKind],
      entityId,
      caseId,
      action,
      changes,
      note,
      updatedAt: now,
      updatedBy: actor.id,
    }
    plan.events.push({ id, doc, caseId, mutationId: null })
  }

  const caseIdOf = (kind: SyncKind, id: string, doc: Doc | null): string | null =>
    kind === 'case' ? id : typeof doc?.caseId === 'string' ? doc.caseId : null

  const conflictEvent = (kind: Exclude<SyncKind, 'event'>, id: string, doc: Doc | null, conflicts: FieldConflict[]) =>
    serverEvent(
      kind,
      id,
      caseIdOf(kind, id, doc),
      'conflict',
      conflicts.map((c) => ({ field: c.field, from: c.kept, to: c.lost })),
    )

  const tooFarAhead = (kind: SyncKind, doc: Doc): boolean => instantsOf(kind, doc).some((t) => t > maxInstant)

  const decide = (c: PreparedChange): PushResult => {
    const stored = c.kind === 'event' ? undefined : state.records.get(c.id)

    if (LEAD_ONLY_KINDS.includes(c.kind) && !isLead(actor)) return reject(c.mutationId, 'forbidden', { role: actor.role })

    if (c.op === 'insert') {
      if (tooFarAhead(c.kind, c.doc)) return reject(c.mutationId, 'time-in-future', { maxInstant })
      if (c.kind === 'event') {
        const ev = state.events.get(c.id)
        if (ev)
          return ev.mutationId === c.mutationId
            ? { mutationId: c.mutationId, status: 'applied', version: ev.version }
            : reject(c.mutationId, 'id-taken')
        if (state.records.has(c.id)) return reject(c.mutationId, 'id-taken')
        const caseId = typeof c.doc.caseId === 'string' ? c.doc.caseId : null
        plan.events.push({ id: c.id, doc: c.doc, caseId, mutationId: c.mutationId })
        state.events.set(c.id, { id: c.id, version: PENDING_VERSION, mutationId: c.mutationId })
        return { mutationId: c.mutationId, status: 'applied', version: PENDING_VERSION }
      }
      const kind = c.kind
      if (stored) {
        if (stored.mutationId === c.mutationId) return { mutationId: c.mutationId, status: 'applied', version: stored.version }
        if (stored.kind !== kind) return reject(c.mutationId, 'id-taken')
        if (stored.deleted || stored.doc === null) return reject(c.mutationId, 'deleted')
        if (kind !== 'template' && kind !== 'setting') return reject(c.mutationId, 'id-taken')
        // a team setting or template that exists already (an agent's local copy joining the team): the
        // team's values stay; fields that differ are conflicts, kept in the audit trail
        const mine = withoutServerFields(kind, c.doc)
        const theirs = withoutServerFields(kind, stored.doc)
        return applyMerge(c.mutationId, kind, stored, {}, mine, theirs)
      }
      if (state.events.has(c.id)) return reject(c.mutationId, 'id-taken')
      let caseNumber: string | null = null
      if (kind === 'case') {
        caseNumber = String(c.doc.caseNumber)
        const holder = state.caseNumbers.get(caseNumber)
        if (holder !== undefined && holder !== c.id) return reject(c.mutationId, 'case-number-taken', { caseNumber })
      }
      writeRecord({ id: c.id, kind, deleted: false, doc: c.doc, caseNumber, mutationId: c.mutationId })
      return { mutationId: c.mutationId, status: 'applied', version: PENDING_VERSION }
    }

    // patch, delete, command: on an existing record
    if (c.kind === 'event' || APPEND_ONLY_KINDS.includes(c.kind)) {
      return reject(c.mutationId, 'append-only')
    }
    if (!stored || stored.kind !== c.kind) return reject(c.mutationId, 'not-found')
    if (stored.deleted || stored.doc === null) {
      return c.op === 'delete' ? { mutationId: c.mutationId, status: 'applied', version: stored.version } : reject(c.mutationId, 'deleted')
    }
    const doc = stored.doc

    if (c.kind === 'review' && c.op !== 'command') {
      const owner = doc.owner
      if (owner !== actor.id && !isLead(actor))
        return reject(c.mutationId, owner === null ? 'review-not-owned' : 'review-owned-by-other', { owner })
    }

    if (c.op === 'delete') {
      if (c.baseVersion !== null && stored.version > c.baseVersion)
        return reject(c.mutationId, 'changed-since-base', { version: stored.version })
      writeRecord({ id: c.id, kind: stored.kind, deleted: true, doc: null, caseNumber: stored.caseNumber, mutationId: c.mutationId })
      return { mutationId: c.mutationId, status: 'applied', version: PENDING_VERSION }
    }

    if (c.op === 'patch') {
      const keys = Object.keys(c.fields)
      if (c.kind === 'review' && keys.some((k) => REVIEW_COMMAND_FIELDS.includes(k))) {
        return reject(c.mutationId, 'review-command-required', { fields: keys.filter((k) => REVIEW_COMMAND_FIELDS.includes(k)) })
      }
      if (tooFarAhead(c.kind, { ...c.fields, id: c.id })) return reject(c.mutationId, 'time-in-future', { maxInstant })
      return applyMerge(c.mutationId, stored.kind, stored, c.base, c.fields, pick(doc, keys))
    }

    return command(c, stored, doc)
  }

  const applyMerge = (
    mutationId: string,
    kind: Exclude<SyncKind, 'event'>,
    stored: StoredRecord,
    base: Doc,
    mine: Doc,
    theirs: Doc,
  ): PushResult => {
    const { merged, applied, conflicts } = mergeFields(base, mine, theirs)
    const keys = new Set([...Object.keys(mine), ...Object.keys(theirs)])
    const next: Doc = { ...stored.doc }
    for (const k of keys) {
      if (Object.prototype.hasOwnProperty.call(merged, k)) next[k] = merged[k]
      else delete next[k]
    }
    const changed = applied.filter((f) => !deepEqual(stored.doc?.[f], next[f]))
    let version = stored.version
    if (changed.length > 0) {
      next.updatedAt = now
      next.updatedBy = actor.id
      const valid = SYNC_DOC_SCHEMAS[kind].safeParse(next)
      if (!valid.success) {
        return reject(mutationId, 'invalid-doc', {
          issues: valid.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String), message: i.message })),
        })
      }
      let caseNumber = stored.caseNumber
      if (kind === 'case' && next.caseNumber !== stored.caseNumber) {
        caseNumber = String(next.caseNumber)
        const holder = state.caseNumbers.get(caseNumber)
        if (holder !== undefined && holder !== stored.id) return reject(mutationId, 'case-number-taken', { caseNumber })
      }
      writeRecord({ id: stored.id, kind, deleted: false, doc: next, caseNumber, mutationId })
      version = PENDING_VERSION
    }
    if (conflicts.length === 0) return { mutationId, status: 'applied', version }
    conflictEvent(kind, stored.id, next, conflicts)
    return { mutationId, status: 'conflict', version: PENDING_VERSION, conflicts }
  }

  const command = (c: Extract<PreparedChange, { op: 'command' }>, stored: StoredRecord, doc: Doc): PushResult => {
    const owner = (doc.owner ?? null) as string | null
    const caseId = caseIdOf('review', c.id, doc)
    if (doc.state === 'closed') return reject(c.mutationId, 'review-closed')
    const mayAct = owner === actor.id || isLead(actor)
    const refused = () => reject(c.mutationId, owner === null ? 'review-not-owned' : 'review-owned-by-other', { owner })
    const write = (next: Doc, action: string, changes: Doc[], note = '') => {
      writeRecord({
        id: c.id,
        kind: 'review',
        deleted: false,
        doc: { ...next, updatedAt: now, updatedBy: actor.id },
        caseNumber: null,
        mutationId: c.mutationId,
      })
      serverEvent('review', c.id, caseId, action, changes, note)
      return { mutationId: c.mutationId, status: 'applied' as const, version: PENDING_VERSION }
    }
    switch (c.command) {
      case 'claim':
        if (owner === actor.id) return { mutationId: c.mutationId, status: 'applied', version: stored.version }
        if (owner !== null) return refused()
        return write({ ...doc, owner: actor.id }, 'claimed', [{ field: 'owner', from: null, to: actor.id }])
      case 'release':
        if (owner !== actor.id) return refused()
        return write({ ...doc, owner: null }, 'released', [{ field: 'owner', from: owner, to: null }])
      case 'handover': {
        if (!mayAct) return refused()
        const toUserId = String(c.args.toUserId)
        if (!state.activeUsers.has(toUserId)) return reject(c.mutationId, 'unknown-user', { toUserId })
        const note = typeof c.args.note === 'string' ? c.args.note : ''
        return write({ ...doc, owner: toUserId }, 'handed-over', [{ field: 'owner', from: owner, to: toUserId }], note)
      }
      case 'close': {
        if (!mayAct) return refused()
        const outcome = c.args.outcome
        return write({ ...doc, state: 'closed', outcome, closedAt: now }, 'closed', [
          { field: 'state', from: doc.state, to: 'closed' },
          { field: 'outcome', from: doc.outcome ?? null, to: outcome },
        ])
      }
    }
  }

  for (const c of changes) {
    const prior = state.done.get(c.mutationId)
    if (prior) {
      plan.results.push(prior.userId === actor.id ? prior.result : reject(c.mutationId, 'mutation-id-taken'))
      continue
    }
    plan.fresh.push(plan.results.length)
    plan.results.push(decide(c))
  }
  return plan
}

/** Whether the plan writes rows that others pull (and so needs a version). */
export const planWrites = (p: Plan): boolean => p.records.size > 0 || p.events.length > 0

/** The results with the transaction's version filled in. */
export function withVersion(results: readonly PushResult[], version: number): PushResult[] {
  return results.map((r) => (r.status !== 'rejected' && r.version === PENDING_VERSION ? { ...r, version } : r))
}
