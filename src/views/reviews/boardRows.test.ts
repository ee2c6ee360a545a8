/**
 * The reviews board's rows on the shared clock's one-second tick: they change (and the board renders) only
 * when what they show changes, a countdown's words at most once a minute or a status at its very instant,
 * and what they show is at every tick what a fresh computation gives. Time is a plain ref moved by hand.
 */
import { createSSRApp, defineComponent, h, ref, watch } from 'vue'
import { createI18n } from 'vue-i18n'
import { renderToString } from 'vue/server-renderer'
import { describe, expect, it } from 'vitest'
import { buildDayIndex } from '@/domain/calendar/dayIndex'
import { mainlandChinaCalendar } from '@/domain/calendar/presets'
import { DEFAULT_SLA_SETTINGS } from '@/domain/sla/settings'
import { allMessages } from '@/i18n'
import { useSlaText } from '@/composables/useSlaText'
import { computeAllDates, countdownAt, sortByDue, statusAt, type BoardReview, type BoardStatus } from '@/stores/reviewHelpers'
import { useBoardRows } from './boardRows'
import { boardReview, shanghai } from '@test/boardReview'

const index = buildDayIndex(mainlandChinaCalendar())
const sh = shanghai

const review = boardReview

/** The board's own words for a countdown (useSlaText in English), taken from a component's set-up. */
async function slaText(): Promise<ReturnType<typeof useSlaText>> {
  let text: ReturnType<typeof useSlaText> | undefined
  const app = createSSRApp(
    defineComponent({
      setup() {
        text = useSlaText()
        return () => h('div')
      },
    }),
  )
  app.use(createI18n({ legacy: false, locale: 'en', fallbackLocale: 'en', messages: await allMessages() }))
  await renderToString(app)
  if (!text) throw new Error('no set-up')
  return text
}

async function board(start: number, reviews: BoardReview[], filter: BoardStatus[] = []) {
  const text = await slaText()
  const sorted = sortByDue(reviews, computeAllDates(reviews, index, DEFAULT_SLA_SETTINGS, start))
  const now = ref(start)
  const limit = ref(100)
  const filterSet = ref<ReadonlySet<BoardStatus>>(new Set(filter))
  const { rows, shown } = useBoardRows({
    sorted: () => sorted,
    now: () => now.value,
    filter: () => filterSet.value,
    limit: () => limit.value,
    countdownText: text.countdown,
  })
  const changes = { rows: 0, shown: 0 }
  watch(rows, () => changes.rows++, { flush: 'sync' })
  watch(shown, () => changes.shown++, { flush: 'sync' })
  /** What the board shows at `now`, computed afresh. */
  const fresh = () =>
    sorted
      .map((d) => ({
        caseNumber: d.item.caseNumber,
        status: statusAt(d.dates, now.value),
        countdown: text.countdown(countdownAt(d.dates, now.value)),
      }))
      .filter((r) => filter.length === 0 || (r.status !== 'closed' && filter.includes(r.status)))
  const seen = () => shown.value.map((r) => ({ caseNumber: r.item.caseNumber, status: r.status, countdown: r.countdown }))
  return { now, limit, filterSet, rows, shown, changes, fresh, seen }
}

describe('the reviews board on the one-second clock', () => {
  // submitted Fri 02-13 16:00 → expected from Wed 02-25, due by Mon 03-02; 02-26 is a working day
  const reviews = [review(1, '2026-02-13 16:00'), review(2, '2026-02-24 11:00'), review(3, '2026-02-25 09:30')]

  it('changes its rows when a countdown’s words change (each minute), not on every tick', async () => {
    const b = await board(sh('2026-02-26 10:00'), reviews)
    expect(b.seen()).toEqual(b.fresh())
    let texts = 0
    let last = JSON.stringify(b.seen())
    for (let s = 1; s <= 600; s++) {
      b.now.value += 1000
      expect(b.seen()).toEqual(b.fresh())
      const now = JSON.stringify(b.seen())
      if (now !== last) texts++
      last = now
    }
    expect(texts).toBe(10)
    expect(b.changes.shown).toBe(10)
    expect(b.changes.rows).toBe(0)
  })

  it('shows a status at its instant, mid-minute: a pause that starts at 10:03:27.5', async () => {
    const pause = sh('2026-02-26 10:03:27.500')
    const paused = review(4, '2026-02-24 15:00', { pauses: [{ start: pause, end: null, reason: 'docs' }] })
    const b = await board(sh('2026-02-26 10:03:20'), [...reviews, paused])
    const statusOf4 = () => b.shown.value.find((r) => r.item === paused)?.status
    expect(statusOf4()).not.toBe('paused')
    for (let s = 1; s <= 15; s++) {
      b.now.value += 500
      expect(b.seen()).toEqual(b.fresh())
      expect(statusOf4() === 'paused').toBe(b.now.value >= pause)
    }
    expect(b.changes.rows).toBe(1)
  })

  it('filters and pages as before: a new filter or a longer page gives new rows', async () => {
    const b = await board(sh('2026-03-03 10:00'), reviews)
    const before = b.shown.value
    b.filterSet.value = new Set<BoardStatus>(['overdue'])
    expect(b.shown.value).not.toBe(before)
    expect(b.shown.value.map((r) => r.item.review.id)).toEqual([1])
    b.filterSet.value = new Set()
    b.limit.value = 2
    expect(b.shown.value.map((r) => r.item.review.id)).toEqual(b.rows.value.slice(0, 2).map((r) => r.item.review.id))
  })
})
