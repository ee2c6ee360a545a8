import { describe, expect, it } from 'vitest'
import { createZonedClock, formatWallDate, formatWallDateTime, isoDateToWallDate, wallDate } from './time'

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
