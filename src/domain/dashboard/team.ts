/**
 * The dashboard's "Team" table (team mode): one row per agent, from the local replica. Cases count for the
 * agent stored on them (`agent`: the user id the server stamped); reviews for their owner (`owner`; a record
 * from before team mode has none and counts for its `agent`; a released review, owner null, counts for no one).
 * "Due soon" uses the reviews' already computed SLA dates (countdownAt): overdue, or due today or on the next
 * business day. Pure: time is passed in.
 */
import type { CaseStatus } from '@/domain/model'
import type { SlaDates } from '@/domain/sla/dates'
import { countdownAt } from '@/domain/sla/status'

export interface TeamCase {
  agent: string
  status: CaseStatus
}

export interface TeamReview {
  agent: string
  owner?: string | null
  /** The review's SLA dates as the reviews store computed them; undefined while not computed. */
  dates: SlaDates | undefined
}

export interface TeamRow {
  agent: string
  openCases: number
  waitingOnUser: number
  openReviews: number
  /** Open reviews overdue or due within one business day (today or the next business day). */
  reviewsDueSoon: number
}

/** A case still being worked on: not resolved, not closed. */
const OPEN_STATUSES: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['open', 'waiting', 'escalated'])

function dueSoon(dates: SlaDates | undefined, now: number): boolean {
  if (!dates) return false
  const c = countdownAt(dates, now)
  return c.kind === 'overdue' || (c.kind === 'remaining' && c.businessDays <= 1)
}

/** Rows sorted by agent; agents with nothing open are left out. `reviews` are the open reviews. */
export function teamRows(cases: readonly TeamCase[], reviews: readonly TeamReview[], now: number): TeamRow[] {
  const rows = new Map<string, TeamRow>()
  const row = (agent: string): TeamRow => {
    let r = rows.get(agent)
    if (!r) {
      r = { agent, openCases: 0, waitingOnUser: 0, openReviews: 0, reviewsDueSoon: 0 }
      rows.set(agent, r)
    }
    return r
  }
  for (const c of cases) {
    if (!OPEN_STATUSES.has(c.status)) continue
    const r = row(c.agent)
    r.openCases++
    if (c.status === 'waiting') r.waitingOnUser++
  }
  for (const review of reviews) {
    const owner = review.owner === undefined ? review.agent : review.owner
    if (owner === null) continue
    const r = row(owner)
    r.openReviews++
    if (dueSoon(review.dates, now)) r.reviewsDueSoon++
  }
  return [...rows.values()].sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0))
}
