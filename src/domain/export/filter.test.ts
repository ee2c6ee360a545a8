import { describe, expect, it } from 'vitest'
import { NO_REVIEW, NOT_RESOLVED, compileExportFilter, emptyExportFilter, type ExportFilter } from './filter'
import { HOUR, T0, makeInput, makeReviewInput } from '@test/exportRecords'

const compile = (over: Partial<ExportFilter>, tz = 'Asia/Shanghai') => {
  const r = compileExportFilter({ ...emptyExportFilter(), ...over }, tz)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

describe('export filter validation', () => {
  it('refuses a start after the end', () => {
    const r = compileExportFilter({ ...emptyExportFilter(), from: '2026-11-30', to: '2026-11-01' }, 'UTC')
    expect(r).toEqual({
      ok: false,
      error: { to: { key: 'errors.export.rangeInverted', params: { from: '2026-11-30', to: '2026-11-01' } } },
    })
  })
  it('refuses impossible dates, unknown choices and zones', () => {
    const r = compileExportFilter(
      {
        ...emptyExportFilter(),
        from: '2026-02-30',
        to: 'tomorrow',
        statuses: ['open', 'lost' as never],
        channels: ['fax' as never],
        resolvedBy: ['magic' as never],
      },
      'UTC',
    )
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.from?.key).toBe('errors.export.invalidDate')
      expect(r.error.to?.key).toBe('errors.export.invalidDate')
      expect(r.error.statuses?.key).toBe('errors.export.invalidChoice')
      expect(r.error.channels?.key).toBe('errors.export.invalidChoice')
      expect(r.error.resolvedBy?.key).toBe('errors.export.invalidChoice')
    }
    const z = compileExportFilter({ ...emptyExportFilter(), from: '2026-11-01' }, 'Mars/Base')
    expect(z.ok).toBe(false)
    if (!z.ok) expect(z.error.timeZone?.key).toBe('errors.export.invalidTimeZone')
  })
  it('accepts a one-day range and an empty filter', () => {
    expect(compileExportFilter({ ...emptyExportFilter(), from: '2026-11-24', to: '2026-11-24' }, 'UTC').ok).toBe(true)
    expect(compileExportFilter(emptyExportFilter(), 'UTC').ok).toBe(true)
  })
})

describe('export filter predicate', () => {
  it('date range is inclusive local days in the time zone', () => {
    const f = compile({ from: '2026-11-24', to: '2026-11-24' })
    // Asia/Shanghai midnight is 16:00 UTC the day before
    expect(f.rangeStart).toBe(Date.UTC(2026, 10, 23, 16))
    expect(f.rangeEnd).toBe(Date.UTC(2026, 10, 24, 16))
    expect(f.matches(makeInput({ createdAt: Date.UTC(2026, 10, 23, 16) }))).toBe(true)
    expect(f.matches(makeInput({ createdAt: Date.UTC(2026, 10, 23, 15, 59, 59, 999) }))).toBe(false)
    expect(f.matches(makeInput({ createdAt: Date.UTC(2026, 10, 24, 15, 59, 59, 999) }))).toBe(true)
    expect(f.matches(makeInput({ createdAt: Date.UTC(2026, 10, 24, 16) }))).toBe(false)
    // the same filter in UTC selects different instants
    expect(compile({ from: '2026-11-24', to: '2026-11-24' }, 'UTC').matches(makeInput({ createdAt: Date.UTC(2026, 10, 23, 16) }))).toBe(
      false,
    )
  })
  it('open-ended ranges and the updatedAt field', () => {
    expect(compile({ from: '2026-11-25' }).matches(makeInput())).toBe(false)
    expect(compile({ to: '2026-11-24' }).matches(makeInput())).toBe(true)
    expect(compile({ from: '2026-11-25', dateField: 'updatedAt' }).matches(makeInput({ updatedAt: T0 + 24 * HOUR }))).toBe(true)
  })
  it.each<[string, Partial<ExportFilter>, boolean]>([
    ['status match', { statuses: ['open', 'waiting'] }, true],
    ['status miss', { statuses: ['closed'] }, false],
    ['symptom', { symptoms: ['rejected'] }, false],
    ['any channel', { channels: ['email', 'authenticator'] }, true],
    ['channel miss', { channels: ['authenticator'] }, false],
    ['agent', { agents: ['alice'] }, true],
    ['agent miss', { agents: ['bob'] }, false],
    ['not resolved', { resolvedBy: [NOT_RESOLVED] }, true],
    ['resolved by method', { resolvedBy: ['email-code'] }, false],
    ['review status', { reviewStatuses: ['on-track'] }, true],
    ['review status miss', { reviewStatuses: ['overdue', NO_REVIEW] }, false],
    ['fields combine with AND', { statuses: ['open'], agents: ['bob'] }, false],
  ])('%s', (_name, over, expected) => {
    expect(compile(over).matches(makeInput())).toBe(expected)
  })
  it('NO_REVIEW matches cases without reviews; the latest review decides', () => {
    const none = { ...makeInput(), reviews: [] }
    expect(compile({ reviewStatuses: [NO_REVIEW] }).matches(none)).toBe(true)
    const two = {
      ...makeInput(),
      reviews: [
        makeReviewInput({ id: 1, submittedAt: T0 }, { status: 'overdue' }),
        makeReviewInput({ id: 2, submittedAt: T0 + HOUR }, { status: 'closed' }),
      ],
    }
    expect(compile({ reviewStatuses: ['overdue'] }).matches(two)).toBe(false)
    expect(compile({ reviewStatuses: ['closed'] }).matches(two)).toBe(true)
  })
  it('skips trashed cases unless asked', () => {
    const trashed = makeInput({ deletedAt: T0 })
    expect(compile({}).matches(trashed)).toBe(false)
    expect(compile({ includeTrashed: true }).matches(trashed)).toBe(true)
  })
})
