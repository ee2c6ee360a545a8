/**
 * A pull page: records and audit events strictly after the checkpoint `(version, id)`, in that order, from
 * one snapshot. Because versions follow commit order, a row with a version at or below one already pulled
 * can never appear later, so the checkpoint never skips a row.
 */
import type pg from 'pg'
import { formatCheckpoint, type PulledChange, type PullResponse } from '../../../src/domain/sync/protocol'

export const DEFAULT_PULL_LIMIT = 2_000
export const MAX_PULL_LIMIT = 5_000

type Queryable = Pick<pg.ClientBase, 'query'>

/**
 * Changes strictly after `since` (and at or below version `upTo`, when given), ordered by (version, id),
 * at most `limit`: the rows a pull page and a live `changed` event carry (the same columns, so a tombstone
 * is `doc: null` in both).
 */
export async function readChanges(
  db: Queryable,
  since: { version: number; id: string },
  limit: number,
  upTo: number | null = null,
): Promise<PulledChange[]> {
  const { rows } = await db.query<PulledChange>(
    `(SELECT kind, id, version, deleted, doc FROM records
       WHERE (version, id) > ($1, $2::text COLLATE "C") AND ($4::bigint IS NULL OR version <= $4) ORDER BY version, id LIMIT $3)
     UNION ALL
     (SELECT 'event', id, version, false, doc FROM audit_events
       WHERE (version, id) > ($1, $2::text COLLATE "C") AND ($4::bigint IS NULL OR version <= $4) ORDER BY version, id LIMIT $3)
     ORDER BY version, id LIMIT $3`,
    [since.version, since.id, limit, upTo],
  )
  return rows
}

export async function pullPage(
  pool: pg.Pool,
  since: { version: number; id: string },
  limit: number,
  serverTime: () => number,
): Promise<PullResponse> {
  const rows = await readChanges(pool, since, limit + 1)
  const hasMore = rows.length > limit
  const changes: PulledChange[] = rows.slice(0, limit)
  const last = changes[changes.length - 1]
  const checkpoint = last ? formatCheckpoint(last.version, last.id) : formatCheckpoint(since.version, since.id)
  let remaining = 0
  if (hasMore && last) {
    const count = await pool.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM records WHERE (version, id) > ($1, $2::text COLLATE "C"))
            + (SELECT count(*) FROM audit_events WHERE (version, id) > ($1, $2::text COLLATE "C")) AS n`,
      [last.version, last.id],
    )
    remaining = Number(count.rows[0]?.n ?? 0)
  }
  return { changes, checkpoint, hasMore, remaining, serverTime: serverTime() }
}
