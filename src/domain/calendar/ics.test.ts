import chineseDays from 'chinese-days/dist/chinese-days.json'
import chineseDaysIcs from 'chinese-days/dist/holidays.ics?raw'
import ICAL from 'ical.js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mergeDateEntries, mondayToFridayCalendar } from './calendar'
import { ICS_MAX_CHARS, ICS_MAX_EVENTS, ICS_MAX_STEPS, type IcsOptions, parseIcs } from './ics'

const SH: IcsOptions = { timeZone: 'Asia/Shanghai' }

/** Wraps VEVENT bodies (lines) in a VCALENDAR with CRLF line ends, as real files have. */
const ics = (...events: string[][]): string =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...events.flatMap((e, i) => [
      'BEGIN:VEVENT',
      ...(e.some((l) => l.startsWith('UID:')) ? [] : [`UID:e${i}@test`]),
      'DTSTAMP:20260101T000000Z',
      ...e,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
    '',
  ].join('\r\n')

const dates = (text: string, options: IcsOptions = SH): string[] => {
  const r = parseIcs(text, options)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value.entries.map((e) => e.date)
}

describe('parseIcs', () => {
  it('reads an all-day event with its name', () => {
    const r = parseIcs(ics(['DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270102', 'SUMMARY:New Year']), SH)
    expect(r).toEqual({
      ok: true,
      value: { entries: [{ date: '2027-01-01', name: 'New Year' }], events: 1, years: [2027], truncated: false, steps: 0 },
    })
  })

  it('expands a multi-day event to each date (DTEND exclusive, or DURATION, or one day)', () => {
    expect(dates(ics(['DTSTART;VALUE=DATE:20270206', 'DTEND;VALUE=DATE:20270213', 'SUMMARY:Spring Festival']))).toEqual([
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
      '2027-02-12',
    ])
    expect(dates(ics(['DTSTART;VALUE=DATE:20271231', 'DURATION:P3D']))).toEqual(['2027-12-31', '2028-01-01', '2028-01-02'])
    expect(dates(ics(['DTSTART;VALUE=DATE:20270501']))).toEqual(['2027-05-01'])
  })

  it("places timed events on the dates they touch in the calendar's zone", () => {
    // 17:00Z–02:00Z is 01:00–10:00 on the 5th in Shanghai, 09:00–18:00 on the 4th in Los Angeles.
    const utc = ics(['DTSTART:20270104T170000Z', 'DTEND:20270105T020000Z'])
    expect(dates(utc)).toEqual(['2027-01-05'])
    expect(dates(utc, { timeZone: 'America/Los_Angeles' })).toEqual(['2027-01-04'])
    // Across midnight in an IANA zone; ending exactly at midnight does not touch the next day.
    expect(dates(ics(['DTSTART;TZID=Asia/Shanghai:20270110T220000', 'DTEND;TZID=Asia/Shanghai:20270111T020000']))).toEqual([
      '2027-01-10',
      '2027-01-11',
    ])
    expect(dates(ics(['DTSTART;TZID=Asia/Shanghai:20270112T090000', 'DTEND;TZID=Asia/Shanghai:20270113T000000']))).toEqual(['2027-01-12'])
    // Floating time, and a TZID nobody defines: read in the calendar's zone.
    expect(dates(ics(['DTSTART:20270115T230000', 'DTEND:20270115T233000']), { timeZone: 'Asia/Tokyo' })).toEqual(['2027-01-15'])
    expect(dates(ics(['DTSTART;TZID=Custom/Office:20270116T230000']), { timeZone: 'Asia/Tokyo' })).toEqual(['2027-01-16'])
  })

  it("uses the file's VTIMEZONE for a TZID that is not an IANA name", () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VTIMEZONE',
      'TZID:China Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T000000',
      'TZOFFSETFROM:+0800',
      'TZOFFSETTO:+0800',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:tz@test',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;TZID="China Standard Time":20270110T233000',
      'DTEND;TZID="China Standard Time":20270110T234500',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n')
    // 23:30 at UTC+8 is 00:30 on the 11th in Tokyo (UTC+9).
    expect(dates(text, { timeZone: 'Asia/Tokyo' })).toEqual(['2027-01-11'])
    expect(dates(text)).toEqual(['2027-01-10'])
  })

  it('expands recurring events, with EXDATE and cancelled or moved occurrences', () => {
    expect(dates(ics(['DTSTART;VALUE=DATE:20270101', 'RRULE:FREQ=YEARLY;COUNT=3', 'SUMMARY:New Year']))).toEqual([
      '2027-01-01',
      '2028-01-01',
      '2029-01-01',
    ])
    expect(dates(ics(['DTSTART;VALUE=DATE:20270102', 'RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;VALUE=DATE:20270109']))).toEqual([
      '2027-01-02',
      '2027-01-16',
      '2027-01-23',
    ])
    const master = ['UID:series@test', 'DTSTART;VALUE=DATE:20270301', 'RRULE:FREQ=MONTHLY;COUNT=3', 'SUMMARY:Closing day']
    const cancelled = ['UID:series@test', 'RECURRENCE-ID;VALUE=DATE:20270401', 'DTSTART;VALUE=DATE:20270401', 'STATUS:CANCELLED']
    const moved = ['UID:series@test', 'RECURRENCE-ID;VALUE=DATE:20270501', 'DTSTART;VALUE=DATE:20270503', 'SUMMARY:Closing day (moved)']
    const r = parseIcs(ics(master, cancelled, moved), SH)
    expect(r.ok && r.value.entries).toEqual([
      { date: '2027-03-01', name: 'Closing day' },
      { date: '2027-05-03', name: 'Closing day (moved)' },
    ])
  })

  it('bounds an endless recurrence to three years (from its start, or from expandFrom)', () => {
    const endless = ics(['DTSTART;VALUE=DATE:20270501', 'RRULE:FREQ=YEARLY', 'SUMMARY:Labour Day'])
    const r = parseIcs(endless, SH)
    expect(r.ok && [r.value.entries.map((e) => e.date), r.value.truncated]).toEqual([['2027-05-01', '2028-05-01', '2029-05-01'], true])
    expect(dates(ics(['DTSTART;VALUE=DATE:20100101', 'RRULE:FREQ=YEARLY']), { ...SH, expandFrom: '2026-01-01' })).toEqual([
      '2026-01-01',
      '2027-01-01',
      '2028-01-01',
    ])
    expect(dates(ics(['DTSTART;VALUE=DATE:20270101', 'RRULE:FREQ=DAILY']), { ...SH, expandYears: 1 })).toHaveLength(365)
  })

  it('skips cancelled events and joins the names of events sharing a date', () => {
    const r = parseIcs(
      ics(
        ['DTSTART;VALUE=DATE:20270101', 'SUMMARY:A'],
        ['DTSTART;VALUE=DATE:20270101', 'SUMMARY:B'],
        ['DTSTART;VALUE=DATE:20270102', 'STATUS:CANCELLED'],
      ),
      SH,
    )
    expect(r.ok && r.value.entries).toEqual([{ date: '2027-01-01', name: 'A / B' }])
  })

  it.each([
    ['plain text', 'hello, this is not a calendar'],
    ['an empty file', ''],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Someone\r\nEND:VCARD\r\n'],
    ['JSON', '{"holidays": []}'],
    ['a broken calendar', 'BEGIN:VCALENDAR\r\nthis line has no colon\r\n'],
  ])('refuses %s as not a calendar', (_name, text) => {
    expect(parseIcs(text, SH)).toEqual({ ok: false, error: { key: 'errors.calendar.ics.notCalendar' } })
  })

  it('refuses a calendar with an event without a date, so nothing is merged', () => {
    const text = ics(['DTSTART;VALUE=DATE:20270101', 'SUMMARY:Fine'], ['SUMMARY:No date here'])
    expect(parseIcs(text, SH)).toEqual({
      ok: false,
      error: { key: 'errors.calendar.ics.eventWithoutDate', params: { event: 2, summary: 'No date here' } },
    })
  })

  it.each([
    ['DTSTART;VALUE=DATE:2027XX01'],
    ['DTSTART:'],
    ['DTSTART:notadate'],
    ['DTSTART;VALUE=DATE:20271345'],
    ['DTSTART:20270101T250000'],
    ['DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270231'],
  ])('refuses an event whose date is not a real date: %s', (...lines) => {
    expect(parseIcs(ics([...lines, 'SUMMARY:Broken']), SH)).toEqual({
      ok: false,
      error: { key: 'errors.calendar.ics.eventWithoutDate', params: { event: 1, summary: 'Broken' } },
    })
  })

  it('refuses a calendar without events, and an unknown zone', () => {
    expect(parseIcs('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n', SH)).toEqual({
      ok: false,
      error: { key: 'errors.calendar.ics.noEvents' },
    })
    expect(parseIcs(ics(['DTSTART;VALUE=DATE:20270101']), { timeZone: 'Mars/Base' })).toMatchObject({
      ok: false,
      error: { key: 'errors.calendar.badTimezone' },
    })
  })

  it("reads chinese-days' own .ics in agreement with its JSON data", () => {
    const json = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> }
    const r = parseIcs(chineseDaysIcs, SH)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    const off = r.value.entries.filter((e) => e.name.includes('休')).map((e) => e.date)
    const on = r.value.entries.filter((e) => e.name.includes('班')).map((e) => e.date)
    const years = new Set(r.value.years)
    expect(off).toEqual(
      Object.keys(json.holidays)
        .filter((d) => years.has(Number(d.slice(0, 4))))
        .sort(),
    )
    expect(on).toEqual(
      Object.keys(json.workdays)
        .filter((d) => years.has(Number(d.slice(0, 4))))
        .sort(),
    )
    expect(off).toContain('2026-02-17')
    expect(on).toContain('2026-02-14')
  })

  it('feeds mergeDateEntries as days off or as working days, as the caller chooses', () => {
    const r = parseIcs(ics(['DTSTART;VALUE=DATE:20270206', 'DTEND;VALUE=DATE:20270208', 'SUMMARY:Adjusted']), SH)
    if (!r.ok) throw new Error('parse')
    const asWork = mergeDateEntries(mondayToFridayCalendar(), r.value.entries, 'workingDay')
    expect(asWork.ok && asWork.value.calendar.extraWorkingDays).toEqual({ '2027-02-06': 'Adjusted', '2027-02-07': 'Adjusted' })
    const asOff = mergeDateEntries(mondayToFridayCalendar(), r.value.entries, 'dayOff')
    expect(asOff.ok && [Object.keys(asOff.value.calendar.holidays), asOff.value.coveredYears]).toEqual([
      ['2027-02-06', '2027-02-07'],
      [2027],
    ])
  })
})

/** `n` all-day events on successive days from 1 January 2026, as a generated hostile file might hold. */
const manyDays = (n: number): string =>
  ics(
    ...Array.from({ length: n }, (_, i) => {
      const d = new Date(Date.UTC(2026, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')
      return [`DTSTART;VALUE=DATE:${d}`, `SUMMARY:Day ${i}`]
    }),
  )

describe('parseIcs under a budget (hostile files)', () => {
  afterEach(() => vi.restoreAllMocks())

  it('builds events without scanning the whole calendar for each one', () => {
    // ical.js's `new ICAL.Event(vevent)` lists every VEVENT of the parent calendar to find exceptions:
    // n events cost n scans of n events. Count the scans instead of timing them.
    const scans = vi.spyOn(ICAL.Component.prototype, 'getAllSubcomponents')
    const r = parseIcs(manyDays(2_000), SH)
    expect(r.ok && r.value.entries.length).toBe(700)
    expect(scans.mock.calls.filter(([name]) => name === 'vevent')).toHaveLength(1)
  })

  it('still relates a moved occurrence to its own recurring event only (by UID)', () => {
    const text = ics(
      ['UID:a@test', 'DTSTART;VALUE=DATE:20270104', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:A'],
      ['UID:b@test', 'DTSTART;VALUE=DATE:20270105', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:B'],
      ['UID:a@test', 'RECURRENCE-ID;VALUE=DATE:20270111', 'DTSTART;VALUE=DATE:20270113', 'SUMMARY:A moved'],
    )
    const r = parseIcs(text, SH)
    expect(r.ok && r.value.entries).toEqual([
      { date: '2027-01-04', name: 'A' },
      { date: '2027-01-05', name: 'B' },
      { date: '2027-01-12', name: 'B' },
      { date: '2027-01-13', name: 'A moved' },
      { date: '2027-01-18', name: 'A' },
      { date: '2027-01-19', name: 'B' },
    ])
  })

  it('refuses a file with more events than the budget before ical.js reads it (59,000 events)', () => {
    const parse = vi.spyOn(ICAL, 'parse')
    const text = [
      'BEGIN:VCALENDAR',
      ...Array(59_000).fill('BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT'),
      'END:VCALENDAR',
    ].join('\r\n')
    expect(text.length).toBeLessThan(ICS_MAX_CHARS)
    const r = parseIcs(text, SH)
    expect(r).toEqual({ ok: false, error: { key: 'errors.calendar.ics.tooManyEvents', params: { count: 59_000, max: ICS_MAX_EVENTS } } })
    expect(parse).not.toHaveBeenCalled()
  })

  it('refuses rules that repeat more often than daily, naming the event, before expanding anything (50 × FREQ=SECONDLY)', () => {
    const events = Array.from({ length: 50 }, (_, i) => [`DTSTART:20260101T00000${i % 10}Z`, 'RRULE:FREQ=SECONDLY', `SUMMARY:Tick ${i}`])
    const text = ics(...events)
    expect(text.length).toBeLessThan(10_000)
    const r = parseIcs(text, SH)
    expect(r).toEqual({ ok: false, error: { key: 'errors.calendar.ics.subDaily', params: { event: 1, summary: 'Tick 0' } } })
    for (const freq of ['MINUTELY', 'HOURLY'])
      expect(parseIcs(ics(['DTSTART:20260101T000000Z', `RRULE:FREQ=${freq};COUNT=2`, 'SUMMARY:x']), SH)).toMatchObject({
        ok: false,
        error: { key: 'errors.calendar.ics.subDaily' },
      })
  })

  it('stops a rule that never matches, which would spin inside ical.js forever, at the step budget', () => {
    // 30 February never comes: ical.js's iterator would try day after day without end inside one next()
    for (const rule of ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31;BYDAY=MO']) {
      const r = parseIcs(ics(['DTSTART;VALUE=DATE:20260101', `RRULE:${rule}`, 'SUMMARY:Never']), { ...SH, budget: { maxSteps: 5_000 } })
      expect(r, rule).toEqual({ ok: false, error: { key: 'errors.calendar.ics.tooMuchRepetition', params: { max: 5_000 } } })
    }
  })

  it('counts recurrence steps across the whole file, not per event', () => {
    // 50 endless daily events over three years: about 1,100 steps each
    const events = Array.from({ length: 50 }, (_, i) => ['DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=DAILY', `SUMMARY:Daily ${i}`])
    const whole = parseIcs(ics(...events), { ...SH, expandFrom: '2026-01-01' })
    if (!whole.ok) throw new Error(JSON.stringify(whole.error))
    expect(whole.value.entries).toHaveLength(1096)
    expect(whole.value.steps).toBeGreaterThan(50 * 1096)
    expect(whole.value.steps).toBeLessThan(ICS_MAX_STEPS)
    // each event alone fits a budget of 5,000; all of them together do not
    expect(parseIcs(ics(events[0]!), { ...SH, budget: { maxSteps: 5_000 } }).ok).toBe(true)
    expect(parseIcs(ics(...events), { ...SH, budget: { maxSteps: 5_000 } })).toEqual({
      ok: false,
      error: { key: 'errors.calendar.ics.tooMuchRepetition', params: { max: 5_000 } },
    })
  })

  it("stops when the caller's clock says time is up, and reports progress until then", () => {
    let asked = 0
    const progress: number[][] = []
    const shouldStop = (): boolean => ++asked > 3
    const r = parseIcs(manyDays(1_000), { ...SH, budget: { shouldStop, onProgress: (done, total) => progress.push([done, total]) } })
    expect(r).toEqual({ ok: false, error: { key: 'errors.calendar.ics.tooSlow' } })
    expect(progress).toEqual([
      [100, 1_000],
      [200, 1_000],
    ])
    const all: number[] = []
    expect(parseIcs(manyDays(1_000), { ...SH, budget: { onProgress: (done) => all.push(done) } }).ok).toBe(true)
    expect(all).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_000])
  })
})
