/** Replies sent to users: kept on the case, each with an audit event, in one transaction. */
import type { Language, PromisedDates, ReplyRecord } from '@/domain/model'
import type { ConsoleDb } from './db'
import { guarded } from './errors'
import { appendEvent } from './events'

export interface WriteContext {
  agent: string
  now: number
}

export interface ReplyInput {
  caseId: number
  /** The template the reply was composed from (null for free text). */
  templateId: string | null
  templateVersion: number | null
  language: Language
  text: string
  promised?: PromisedDates | null
  reviewId?: number | null
}

/** Logs a reply as sent (now, by the agent), with a `reply`/`sent` event on the case. */
export function logReply(db: ConsoleDb, input: ReplyInput, ctx: WriteContext): Promise<ReplyRecord> {
  const record: ReplyRecord = {
    caseId: input.caseId,
    templateId: input.templateId,
    templateVersion: input.templateId === null ? null : input.templateVersion,
    language: input.language,
    text: input.text,
    sentAt: ctx.now,
    agent: ctx.agent,
    promised: input.promised ?? null,
    reviewId: input.reviewId ?? null,
  }
  return guarded(() =>
    db.transaction('rw', db.replies, db.events, async () => {
      const id = (await db.replies.add(record)) as number
      await appendEvent(
        db,
        {
          entity: 'reply',
          entityId: id,
          caseId: input.caseId,
          action: 'sent',
          changes: [],
          note: record.templateId
            ? `${record.templateId} v${record.templateVersion ?? '?'} (${record.language})`
            : `free text (${record.language})`,
        },
        ctx.agent,
        ctx.now,
      )
      return { ...record, id }
    }),
  )
}

/** A case's sent replies, newest first. */
export async function repliesForCase(db: ConsoleDb, caseId: number): Promise<ReplyRecord[]> {
  const rows = await guarded(() => db.replies.where('caseId').equals(caseId).toArray())
  return rows.sort((a, b) => b.sentAt - a.sentAt || (b.id ?? 0) - (a.id ?? 0))
}
