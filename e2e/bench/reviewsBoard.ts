/**
 * Benchmark hook for `npm run bench` (not a test: nothing here asserts a time). Times the reviews board
 * with `n` open reviews through the same helpers the store and the board run:
 * - computing every review's dates (what a calendar or SLA-settings change costs), cold and warm;
 * - sorting them by due date (once per dates change);
 * - one clock tick: the board rows (statusAt for every review, countdownAt for the first page), the
 *   attention count (badge), the due-alert scan and the midnight recompute check.
 *
 * The bench page (page.ts) calls it; reviewsBoard.test.ts checks that it runs (never how fast).
 */
import { buildDayIndex } from '@/domain/calendar/dayIndex'
import { mainlandChinaCalendar } from '@/domain/calendar/presets'
import { DEFAULT_SLA_SETTINGS } from '@/domain/sla/settings'
import type { ReviewPause } from '@/domain/model'
import {
  collectDueAlerts,
  computeAllDates,
  countAttention,
  countdownAt,
  refreshDueDates,
  rowsAt,
  sortByDue,
  type BoardReview,
} from '@/stores/reviewHelpers'

export interface ReviewsBoardBenchResult {
  reviews: number
  /** Building the day index (once per calendar change). */
  buildIndexMs: number
  /** computeAllDates for every review: first run and a second run. */
  computeColdMs: number
  computeWarmMs: number
  /** sortByDue (once per dates change). */
  sortMs: number
  /** One tick of the shared clock over the whole board (median and slowest of `ticks`). */
  tickMedianMs: number
  tickMaxMs: number
  ticks: number
  /** Rows whose countdown is rendered per tick (the board's first page). */
  rowsRendered: number
  /** A checksum of the results, so the work cannot be optimised away. */
  checksum: number
}

const DAY = 86_400_000

/** Synthetic open reviews submitted over the 20 business weeks before `now`, a fifth with pauses. */
export function syntheticReviews(n: number, now: number, seed = 12_345): BoardReview[] {
  let s = seed
  const random = (): number => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648
    return s / 2_147_483_648
  }
  return Array.from({ length: n }, (_, i) => {
    const submittedAt = now - Math.floor(random() * 28 * DAY) - 60_000
    const pauses: ReviewPause[] = []
    if (i % 5 === 0) {
      const start = submittedAt + Math.floor(random() * (now - submittedAt))
      pauses.push({
        start,
        end: i % 25 === 0 ? null : Math.min(now, start + Math.floor(random() * 3 * DAY)),
        reason: 'Identity documents requested',
      })
    }
    return {
      caseNumber: `VC-BENCH-${String(i).padStart(5, '0')}`,
      language: i % 3 === 0 ? 'en' : 'zh-CN',
      review: {
        id: i + 1,
        caseId: i + 1,
        state: 'open',
        registeredContact: '',
        uid: '',
        description: '',
        methodsTried: [],
        identityRequested: false,
        identityReceived: false,
        reference: '',
        submittedAt,
        pauses,
        outcome: null,
        closedAt: null,
        alerted: { atRisk: i % 2 === 0 ? now : null, overdue: null },
        agent: 'bench',
        createdAt: submittedAt,
        updatedAt: submittedAt,
      },
    } satisfies BoardReview
  })
}

export function benchReviewsBoard(
  n = 2000,
  ticks = 60,
  clock: () => number = () => performance.now(),
  now = Date.parse('2026-03-16T02:00:00Z'),
  pageSize = 100,
): ReviewsBoardBenchResult {
  const reviews = syntheticReviews(n, now)

  let t = clock()
  const index = buildDayIndex(mainlandChinaCalendar())
  const buildIndexMs = clock() - t

  t = clock()
  computeAllDates(reviews, index, DEFAULT_SLA_SETTINGS, now)
  const computeColdMs = clock() - t
  t = clock()
  const dates = computeAllDates(reviews, index, DEFAULT_SLA_SETTINGS, now)
  const computeWarmMs = clock() - t

  t = clock()
  const sorted = sortByDue(reviews, dates)
  const sortMs = clock() - t

  let checksum = 0
  const times: number[] = []
  const noFilter = new Set<never>()
  for (let k = -1; k < ticks; k++) {
    const at = now + k * 1000
    t = clock()
    const rows = rowsAt(sorted, at, noFilter)
    const page = Math.min(pageSize, rows.length)
    for (let i = 0; i < page; i++) {
      const c = countdownAt(rows[i]!.dates, at)
      checksum += c.kind === 'remaining' ? c.businessDays + c.hours : c.kind === 'overdue' ? c.businessDays : 0
    }
    checksum += countAttention(reviews, dates, at)
    checksum += collectDueAlerts(reviews, dates, at).length
    checksum += refreshDueDates(reviews, dates, index, DEFAULT_SLA_SETTINGS, at) ? 1 : 0
    if (k >= 0) times.push(clock() - t) // tick -1 warms the JIT up
  }
  times.sort((a, b) => a - b)
  return {
    reviews: n,
    buildIndexMs,
    computeColdMs,
    computeWarmMs,
    sortMs,
    tickMedianMs: times[Math.floor(times.length / 2)] ?? 0,
    tickMaxMs: times[times.length - 1] ?? 0,
    ticks,
    rowsRendered: Math.min(pageSize, n),
    checksum,
  }
}
