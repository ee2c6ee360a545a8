import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createZonedClock, formatWallDate, formatWallDateTime, formatWallMinute, isoDateToWallDate, wallDate } from './time'

describe('zoned clock', () => {
  it('shifts instants to wall time in the zone', () => {
    const sh = createZonedClock('Asia/Shanghai')
    expect(formatWallDateTime(wallDate(sh, Date.UTC(2026, 10, 24, 6, 3, 5))!)).toBe('2026-11-24 14:03:05')
    const la = createZonedClock('America/Los_Angeles')
    // DST ends 2026-11-01 09:00 UTC in Los Angeles
    expect(formatWallDateTime(wallDate(la, Date.UTC(2026, 10, 1, 8, 59, 59))!)).toBe('2026-11-01 01:59:59')
    expect(formatWallDateTime(wallDate(la, Date.UTC(2026, 10, 1, 9, 0, 0))!)).toBe('2026-11-01 01:00:00')
    // the cache does not leak an offset across the change (same 15-minute slot logic)
    expect(formatWallDateTime(wallDate(la, Date.UTC(2026, 10, 1, 8, 45, 0))!)).toBe('2026-11-01 01:45:00')
    const kolkata = createZonedClock('Asia/Kolkata')
    expect(formatWallDateTime(wallDate(kolkata, Date.UTC(2026, 0, 1, 0, 0, 0))!)).toBe('2026-01-01 05:30:00')
  })
  it('handles missing and invalid instants', () => {
    const c = createZonedClock('UTC')
    expect(wallDate(c, null)).toBeNull()
    expect(wallDate(c, NaN)).toBeNull()
  })
  it('rejects unknown zones', () => {
    expect(() => createZonedClock('Mars/Olympus')).toThrow(RangeError)
  })
  it('ISO dates', () => {
    expect(formatWallDate(isoDateToWallDate('2026-11-27')!)).toBe('2026-11-27')
    expect(isoDateToWallDate('2026-02-30')).toBeNull()
    expect(isoDateToWallDate('27/11/2026')).toBeNull()
  })
})

describe('wall date formats', () => {
  it('read as toISOString always did (the date part is cached per day, the time made by arithmetic)', () => {
    const iso = (d: Date, n: number): string => d.toISOString().slice(0, n).replace('T', ' ')
    const check = (d: Date): void => {
      expect(formatWallDateTime(d)).toBe(iso(d, 19))
      expect(formatWallMinute(d)).toBe(iso(d, 16))
      expect(formatWallDate(d)).toBe(iso(d, 10))
    }
    fc.assert(
      fc.property(
        fc.oneof(
          fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }),
          fc.date({ min: new Date('1969-12-30T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        ),
        (d) => check(d),
      ),
      { numRuns: 1000 },
    )
    for (const ms of [0, -1, 86_399_999, 86_400_000, -86_400_000, 8.64e15, -8.64e15, Date.UTC(2026, 10, 24, 23, 59, 59, 999)])
      check(new Date(ms))
  })
  it('an invalid Date still throws', () => {
    expect(() => formatWallDateTime(new Date(NaN))).toThrow(RangeError)
  })
})
