import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskContact, maskEmail, maskFreeText, maskMiddle, maskPhone, maskUid, splitE164 } from './mask'

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
    // by code point: a character outside the BMP (a surrogate pair) is one character, never split
    ['😀1234567😀', '😀1****67😀'],
    ['a😀b😀c😀d😀e', 'a😀****d😀e'],
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

describe('maskContact', () => {
  it('masks email or phone contacts', () => {
    expect(maskContact('alice@gmail.com')).toBe('a***e@gmail.com')
    expect(maskContact('+86 138 0013 8000')).toBe('+86 138****8000')
    expect(maskContact('0086 138 0013 8000')).toBe('+86 138****8000')
    expect(maskContact('13800138000')).toBe('138****8000')
  })
  it('masks a contact field holding more than one contact as free text', () => {
    const masked = maskContact('li.wei@163.com / 13912345678')
    expect(masked).toBe('l***i@163.com / 139****5678')
  })
})

const masked = (text: string, known?: Parameters<typeof maskFreeText>[1]['known']): string =>
  maskFreeText(text, { masked: true, language: 'en', known })

describe('maskFreeText', () => {
  it('the issue 15 note: second phone, backup mail, old UID', () => {
    const note = 'User gave a second number 13912345678 and backup mail li.wei@163.com; old account UID 87654321'
    expect(masked(note)).toBe('User gave a second number 139****5678 and backup mail l***i@163.com; old account UID 87****21')
  })
  it.each([
    ['13912345678', '139****5678'],
    ['139 1234 5678', '139****5678'],
    ['139-1234-5678', '139****5678'],
    ['+86 139 1234 5678', '+86 139****5678'],
    ['+86-139-1234-5678', '+86 139****5678'],
    ['+8613912345678', '+86 139****5678'],
    ['0086 139 1234 5678', '+86 139****5678'],
    ['008613912345678', '+86 139****5678'],
    ['(+86) 13912345678', '+86 139****5678'],
    ['86 13912345678', '+86 139****5678'],
    ['１３９１２３４５６７８', '139****5678'], // full-width digits
    ['＋８６ １３９ １２３４ ５６７８', '+86 139****5678'],
    ['020-12345678', '020****5678'],
    ['+852 9123 4567', '+852 91****67'],
    ['+1 415 555 2671', '+1 415****671'],
    // as copied from web pages, chat tools and word processors
    ['139\u00a01234\u00a05678', '139****5678'], // no-break spaces
    ['+86\u00a0139\u00a01234\u00a05678', '+86 139****5678'],
    ['139\u20091234\u20095678', '139****5678'], // thin spaces
    ['139\u202f1234\u202f5678', '139****5678'], // narrow no-break spaces
    ['139–1234–5678', '139****5678'], // en dashes
    ['139 — 1234 — 5678', '139****5678'], // em dashes with spaces
    ['139 - 1234 - 5678', '139****5678'],
    ['139  1234  5678', '139****5678'], // two spaces
    ['+86 139 ‑ 1234 ‑ 5678', '+86 139****5678'], // non-breaking hyphens
  ])('phone %s → %s', (phone, expected) => {
    expect(masked(`手机 ${phone}，请回电`)).toBe(`手机 ${expected}，请回电`)
    expect(masked(`call ${phone} later`)).toBe(`call ${expected} later`)
  })
  it('emails, in Chinese text too', () => {
    expect(masked('邮箱li.wei@163.com，备用 Zhang.San+vc@Gmail.COM。')).toBe('邮箱l***i@163.com，备用 Z***c@Gmail.COM。')
  })
  it('emails as typed in a chat: a Chinese full stop for the dot, a space around the @', () => {
    expect(masked('邮箱 li.wei@163。com，备用li.wei@qq。com。谢谢')).toBe('邮箱 l***i@163.com，备用l***i@qq.com。谢谢')
    expect(masked('mail li.wei @163.com or li.wei@ qq.com or li.wei @ gmail.com')).toBe(
      'mail l***i@163.com or l***i@qq.com or l***i@gmail.com',
    )
  })
  it('long digit runs (UIDs, accounts, order numbers), but not case numbers, dates, times or short numbers', () => {
    expect(masked('UID87654321 old uid 123456 order 20261124000123')).toBe('UID87****21 old uid 1****6 order 202*******0123')
    expect(masked('See VC-20261124-7K3Q, created 2026-11-24 14:05, waited 30 min, called 10086, sent 1234.5 USDT')).toBe(
      'See VC-20261124-7K3Q, created 2026-11-24 14:05, waited 30 min, called 10086, sent 1234.5 USDT',
    )
  })
  it('the case’s own identifiers even when short', () => {
    expect(masked('UID 12345 wrote from ALICE@gmail.com', { uid: '12345', email: 'alice@gmail.com', phoneE164: null })).toBe(
      'UID ****5 wrote from A***E@gmail.com',
    )
  })
  it('secrets are always taken out, in the output language, even with full details', () => {
    const text = 'code 482913, key JBSWY3DPEHPK3PXP, ID 11010519491231002X, phone 13912345678'
    expect(maskFreeText(text, { masked: false, language: 'en' })).toBe(
      'code [verification code removed], key [authenticator key removed], ID [ID number removed], phone 13912345678',
    )
    expect(maskFreeText(text, { masked: true, language: 'zh-CN' })).toBe(
      'code [已删除验证码], key [已删除验证器密钥], ID [已删除证件号码], phone 139****5678',
    )
  })
  it('full details leave personal data as written', () => {
    const note = 'second number 13912345678, mail li.wei@163.com, UID 87654321'
    expect(maskFreeText(note, { masked: false, language: 'en' })).toBe(note)
  })
  it('text with nothing to mask is returned as it is', () => {
    expect(masked('用户反馈收不到短信验证码，已指导关闭360手机卫士拦截。')).toBe('用户反馈收不到短信验证码，已指导关闭360手机卫士拦截。')
    expect(masked('')).toBe('')
  })
  it('never leaves a run of 6 digits of the input, an email or a phone number readable; never throws', () => {
    const piece = fc.oneof(
      fc.constantFrom('13912345678', '+86 139 1234 5678', '0086', ' li.wei@163.com ', ' ', '-', '，', 'UID ', '@', '.', 'VC-20261124-7K3Q'),
      fc.stringMatching(/^\d{1,12}$/),
      fc.string({ maxLength: 6 }),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.boolean(), (pieces, zh) => {
        const text = pieces.join('')
        const out = maskFreeText(text, { masked: true, language: zh ? 'zh-CN' : 'en' })
        // no run of 6+ digits of the input survives (case numbers aside)
        const outside = text.replace(/VC-\d{8}-[0-9A-Z]{4}/g, ' ')
        for (const run of outside.match(/\d{6,}/g) ?? []) expect(out).not.toContain(run)
        expect(out).not.toContain('li.wei@')
        expect(out).not.toContain('1234 5678')
      }),
      { numRuns: 2000 },
    )
  })
})

describe('fast paths give the answers of the plain code', () => {
  it('maskEmail reads a local part without surrogate pairs by index, as by code point', () => {
    const byCodePoint = (email: string): string => {
      const at = email.lastIndexOf('@')
      const local = [...email.slice(0, at)]
      const domain = email.slice(at + 1).replace(/\d{6,}/g, (d) => maskMiddle(d))
      const n = local.length
      return `${n <= 2 ? '***' : n <= 4 ? `${local[0]}***` : `${local[0]}***${local[n - 1]}`}@${domain}`
    }
    const local = fc.string({ unit: fc.constantFrom('a', 'b', '1', '.', '中', '😀', '\ud800'), maxLength: 9 })
    fc.assert(
      fc.property(local, fc.constantFrom('qq.com', '163.com', '13912345678.cn'), (l, d) => {
        expect(maskEmail(`${l}@${d}`)).toBe(byCodePoint(`${l}@${d}`))
      }),
      { numRuns: 1000 },
    )
  })
  it('splitE164 keeps its last answer without handing out a shared object', () => {
    const a = splitE164('+8613800138000')
    a.national = 'changed'
    expect(splitE164('+8613800138000')).toEqual({ callingCode: '86', national: '13800138000' })
    expect(splitE164('+85291234567')).toEqual({ callingCode: '852', national: '91234567' })
    expect(splitE164('+8613800138000')).toEqual({ callingCode: '86', national: '13800138000' })
  })
})
