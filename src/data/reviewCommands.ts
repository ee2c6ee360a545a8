/**
 * Review ownership in team mode (docs/team-sync.md, "Reviews are owned"): Claim, Release and Hand over are
 * server-checked commands. They are queued in the outbox (one transaction, as every synced write) and do
 * not change the review here: its `owner` changes when the server applied the command and the review is
 * pulled back; a refused command comes back as a notice on the case. The server writes their audit events.
 */
import { v7 as uuidv7 } from 'uuid'
import type { ReviewCommand } from '@/domain/sync/records'
import type { ConsoleDb } from './db'
import { refuse } from '@/domain/result'
import { guarded } from './errors'

export type OwnershipCommand = { command: 'claim' } | { command: 'release' } | { command: 'handover'; toUserId: string; note: string }

/** The longest hand-over note the server accepts. */
export const HANDOVER_NOTE_MAX = 2_000

export function queueReviewCommand(db: ConsoleDb, reviewId: number, cmd: OwnershipCommand, now: number): Promise<void> {
  return guarded(() =>
    db.transaction('rw', db.reviews, db.outbox, async () => {
      const review = await db.reviews.get(reviewId)
      if (!review?.syncId) return refuse('errors.review.notFound')
      const command: ReviewCommand = cmd.command
      const args = cmd.command === 'handover' ? { toUserId: cmd.toUserId, note: cmd.note.slice(0, HANDOVER_NOTE_MAX) } : {}
      await db.outbox.add({ mutationId: uuidv7(), kind: 'review', id: review.syncId, createdAt: now, op: 'command', command, args })
    }),
  )
}
