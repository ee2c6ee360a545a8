/**
 * Submissions and the dates they must give on the mainland China calendar (default 3 / 7 business days).
 * Every expected value below was worked out by hand from chinese-days' data (holidays and adjusted
 * working days), listed in each row's comment, not copied from the implementation's output.
 * All instants are written as UTC ISO strings or Asia/Shanghai wall times (UTC+8, no DST), so the process
 * time zone plays no part; `npm run test:tz` runs this file under three zones.
 */
import { describe, expect, it } from 'vitest'
import { addDayOff, mondayToFridayCalendar, setYearCovered } from '../calendar/calendar'
import { buildDayIndex } from '../calendar/dayIndex'
import { mainlandChinaCalendar } from '../calendar/presets'
import type { ReviewPause } from '../model'
import { computeSlaDates } from './dates'
import { DEFAULT_SLA_SETTINGS } from './settings'

const CN = mainlandChinaCalendar()
const cnIndex = buildDayIndex(CN)

/** An Asia/Shanghai wall time ("2026-02-13 16:00") as epoch ms, without Temporal or the process zone. */
const sh = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}+08:00`)

const open = (submittedAt: number, pauses: ReviewPause[] = []) => ({ submittedAt, pauses, state: 'open' as const })
const datesFor = (wall: string, pauses: ReviewPause[] = [], now = sh(wall)) =>
  computeSlaDates(open(sh(wall), pauses), cnIndex, DEFAULT_SLA_SETTINGS, now)

interface Row {
  submitted: string
  expectedFrom: string
  dueBy: string
  why: string
  noData?: number[]
}

const TABLE: Row[] = [
  // The example.
  {
    submitted: '2026-02-13 16:00',
    expectedFrom: '2026-02-25',
    dueBy: '2026-03-02',
    why: 'Sat 14 works; 15–23 off; 1=Sat14 2=Tue24 3=Wed25 4=Thu26 5=Fri27 6=Sat28(works) 7=Mon2',
  },
  // An ordinary week (no holiday from 2026-02-24 to 2026-04-03): every weekday and the weekend.
  { submitted: '2026-03-09 10:00', expectedFrom: '2026-03-12', dueBy: '2026-03-18', why: 'Mon: Tue Wed Thu | Fri Mon Tue Wed' },
  { submitted: '2026-03-10 10:00', expectedFrom: '2026-03-13', dueBy: '2026-03-19', why: 'Tue: Wed Thu Fri | Mon Tue Wed Thu' },
  { submitted: '2026-03-11 10:00', expectedFrom: '2026-03-16', dueBy: '2026-03-20', why: 'Wed: Thu Fri Mon | Tue Wed Thu Fri' },
  { submitted: '2026-03-12 10:00', expectedFrom: '2026-03-17', dueBy: '2026-03-23', why: 'Thu: Fri Mon Tue | Wed Thu Fri Mon' },
  { submitted: '2026-03-13 10:00', expectedFrom: '2026-03-18', dueBy: '2026-03-24', why: 'Fri: Mon Tue Wed | Thu Fri Mon Tue' },
  { submitted: '2026-03-14 10:00', expectedFrom: '2026-03-18', dueBy: '2026-03-24', why: 'Sat (day off): counts from Mon 16 like Friday' },
  { submitted: '2026-03-15 10:00', expectedFrom: '2026-03-18', dueBy: '2026-03-24', why: 'Sun (day off): counts from Mon 16' },
  // Around local midnight (Shanghai): the local date decides, whatever the UTC date.
  { submitted: '2026-03-12 23:59:59.999', expectedFrom: '2026-03-17', dueBy: '2026-03-23', why: 'still Thursday locally (15:59 UTC)' },
  { submitted: '2026-03-13 00:00', expectedFrom: '2026-03-18', dueBy: '2026-03-24', why: 'Friday locally although Thursday 16:00 UTC' },
  { submitted: '2026-03-15 23:59', expectedFrom: '2026-03-18', dueBy: '2026-03-24', why: 'still Sunday' },
  { submitted: '2026-03-16 00:00', expectedFrom: '2026-03-19', dueBy: '2026-03-25', why: 'Monday: Tue Wed Thu | Fri Mon Tue Wed' },
  { submitted: '2026-02-13 23:59:59', expectedFrom: '2026-02-25', dueBy: '2026-03-02', why: 'still Friday 13' },
  {
    submitted: '2026-02-14 00:00',
    expectedFrom: '2026-02-26',
    dueBy: '2026-03-03',
    why: 'Sat 14 (working day, not counted): Tue24 Wed25 Thu26 | Fri27 Sat28 Mon2 Tue3',
  },
  // Spring Festival 2025: off 2025-01-28..02-04; working Sun 01-26 and Sat 02-08.
  { submitted: '2025-01-24 10:00', expectedFrom: '2025-02-05', dueBy: '2025-02-10', why: 'Fri: Sun26 Mon27 Wed5 | Thu6 Fri7 Sat8 Mon10' },
  {
    submitted: '2025-01-26 10:00',
    expectedFrom: '2025-02-06',
    dueBy: '2025-02-11',
    why: 'on the working Sunday: Mon27 Wed5 Thu6 | Fri7 Sat8 Mon10 Tue11',
  },
  {
    submitted: '2025-01-27 18:00',
    expectedFrom: '2025-02-07',
    dueBy: '2025-02-12',
    why: 'last day before: Wed5 Thu6 Fri7 | Sat8 Mon10 Tue11 Wed12',
  },
  { submitted: '2025-02-01 10:00', expectedFrom: '2025-02-07', dueBy: '2025-02-12', why: 'during the holiday: counts from Wed 5' },
  // Spring Festival 2026: off 02-15..02-23; working Sat 02-14 and Sat 02-28.
  {
    submitted: '2026-02-19 10:00',
    expectedFrom: '2026-02-26',
    dueBy: '2026-03-03',
    why: 'during the holiday: Tue24 Wed25 Thu26 | Fri27 Sat28 Mon2 Tue3',
  },
  {
    submitted: '2026-02-24 09:00',
    expectedFrom: '2026-02-27',
    dueBy: '2026-03-04',
    why: 'first day back: Wed25 Thu26 Fri27 | Sat28 Mon2 Tue3 Wed4',
  },
  // Labour Day 2025: off 05-01..05-05; working Sun 04-27.
  { submitted: '2025-04-25 10:00', expectedFrom: '2025-04-29', dueBy: '2025-05-08', why: 'Fri: Sun27 Mon28 Tue29 | Wed30 Tue6 Wed7 Thu8' },
  {
    submitted: '2025-04-30 10:00',
    expectedFrom: '2025-05-08',
    dueBy: '2025-05-14',
    why: 'Wed before: Tue6 Wed7 Thu8 | Fri9 Mon12 Tue13 Wed14',
  },
  // Labour Day 2026: off 05-01..05-05; working Sat 05-09.
  { submitted: '2026-04-30 10:00', expectedFrom: '2026-05-08', dueBy: '2026-05-13', why: 'Thu: Wed6 Thu7 Fri8 | Sat9 Mon11 Tue12 Wed13' },
  { submitted: '2026-05-02 10:00', expectedFrom: '2026-05-08', dueBy: '2026-05-13', why: 'during the holiday' },
  // National Day 2025: off 10-01..10-08; working Sun 09-28 and Sat 10-11.
  {
    submitted: '2025-09-26 10:00',
    expectedFrom: '2025-09-30',
    dueBy: '2025-10-13',
    why: 'Fri: Sun28 Mon29 Tue30 | Thu9 Fri10 Sat11 Mon13',
  },
  {
    submitted: '2025-09-30 18:00',
    expectedFrom: '2025-10-11',
    dueBy: '2025-10-16',
    why: 'Tue before: Thu9 Fri10 Sat11 | Mon13 Tue14 Wed15 Thu16',
  },
  // Mid-autumn and National Day 2026: off 09-25..09-27 and 10-01..10-07; working Sun 09-20 and Sat 10-10.
  {
    submitted: '2026-09-18 10:00',
    expectedFrom: '2026-09-22',
    dueBy: '2026-09-29',
    why: 'Fri: Sun20 Mon21 Tue22 | Wed23 Thu24 Mon28 Tue29',
  },
  { submitted: '2026-09-24 10:00', expectedFrom: '2026-09-30', dueBy: '2026-10-12', why: 'Thu: Mon28 Tue29 Wed30 | Thu8 Fri9 Sat10 Mon12' },
  // Into 2026 from 2025: off 2026-01-01..01-03; working Sun 2026-01-04.
  { submitted: '2025-12-30 10:00', expectedFrom: '2026-01-05', dueBy: '2026-01-09', why: 'Tue: Wed31 Sun4 Mon5 | Tue6 Wed7 Thu8 Fri9' },
  // Into 2027, which has no data: weekends only (Fri 2027-01-01 counts), and a warning.
  { submitted: '2026-12-21 10:00', expectedFrom: '2026-12-24', dueBy: '2026-12-30', why: 'Mon: Tue Wed Thu | Fri Mon Tue Wed (all 2026)' },
  {
    submitted: '2026-12-24 10:00',
    expectedFrom: '2026-12-29',
    dueBy: '2027-01-04',
    why: 'Thu: Fri25 Mon28 Tue29 | Wed30 Thu31 Fri1 Mon4',
    noData: [2027],
  },
  {
    submitted: '2026-12-30 10:00',
    expectedFrom: '2027-01-04',
    dueBy: '2027-01-08',
    why: 'Wed: Thu31 Fri1 Mon4 | Tue5 Wed6 Thu7 Fri8',
    noData: [2027],
  },
]

describe('SLA dates on the mainland China calendar', () => {
  it.each(TABLE)('submitted $submitted → expected from $expectedFrom, due by $dueBy ($why)', (row) => {
    const d = datesFor(row.submitted)
    expect(d.expectedFromDate).toBe(row.expectedFrom)
    expect(d.dueByDate).toBe(row.dueBy)
    // End of day, 23:59:59.999 Shanghai time.
    expect(d.expectedFrom).toBe(sh(`${row.expectedFrom} 23:59:59.999`))
    expect(d.dueBy).toBe(sh(`${row.dueBy} 23:59:59.999`))
    expect(d.yearsWithoutData).toEqual(row.noData ?? [])
  })

  it('reports the submission as a local date', () => {
    expect(datesFor('2026-03-13 00:00').submittedDate).toBe('2026-03-13')
    expect(datesFor('2026-03-12 23:59').submittedDate).toBe('2026-03-12')
  })

  it('puts the at-risk start at 00:00 of business day dueDays - lead + 1', () => {
    const at = (lead: number) =>
      computeSlaDates(open(sh('2026-02-13 16:00')), cnIndex, { ...DEFAULT_SLA_SETTINGS, atRiskLeadDays: lead }, 0)
    expect(at(1).atRiskFrom).toBe(sh('2026-03-02 00:00')) // business day 7
    expect(at(2).atRiskFrom).toBe(sh('2026-02-28 00:00')) // business day 6, the working Saturday
    expect(at(3).atRiskFrom).toBe(sh('2026-02-27 00:00')) // business day 5
    expect(at(0).atRiskFromDate).toBe('2026-03-03') // business day 8: after due by, so never at risk
  })

  it('corrects the dates when the missing year gets data (computed, never stored)', () => {
    const submitted = '2026-12-24 10:00'
    expect(datesFor(submitted).dueByDate).toBe('2027-01-04')
    const added = addDayOff(CN, '2027-01-01', '元旦 New Year')
    if (!added.ok) throw new Error('addDayOff refused')
    const withData = setYearCovered(added.value, 2027, true)
    const d = computeSlaDates(open(sh(submitted)), buildDayIndex(withData), DEFAULT_SLA_SETTINGS, 0)
    // Fri 2027-01-01 no longer counts: Fri25 Mon28 Tue29 | Wed30 Thu31 Mon4 Tue5.
    expect(d.dueByDate).toBe('2027-01-05')
    expect(d.yearsWithoutData).toEqual([])
  })

  it('counts weekends only, without warning, on the Monday–Friday calendar', () => {
    const index = buildDayIndex(mondayToFridayCalendar())
    const d = computeSlaDates(open(sh('2026-02-13 16:00')), index, DEFAULT_SLA_SETTINGS, 0)
    // Mon16 Tue17 Wed18 | Thu19 Fri20 Mon23 Tue24 (Spring Festival ignored).
    expect([d.expectedFromDate, d.dueByDate, d.yearsWithoutData]).toEqual(['2026-02-18', '2026-02-24', []])
  })

  it("works in the calendar's zone, DST included (America/Los_Angeles)", () => {
    const index = buildDayIndex(mondayToFridayCalendar('America/Los_Angeles'))
    // Friday 2026-02-27 20:00 in Los Angeles is already Saturday 04:00 UTC and Saturday 12:00 in Shanghai.
    const submittedAt = Date.parse('2026-02-28T04:00:00Z')
    const d = computeSlaDates(open(submittedAt), index, DEFAULT_SLA_SETTINGS, 0)
    expect(d.submittedDate).toBe('2026-02-27')
    // Mon2 Tue3 Wed4 | Thu5 Fri6 Mon9 Tue10. DST began Sun 2026-03-08, so the 10th ends at 23:59:59.999 PDT (UTC-7).
    expect(d.expectedFromDate).toBe('2026-03-04')
    expect(d.expectedFrom).toBe(Date.parse('2026-03-05T07:59:59.999Z')) // PST, UTC-8
    expect(d.dueByDate).toBe('2026-03-10')
    expect(d.dueBy).toBe(Date.parse('2026-03-11T06:59:59.999Z'))
  })

  it('is correct outside the precomputed range of the day index', () => {
    const narrow = buildDayIndex(CN, { fromYear: 2026, toYear: 2026 })
    for (const row of TABLE) {
      const d = computeSlaDates(open(sh(row.submitted)), narrow, DEFAULT_SLA_SETTINGS, 0)
      expect([row.submitted, d.expectedFromDate, d.dueByDate]).toEqual([row.submitted, row.expectedFrom, row.dueBy])
    }
  })
})

describe('pauses', () => {
  // Base: submitted Mon 2026-03-09 → expected from Thu 03-12, due by Wed 03-18 (ordinary weeks).
  const submitted = '2026-03-09 10:00'
  const pause = (start: string, end: string | null): ReviewPause => ({
    start: sh(start),
    end: end === null ? null : sh(end),
    reason: 'waiting for the user',
  })

  it('skips every business day from the day a pause starts to the day before it ends', () => {
    const d = datesFor(submitted, [pause('2026-03-10 09:00', '2026-03-12 09:00')], sh('2026-03-20 10:00'))
    // Tue 10 and Wed 11 paused: Thu12 Fri13 Mon16 | Tue17 Wed18 Thu19 Fri20.
    expect([d.expectedFromDate, d.dueByDate, d.pausedBusinessDays]).toEqual(['2026-03-16', '2026-03-20', 2])
  })

  it('costs nothing when a pause starts and ends the same day', () => {
    const d = datesFor(submitted, [pause('2026-03-10 09:00', '2026-03-10 17:00')], sh('2026-03-20 10:00'))
    expect([d.expectedFromDate, d.dueByDate, d.pausedBusinessDays]).toEqual(['2026-03-12', '2026-03-18', 0])
  })

  it('costs only the business days a pause covers', () => {
    // Friday 18:00 to Monday 08:00: Fri 13 is paused, the weekend was not counting anyway.
    const d = datesFor(submitted, [pause('2026-03-13 18:00', '2026-03-16 08:00')], sh('2026-03-20 10:00'))
    expect([d.dueByDate, d.pausedBusinessDays]).toEqual(['2026-03-19', 1])
  })

  it('does not count overlapping pauses twice', () => {
    const d = datesFor(
      submitted,
      [pause('2026-03-10 09:00', '2026-03-12 09:00'), pause('2026-03-11 10:00', '2026-03-13 10:00')],
      sh('2026-03-20 10:00'),
    )
    // Paused Tue 10, Wed 11, Thu 12 (three, not four): Fri13 Mon16 Tue17 | Wed18 Thu19 Fri20 Mon23.
    expect([d.expectedFromDate, d.dueByDate, d.pausedBusinessDays]).toEqual(['2026-03-17', '2026-03-23', 3])
  })

  it('ignores paused days on or before the submission day', () => {
    const d = datesFor(submitted, [pause('2026-03-07 09:00', '2026-03-10 08:00')], sh('2026-03-20 10:00'))
    expect(d.dueByDate).toBe('2026-03-18')
  })

  it('treats an open pause as ending now, and says when to recompute', () => {
    const p = [pause('2026-03-10 09:00', null)]
    const sameDay = datesFor(submitted, p, sh('2026-03-10 15:00'))
    expect(sameDay.dueByDate).toBe('2026-03-18')
    const later = datesFor(submitted, p, sh('2026-03-12 15:00'))
    expect(later.dueByDate).toBe('2026-03-20') // Tue 10 and Wed 11 paused so far
    expect(later.recomputeAt).toBe(sh('2026-03-13 00:00'))
    expect(datesFor(submitted, [], sh('2026-03-12 15:00')).recomputeAt).toBeNull()
  })

  it('skips holidays and paused days together', () => {
    // Example review paused Tue 24 Feb to Thu 26 Feb 2026: Tue24 and Wed25 paused.
    const d = datesFor('2026-02-13 16:00', [pause('2026-02-24 10:00', '2026-02-26 10:00')], sh('2026-03-10 10:00'))
    // 1=Sat14 2=Thu26 3=Fri27 | 4=Sat28 5=Mon2 6=Tue3 7=Wed4.
    expect([d.expectedFromDate, d.dueByDate]).toEqual(['2026-02-27', '2026-03-04'])
  })
})

describe('a pause recorded after the fact', () => {
  it('moves the dates like one pressed at the time', () => {
    // submitted Mon 2 Nov 2026 10:00; due by business day 7 = Wed 11 Nov. Forgotten pause Tue 3 09:00 → Thu 5 09:00
    // pauses Tue 3 and Wed 4 (the day it ends counts): due moves two business days, to Fri 13 Nov
    const before = datesFor('2026-11-02 10:00', [], sh('2026-11-06 12:00'))
    const after = datesFor(
      '2026-11-02 10:00',
      [{ start: sh('2026-11-03 09:00'), end: sh('2026-11-05 09:00'), reason: 'ID' }],
      sh('2026-11-06 12:00'),
    )
    expect(before.dueByDate).toBe('2026-11-11')
    expect(after.dueByDate).toBe('2026-11-13')
    expect(after.pausedBusinessDays).toBe(2)
  })
})
