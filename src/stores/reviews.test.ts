/**
 * The reviews store end to end on fake-indexeddb: open → dates, pause/resume moves them, a calendar change
 * recomputes every open review at once, the promise answer for the replies helper, and the alert loop
 * (each alert once, desktop notification for live ones, a catch-up batch for those missed while closed).
 * Only Date is faked (IndexedDB needs real timers).
 */
import type { Result } from '@/domain/result'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { addDayOff } from '@/domain/calendar/calendar'
import { emptyDraft, validateDraft } from '@/domain/case/validation'
import { getDb } from '@/data/db'
import { clockNow } from '@/clock'
import { setPlatform, type Platform } from '@/platform'
import { useCalendarStore } from './calendar'
import { useCasesStore } from './cases'
import { useReviewsStore } from './reviews'
import { useRepliesStore } from './replies'

/** The value of a store action that must succeed here. */
async function okValue<T>(pending: Promise<Result<T, unknown>>): Promise<T> {
  const r = await pending
  if (!r.ok) throw new Error(`failed: ${JSON.stringify(r.error)}`)
  return r.value
}

const sh = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}+08:00`)
const notes: { title: string; body: string }[] = []
const badges: number[] = []
const trays: Array<{ openReviews: number; atRisk: number; overdue: number }> = []

const fakePlatform = {
  kind: 'browser',
  notify: async (title: string, body: string) => {
    notes.push({ title, body })
    return true
  },
  setBadge: async (n: number) => {
    badges.push(n)
  },
  setTrayStatus: async (status: { openReviews: number; atRisk: number; overdue: number }) => {
    trays.push(status)
    return false
  },
  onMenuCommand: () => () => {},
} as unknown as Platform

const details = {
  registeredContact: '+86 138 0013 8000',
  uid: '35001234',
  description: 'Lost phone',
  methodsTried: [],
  identityRequested: false,
  identityReceived: false,
  reference: 'BO-1',
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error(`timed out waiting for ${what}`)
}

function caseFacts(uid: string) {
  const r = validateDraft({ ...emptyDraft(), uid })
  if (!r.ok) throw new Error('bad draft')
  return r.value
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(sh('2026-02-13 15:00'))
  setActivePinia(createPinia())
  setPlatform(fakePlatform)
  notes.length = 0
  badges.length = 0
  trays.length = 0
  await getDb().delete()
  await getDb().open()
})
afterEach(() => {
  useReviewsStore().stop()
  vi.useRealTimers()
})
afterAll(() => setPlatform(null))

describe('reviews store', () => {
  it('computes dates once, moves them on pause/resume and on a calendar change, and answers for the replies helper', async () => {
    const cases = useCasesStore()
    const reviews = useReviewsStore()
    const calendar = useCalendarStore()
    await reviews.start()
    const c = await okValue(cases.create(caseFacts('35001234')))
    vi.setSystemTime(sh('2026-02-13 16:00'))
    const r = await okValue(reviews.openFor(c.id!, { ...details, submittedAt: clockNow() }))
    expect((await okValue(cases.get(c.id!)))?.status).toBe('escalated')
    expect(reviews.dates.get(r.id)).toMatchObject({ expectedFromDate: '2026-02-25', dueByDate: '2026-03-02' })

    vi.setSystemTime(sh('2026-02-26 10:00'))
    await okValue(reviews.pause(r.id, 'Identity documents requested'))
    vi.setSystemTime(sh('2026-02-27 10:00'))
    await okValue(reviews.resume(r.id))
    expect(reviews.dates.get(r.id)).toMatchObject({ expectedFromDate: '2026-02-25', dueByDate: '2026-03-03' })

    const answer = await okValue(reviews.promisedForCase(c.id!, 'zh-CN'))
    expect(answer).toMatchObject({
      reviewId: r.id,
      status: 'inWindow',
      promised: { submitted: '2026-02-13', expectedFrom: '2026-02-25', dueBy: '2026-03-03' },
    })
    expect(answer?.described.dueBy).toBe('2026年3月3日 星期二')
    // the answer sent from the reply box (the review-status template) is the promise
    await okValue(
      useRepliesStore().send({
        caseId: c.id!,
        templateId: 'review-status',
        templateVersion: 1,
        language: 'zh-CN',
        text: '…',
        promised: answer!.promised,
        reviewId: answer!.reviewId,
      }),
    )

    // a company day off on Monday 2 March: every open review moves at once
    const before = reviews.dates
    const next = addDayOff(calendar.calendar!, '2026-03-02', 'Company day')
    if (!next.ok) throw new Error('setup')
    await calendar.setCalendar(next.value)
    await until(() => reviews.dates !== before, 'the recompute')
    expect(reviews.dates.get(r.id)?.dueByDate).toBe('2026-03-04')
    const { promises } = await okValue(reviews.forCase(c.id!))
    expect(promises.get(r.id)?.promised?.dueBy).toBe('2026-03-03')

    expect(await okValue(reviews.promisedForCase(99_999, 'en'))).toBeNull()
  })

  it('hands out the same due map and counts on a tick that changes no status, new ones when a status changes', async () => {
    const cases = useCasesStore()
    const reviews = useReviewsStore()
    await reviews.start()
    const c = await okValue(cases.create(caseFacts('35001234')))
    vi.setSystemTime(sh('2026-02-13 16:00'))
    await okValue(reviews.openFor(c.id!, { ...details, submittedAt: clockNow() }))
    const due = reviews.dueByCase
    const counts = reviews.counts
    expect(due.get(c.id!)?.status).toBe('pending')

    vi.setSystemTime(sh('2026-02-13 16:01'))
    clockNow() // a tick: every status as it was
    await nextTick()
    expect(reviews.now).toBe(sh('2026-02-13 16:01'))
    expect(reviews.dueByCase).toBe(due)
    expect(reviews.counts).toBe(counts)

    vi.setSystemTime(sh('2026-03-02 09:00'))
    clockNow() // at risk now
    await nextTick()
    expect(reviews.dueByCase).not.toBe(due)
    expect(reviews.dueByCase.get(c.id!)?.status).toBe('atRisk')
    expect(reviews.counts).toMatchObject({ pending: 0, atRisk: 1 })
    await until(() => notes.length === 1, 'the at-risk alert this tick fired') // done before the next test
  })

  it('fires at-risk and overdue alerts once each, as desktop notifications, and sets the badge and the tray counts', async () => {
    const cases = useCasesStore()
    const reviews = useReviewsStore()
    await reviews.start()
    const c = await okValue(cases.create(caseFacts('35001234')))
    vi.setSystemTime(sh('2026-02-13 16:00'))
    const r = await okValue(reviews.openFor(c.id!, { ...details, submittedAt: clockNow() }))

    vi.setSystemTime(sh('2026-03-02 09:00'))
    clockNow() // one tick of the shared clock
    await until(() => notes.length === 1, 'the at-risk notification')
    expect(notes[0]?.title).toContain(c.caseNumber)
    expect(reviews.attention).toBe(1)
    await until(() => badges.at(-1) === 1, 'the badge')
    await until(() => trays.at(-1)?.atRisk === 1, 'the tray')
    expect(trays.at(-1)).toEqual({ openReviews: 1, atRisk: 1, overdue: 0 })
    // counts only: nothing about the case reaches the tray
    expect(JSON.stringify(trays)).not.toContain(c.caseNumber)

    vi.setSystemTime(sh('2026-03-02 09:01'))
    clockNow()
    vi.setSystemTime(sh('2026-03-03 00:01'))
    clockNow()
    await until(() => notes.length === 2, 'the overdue notification')
    await until(() => trays.at(-1)?.overdue === 1, 'the tray overdue count')
    expect(trays.at(-1)).toEqual({ openReviews: 1, atRisk: 0, overdue: 1 })
    vi.setSystemTime(sh('2026-03-03 00:02'))
    clockNow()
    await new Promise((res) => setTimeout(res, 50))
    expect(notes).toHaveLength(2)
    const stored = await getDb().reviews.get(r.id)
    expect(stored?.alerted.atRisk).toBe(sh('2026-03-02 09:00'))
    expect(stored?.alerted.overdue).toBe(sh('2026-03-03 00:01'))
    expect(reviews.alertBatches.map((b) => b.live)).toEqual([true, true])
  })

  it('lists alerts that fell due while the console was closed at the next start, without a desktop notification', async () => {
    {
      const cases = useCasesStore()
      const reviews = useReviewsStore()
      const c = await okValue(cases.create(caseFacts('35001234')))
      vi.setSystemTime(sh('2026-02-13 16:00'))
      await okValue(reviews.openFor(c.id!, { ...details, submittedAt: clockNow() }))
    }
    // "restart" days later
    useReviewsStore().stop()
    setActivePinia(createPinia())
    vi.setSystemTime(sh('2026-03-04 09:00'))
    const reviews = useReviewsStore()
    await reviews.start()
    await until(() => reviews.alertBatches.length === 1, 'the catch-up batch')
    expect(reviews.alertBatches[0]).toMatchObject({ live: false, alerts: [{ kind: 'overdue', dueByDate: '2026-03-02' }] })
    expect(notes).toEqual([])
    reviews.takeAlerts([reviews.alertBatches[0]!.id])
    expect(reviews.alertBatches).toEqual([])
  })
})
