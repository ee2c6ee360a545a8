import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeUid } from './uid'

describe('normalizeUid', () => {
  it.each([
    ['35001234', '35001234'],
    [' 35001234 ', '35001234'],
    ['3500 1234', '3500123456'.slice(0, 8)],
    ['3500-1234', '35001234'],
    ['3500.1234', '35001234'],
    ['3500\u00a01234', '35001234'],
    ['3500\u30001234', '35001234'],
    ['３５００１２３４', '35001234'],
    ['UID: 35001234', '35001234'],
    ['uid：35001234', '35001234'],
    ['User ID 35001234', '35001234'],
    ['用户ID：35001234', '35001234'],
    ['"35001234"', '35001234'],
    ['35001234\n', '35001234'],
    ['\u200b35001234', '35001234'],
    // a label without a colon, with a dash or glued on, and the chat sentence's full stop
    ['UID 35001234', '35001234'],
    ['UID-35001234', '35001234'],
    ['UID35001234', '35001234'],
    ['UID#35001234', '35001234'],
    ['UID: 3500 1234。', '35001234'],
    ['35001234.\n', '35001234'],
  ])('accepts %j as %s', (input, expected) => {
    expect(normalizeUid(input)).toEqual({ ok: true, value: expected })
  })

  it.each([
    ['', 'errors.uid.empty'],
    ['   ', 'errors.uid.empty'],
    ['12ab34', 'errors.uid.notDigits'],
    ['35001234x', 'errors.uid.notDigits'],
    ['+35001234', 'errors.uid.notDigits'],
    ['1234', 'errors.uid.tooShort'],
    ['1'.repeat(21), 'errors.uid.tooLong'],
    // a UID and a phone number copied together
    ['35001234 13800138000', 'errors.uid.withPhone'],
    ['35001234, +86 13800138000'.replace('+86 ', '+86'), 'errors.uid.withPhone'],
    ['13800138000\n35001234', 'errors.uid.withPhone'],
    ['35001234 008613800138000', 'errors.uid.withPhone'],
  ])('refuses %j with %s', (input, key) => {
    const r = normalizeUid(input)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.key).toBe(key)
  })

  it('still reads a long UID spaced in groups, and an 11-digit UID alone', () => {
    expect(normalizeUid('1380 0138 0001 2345')).toEqual({ ok: true, value: '1380013800012345' })
    expect(normalizeUid('13800138000')).toEqual({ ok: true, value: '13800138000' })
  })

  it('names the offending character', () => {
    const r = normalizeUid('12ab34')
    expect(r).toEqual({ ok: false, error: { key: 'errors.uid.notDigits', params: { char: 'a' } } })
  })

  it('never throws, and what it accepts is digits only and stable', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const r = normalizeUid(s)
        if (r.ok) {
          expect(r.value).toMatch(/^\d{5,20}$/)
          expect(normalizeUid(r.value)).toEqual(r)
        }
      }),
    )
  })

  it('accepts any 5-20 digit UID with separators sprinkled in', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{4,19}$/), fc.constantFrom(' ', '-', '.', ' - '), (digits, sep) => {
        const spaced = digits.replace(/(\d{3})/g, `$1${sep}`)
        expect(normalizeUid(spaced)).toEqual({ ok: true, value: digits })
      }),
    )
  })
})
