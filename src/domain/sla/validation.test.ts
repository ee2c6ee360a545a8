import { describe, expect, it } from 'vitest'
import { DEFAULT_SLA_SETTINGS, parseSlaSettings } from './settings'
import { validatePastPause, validatePause, validateSubmittedAt } from './validation'

const NOW = Date.parse('2026-03-10T08:00:00Z')
const CREATED = Date.parse('2026-03-01T08:00:00Z')
const MIN = 60_000

describe('validateSubmittedAt', () => {
  // Pickers round to the minute: a minute either side is accepted.
  it.each([NOW, CREATED, NOW + MIN, CREATED - MIN])('accepts %i', (at) =>
    expect(validateSubmittedAt(at, { now: NOW, caseCreatedAt: CREATED })).toEqual({ ok: true, value: at }),
  )
  it.each([
    [NOW + MIN + 1, 'errors.review.submittedAtFuture'],
    [NOW + 86_400_000, 'errors.review.submittedAtFuture'],
    [CREATED - MIN - 1, 'errors.review.submittedBeforeCase'],
    [Number.NaN, 'errors.review.submittedAtInvalid'],
  ])('refuses %i with %s', (at, key) =>
    expect(validateSubmittedAt(at, { now: NOW, caseCreatedAt: CREATED })).toEqual({ ok: false, error: { key } }),
  )
})

describe('validatePause', () => {
  const ctx = { now: NOW, submittedAt: CREATED }
  it('accepts an ended and an open pause', () => {
    expect(validatePause({ start: CREATED + MIN, end: NOW }, ctx).ok).toBe(true)
    expect(validatePause({ start: NOW - MIN, end: null }, ctx).ok).toBe(true)
  })
  it.each([
    [{ start: CREATED - 2 * MIN, end: null }, 'errors.review.pauseBeforeSubmission'],
    [{ start: NOW + 2 * MIN, end: null }, 'errors.review.pauseInFuture'],
    [{ start: CREATED + MIN, end: NOW + 2 * MIN }, 'errors.review.pauseInFuture'],
    [{ start: NOW - MIN, end: NOW - 2 * MIN }, 'errors.review.pauseEndsBeforeStart'],
    [{ start: Number.NaN, end: null }, 'errors.review.pauseInvalid'],
  ])('refuses %j with %s', (pause, key) => expect(validatePause(pause, ctx)).toEqual({ ok: false, error: { key } }))
})

describe('validatePastPause', () => {
  const HOUR = 3_600_000
  const earlier = { start: CREATED + 24 * HOUR, end: CREATED + 48 * HOUR, reason: 'ID requested' }
  const ctx = { now: NOW, submittedAt: CREATED, pauses: [earlier] }
  it('accepts a pause between submission and now that touches but does not overlap another', () => {
    expect(validatePastPause({ start: CREATED, end: earlier.start }, ctx)).toEqual({
      ok: true,
      value: { start: CREATED, end: earlier.start },
    })
    expect(validatePastPause({ start: earlier.end, end: NOW }, ctx).ok).toBe(true)
  })
  it.each([
    [{ start: CREATED - 2 * MIN, end: CREATED + HOUR }, 'errors.review.pauseBeforeSubmission'],
    [{ start: NOW - HOUR, end: NOW + 2 * MIN }, 'errors.review.pauseInFuture'],
    [{ start: NOW - HOUR, end: NOW - 2 * HOUR }, 'errors.review.pauseEndsBeforeStart'],
    [{ start: NOW - HOUR, end: NOW - HOUR }, 'errors.review.pauseEmpty'],
    [{ start: Number.NaN, end: NOW }, 'errors.review.pauseInvalid'],
    [{ start: CREATED + 30 * HOUR, end: CREATED + 60 * HOUR }, 'errors.review.pauseOverlaps'],
    [{ start: CREATED + 12 * HOUR, end: CREATED + 72 * HOUR }, 'errors.review.pauseOverlaps'],
  ])('refuses %j with %s', (pause, key) => expect(validatePastPause(pause, ctx)).toEqual({ ok: false, error: { key } }))
  it('an open pause runs until resumed: nothing after its start may be recorded', () => {
    const running = { ...ctx, pauses: [{ start: NOW - 2 * HOUR, end: null, reason: 'x' }] }
    expect(validatePastPause({ start: NOW - HOUR, end: NOW - MIN }, running)).toEqual({
      ok: false,
      error: { key: 'errors.review.pauseOverlaps' },
    })
    expect(validatePastPause({ start: NOW - 5 * HOUR, end: NOW - 2 * HOUR }, running).ok).toBe(true)
  })
})

describe('parseSlaSettings', () => {
  it('accepts the defaults and sensible variants', () => {
    expect(parseSlaSettings({ ...DEFAULT_SLA_SETTINGS })).toEqual({ ok: true, value: { expectedDays: 3, dueDays: 7, atRiskLeadDays: 1 } })
    expect(parseSlaSettings({ expectedDays: 5, dueDays: 5, atRiskLeadDays: 0 }).ok).toBe(true)
    expect(parseSlaSettings({ expectedDays: 2, dueDays: 10, atRiskLeadDays: 10 }).ok).toBe(true)
  })
  it.each([
    [
      { expectedDays: 0, dueDays: 7, atRiskLeadDays: 1 },
      { key: 'errors.sla.daysRange', params: { field: 'expectedDays', max: 90 } },
    ],
    [
      { expectedDays: 3, dueDays: 2.5, atRiskLeadDays: 1 },
      { key: 'errors.sla.daysRange', params: { field: 'dueDays', max: 90 } },
    ],
    [
      { expectedDays: 3, dueDays: 91, atRiskLeadDays: 1 },
      { key: 'errors.sla.daysRange', params: { field: 'dueDays', max: 90 } },
    ],
    [
      { expectedDays: 8, dueDays: 7, atRiskLeadDays: 1 },
      { key: 'errors.sla.dueBeforeExpected', params: { field: 'dueDays' } },
    ],
    [
      { expectedDays: 3, dueDays: 7, atRiskLeadDays: 8 },
      { key: 'errors.sla.leadRange', params: { field: 'atRiskLeadDays', max: 7 } },
    ],
    [
      { expectedDays: 3, dueDays: 7, atRiskLeadDays: -1 },
      { key: 'errors.sla.leadRange', params: { field: 'atRiskLeadDays', max: 7 } },
    ],
    [null, { key: 'errors.sla.invalid', params: { field: '' } }],
  ])('refuses %j', (value, error) => expect(parseSlaSettings(value)).toEqual({ ok: false, error }))
})
