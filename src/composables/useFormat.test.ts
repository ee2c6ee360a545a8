import { describe, expect, it } from 'vitest'
import { formatPhone, joinList, loadPhoneFormatter } from './useFormat'

describe('joinList', () => {
  it('joins with the enumeration comma in Chinese and a comma and space in English', () => {
    expect(joinList(['短信', '邮箱'], 'zh-CN')).toBe('短信、邮箱')
    expect(joinList(['SMS', 'Email'], 'en')).toBe('SMS, Email')
    expect(joinList(['短信'], 'zh-CN')).toBe('短信')
    expect(joinList([], 'en')).toBe('')
  })
})

describe('formatPhone', () => {
  it('shows the number as stored until the formatter has loaded, then its international form', async () => {
    expect(formatPhone('+8613800138000')).toBe('+8613800138000')
    expect(formatPhone(null)).toBe('')
    await loadPhoneFormatter()
    expect(formatPhone('+8613800138000')).toBe('+86 138 0013 8000')
    expect(formatPhone(null)).toBe('')
  })
})
