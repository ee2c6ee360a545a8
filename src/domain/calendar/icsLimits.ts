/** Limits on one .ics file (see ./ics.ts); a module of its own so pages can say them without loading ical.js. */

/** Largest file read, in bytes (checked before reading) and in characters (checked again on the text). */
export const ICS_MAX_BYTES = 5_000_000
export const ICS_MAX_CHARS = 5_000_000
export const ICS_MAX_DATES = 20_000
/** VEVENTs in one file: official holiday calendars hold a few hundred. */
export const ICS_MAX_EVENTS = 10_000
/** Recurrence steps for one file: a daily event over three years costs about 1,100. */
export const ICS_MAX_STEPS = 200_000
