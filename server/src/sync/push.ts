/**
 * A push in one transaction (docs/team-sync.md, "Push" and "Server versions follow commit order"):
 * 1. read what the changes touch: applied mutations, the records (locked FOR UPDATE, in id order, so two
 *    pushes never deadlock), audit ids, holders of the case numbers, handover targets;
 * 2. decide every change (plan.ts, pure);
 * 3. only if something is written, in one statement: take the next version from the single-row counter
 *    (its row lock is held until COMMIT, so versions follow commit order), write the rows with it,
 *    remember each mutation's result, NOTIFY; then COMMIT. An id, case number or mutation id that a
 *    concurrent push took since step 1 fails a unique index: the push starts over (up to 5 times).
 */
import type pg from 'pg'
import type { PushResult } from '../../../src/domain/sync/protocol'
import { uuidv7 } from '../ids'
import { pgCode } from '../db'
import { PENDING_VERSION, planPush, planWrites, withVersion, type Actor, type PlanState, type StoredRecord } from './plan'
import type { PreparedChange } from './validate'

export const NOTIFY_CHANNEL = 'vcc_sync_changed'
const ATTEMPTS = 5

/** Test-only seams (the ordering and fault tests); production passes none. */
export interface PushHooks {
  /** Called holding the version (counter locked), just before COMMIT: a test keeps a transaction slow here. */
  beforeCommit?: (version: number) => Promise<void> | void
  /** Called after COMMIT, before the response is sent: the fault test kills the service here. */
  afterCommit?: () => Promise<void> | void
}

class Retry extends Error {}

export async function runPush(
  pool: pg.Pool,
  changes: readonly PreparedChange[],
  actor: Actor,
  now: number,
  hooks: PushHooks = {},
): Promise<PushResult[]> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const results = await pushOnce(client, changes, actor, now, hooks)
      await client.query('COMMIT')
      await hooks.afterCommit?.()
      return results
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined)
      if (e instanceof Retry && attempt < ATTEMPTS) continue
      throw e
    } finally {
      client.release()
    }
  }
}

type Rows<T> = { rows: T[] }
const none = <T>(): Rows<T> => ({ rows: [] })

async function pushOnce(
  client: pg.PoolClient,
  changes: readonly PreparedChange[],
  actor: Actor,
  now: number,
  hooks: PushHooks,
): Promise<PushResult[]> {
  const mutationIds = changes.map((c) => c.mutationId)
  const recordIds = [...new Set(changes.filter((c) => c.kind !== 'event').map((c) => c.id))].sort()
  const insertIds = [...new Set(changes.filter((c) => c.op === 'insert').map((c) => c.id))]
  const caseNumbers = changes.flatMap((c) => {
    const n = c.op === 'insert' ? c.doc.caseNumber : c.op === 'patch' ? c.fields.caseNumber : undefined
    return c.kind === 'case' && typeof n === 'string' ? [n] : []
  })
  const handoverTargets = changes.flatMap((c) =>
    c.op === 'command' && c.command === 'handover' && /^[0-9a-f-]{36}$/.test(String(c.args.toUserId)) ? [String(c.args.toUserId)] : [],
  )

  // what the changes touch (queries with nothing to look up are skipped)
  const done = await client.query<{ mutation_id: string; user_id: string; result: PushResult }>(
    'SELECT mutation_id, user_id, result FROM mutations WHERE mutation_id = ANY($1::uuid[])',
    [mutationIds],
  )
  const records =
    recordIds.length === 0
      ? none<StoredRow>()
      : await client.query<StoredRow>(
          'SELECT id, kind, version, deleted, doc, mutation_id, case_number FROM records WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
          [recordIds],
        )
  const events =
    insertIds.length === 0
      ? none<{ id: string; version: number; mutation_id: string | null }>()
      : await client.query<{ id: string; version: number; mutation_id: string | null }>(
          'SELECT id, version, mutation_id FROM audit_events WHERE id = ANY($1::text[])',
          [insertIds],
        )
  const numbers =
    caseNumbers.length === 0
      ? none<{ id: string; case_number: string }>()
      : await client.query<{ id: string; case_number: string }>(
          "SELECT id, case_number FROM records WHERE kind = 'case' AND case_number = ANY($1::text[])",
          [caseNumbers],
        )
  const users =
    handoverTargets.length === 0
      ? none<{ id: string }>()
      : await client.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1::uuid[]) AND NOT disabled', [handoverTargets])

  const existing = new Set(records.rows.map((r) => r.id))
  const state: PlanState = {
    done: new Map(done.rows.map((r) => [r.mutation_id, { userId: r.user_id, result: r.result }])),
    records: new Map(
      records.rows.map((r) => [
        r.id,
        {
          id: r.id,
          kind: r.kind,
          version: r.version,
          deleted: r.deleted,
          doc: r.doc,
          mutationId: r.mutation_id,
          caseNumber: r.case_number,
        },
      ]),
    ),
    events: new Map(events.rows.map((r) => [r.id, { id: r.id, version: r.version, mutationId: r.mutation_id }])),
    caseNumbers: new Map(numbers.rows.map((r) => [r.case_number, r.id])),
    activeUsers: new Set(users.rows.map((r) => r.id)),
  }
  const plan = planPush(changes, state, actor, now, uuidv7)
  const fresh = plan.fresh.map((i) => plan.results[i]!)

  if (!planWrites(plan)) {
    // nothing for others to pull (rejections, retries, no-ops): no version, just remember the results
    if (fresh.length > 0) {
      await client.query(
        `INSERT INTO mutations (mutation_id, user_id, result)
         SELECT m, $2, r FROM unnest($1::uuid[], $3::jsonb[]) AS t(m, r) ON CONFLICT (mutation_id) DO NOTHING`,
        [fresh.map((r) => r.mutationId), actor.id, fresh.map((r) => JSON.stringify(r))],
      )
    }
    return plan.results
  }

  // Late in the transaction, one statement: take the next version (the counter row stays locked until
  // COMMIT, so versions follow commit order), write the rows with it, remember the results, NOTIFY.
  // Ids, case numbers and mutation ids that a concurrent push took since the reads above fail a unique
  // index here (23505): then the whole push starts over and decides again.
  const writes = [...plan.records.values()]
  const inserts = writes.filter((w) => !existing.has(w.id))
  const updates = writes.filter((w) => existing.has(w.id))
  let version: number
  try {
    const { rows } = await client.query<{ value: number }>(
      `WITH v AS (UPDATE sync_counter SET value = value + 1 RETURNING value),
       ins AS (
         INSERT INTO records (id, kind, version, deleted, doc, case_number, updated_by, updated_at, mutation_id)
         SELECT id, kind, (SELECT value FROM v), deleted, doc, case_number, $1, to_timestamp($2 / 1000.0), mutation_id
           FROM unnest($3::text[], $4::text[], $5::boolean[], $6::jsonb[], $7::text[], $8::uuid[]) AS t(id, kind, deleted, doc, case_number, mutation_id)
         RETURNING 1),
       upd AS (
         UPDATE records r SET version = (SELECT value FROM v), deleted = t.deleted, doc = t.doc, case_number = t.case_number,
                updated_by = $1, updated_at = to_timestamp($2 / 1000.0), mutation_id = t.mutation_id
           FROM unnest($9::text[], $10::boolean[], $11::jsonb[], $12::text[], $13::uuid[]) AS t(id, deleted, doc, case_number, mutation_id)
          WHERE r.id = t.id
         RETURNING 1),
       ev AS (
         INSERT INTO audit_events (id, version, doc, case_id, actor, mutation_id)
         SELECT id, (SELECT value FROM v), doc, case_id, $1, mutation_id
           FROM unnest($14::text[], $15::jsonb[], $16::text[], $17::uuid[]) AS t(id, doc, case_id, mutation_id)
         RETURNING 1),
       mu AS (
         INSERT INTO mutations (mutation_id, user_id, result)
         SELECT m, $1, CASE WHEN r->>'version' = '${PENDING_VERSION}' THEN jsonb_set(r, '{version}', to_jsonb((SELECT value FROM v))) ELSE r END
           FROM unnest($18::uuid[], $19::jsonb[]) AS t(m, r)
         RETURNING 1),
       n AS (SELECT pg_notify($20, (SELECT value FROM v)::text))
       SELECT value, (SELECT count(*) FROM ins) + (SELECT count(*) FROM upd) + (SELECT count(*) FROM ev) + (SELECT count(*) FROM mu) AS written
         FROM v, n`,
      [
        actor.id,
        now,
        inserts.map((w) => w.id),
        inserts.map((w) => w.kind),
        inserts.map((w) => w.deleted),
        inserts.map((w) => (w.doc === null ? null : JSON.stringify(w.doc))),
        inserts.map((w) => w.caseNumber),
        inserts.map((w) => w.mutationId),
        updates.map((w) => w.id),
        updates.map((w) => w.deleted),
        updates.map((w) => (w.doc === null ? null : JSON.stringify(w.doc))),
        updates.map((w) => w.caseNumber),
        updates.map((w) => w.mutationId),
        plan.events.map((e) => e.id),
        plan.events.map((e) => JSON.stringify(e.doc)),
        plan.events.map((e) => e.caseId),
        plan.events.map((e) => e.mutationId),
        fresh.map((r) => r.mutationId),
        fresh.map((r) => JSON.stringify(r)),
        NOTIFY_CHANNEL,
      ],
    )
    version = rows[0]!.value
  } catch (e) {
    if (pgCode(e) === '23505') throw new Retry('a concurrent push took an id, a case number or a mutation id')
    throw e
  }
  await hooks.beforeCommit?.(version)
  return withVersion(plan.results, version)
}

interface StoredRow {
  id: string
  kind: StoredRecord['kind']
  version: number
  deleted: boolean
  doc: Record<string, unknown> | null
  mutation_id: string
  case_number: string | null
}
