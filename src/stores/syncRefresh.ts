/**
 * After the sync engine wrote local records (a pulled page, a notice), the stores whose screens show them
 * read them again, so another agent's change appears without a reload (docs/team-sync.md, "Client"):
 * cases, reviews, sent replies, templates, and the team settings (business calendar and SLA targets,
 * playbook files). A store not loaded yet reads fresh data when it first loads.
 */
import { CALENDAR_KEY, SLA_KEY } from '@/data/calendarSettings'
import { log } from '@/platform'
import type { ReplicaChange } from '@/sync/observed'
import { useCalendarStore } from './calendar'
import { useCasesStore } from './cases'
import { usePlaybookStore } from './playbook'
import { useRepliesStore } from './replies'
import { useReviewsStore } from './reviews'
import { useSyncNoticesStore } from './syncNotices'

const PLAYBOOK_KEYS = ['playbook.files', 'playbook.installed']

/** Resolves when every store it refreshed has read its records again (a failed read is logged). */
export async function refreshAfterReplicaChange(change: ReplicaChange): Promise<void> {
  useCasesStore().touched()
  if (change.notices) useSyncNoticesStore().revision++
  const work: Promise<unknown>[] = []
  const reviews = useReviewsStore()
  if (change.kinds.has('review')) {
    if (reviews.loaded) work.push(reviews.reload().then(() => reviews.revision++))
    else reviews.revision++
  }
  const replies = useRepliesStore()
  if (change.kinds.has('reply')) replies.sentRevision++
  if (change.kinds.has('template') && replies.loaded) work.push(replies.refresh())
  const calendar = useCalendarStore()
  if (calendar.loaded && (change.settings.has(CALENDAR_KEY) || change.settings.has(SLA_KEY))) work.push(calendar.reload())
  if (PLAYBOOK_KEYS.some((k) => change.settings.has(k))) work.push(usePlaybookStore().reread())
  const done = await Promise.allSettled(work)
  for (const r of done) if (r.status === 'rejected') log.warn('sync.refresh', r.reason)
}
