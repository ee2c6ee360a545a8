import { describe, expect, it } from 'vitest'
import { joinList } from './useFormat'

describe('joinList', () => {
  it('joins with the enumeration comma in Chinese and a comma and space in English', () => {
    expect(joinList(['短信', '邮箱'], 'zh-CN')).toBe('短信、邮箱')
    expect(joinList(['SMS', 'Email'], 'en')).toBe('SMS, Email')
    expect(joinList(['短信'], 'zh-CN')).toBe('短信')
    expect(joinList([], 'en')).toBe('')
  })
})
