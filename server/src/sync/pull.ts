/**
 * A pull page: records and audit events strictly after the checkpoint `(version, id)`, in that order, from
 * one snapshot. Because versions follow commit order, a row with a version at or below one already pulled
 * can never appear later, so the checkpoint never skips a row.
 */
import type pg from 'pg'
import { formatCheckpoint, type PulledChange, type PullResponse } from '../../../src/domain/sync/protocol'
import type { SyncKind } from '../../../src/domain/sync/records'

export const DEFAULT_PULL_LIMIT = 2_000
export const MAX_PULL_LIMIT = 5_000

export async function pullPage(
  pool: pg.Pool,
  since: { version: number; id: string },
  limit: number,
  serverTime: () => number,
): Promise<PullResponse> {
  const { rows } = await pool.query<{ kind: SyncKind; id: string; version: number; deleted: boolean; doc: Record<string, unknown> | null }>(
    `(SELECT kind, id, version, deleted, doc FROM records WHERE (version, id) > ($1, $2::text COLLATE "C") ORDER BY version, id LIMIT $3)
     UNION ALL
     (SELECT 'event', id, version, false, doc FROM audit_events WHERE (version, id) > ($1, $2::text COLLATE "C") ORDER BY version, id LIMIT $3)
     ORDER BY version, id LIMIT $3`,
    [since.version, since.id, limit + 1],
  )
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
