import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getCountries, getCountryCallingCode, Metadata } from 'libphonenumber-js/max'
import { formatPhoneInternational, MIN_PHONE_DIGITS, normalizePhone, reverseDigits, validE164 } from './phone'

describe('normalizePhone', () => {
  it.each([
    '+86 138 0013 8000',
    '+8613800138000',
    '008613800138000',
    '0086 138 0013 8000',
    '13800138000',
    '138-0013-8000',
    '138 0013 8000',
    '(+86) 138 0013 8000',
    '+86-138-0013-8000',
    '86 138 0013 8000',
    '8613800138000',
    '＋８６　１３８００１３８０００',
    'tel:+8613800138000',
    'Phone: 13800138000',
    '手机号：13800138000',
    ' 13800138000\n',
    '138.0013.8000',
    'Phone number: +86 138 0013 8000',
    'Mobile no. 138 0013 8000',
    '手机号码：138-0013-8000',
    '联系电话 13800138000。',
    '手机13800138000',
  ])('reads %j as +8613800138000', (input) => {
    const r = normalizePhone(input)
    expect(r.ok, JSON.stringify(r)).toBe(true)
    if (r.ok) {
      expect(r.value.e164).toBe('+8613800138000')
      expect(r.value.country).toBe('CN')
      expect(r.value.reversedDigits).toBe('00083100831 68'.replace(' ', ''))
    }
  })

  it.each([
    ['+852 9123 4567', '+85291234567'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+44 7911 123456', '+447911123456'],
    ['00852 9123 4567', '+85291234567'],
  ])('keeps other countries: %s', (input, e164) => {
    const r = normalizePhone(input)
    expect(r.ok && r.value.e164).toBe(e164)
  })

  it.each([
    ['', 'errors.phone.empty'],
    ['12345', 'errors.phone.tooShort'],
    ['abc', 'errors.phone.notANumber'],
    ['138001380001234567', 'errors.phone.tooLong'],
    ['+999 1234 5678', 'errors.phone.invalidCountry'],
    ['call me', 'errors.phone.notANumber'],
    // 11 digits from 1 are a mainland mobile with a wrong digit, not a North American number without its +
    ['12345678901', 'errors.phone.invalid'],
    ['121 2555 1234', 'errors.phone.invalid'],
  ])('refuses %j with %s', (input, key) => {
    const r = normalizePhone(input)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.key).toBe(key)
  })

  it('refuses a number that is the right length but not a valid mainland number', () => {
    const r = normalizePhone('10000000000')
    expect(r.ok).toBe(false)
  })

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = normalizePhone(s)
        if (r.ok) {
          expect(r.value.e164).toMatch(/^\+\d{6,15}$/)
          expect(normalizePhone(r.value.e164)).toEqual(r)
        }
      }),
    )
  })

  it('accepts every mainland mobile number in its common forms', () => {
    fc.assert(
      fc.property(fc.constantFrom('138', '139', '150', '186', '177', '199', '130', '189'), fc.stringMatching(/^\d{8}$/), (prefix, rest) => {
        const national = prefix + rest
        for (const form of [national, `+86 ${national}`, `0086${national}`, `${prefix}-${rest.slice(0, 4)}-${rest.slice(4)}`]) {
          const r = normalizePhone(form)
          expect(r.ok && r.value.e164, form).toBe(`+86${national}`)
        }
      }),
    )
  })
})

describe('validE164, the question the look-up asks', () => {
  it('knows the shortest valid number of any country (country code and national digits)', () => {
    const metadata = new Metadata()
    const shortest = Math.min(
      ...getCountries().map((c) => {
        metadata.selectNumberingPlan(c)
        return getCountryCallingCode(c).length + Math.min(...metadata.numberingPlan!.possibleLengths())
      }),
    )
    expect(MIN_PHONE_DIGITS).toBe(shortest)
  })

  it('answers as normalizePhone does for digits with or without "+", separators and any length', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '+', '00', '+86', '0086', '1', '+852', '+44'), fc.stringMatching(/^[\d -]{0,16}$/), (head, rest) => {
        const text = head + rest
        const r = normalizePhone(text)
        const viaNormalize = r.ok ? r.value.e164 : null
        // normalizePhone also tries "+digits" for a failed national form; the look-up asks that separately
        if (viaNormalize !== null) expect(validE164(text) ?? validE164(`+${text.replace(/\D/g, '')}`)).toBe(viaNormalize)
        else expect(validE164(text)).toBeNull()
      }),
      { numRuns: 300 },
    )
  })
})

describe('phone helpers', () => {
  it('reverses only digits', () => {
    expect(reverseDigits('+86 138')).toBe('83168')
  })
  it('formats E.164 for display', () => {
    expect(formatPhoneInternational('+8613800138000')).toBe('+86 138 0013 8000')
    expect(formatPhoneInternational(null)).toBe('')
  })
})
