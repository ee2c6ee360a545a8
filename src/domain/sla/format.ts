import { formatLocalDate } from '../calendar/format'
import type { Language, PromisedDates } from '../model'
import type { SlaDates } from './dates'

/** The dates a reply promises, as stored on the reply (`ReplyRecord.promised`): local dates in the calendar's zone. */
export function promisedDates(dates: SlaDates): PromisedDates {
  return { submitted: dates.submittedDate, expectedFrom: dates.expectedFromDate, dueBy: dates.dueByDate }
}

/** The promised dates in words, for the reply template (e.g. `{{ dueBy }}` → "Monday, 2 March 2026"). */
export function describePromisedDates(promised: PromisedDates, language: Language): PromisedDates {
  return {
    submitted: formatLocalDate(promised.submitted, language),
    expectedFrom: formatLocalDate(promised.expectedFrom, language),
    dueBy: formatLocalDate(promised.dueBy, language),
  }
}
