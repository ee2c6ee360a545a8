import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { maskEmail, maskMiddle, maskPhone, maskUid } from './mask'

describe('maskPhone', () => {
  it.each([
    ['+8613800138000', '+86 138****8000'],
    ['+85291234567', '+852 91***567'],
    ['+14155552671', '+1 415****2671'],
    ['13800138000', '138****8000'],
    ['  ', null],
    [null, null],
  ])('%s → %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected)
  })

  it('never shows the middle digits of a mainland number', () => {
    expect(maskPhone('+8613912345678')).not.toContain('1234')
  })
})

describe('maskEmail', () => {
  it.each([
    ['alice@qq.com', 'a***e@qq.com'],
    ['ab@163.com', 'a***@163.com'],
    ['a@gmail.com', 'a***@gmail.com'],
    ['张三@example.cn', '张***@example.cn'],
    ['not-an-email', 'n**********l'],
    ['', null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(maskEmail(input)).toBe(expected)
  })
})

describe('maskUid', () => {
  it.each([
    ['35201187', '35****187'],
    ['123456789012', '12*******012'],
    ['12345', '***45'],
    ['1', '***'],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(maskUid(input)).toBe(expected)
  })
})

describe('maskMiddle', () => {
  it('hides at least one character of any non-empty value and never throws', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat(5), fc.nat(5), (s, a, b) => {
        const masked = maskMiddle(s, a, b)
        expect(masked).toContain('*')
        if ([...s].length > 1) expect(masked).not.toBe(s)
      }),
    )
  })
})
