import { describe, expect, it } from 'vitest'
import { DEFAULT_SLA_SETTINGS, parseSlaSettings } from './settings'
import { validatePause, validateSubmittedAt } from './validation'

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
