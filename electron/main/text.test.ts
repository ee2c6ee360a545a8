import { describe, expect, it } from 'vitest'
import { DESKTOP_TEXT, localeFromSystem } from './text'

describe('desktop text', () => {
  it('has every entry, non-empty, in both languages, and the Chinese differs from the English', () => {
    const en = DESKTOP_TEXT.en
    const zh = DESKTOP_TEXT['zh-CN']
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort())
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const a = en[key]
      const b = zh[key]
      const sample = (v: typeof a): string =>
        typeof v === 'function' ? (v as (x: never) => string)({ openReviews: 2, atRisk: 1, overdue: 1, ...{} } as never) : v
      expect(sample(a), key).not.toBe('')
      expect(sample(b), key).not.toBe(sample(a))
    }
  })

  it.each([
    [{ openReviews: 0, atRisk: 0, overdue: 0 }, 'No open reviews', '没有进行中的审核'],
    [{ openReviews: 1, atRisk: 0, overdue: 0 }, '1 open review', '1 个进行中的审核'],
    [{ openReviews: 7, atRisk: 2, overdue: 1 }, '7 open reviews (2 at risk, 1 overdue)', '7 个进行中的审核（2 个有逾期风险，1 个已逾期）'],
  ])('counts reviews: %j', (status, en, zh) => {
    expect(DESKTOP_TEXT.en.reviews(status)).toBe(en)
    expect(DESKTOP_TEXT['zh-CN'].reviews(status)).toBe(zh)
  })

  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-US', 'en'],
    ['de', 'en'],
    ['', 'en'],
  ])('system locale %s → %s', (system, locale) => {
    expect(localeFromSystem(system)).toBe(locale)
  })
})
