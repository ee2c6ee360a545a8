import { describe, expect, it } from 'vitest'
import { dateTimeFormat, prepareShortDateTime, shortDateTime, shortDay } from './intl'

describe('shortDay', () => {
  it('writes a calendar day briefly in either language, the same whatever the machine’s time zone', () => {
    expect(shortDay('2026-03-04', 'en-US')).toBe('Wed, Mar 4')
    expect(shortDay('2026-03-04', 'zh-CN')).toContain('3月4日')
    expect(shortDay('2026-03-04', 'zh-CN')).toContain('周三')
  })
  it('leaves anything that is not a YYYY-MM-DD day as it is', () => {
    expect(shortDay('soon', 'en-US')).toBe('soon')
  })
})

describe('dateTimeFormat', () => {
  it('makes one formatter per locale and options', () => {
    expect(dateTimeFormat('en-US', { month: 'short' })).toBe(dateTimeFormat('en-US', { month: 'short' }))
    expect(dateTimeFormat('en-US', { month: 'short' })).not.toBe(dateTimeFormat('zh-CN', { month: 'short' }))
  })
})

describe('shortDateTime', () => {
  const at = new Date(2026, 11, 5, 8, 3).getTime() // local wall time: the same text in any machine zone
  it('gives day and time without the year within the current year', () => {
    expect(shortDateTime(at, 'en-US', 2026)).toBe('Dec 5, 08:03')
    expect(shortDateTime(at, 'zh-CN', 2026)).toBe('12月5日 08:03')
  })
  it('gives the date with its year otherwise', () => {
    expect(shortDateTime(at, 'en-US', 2027)).toBe('Dec 5, 2026')
  })
})

describe('prepareShortDateTime', () => {
  it('makes the formats shortDateTime then uses, so the first rows make none', () => {
    const at = new Date(2026, 11, 5, 8, 3).getTime()
    prepareShortDateTime('en-GB')
    const Real = Intl.DateTimeFormat
    let made = 0
    Intl.DateTimeFormat = new Proxy(Real, {
      construct: (target, args: Parameters<typeof Real>) => {
        made++
        return Reflect.construct(target, args) as Intl.DateTimeFormat
      },
    })
    try {
      expect(shortDateTime(at, 'en-GB', 2026)).toBe('5 Dec, 08:03')
      expect(shortDateTime(at, 'en-GB', 2027)).toBe('5 Dec 2026')
      expect(made).toBe(0)
      shortDateTime(at, 'fr-FR', 2026) // not prepared: made now
      expect(made).toBe(1)
    } finally {
      Intl.DateTimeFormat = Real
    }
  })
})
