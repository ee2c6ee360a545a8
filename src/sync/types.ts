/**
 * The seam between `src/data` (IndexedDB, implements `LocalReplica`) and `src/sync` (network, engine): see
 * docs/team-sync.md, "The seam between src/data and src/sync". Types only, no runtime code, so both sides
 * compile against it before either is finished. The wire shapes come from src/domain/sync (one declaration).
 */
import type { FieldConflictResult, PulledChange, PushResult, RejectReason } from '@/domain/sync/protocol'
import type { ReviewCommand, SyncKind } from '@/domain/sync/records'

export type { FieldConflictResult, PulledChange, PushResult, RejectReason, ReviewCommand, SyncKind }
export type FieldConflict = FieldConflictResult

/** A pull checkpoint: `(version, id)` of the last change applied; `{ version: 0, id: '' }` is the start. */
export interface Checkpoint {
  version: number
  id: string
}

export type OutboxOp =
  | { op: 'insert'; doc: Record<string, unknown> }
  | { op: 'patch'; fields: Record<string, unknown>; base: Record<string, unknown>; baseVersion: number | null }
  | { op: 'delete'; baseVersion: number | null }
  | { op: 'command'; command: ReviewCommand; args: Record<string, unknown> }

/** One queued local change. `seq` orders the outbox; `mutationId` (a UUID) makes a retried push harmless. */
export type OutboxEntry = { seq: number; mutationId: string; kind: SyncKind; id: string; createdAt: number } & OutboxOp

/** What a solo database would share on joining a team (counts only). */
export interface ShareSummary {
  cases: number
  attempts: number
  replies: number
  reviews: number
  events: number
  templates: number
  settings: number
}

export interface LocalReplica {
  /** Outbox size, for the indicator ("N changes waiting"). */
  pendingCount(): Promise<number>
  /**
   * Calls `listener` with the outbox size whenever it changes (a local write queued an entry, an
   * acknowledgement dropped some; from any window of this database). Returns the unsubscribe function.
   * The engine pushes soon after the size grows.
   */
  onPendingChange(listener: (pending: number) => void): () => void
  /** The oldest entries, in order (seq), up to `max`. */
  nextBatch(max: number): Promise<OutboxEntry[]>
  /**
   * One transaction: drop acknowledged entries; for 'conflict' record a notice on the case; for
   * 'rejected' undo the optimistic local change (or renumber a case on 'case-number-taken' and queue the
   * insert again) and record a notice. The engine also acknowledges, as `rejected: 'invalid-doc'` with
   * `details.issues`, a change the server refused as malformed (a 400 naming it), so the rest can go.
   */
  acknowledge(results: PushResult[]): Promise<void>
  /** One transaction: upsert/tombstone pulled records, re-apply pending outbox patches on top, save the checkpoint. */
  applyPulled(changes: PulledChange[], checkpoint: Checkpoint): Promise<void>
  checkpoint(): Promise<Checkpoint>
  /** What a solo database would share on joining a team (counts only). */
  shareSummary(): Promise<ShareSummary>
  /**
   * Joining: queue every existing record once as an insert (after the agent confirmed the summary).
   * Templates and team settings only with `teamSettings` (a lead or admin: an agent's would be refused,
   * and the team's replace them on pull). Returns how many entries were queued.
   */
  enqueueAll(opts: { teamSettings: boolean }): Promise<number>
  /** Turns outbox writing on (team mode) or off (solo). Off by default. */
  setQueueing(on: boolean): void
  /** Leaving a team: forget the checkpoint and the outbox; local records stay. */
  reset(): Promise<void>
}
