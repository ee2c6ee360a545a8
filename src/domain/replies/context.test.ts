import { describe, expect, it } from 'vitest'
import { buildReplyContext, cleanValue, latestStatuses } from './context'
import { PLACEHOLDERS, PLACEHOLDER_NAMES, placeholderSnippet } from './placeholders'
import { baseInput } from '@test/replyCase'
import { compileBody } from './engine'

describe('buildReplyContext', () => {
  it('fills every catalogue placeholder and nothing else', () => {
    const ctx = buildReplyContext(baseInput())
    expect(new Set(Object.keys(ctx))).toEqual(PLACEHOLDER_NAMES)
    expect(PLACEHOLDERS.map((p) => p.name).sort()).toEqual(Object.keys(ctx).sort())
  })

  it('localises case facts to the reply language', () => {
    const en = buildReplyContext(baseInput({ language: 'en' }))
    const zh = buildReplyContext(baseInput({ language: 'zh-CN' }))
    expect(en).toMatchObject({
      language: 'en',
      carrier_name: 'China Mobile',
      carrier_hotline: '10086',
      blocking_app: '360 Security',
      email_provider: 'QQ Mail',
      phone_os: 'Android phone',
      symptom: 'the verification code does not arrive',
      operation: 'logging in',
      phone_masked: '+86 138****8000',
      email_masked: 'a***e@qq.com',
    })
    expect(zh).toMatchObject({
      language: 'zh-CN',
      carrier_name: '中国移动',
      carrier_hotline: '10086',
      blocking_app: '360手机卫士',
      email_provider: 'QQ邮箱',
    })
    expect(zh.email_advice).toContain('Gmail')
  })

  it("defaults to the case's language", () => {
    expect(buildReplyContext(baseInput({}, { language: 'zh-CN' })).language).toBe('zh-CN')
  })

  it('leaves unknown or "other" facts empty (null) so templates fall back', () => {
    const ctx = buildReplyContext(
      baseInput(
        { agentName: null, customerName: undefined },
        {
          carrier: 'other',
          blockingApp: 'none',
          phoneOs: 'other',
          operation: 'other',
          uid: null,
          phoneE164: null,
          email: null,
          emailProvider: null,
        },
      ),
    )
    expect(ctx).toMatchObject({
      carrier_id: 'other',
      carrier_name: null,
      carrier_hotline: null,
      blocking_app: null,
      blocking_app_id: 'none',
      phone_os: null,
      operation: null,
      uid: null,
      uid_masked: null,
      phone_masked: null,
      email_masked: null,
      email_provider: null,
      email_advice: null,
      agent_name: null,
      customer_name: null,
      methods_tried: null,
      methods_tried_count: 0,
      next_method: null,
      review_submitted_date: null,
    })
  })

  it('lists what was tried (failed or resolved) in playbook order, and rules out declined and not-applicable too', () => {
    const ctx = buildReplyContext(
      baseInput({
        attempts: [
          { methodId: 'carrier-sms', status: 'failed' },
          { methodId: 'sms-blocking', status: 'failed' },
          { methodId: 'authenticator', status: 'declined' },
          { methodId: 'rebind-phone', status: 'not-applicable' },
          { methodId: 'network-time', status: 'suggested' },
        ],
      }),
    )
    expect(ctx.tried_method_ids).toEqual(['sms-blocking', 'carrier-sms'])
    expect(ctx.ruled_out_method_ids).toEqual(['sms-blocking', 'carrier-sms', 'rebind-phone', 'authenticator'])
    expect(ctx.methods_tried).toBe('checked your SMS blocking settings and asked your carrier to enable international SMS')
    expect(ctx.methods_tried_count).toBe(2)
    const zh = buildReplyContext(
      baseInput({
        language: 'zh-CN',
        attempts: [
          { methodId: 'sms-blocking', status: 'failed' },
          { methodId: 'email-code', status: 'failed' },
        ],
      }),
    )
    expect(zh.methods_tried).toBe('检查过短信拦截设置、尝试过邮箱验证码')
  })

  it('uses the newest attempt per method', () => {
    const statuses = latestStatuses([
      { methodId: 'email-code', status: 'failed', at: 20 },
      { methodId: 'email-code', status: 'suggested', at: 10 },
      { methodId: 'sms-blocking', status: 'suggested' },
      { methodId: 'sms-blocking', status: 'failed' },
    ])
    expect(statuses.get('email-code')).toBe('failed')
    expect(statuses.get('sms-blocking')).toBe('failed')
    const ctx = buildReplyContext(
      baseInput({
        attempts: [
          { methodId: 'carrier-sms', status: 'failed', at: 1 },
          { methodId: 'carrier-sms', status: 'not-tried', at: 2 },
        ],
      }),
    )
    expect(ctx.tried_method_ids).toEqual([])
  })

  it('describes the next step and the method that resolved the case', () => {
    const ctx = buildReplyContext(
      baseInput({ next: { methodId: 'email-code', variantId: 'qq' }, attempts: [{ methodId: 'carrier-sms', status: 'resolved' }] }),
    )
    expect(ctx).toMatchObject({
      next_method: 'switching to email verification codes',
      next_method_id: 'email-code',
      next_variant_id: 'qq',
      next_method_number: 3,
    })
    expect(ctx.resolved_method).toBe('asking your carrier to enable international SMS')
    expect(buildReplyContext(baseInput({}, { resolvedBy: 'authenticator' })).resolved_method).toBe('switching to an authenticator app')
  })

  it('method 3 for a case whose email codes fail is troubleshooting the mailbox, not switching to email (issue 15)', () => {
    const email = { channels: ['email' as const], emailProvider: 'qq' as const }
    const next = { methodId: 'email-code' as const, variantId: 'qq' }
    expect(buildReplyContext(baseInput({ next }, email)).next_method).toBe('checking your mailbox for our verification emails')
    expect(buildReplyContext(baseInput({ next, language: 'zh-CN' }, email)).next_method).toBe('检查邮箱是否收到验证码邮件')
    expect(buildReplyContext(baseInput({}, { ...email, resolvedBy: 'email-code' })).resolved_method).toBe(
      'checking your mailbox for our verification emails',
    )
  })

  it('passes review dates through as given', () => {
    const ctx = buildReplyContext(baseInput({ review: { submitted: '24 Nov 2026', expectedFrom: '27 Nov 2026', dueBy: '3 Dec 2026' } }))
    expect([ctx.review_submitted_date, ctx.review_expected_date, ctx.review_due_date]).toEqual(['24 Nov 2026', '27 Nov 2026', '3 Dec 2026'])
  })

  it('never exposes internal notes', () => {
    const ctx = buildReplyContext(baseInput({}, { notes: 'INTERNAL: user sounded like a scammer' }))
    expect(JSON.stringify(ctx)).not.toContain('INTERNAL')
  })
})

describe('cleanValue', () => {
  it.each([
    [null, null],
    ['', null],
    ['   ', null],
    ['undefined', null],
    ['NULL', null],
    ['[object Object]', null],
    ['Alice', 'Alice'],
    ['  Alice \n Smith ', 'Alice Smith'],
    ['{{ uid }}', '{ { uid } }'],
    ['{% include "x" %}', '{ % include "x" % }'],
    ['a\u202eb\u200bc', 'abc'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('%j → %j', (input, expected) => {
    expect(cleanValue(input)).toBe(expected)
  })

  it('bounds the length', () => {
    const long = cleanValue('x'.repeat(500), 50)
    expect([...(long ?? '')].length).toBe(50)
    expect(long?.endsWith('…')).toBe(true)
  })
})

describe('placeholder catalogue', () => {
  it('describes every placeholder in both languages with an example', () => {
    for (const p of PLACEHOLDERS) {
      expect(p.description.en, p.name).not.toBe('')
      expect(p.description['zh-CN'], p.name).not.toBe('')
      expect(p.example.en, p.name).not.toBe('')
      expect(p.example['zh-CN'], p.name).not.toBe('')
    }
  })

  it('offers snippets that parse and only use known placeholders', () => {
    for (const p of PLACEHOLDERS) {
      for (const language of ['en', 'zh-CN'] as const) {
        const snippet = placeholderSnippet(p.name, language)
        const compiled = compileBody(snippet)
        expect(compiled.ok, snippet).toBe(true)
        if (compiled.ok) expect(compiled.value.unknownPlaceholders).toEqual([])
        if (p.fallback) expect(snippet).toContain('default:')
      }
    }
  })
})
