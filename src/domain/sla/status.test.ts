import { describe, expect, it } from 'vitest'
import { buildDayIndex } from '../calendar/dayIndex'
import { mainlandChinaCalendar } from '../calendar/presets'
import type { ReviewPause } from '../model'
import { computeSlaDates } from './dates'
import { DEFAULT_SLA_SETTINGS } from './settings'
import { countdownAt, dueAlerts, SLA_STATUS_PRECEDENCE, statusAt } from './status'

const index = buildDayIndex(mainlandChinaCalendar())
const sh = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}+08:00`)
const H = 3_600_000

// The example: submitted Fri 2026-02-13 16:00; expected from end of Wed 02-25; due by end of Mon 03-02.
const submittedAt = sh('2026-02-13 16:00')
const example = (pauses: ReviewPause[] = [], state: 'open' | 'closed' = 'open', now = submittedAt) =>
  computeSlaDates({ submittedAt, pauses, state }, index, DEFAULT_SLA_SETTINGS, now)

describe('statusAt', () => {
  const d = example()
  it.each([
    ['2026-02-13 16:00', 'pending'],
    ['2026-02-25 23:59:59.999', 'pending'],
    ['2026-02-26 00:00', 'inWindow'],
    ['2026-03-01 23:59:59.999', 'inWindow'],
    ['2026-03-02 00:00', 'atRisk'], // start of business day 7 (lead 1)
    ['2026-03-02 23:59:59.999', 'atRisk'],
    ['2026-03-03 00:00', 'overdue'],
    ['2026-04-01 12:00', 'overdue'],
  ])('at %s: %s', (wall, status) => {
    expect(statusAt(d, sh(wall))).toBe(status)
  })

  it('applies the precedence closed > paused > overdue > at-risk > in-window > pending', () => {
    expect(SLA_STATUS_PRECEDENCE).toEqual(['closed', 'paused', 'overdue', 'atRisk', 'inWindow', 'pending'])
    const late = sh('2026-03-05 10:00')
    const openPause: ReviewPause = { start: sh('2026-03-04 10:00'), end: null, reason: 'user' }
    expect(statusAt(example([openPause], 'open', late), late)).toBe('paused')
    expect(statusAt(example([openPause], 'closed', late), late)).toBe('closed')
    expect(statusAt(example([], 'closed'), late)).toBe('closed')
  })

  it('is paused only while a pause covers the moment', () => {
    const p: ReviewPause = { start: sh('2026-02-24 10:00'), end: sh('2026-02-24 12:00'), reason: '' }
    const d2 = example([p])
    expect(statusAt(d2, sh('2026-02-24 09:59'))).toBe('pending')
    expect(statusAt(d2, sh('2026-02-24 10:00'))).toBe('paused')
    expect(statusAt(d2, sh('2026-02-24 12:00'))).toBe('pending')
  })
})

describe('countdownAt', () => {
  const d = example()
  it('on the submission day: all seven business days, no hours', () => {
    expect(countdownAt(d, submittedAt)).toMatchObject({ kind: 'remaining', businessDays: 7, msToday: 0, hours: 0 })
  })
  it('on a holiday: the business days left, no hours', () => {
    // Thu 02-19 (holiday); counted after today: Tue24 Wed25 Thu26 Fri27 Sat28 Mon2 (Sat14 is past).
    expect(countdownAt(d, sh('2026-02-19 10:00'))).toMatchObject({ kind: 'remaining', businessDays: 6, msToday: 0 })
  })
  it('on a business day: the whole days after today plus the hours left today', () => {
    // Tue 02-24 09:00 is business day 2; after it: Wed25 Thu26 Fri27 Sat28 Mon2 = 5, and 15 h left today.
    expect(countdownAt(d, sh('2026-02-24 09:00'))).toMatchObject({
      kind: 'remaining',
      businessDays: 5,
      msToday: 15 * H,
      hours: 15,
      minutes: 0,
    })
    expect(countdownAt(d, sh('2026-02-24 21:30'))).toMatchObject({ businessDays: 5, hours: 2, minutes: 30 })
  })
  it('on the due day: hours only', () => {
    const c = countdownAt(d, sh('2026-03-02 18:00'))
    expect(c).toMatchObject({ kind: 'remaining', businessDays: 0, hours: 6, msToDue: 6 * H })
  })
  it('when overdue: time since the due day ended and the business days begun since', () => {
    // Due day ended Mon 03-02 24:00. At Wed 03-04 09:00: 33 h late; Tue 3 and Wed 4 have begun.
    expect(countdownAt(d, sh('2026-03-04 09:00'))).toEqual({
      kind: 'overdue',
      paused: false,
      businessDays: 2,
      ms: 33 * H,
      days: 1,
      hours: 9,
      minutes: 0,
    })
  })
  it('does not count paused days as remaining, and flags an open pause', () => {
    const p: ReviewPause = { start: sh('2026-02-26 10:00'), end: null, reason: '' }
    const now = sh('2026-02-27 09:00')
    const paused = example([p], 'open', now)
    // Thu 26 paused (open pause as if ended now) → due moves to Tue 03-03.
    expect(paused.dueByDate).toBe('2026-03-03')
    // After Fri 27: Sat28 Mon2 Tue3 = 3, plus 15 h of Friday.
    expect(countdownAt(paused, now)).toMatchObject({ kind: 'remaining', paused: true, businessDays: 3, hours: 15 })
  })
  it('has nothing to count for a closed review', () => {
    expect(countdownAt(example([], 'closed'), sh('2026-02-24 09:00'))).toEqual({ kind: 'closed' })
  })
})

describe('dueAlerts', () => {
  const d = example()
  const none = { alerted: { atRisk: null, overdue: null } }
  it('fires nothing before the at-risk start', () => {
    expect(dueAlerts(none, d, sh('2026-03-01 23:00'))).toEqual([])
  })
  it('fires at-risk once', () => {
    const now = sh('2026-03-02 08:00')
    expect(dueAlerts(none, d, now)).toEqual([{ kind: 'atRisk', since: sh('2026-03-02 00:00') }])
    expect(dueAlerts({ alerted: { atRisk: now, overdue: null } }, d, now)).toEqual([])
  })
  it('fires only overdue for an overdue review, even one never alerted at risk (app closed meanwhile)', () => {
    const now = sh('2026-03-10 09:00')
    expect(dueAlerts(none, d, now)).toEqual([{ kind: 'overdue', since: sh('2026-03-03 00:00') }])
    expect(dueAlerts({ alerted: { atRisk: null, overdue: now } }, d, now)).toEqual([])
  })
  it('fires nothing for closed or paused reviews', () => {
    const now = sh('2026-03-10 09:00')
    expect(dueAlerts(none, example([], 'closed'), now)).toEqual([])
    const p: ReviewPause = { start: sh('2026-03-09 09:00'), end: null, reason: '' }
    expect(dueAlerts(none, example([p], 'open', now), now)).toEqual([])
  })
})
