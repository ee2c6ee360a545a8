/**
 * A push in one transaction (docs/team-sync.md, "Push" and "Server versions follow commit order"):
 * 1. read what the changes touch: applied mutations, the records (locked FOR UPDATE, in id order, so two
 *    pushes never deadlock), audit ids, holders of the case numbers, handover targets;
 * 2. decide every change (plan.ts, pure);
 * 3. only if something is written: take the next version from the single-row counter (its row lock is held
 *    until COMMIT, so versions follow commit order), check that the ids and case numbers this push takes
 *    are still free (a concurrent push may have committed them since step 1: then start again), write the
 *    rows with that version, remember each mutation's result, NOTIFY, COMMIT.
 */
import type pg from 'pg'
import type { PushResult } from '../../../src/domain/sync/protocol'
import { uuidv7 } from '../ids'
import { planPush, planWrites, withVersion, type Actor, type PlanState, type StoredRecord } from './plan'
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
  const handoverTargets = changes.flatMap((c) => (c.op === 'command' && c.command === 'handover' ? [String(c.args.toUserId)] : []))

  const [done, records, events, numbers, users] = [
    await client.query<{ mutation_id: string; user_id: string; result: PushResult }>(
      'SELECT mutation_id, user_id, result FROM mutations WHERE mutation_id = ANY($1::uuid[])',
      [mutationIds],
    ),
    await client.query<{
      id: string
      kind: StoredRecord['kind']
      version: number
      deleted: boolean
      doc: Record<string, unknown> | null
      mutation_id: string
      case_number: string | null
    }>('SELECT id, kind, version, deleted, doc, mutation_id, case_number FROM records WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [
      recordIds,
    ]),
    await client.query<{ id: string; version: number; mutation_id: string | null }>(
      'SELECT id, version, mutation_id FROM audit_events WHERE id = ANY($1::text[])',
      [insertIds],
    ),
    await client.query<{ id: string; case_number: string }>(
      "SELECT id, case_number FROM records WHERE kind = 'case' AND case_number = ANY($1::text[])",
      [caseNumbers],
    ),
    await client.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1::uuid[]) AND NOT disabled', [
      handoverTargets.filter((t) => /^[0-9a-f-]{36}$/.test(t)),
    ]),
  ]

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

  let results = plan.results
  if (planWrites(plan)) {
    // late in the transaction: from here to COMMIT every other writer waits for this one
    const { rows } = await client.query<{ value: number }>('UPDATE sync_counter SET value = value + 1 RETURNING value')
    const version = rows[0]!.value
    await recheckClaims(
      client,
      plan.claims,
      [...plan.records.keys()],
      plan.fresh.map((i) => plan.results[i]!.mutationId),
    )
    results = withVersion(plan.results, version)
    await writeRecords(client, [...plan.records.values()], version, actor.id, now)
    await writeEvents(client, plan.events, version, actor.id)
    await client.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, String(version)])
    await hooks.beforeCommit?.(version)
  }
  const fresh = plan.fresh.map((i) => results[i]!)
  if (fresh.length > 0) {
    await client.query(
      `INSERT INTO mutations (mutation_id, user_id, result)
       SELECT m, $2, r FROM unnest($1::uuid[], $3::jsonb[]) AS t(m, r) ON CONFLICT (mutation_id) DO NOTHING`,
      [fresh.map((r) => r.mutationId), actor.id, fresh.map((r) => JSON.stringify(r))],
    )
  }
  return results
}

/** Ids, case numbers and mutations this push takes must still be free now that it holds the counter. */
async function recheckClaims(
  client: pg.PoolClient,
  claims: { ids: string[]; eventIds: string[]; caseNumbers: string[] },
  written: string[],
  mutationIds: string[],
) {
  const { rows } = await client.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM records WHERE id = ANY($1::text[]))
          + (SELECT count(*) FROM audit_events WHERE id = ANY($1::text[]))
          + (SELECT count(*) FROM records WHERE kind = 'case' AND case_number = ANY($2::text[]) AND NOT (id = ANY($3::text[])))
          + (SELECT count(*) FROM mutations WHERE mutation_id = ANY($4::uuid[])) AS n`,
    [[...claims.ids, ...claims.eventIds], claims.caseNumbers, written, mutationIds],
  )
  if (Number(rows[0]?.n ?? 0) > 0) throw new Retry('a concurrent push took an id, a case number or a mutation')
}

async function writeRecords(
  client: pg.PoolClient,
  writes: { id: string; kind: string; deleted: boolean; doc: unknown; caseNumber: string | null; mutationId: string }[],
  version: number,
  userId: string,
  now: number,
) {
  if (writes.length === 0) return
  await client.query(
    `INSERT INTO records (id, kind, version, deleted, doc, case_number, updated_by, updated_at, mutation_id)
     SELECT id, kind, $4, deleted, doc, case_number, $5, to_timestamp($6 / 1000.0), mutation_id
       FROM unnest($1::text[], $2::text[], $3::boolean[], $7::jsonb[], $8::text[], $9::uuid[]) AS t(id, kind, deleted, doc, case_number, mutation_id)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, deleted = EXCLUDED.deleted, doc = EXCLUDED.doc,
       case_number = EXCLUDED.case_number, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at, mutation_id = EXCLUDED.mutation_id`,
    [
      writes.map((w) => w.id),
      writes.map((w) => w.kind),
      writes.map((w) => w.deleted),
      version,
      userId,
      now,
      writes.map((w) => (w.doc === null ? null : JSON.stringify(w.doc))),
      writes.map((w) => w.caseNumber),
      writes.map((w) => w.mutationId),
    ],
  )
}

async function writeEvents(
  client: pg.PoolClient,
  events: { id: string; doc: unknown; caseId: string | null; mutationId: string | null }[],
  version: number,
  userId: string,
) {
  if (events.length === 0) return
  await client.query(
    `INSERT INTO audit_events (id, version, doc, case_id, actor, mutation_id)
     SELECT id, $2, doc, case_id, $3, mutation_id FROM unnest($1::text[], $4::jsonb[], $5::text[], $6::uuid[]) AS t(id, doc, case_id, mutation_id)`,
    [
      events.map((e) => e.id),
      version,
      userId,
      events.map((e) => JSON.stringify(e.doc)),
      events.map((e) => e.caseId),
      events.map((e) => e.mutationId),
    ],
  )
}
