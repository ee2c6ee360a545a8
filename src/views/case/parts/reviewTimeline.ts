/**
 * A review's timeline, oldest first: submitted (with the back-office reference), each pause and resume,
 * and the close with its outcome. A pause that the close ended shows no separate "resumed".
 */
import type { ReviewRecord } from '@/domain/model'

export type TimelineEvent =
  | { kind: 'submitted'; reference: string }
  | { kind: 'paused'; reason: string }
  | { kind: 'resumed' }
  | { kind: 'closed'; outcome: NonNullable<ReviewRecord['outcome']> }

export interface TimelineItem {
  key: string
  at: number
  event: TimelineEvent
}

export function reviewTimeline(
  r: Pick<ReviewRecord, 'submittedAt' | 'reference' | 'pauses' | 'state' | 'closedAt' | 'outcome'>,
): TimelineItem[] {
  const items: TimelineItem[] = [{ key: 's', at: r.submittedAt, event: { kind: 'submitted', reference: r.reference } }]
  r.pauses.forEach((p, i) => {
    items.push({ key: `p${i}`, at: p.start, event: { kind: 'paused', reason: p.reason } })
    if (p.end !== null && !(r.state === 'closed' && p.end === r.closedAt))
      items.push({ key: `r${i}`, at: p.end, event: { kind: 'resumed' } })
  })
  if (r.state === 'closed' && r.closedAt !== null)
    items.push({ key: 'c', at: r.closedAt, event: { kind: 'closed', outcome: r.outcome ?? 'withdrawn' } })
  return items.sort((a, b) => a.at - b.at)
}
