import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LOG_LIMITS, describeError, formatEntry, scrubContext, scrubEntry, scrubStack, scrubText, type LogEntry } from './log'

describe('scrubText', () => {
  it.each([
    ['UID 35201187 not found', 'UID <number> not found'],
    ['phone +86 138 0013 8000 refused', 'phone <number> refused'],
    ['phone 138-0013-8000', 'phone <number>'],
    ['phone (852) 1234 5678', 'phone <number>'],
    ['phone 008613800138000', 'phone <number>'],
    ['full-width １３８００１３８０００', 'full-width <number>'],
    ['mail alice.w@qq.com, then', 'mail <email>, then'],
    ['mail agent@localhost', 'mail <email>'],
    ['id 11010519491231002X', 'id <number>X'],
    ['token abc12345def', 'token abc<number>def'],
    ['date 2026-11-24', 'date <number>'],
  ])('masks %j', (input, expected) => {
    expect(scrubText(input)).toBe(expected)
  })

  it.each([
    'case VC-20261124-7K3Q not in the trash',
    'version 1.13.16, 3 of 7 methods, at 10:00:00',
    'last digits 8000',
    'QuotaExceededError: The quota has been exceeded.',
    'at run (file:///app/node_modules/@vitest/runner/dist/index.js:12:3)',
  ])('keeps %j (case numbers, versions, small numbers, words)', (input) => {
    expect(scrubText(input)).toBe(input)
  })

  const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`))
  const filler = fc.string({ maxLength: 20 }).map((s) => s.replace(/[0-9@]/g, ' '))
  const email = fc.emailAddress()
  const phone = fc
    .tuple(
      fc.constantFrom('', '+86 ', '0086', '(852) ', '+1-'),
      digits(3, 4),
      fc.constantFrom(' ', '-', '.', ''),
      digits(4, 4),
      fc.constantFrom(' ', '-', ''),
      digits(4, 4),
    )
    .map((parts) => parts.join(''))

  it('property: no run of 5+ digits survives (case numbers aside)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(filler, digits(5, 20), phone, fc.string()), { maxLength: 8 }), (parts) => {
        const out = scrubText(parts.join(' ')).replace(/\bVC-\d{8}-[0-9A-Z]{4}\b/g, '')
        expect(out).not.toMatch(/\p{Nd}{5}/u)
      }),
    )
  })

  it('property: an embedded UID, phone or email never appears in the output', () => {
    fc.assert(
      fc.property(filler, fc.oneof(digits(5, 20), phone, email), filler, (before, secret, after) => {
        const out = scrubText(`${before}${secret}${after}`)
        expect(out).not.toContain(secret)
        if (secret.includes('@')) expect(out).not.toContain('@')
        else expect(out.replace(/\P{Nd}/gu, '')).not.toContain(secret.replace(/\D/g, '').slice(-5))
      }),
    )
  })

  it('property: idempotent, and never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const once = scrubText(text)
        expect(scrubText(once)).toBe(once)
      }),
    )
  })
})

describe('scrubStack', () => {
  it('keeps frame positions and code, masks data in the message line', () => {
    const stack = [
      'Error: no case for UID 35201187',
      '    at load (app://console/assets/index-BX12345a.js:1:23456)',
      '    at async run (app://console/assets/a.js:12:345678)',
    ].join('\n')
    expect(scrubStack(stack)).toBe(
      [
        'Error: no case for UID <number>',
        '    at load (app://console/assets/index-BX<number>a.js:1:23456)',
        '    at async run (app://console/assets/a.js:12:345678)',
      ].join('\n'),
    )
  })

  it(`keeps at most ${LOG_LIMITS.stackLines} lines`, () => {
    const stack = ['Error: x', ...Array.from({ length: 50 }, (_, i) => `    at f${i} (a.js:1:${i})`)].join('\n')
    expect(scrubStack(stack).split('\n')).toHaveLength(LOG_LIMITS.stackLines)
  })
})

describe('scrubContext', () => {
  it('drops personal fields by name, keeps case numbers and counts, refuses nested values', () => {
    expect(
      scrubContext({
        caseNumber: 'VC-20261124-7K3Q',
        uid: '35201187',
        phoneE164: '+8613800138000',
        email: 'a@b.c',
        note: 'called twice',
        templateId: 'method.sms',
        count: 3,
        ok: true,
        nothing: null,
        nested: { uid: '1' },
        big: 35201187,
      }),
    ).toEqual({
      caseNumber: 'VC-20261124-7K3Q',
      uid: '[removed]',
      phoneE164: '[removed]',
      email: '[removed]',
      note: '[removed]',
      templateId: '[removed]',
      count: 3,
      ok: true,
      nothing: null,
      big: '<number>',
    })
  })

  it(`keeps at most ${LOG_LIMITS.contextKeys} fields and short values`, () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'v'.repeat(500)]))
    const out = scrubContext(many)!
    expect(Object.keys(out)).toHaveLength(LOG_LIMITS.contextKeys)
    for (const v of Object.values(out)) expect(String(v).length).toBeLessThanOrEqual(LOG_LIMITS.contextValue)
  })
})

describe('describeError', () => {
  it('names the error, scrubs its message and stack', () => {
    const err = new TypeError('cannot read uid 35201187')
    const d = describeError(err)
    expect(d.name).toBe('TypeError')
    expect(d.message).toBe('cannot read uid <number>')
    expect(d.stack).toMatch(/^TypeError: cannot read uid <number>\n\s+at /)
  })

  it("includes Dexie's inner error", () => {
    const err = Object.assign(new Error('Transaction aborted'), {
      name: 'AbortError',
      inner: { name: 'QuotaExceededError', message: 'quota' },
    })
    expect(describeError(err).message).toBe('Transaction aborted (inner QuotaExceededError: quota)')
  })

  it('describes anything thrown, never throwing itself', () => {
    expect(describeError('plain 35201187')).toEqual({ name: 'NonError', message: 'plain <number>' })
    expect(describeError(undefined)).toEqual({ name: 'NonError', message: 'undefined' })
    const hostile = {
      toString: () => {
        throw new Error('nope')
      },
    }
    expect(describeError(hostile)).toEqual({ name: 'NonError', message: '(unprintable)' })
  })
})

describe('scrubEntry and formatEntry', () => {
  const base: LogEntry = { time: '2026-11-30T10:00:00.000Z', level: 'error', code: 'reviews.alert.record' }

  it('formats one line per entry, the stack frames indented below', () => {
    const e = scrubEntry({
      ...base,
      error: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at f (app://console/a.js:1:2)' },
      context: { caseNumber: 'VC-20261130-7K3Q' },
    })
    expect(formatEntry(e)).toBe(
      '2026-11-30T10:00:00.000Z ERROR reviews.alert.record Error: boom {"caseNumber":"VC-20261130-7K3Q"}\n    at f (app://console/a.js:1:2)',
    )
  })

  it('replaces a code that is not a code', () => {
    expect(scrubEntry({ ...base, code: 'call 13800138000\nnow' }).code).toBe('invalid-code')
  })

  it('property: whatever the entry holds, no email or 5-digit run reaches the formatted line', () => {
    const secret = fc.oneof(fc.emailAddress(), fc.stringMatching(/^[0-9]{5,12}$/))
    const text = fc.tuple(fc.string(), secret, fc.string()).map(([a, s, b]) => ({ text: `${a} ${s} ${b}`, secret: s }))
    fc.assert(
      fc.property(text, text, fc.dictionary(fc.string({ maxLength: 10 }), text, { maxKeys: 5 }), (message, stack, context) => {
        const entry = scrubEntry({
          ...base,
          error: { name: 'Error', message: message.text, stack: `Error\n    at ${stack.text}` },
          context: Object.fromEntries(Object.entries(context).map(([k, v]) => [k, v.text])),
        })
        const line = formatEntry(entry)
        for (const s of [message, stack, ...Object.values(context)].map((t) => t.secret)) expect(line).not.toContain(s)
        const body = line.replace(/^\S+ /, '').replace(/:\d+:\d+\)?$/gm, '')
        expect(body).not.toMatch(/\p{Nd}{5}/u)
      }),
    )
  })
})
