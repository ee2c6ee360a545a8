/**
 * Why a review's dates are what they are: every local day from the day after the submission to the due
 * day, with what the calendar says of it (working day, weekend, holiday, make-up working day), whether a
 * pause covered it, and which business day it counted as. Pure; the review panel shows it on request.
 */
import { describeDay, type DayKind } from '../calendar/calendar'
import { fromEpochDay, type LocalDate } from '../calendar/localDate'
import { pausedRangesOn, type SlaDates } from './dates'

export interface ExplainedDay {
  date: LocalDate
  kind: DayKind
  /** The holiday's or make-up day's name from the calendar ('' when it has none). */
  name: string
  /** A pause covered this day, so it did not count. */
  paused: boolean
  /** The business day this was (1 = first after the submission); null for a day that did not count. */
  counted: number | null
  expectedFrom: boolean
  dueBy: boolean
}

/** The days that made the dates, in order (a pause still open counts as ending on the local day of `now`). */
export function explainSlaDates(dates: SlaDates, now: number): ExplainedDay[] {
  const paused = pausedRangesOn(dates, dates.index.dayOf(now))
  const out: ExplainedDay[] = []
  let counted = 0
  for (let day = dates.submittedDay + 1; day <= dates.dueByDay; day++) {
    const date = fromEpochDay(day)
    const d = describeDay(dates.index.calendar, date)
    const isPaused = paused.some(([from, to]) => day >= from && day < to)
    const counts = d.business && !isPaused
    if (counts) counted++
    out.push({
      date,
      kind: d.kind,
      name: d.name,
      paused: isPaused,
      counted: counts ? counted : null,
      expectedFrom: day === dates.expectedFromDay,
      dueBy: day === dates.dueByDay,
    })
  }
  return out
}
