import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskContact, maskEmail, maskKnownIdentifiers, maskMiddle, maskPhone, maskUid, splitE164 } from './mask'

describe('maskMiddle / maskUid', () => {
  it.each([
    ['12345678', '12****78'],
    ['123456789', '12****789'],
    ['1234567890', '123****890'],
    ['13800138000', '138****8000'],
    ['12345678901234567890', '123*************7890'],
    ['1234567', '1****67'],
    ['123456', '1****6'],
    ['12345', '****5'],
    ['1234', '****'],
    ['12', '**'],
    ['', ''],
  ])('%s → %s', (input, masked) => {
    expect(maskMiddle(input)).toBe(masked)
  })
  it('never shows more than 7 characters nor more than half of 8 or fewer; deterministic', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,24}$/), (digits) => {
        const m = maskUid(digits)
        expect(m).toHaveLength(digits.length)
        const shown = [...m].filter((c) => c !== '*').length
        expect(shown).toBeLessThanOrEqual(7)
        expect(m.split('*').length - 1).toBeGreaterThanOrEqual(Math.min(digits.length, 4))
        if (digits.length <= 8) expect(shown * 2).toBeLessThanOrEqual(digits.length)
        expect(maskUid(digits)).toBe(m)
      }),
    )
  })
  it('null is empty', () => {
    expect(maskUid(null)).toBe('')
  })
})

describe('maskPhone', () => {
  it.each([
    ['+8613800138000', '+86 138****8000'],
    ['+85291234567', '+852 91****67'],
    ['+12125551234', '+1 212****234'],
    ['+447911123456', '+44 791****456'],
    ['13800138000', '138****8000'],
  ])('%s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked)
  })
  it('splits calling codes', () => {
    expect(splitE164('+8613800138000')).toEqual({ callingCode: '86', national: '13800138000' })
    expect(splitE164('+85291234567')).toEqual({ callingCode: '852', national: '91234567' })
    expect(splitE164('+12125551234')).toEqual({ callingCode: '1', national: '2125551234' })
  })
})

describe('maskEmail', () => {
  it.each([
    ['alice@gmail.com', 'a***e@gmail.com'],
    ['bob@qq.com', 'b***@qq.com'],
    ['bobby@qq.com', 'b***y@qq.com'],
    ['ab@x.com', '***@x.com'],
    ['a@x.com', '***@x.com'],
    ['张三丰abc@163.com', '张***c@163.com'],
  ])('%s → %s', (input, masked) => {
    expect(maskEmail(input)).toBe(masked)
  })
  it('never reveals more than two characters of the local part, nor its length', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.includes('@')),
        (local) => {
          const m = maskEmail(`${local}@example.com`)
          const maskedLocal = m.slice(0, m.lastIndexOf('@'))
          const shown = [...maskedLocal.replace('***', '')]
          expect(maskedLocal).toContain('***')
          expect(shown.length).toBeLessThanOrEqual([...local].length <= 2 ? 0 : [...local].length <= 4 ? 1 : 2)
          expect(m.endsWith('@example.com')).toBe(true)
        },
      ),
    )
  })
})

describe('maskContact / maskKnownIdentifiers', () => {
  it('masks email or phone contacts', () => {
    expect(maskContact('alice@gmail.com')).toBe('a***e@gmail.com')
    expect(maskContact('+86 138 0013 8000')).toBe('+86 138****8000')
  })
  it('masks the case’s own identifiers inside notes, and nothing else', () => {
    const ids = { uid: '12345678', phoneE164: '+8613800138000', email: 'alice@gmail.com' }
    expect(maskKnownIdentifiers('UID 12345678, +8613800138000, 13800138000, ALICE@gmail.com, other 123456789', ids)).toBe(
      'UID 12****78, +86 138****8000, 138****8000, a***e@gmail.com, other 123456789',
    )
  })
})
