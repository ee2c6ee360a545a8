import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, watch } from 'vue'
import type { SlaDates } from '@/domain/sla/dates'
import type { Language, ReplyRecord, ReviewDetails, ReviewOutcome, ReviewRecord } from '@/domain/model'
import type { Problem, Result } from '@/domain/result'
import { getDb } from '@/data/db'
import {
  casesByIds,
  caseWithAttempts,
  closeReview,
  getReview,
  latestPromisesForCase,
  listOpenReviews,
  markAlerted,
  openReview,
  pauseReview,
  recordPastPause,
  resumeReview,
  reviewsForCase,
  updateReview,
  type OpenReviewInput,
} from '@/data/reviews'
import { clockNow, releaseNow, useNow } from '@/clock'
import { i18n } from '@/i18n'
import { log, platform } from '@/platform'
import { attempt } from './attempt'
import { useCalendarStore } from './calendar'
import { useCasesStore } from './cases'
import {
  collectDueAlerts,
  computeAllDates,
  computeDates,
  countAttention,
  countByStatus,
  dueByCaseAt,
  prefillDetails,
  refreshDueDates,
  sameCountsOr,
  sameDueOr,
  shortLocalDate,
  statusAnswer,
  type BoardReview,
  type BoardStatus,
  type CaseDue,
  type DatesMap,
  type DueAlert,
  type StatusAnswer,
} from './reviewHelpers'
import { useSettingsStore } from './settings'

/** Alerts to show in the window: `live` ones fired while the console ran; the others fell due while it was closed. */
export interface AlertBatch {
  id: number
  live: boolean
  alerts: DueAlert[]
}

type Saved = ReviewRecord & { id: number }

/**
 * Open reviews, their SLA dates and the alert loop. `start()` runs once (from AppShell): it loads the
 * calendar and the open reviews, computes every review's dates once, then on each tick of the ONE shared
 * clock only asks `statusAt`-level questions (badge count, due alerts) and recomputes the rare dates whose
 * `recomputeAt` has come. Dates are recomputed all at once when the calendar or the SLA targets change.
 */
export const useReviewsStore = defineStore('reviews', () => {
  const calendar = useCalendarStore()
  const settings = useSettingsStore()
  const cases = useCasesStore()

  /** Open reviews (cases in the trash left out), with their case number and language. */
  const open = shallowRef<readonly BoardReview[]>([])
  /** reviewId → SLA dates, replaced (never mutated) when any date changes. */
  const dates = shallowRef<DatesMap>(new Map())
  /** Mirrors the shared clock once started. */
  const now = ref(clockNow())
  const loaded = ref(false)
  const loadError = ref<Problem | null>(null)
  /** Bumped after every review write, so case pages refresh their panels. */
  const revision = ref(0)
  const alertBatches = shallowRef<readonly AlertBatch[]>([])

  /*
   * `now` moves every second, but these change only when a status does: each keeps its previous value when
   * equal, so the tick re-renders nothing that shows them (the case list's rows, the board's counts) and lays
   * nothing out, unless something they show changed.
   */
  const attention = computed(() => countAttention(open.value, dates.value, now.value))
  const counts = computed<Record<BoardStatus, number>>((prev) => sameCountsOr(prev, countByStatus(open.value, dates.value, now.value)))
  /** caseId → the open review's due date and status: the case list's "SLA due" column and sort. */
  const dueByCase = computed<Map<number, CaseDue>>((prev) => sameDueOr(prev, dueByCaseAt(open.value, dates.value, now.value)))

  const ctx = () => ({ agent: settings.agent, now: clockNow() })

  let started = false
  let startedAt = 0
  let batchId = 0
  let checking = false
  const attempted = new Set<string>()

  function recomputeAll(): void {
    const index = calendar.index
    if (!index) return
    dates.value = computeAllDates(open.value, index, calendar.sla, clockNow())
  }

  /** Reloads the open reviews from the database and recomputes their dates. */
  async function reload(): Promise<void> {
    const r = await attempt('reviews.reload', async () => {
      await calendar.load()
      const db = getDb()
      const reviews = (await listOpenReviews(db)) as Saved[]
      const caseMap = await casesByIds(
        db,
        reviews.map((r) => r.caseId),
      )
      const items: BoardReview[] = []
      for (const review of reviews) {
        const c = caseMap.get(review.caseId)
        if (!c || c.deletedAt !== undefined) continue
        items.push(markRaw({ review, caseNumber: c.caseNumber, language: c.language }))
      }
      return items
    })
    if (r.ok) {
      open.value = r.value
      recomputeAll()
    }
    loadError.value = r.ok ? null : r.error
    loaded.value = true
  }

  /** Applies one saved review to the open list and its dates (no full recompute). */
  async function upsert(review: Saved): Promise<void> {
    const rest = open.value.filter((i) => i.review.id !== review.id)
    const map = new Map(dates.value)
    map.delete(review.id)
    if (review.state === 'open') {
      const known = open.value.find((i) => i.review.caseId === review.caseId)
      let item: BoardReview | null = known ? { ...known, review } : null
      if (!item) {
        const c = (await casesByIds(getDb(), [review.caseId])).get(review.caseId)
        if (c) item = { review, caseNumber: c.caseNumber, language: c.language }
      }
      if (item) {
        rest.push(markRaw(item))
        if (calendar.index) map.set(review.id, computeDates(review, calendar.index, calendar.sla, clockNow()))
      }
    }
    open.value = rest
    dates.value = map
    revision.value++
  }

  function tick(t: number): void {
    now.value = t
    const index = calendar.index
    if (!index) return
    const fresh = refreshDueDates(open.value, dates.value, index, calendar.sla, t)
    if (fresh) dates.value = fresh
    void checkAlerts(t)
  }

  /** Fires each due alert once: persisted first (with an event), then notified. */
  async function checkAlerts(t: number): Promise<void> {
    if (checking) return
    const due = collectDueAlerts(open.value, dates.value, t).filter((a) => !attempted.has(`${a.reviewId}:${a.kind}`))
    if (due.length === 0) return
    checking = true
    try {
      for (const a of due) attempted.add(`${a.reviewId}:${a.kind}`)
      const done = await markAlerted(getDb(), due, { agent: settings.agent, now: t })
      // remember in memory too (also those another window recorded first), so nothing fires twice
      open.value = open.value.map((i) => {
        const mine = due.filter((a) => a.reviewId === i.review.id)
        if (mine.length === 0) return i
        const alerted = { ...i.review.alerted }
        for (const a of mine) alerted[a.kind] ??= t
        return markRaw({ ...i, review: { ...i.review, alerted } })
      })
      if (done.length === 0) return
      const recorded = due.filter((a) => done.some((d) => d.reviewId === a.reviewId && d.kind === a.kind))
      const live = recorded.filter((a) => a.since >= startedAt)
      const missed = recorded.filter((a) => a.since < startedAt)
      if (missed.length > 0) alertBatches.value = [...alertBatches.value, { id: ++batchId, live: false, alerts: missed }]
      if (live.length > 0) {
        alertBatches.value = [...alertBatches.value, { id: ++batchId, live: true, alerts: live }]
        for (const a of live) void notify(a)
      }
    } catch (err) {
      // the alert stays unrecorded; it is not retried until the next start
      log.error('reviews.alert.record', err, { count: due.length })
    } finally {
      checking = false
    }
  }

  async function notify(a: DueAlert): Promise<void> {
    const t = i18n.global.t
    const due = shortLocalDate(a.dueByDate, i18n.global.locale.value)
    const title = t(a.kind === 'overdue' ? 'reviews.alerts.overdueTitle' : 'reviews.alerts.atRiskTitle', { number: a.caseNumber })
    const body = t(a.kind === 'overdue' ? 'reviews.alerts.overdueBody' : 'reviews.alerts.atRiskBody', { due })
    try {
      await platform().notify(title, body)
    } catch (err) {
      // notifications are best effort: the badge and the board still show it
      log.warn('reviews.alert.notify', err, { caseNumber: a.caseNumber, kind: a.kind })
    }
  }

  let stops: (() => void)[] = []

  /** Starts the store once: loads, subscribes to the shared clock, keeps the app badge up to date. */
  async function start(): Promise<void> {
    if (started) return
    started = true
    startedAt = clockNow()
    await reload()
    if (!started) return
    const shared = useNow()
    stops = [
      watch([() => calendar.index, () => calendar.sla], recomputeAll),
      watch(shared, tick, { immediate: true }),
      watch(
        attention,
        (n) =>
          void platform()
            .setBadge(n)
            .catch((err: unknown) => log.warn('reviews.badge', err)), // the board still shows the count
        { immediate: true },
      ),
      // the tray / menu-bar icon: counts only, never which cases they are
      watch(
        [() => open.value.length, () => counts.value.atRisk, () => counts.value.overdue],
        ([openReviews, atRisk, overdue]) =>
          void platform()
            .setTrayStatus({ openReviews, atRisk, overdue })
            .catch((err: unknown) => log.warn('reviews.tray', err)),
        { immediate: true },
      ),
      releaseNow,
    ]
  }

  /** Stops the clock subscription and the watchers (tests; the app keeps the store for its lifetime). */
  function stop(): void {
    for (const s of stops) s()
    stops = []
    started = false
  }

  /** Removes shown alert batches (the window calls this once it displayed them). */
  function takeAlerts(ids: readonly number[]): void {
    alertBatches.value = alertBatches.value.filter((b) => !ids.includes(b.id))
  }

  // ---- Reads for a case page. ----

  /**
   * The SLA dates of any review at `at` (which matters only while a pause is open): the board's copy for an
   * open, unchanged review, otherwise computed now.
   */
  function datesFor(review: ReviewRecord, at: number): SlaDates | null {
    const index = calendar.index
    if (!index) return null
    const item = review.id === undefined ? undefined : open.value.find((i) => i.review.id === review.id)
    const cached = review.id === undefined ? undefined : dates.value.get(review.id)
    if (item && cached && item.review.updatedAt === review.updatedAt && (cached.recomputeAt === null || at < cached.recomputeAt))
      return cached
    return computeDates(review, index, calendar.sla, at)
  }

  /** A case's reviews and the latest promised dates per review, read together. */
  function forCase(caseId: number): Promise<Result<{ reviews: Saved[]; promises: Map<number, ReplyRecord> }>> {
    return attempt(
      'reviews.for-case',
      async () => {
        await calendar.load()
        const [reviews, promises] = await Promise.all([reviewsForCase(getDb(), caseId), latestPromisesForCase(getDb(), caseId)])
        return { reviews: reviews as Saved[], promises }
      },
      { caseId },
    )
  }

  function prefill(caseId: number): Promise<Result<(ReviewDetails & { caseCreatedAt: number }) | null>> {
    return attempt(
      'reviews.prefill',
      async () => {
        const { record, attempts } = await caseWithAttempts(getDb(), caseId)
        return record ? { ...prefillDetails(record, attempts), caseCreatedAt: record.createdAt } : null
      },
      { caseId },
    )
  }

  // ---- Writes: each answers with the saved review, or the reason it was refused. ----

  async function write(code: string, context: Record<string, number>, work: () => Promise<ReviewRecord>): Promise<Result<Saved>> {
    return attempt(
      code,
      async () => {
        const r = (await work()) as Saved
        await upsert(r)
        return r
      },
      context,
    )
  }

  async function openFor(caseId: number, input: OpenReviewInput): Promise<Result<Saved>> {
    const r = await write('reviews.open', { caseId }, () => openReview(getDb(), caseId, input, ctx()))
    if (r.ok) cases.touched() // the case is now 'escalated'
    return r
  }

  function update(id: number, patch: ReviewDetails & { submittedAt?: number }): Promise<Result<Saved>> {
    return write('reviews.update', { reviewId: id }, () => updateReview(getDb(), id, patch, ctx()))
  }

  function pause(id: number, reason: string): Promise<Result<Saved>> {
    return write('reviews.pause', { reviewId: id }, () => pauseReview(getDb(), id, { reason }, ctx()))
  }

  /** Records a pause that already ended (the agent forgot to press Pause); the dates move with it. */
  function recordPause(id: number, pause: { reason: string; start: number; end: number }): Promise<Result<Saved>> {
    return write('reviews.record-pause', { reviewId: id }, () => recordPastPause(getDb(), id, pause, ctx()))
  }

  function resume(id: number): Promise<Result<Saved>> {
    return write('reviews.resume', { reviewId: id }, () => resumeReview(getDb(), id, {}, ctx()))
  }

  function close(id: number, outcome: ReviewOutcome): Promise<Result<Saved>> {
    return write('reviews.close', { reviewId: id }, () => closeReview(getDb(), id, { outcome }, ctx()))
  }

  // ---- "When will my reset be done?" (also the API for the replies helper). ----

  /**
   * For a case: its open review's promised dates (local dates in the calendar's zone), the same in words in
   * `language`, the SLA status now and a short answer text. Null when the case has no open review.
   */
  async function promisedForCase(caseId: number, language: Language): Promise<Result<StatusAnswer | null>> {
    return attempt(
      'reviews.promised',
      async () => {
        await calendar.load()
        const review = (await reviewsForCase(getDb(), caseId)).find((r) => r.state === 'open')
        if (!review || review.id === undefined) return null
        const at = clockNow()
        const d = datesFor(review, at)
        return d ? statusAnswer(review.id, d, at, language) : null
      },
      { caseId },
    )
  }

  /** Reloads one review from the database (e.g. after another window changed it). */
  async function refreshOne(id: number): Promise<void> {
    const r = await getReview(getDb(), id)
    if (r) await upsert(r as Saved)
  }

  return {
    open,
    dates,
    now,
    loaded,
    loadError,
    revision,
    attention,
    counts,
    dueByCase,
    alertBatches,
    start,
    stop,
    reload,
    takeAlerts,
    datesFor,
    forCase,
    prefill,
    openFor,
    update,
    pause,
    recordPause,
    resume,
    close,
    promisedForCase,
    refreshOne,
  }
})
