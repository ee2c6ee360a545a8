import { ProblemError } from '@/domain/result'
import { afterEach, describe, expect, it } from 'vitest'
import { addDayOff, mondayToFridayCalendar } from '@/domain/calendar/calendar'
import { DEFAULT_SLA_SETTINGS } from '@/domain/sla/settings'
import { CALENDAR_KEY, loadCalendarSettings, SLA_KEY, saveCalendar, saveSlaSettings } from './calendarSettings'
import type { ConsoleDb } from './db'
import { testDb } from '@test/db'

let db: ConsoleDb
afterEach(() => db?.close())
const ctx = { agent: 'Lin', now: 1_000 }

describe('calendar and SLA settings', () => {
  it('start from the Mainland China preset and the default targets when nothing is stored', async () => {
    db = testDb()
    const s = await loadCalendarSettings(db)
    expect(s.calendar.basedOn).toBe('cn-mainland')
    expect(s.calendar.timeZone).toBe('Asia/Shanghai')
    expect(s.calendar.holidays['2026-10-01']).toBeDefined()
    expect(s.sla).toEqual(DEFAULT_SLA_SETTINGS)
    expect(s).toMatchObject({ calendarProblem: null, slaProblem: null, calendarStored: false })
  })

  it('round-trip through the settings table with an audit event saying what changed', async () => {
    db = testDb()
    const cal = addDayOff(mondayToFridayCalendar('Europe/London'), '2026-12-24', 'Company day')
    if (!cal.ok) throw new Error('setup')
    await saveCalendar(db, cal.value, ctx, 'added a day')
    await saveSlaSettings(db, { expectedDays: 2, dueDays: 5, atRiskLeadDays: 2 }, ctx)
    const s = await loadCalendarSettings(db)
    expect(s.calendar).toEqual(cal.value)
    expect(s.sla).toEqual({ expectedDays: 2, dueDays: 5, atRiskLeadDays: 2 })
    expect(s.calendarStored).toBe(true)
    const events = await db.events.toArray()
    expect(events.map((e) => `${e.entity}:${e.entityId}`)).toEqual([`calendar:${CALENDAR_KEY}`, `settings:${SLA_KEY}`])
    expect(events[0]?.note).toBe('added a day')
    expect(events[0]?.changes).toContainEqual({ field: 'timeZone', from: null, to: 'Europe/London' })
    expect(events[1]?.changes).toEqual([
      { field: 'expectedDays', from: 3, to: 2 },
      { field: 'dueDays', from: 7, to: 5 },
      { field: 'atRiskLeadDays', from: 1, to: 2 },
    ])
  })

  it('refuse to store an invalid calendar or invalid targets, and store nothing', async () => {
    db = testDb()
    const bad = { ...mondayToFridayCalendar(), timeZone: 'Mars/Olympus' }
    const err = await saveCalendar(db, bad, ctx).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProblemError)
    expect((err as ProblemError).problem).toEqual({ key: 'errors.calendar.badTimezone', params: { name: 'Mars/Olympus' } })
    const err2 = await saveSlaSettings(db, { expectedDays: 8, dueDays: 7, atRiskLeadDays: 1 }, ctx).catch((e: unknown) => e)
    expect((err2 as ProblemError).problem.key).toBe('errors.sla.dueBeforeExpected')
    expect(await db.settings.count()).toBe(0)
    expect(await db.events.count()).toBe(0)
  })

  it.each([
    ['not an object', 'garbage', 'errors.calendar.invalid'],
    ['an unknown zone', { ...mondayToFridayCalendar(), timeZone: 'Nowhere/Land' }, 'errors.calendar.badTimezone'],
    ['no working day', { ...mondayToFridayCalendar(), workingWeekdays: [] }, 'errors.calendar.noWorkingDays'],
    ['a bad date', { ...mondayToFridayCalendar(), holidays: { '2026-02-30': 'x' } }, 'errors.calendar.badDate'],
  ])('fall back to the default preset when the stored calendar is %s, and say why', async (_what, value, key) => {
    db = testDb()
    await db.settings.put({ key: CALENDAR_KEY, value })
    await db.settings.put({ key: SLA_KEY, value: { expectedDays: 'three' } })
    const s = await loadCalendarSettings(db)
    expect(s.calendar.basedOn).toBe('cn-mainland')
    expect(s.calendarProblem?.key).toBe(key)
    expect(s.calendarStored).toBe(false)
    expect(s.sla).toEqual(DEFAULT_SLA_SETTINGS)
    expect(s.slaProblem?.key).toBe('errors.sla.daysRange')
  })
})
