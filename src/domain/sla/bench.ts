/**
 * A micro-benchmark for `npm run bench` (not a test: no timed assertions anywhere). Builds the mainland
 * China day index, computes the SLA dates of `n` reviews submitted across two years (a fifth of them with
 * pauses, a few open), then times one clock tick: `statusAt` + `countdownAt` for all of them.
 * Targets: computing all dates well under 50 ms for 2,000 reviews; a tick well under 4 ms.
 */
import { buildDayIndex } from '../calendar/dayIndex'
import { mainlandChinaCalendar } from '../calendar/presets'
import type { ReviewPause } from '../model'
import { computeSlaDates, type SlaDates } from './dates'
import { DEFAULT_SLA_SETTINGS } from './settings'
import { countdownAt, statusAt } from './status'

export interface SlaBenchResult {
  reviews: number
  /** Building the day index for the calendar (once per calendar change). */
  buildIndexMs: number
  /** computeSlaDates for every review, first run (cold caches) and a second run (warm). */
  computeColdMs: number
  computeWarmMs: number
  /** One tick: statusAt + countdownAt for every review (median of `ticks` ticks, and the slowest). */
  tickMedianMs: number
  tickMaxMs: number
  ticks: number
  /** A checksum of the results, so the work cannot be optimised away. */
  checksum: number
}

const DAY = 86_400_000

export function benchSla(n = 2000, ticks = 50, clock: () => number = () => performance.now()): SlaBenchResult {
  const start = Date.parse('2025-01-01T00:00:00Z')
  let seed = 12_345
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
    return seed / 2_147_483_648
  }
  const reviews = Array.from({ length: n }, (_, i) => {
    const submittedAt = start + Math.floor(random() * 730 * DAY)
    const pauses: ReviewPause[] = []
    if (i % 5 === 0) {
      const s = submittedAt + Math.floor(random() * 5 * DAY)
      pauses.push({ start: s, end: i % 25 === 0 ? null : s + Math.floor(random() * 4 * DAY), reason: '' })
    }
    return { submittedAt, pauses, state: i % 10 === 9 ? ('closed' as const) : ('open' as const) }
  })
  const now = start + 400 * DAY

  let t = clock()
  const index = buildDayIndex(mainlandChinaCalendar())
  const buildIndexMs = clock() - t

  const computeAll = (): SlaDates[] => reviews.map((r) => computeSlaDates(r, index, DEFAULT_SLA_SETTINGS, now))
  t = clock()
  computeAll()
  const computeColdMs = clock() - t
  t = clock()
  const dates = computeAll()
  const computeWarmMs = clock() - t

  let checksum = 0
  const tickTimes: number[] = []
  for (let k = -1; k < ticks; k++) {
    const at = now + k * 1000
    t = clock()
    for (const d of dates) {
      const status = statusAt(d, at)
      const c = countdownAt(d, at)
      checksum += status.length + (c.kind === 'remaining' ? c.businessDays : c.kind === 'overdue' ? c.days : 0)
    }
    if (k >= 0) tickTimes.push(clock() - t) // tick -1 warms the JIT up
  }
  tickTimes.sort((a, b) => a - b)
  return {
    reviews: n,
    buildIndexMs,
    computeColdMs,
    computeWarmMs,
    tickMedianMs: tickTimes[Math.floor(tickTimes.length / 2)] ?? 0,
    tickMaxMs: tickTimes[tickTimes.length - 1] ?? 0,
    ticks,
    checksum,
  }
}
