import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultTemplateRecords } from '@/domain/replies'
import { LANGUAGES, type AttemptRecord, type AttemptStatus, type CaseRecord, type MethodId, type TemplateRecord } from '@/domain/model'
import {
  SAMPLE_ATTEMPTS,
  SAMPLE_CASE,
  composeReply,
  dropGreeting,
  insertSnippet,
  previewContext,
  slashTokenAt,
  spliceText,
  statusAfterSend,
  type ComposeInput,
} from './replyHelpers'

const templates = defaultTemplateRecords(0)

const caseOf = (patch: Partial<CaseRecord> = {}): CaseRecord => ({ ...SAMPLE_CASE, id: 7, ...patch })
let at = 0
const attempt = (methodId: MethodId, status: AttemptStatus): AttemptRecord => ({
  caseId: 7,
  methodId,
  status,
  variantId: null,
  steps: [],
  note: '',
  at: ++at,
  agent: 'Lin',
})

const compose = (patch: Partial<ComposeInput> = {}) =>
  composeReply({
    record: caseOf(),
    attempts: [],
    templates,
    language: 'en',
    agentName: 'Lily',
    customerName: null,
    review: null,
    target: { kind: 'next' },
    ...patch,
  })

const text = (c: ReturnType<typeof compose>): string => {
  if (!c.rendered?.ok) throw new Error(`not rendered: ${JSON.stringify(c.rendered)}`)
  return c.rendered.value.text
}

describe('composeReply', () => {
  it('composes the playbook next step with the variant template, in the reply language', () => {
    const en = compose()
    expect(en.step.next).toMatchObject({ kind: 'method', methodId: 'sms-blocking', variantId: 'android-360' })
    expect(en.template?.id).toBe('method.sms-blocking.android-360')
    expect(en.exact).toBe(true)
    expect(text(en)).toContain('360 Security')
    const zh = compose({ language: 'zh-CN' })
    expect(zh.template?.id).toBe('method.sms-blocking.android-360')
    expect(text(zh)).toContain('360手机卫士')
    expect(text(zh)).not.toMatch(/[A-Za-z]{12,}/)
  })

  it('acknowledges what was tried and moves on to the next method', () => {
    const c = compose({ attempts: [attempt('sms-blocking', 'failed')] })
    expect(c.step.next).toMatchObject({ kind: 'method', methodId: 'carrier-sms', variantId: 'china-mobile' })
    expect(c.template?.id).toBe('method.carrier-sms.china-mobile')
    expect(c.context.methods_tried_count).toBe(1)
    expect(text(c)).toMatch(/already checked/)
    expect(text(c)).toContain('10086')
    expect(text(c)).not.toContain('Spam Blocking')
  })

  it('the newest attempt per method wins (append-only log)', () => {
    const c = compose({
      attempts: [attempt('sms-blocking', 'failed'), attempt('carrier-sms', 'suggested'), attempt('carrier-sms', 'failed')],
    })
    expect(c.step.next).toMatchObject({ methodId: 'email-code' })
  })

  it('falls back to the generic variant when the exact template is disabled', () => {
    const lib = templates.map((t) => (t.id === 'method.sms-blocking.android-360' ? { ...t, enabled: false } : t))
    const c = compose({ templates: lib })
    expect(c.template?.id).toBe('method.sms-blocking.android-generic')
    expect(c.exact).toBe(false)
  })

  it('closes with the prevention tips once a method solved it', () => {
    const c = compose({ attempts: [attempt('sms-blocking', 'failed'), attempt('carrier-sms', 'resolved')] })
    expect(c.step.next.kind).toBe('close')
    expect(c.purpose).toBe('closing')
    expect(c.template?.id).toBe('closing')
  })

  it('has no template when nothing is left to suggest', () => {
    const restricted = caseOf({ symptom: 'restricted' })
    const c = compose({ record: restricted, attempts: [attempt('escalate', 'declined')] })
    expect(c.step.next.kind).toBe('none')
    expect(c.template).toBeNull()
    expect(c.rendered).toBeNull()
  })

  it.each([
    ['greeting', 'greeting'],
    ['ask-details', 'ask-details'],
    ['escalation', 'method.escalate.default'],
    ['review-status', 'review-status'],
    ['closing', 'closing'],
    ['follow-up', 'follow-up'],
  ] as const)('composes the %s purpose with %s, whatever the next step', (purpose, id) => {
    const c = compose({ target: { kind: 'purpose', purpose }, attempts: [attempt('sms-blocking', 'failed')] })
    expect(c.template?.id).toBe(id)
    expect(c.purpose).toBe(purpose)
    expect(c.rendered?.ok).toBe(true)
    // the context still knows the next step (the follow-up asks about it)
    expect(c.context.next_method_id).toBe('carrier-sms')
  })

  it('a review-status reply without review dates uses its no-date wording (no invented dates)', () => {
    const c = compose({ target: { kind: 'purpose', purpose: 'review-status' }, review: null })
    expect(text(c)).toContain('3 to 7 business days')
    expect(text(c)).not.toMatch(/submitted on|no later than/)
    const dated = compose({
      target: { kind: 'purpose', purpose: 'review-status' },
      review: { submitted: '24 Nov 2026', expectedFrom: '27 Nov 2026', dueBy: '3 Dec 2026' },
    })
    expect(text(dated)).toContain('expect the result from 27 Nov 2026, and no later than 3 Dec 2026')
  })

  it('a disabled purpose template gives no template; a custom one tagged purpose:<name> stands in', () => {
    const off = templates.map((t) => (t.id === 'closing' ? { ...t, enabled: false } : t))
    expect(compose({ templates: off, target: { kind: 'purpose', purpose: 'closing' } }).template).toBeNull()
    const custom: TemplateRecord = {
      ...templates.find((t) => t.id === 'closing')!,
      id: 'custom.bye',
      shortcut: 'bye2',
      tags: ['purpose:closing'],
      builtIn: false,
    }
    expect(compose({ templates: [...off, custom], target: { kind: 'purpose', purpose: 'closing' } }).template?.id).toBe('custom.bye')
  })

  it('composes one given template by id', () => {
    const c = compose({ target: { kind: 'template', id: 'method.network-time.default' } })
    expect(c.template?.id).toBe('method.network-time.default')
    expect(compose({ target: { kind: 'template', id: 'nope' } }).template).toBeNull()
  })

  it('uses the customer and agent names given, never the internal notes', () => {
    const c = compose({
      record: caseOf({ notes: 'SECRET internal note' }),
      customerName: 'Alice',
      target: { kind: 'purpose', purpose: 'greeting' },
    })
    expect(text(c)).toMatch(/^Hi Alice,/)
    expect(text(c)).toContain("I'm Lily")
    expect(text(c)).not.toContain('SECRET')
  })
})

describe('statusAfterSend', () => {
  it('proposes "waiting" after a reply that asks the open case\'s user to do something', () => {
    const next = compose()
    expect(statusAfterSend('open', next, { kind: 'next' })).toBe('waiting')
    expect(statusAfterSend('open', next, { kind: 'purpose', purpose: 'ask-details' })).toBe('waiting')
    expect(statusAfterSend('open', next, { kind: 'purpose', purpose: 'follow-up' })).toBe('waiting')
  })
  it('leaves the status alone for greetings, closings, review dates, chosen templates and cases not open', () => {
    const next = compose()
    expect(statusAfterSend('open', next, { kind: 'purpose', purpose: 'greeting' })).toBeNull()
    expect(statusAfterSend('open', next, { kind: 'purpose', purpose: 'closing' })).toBeNull()
    expect(statusAfterSend('open', next, { kind: 'purpose', purpose: 'review-status' })).toBeNull()
    expect(statusAfterSend('open', next, { kind: 'template', id: 'greeting' })).toBeNull()
    for (const s of ['waiting', 'escalated', 'resolved', 'closed'] as const) expect(statusAfterSend(s, next, { kind: 'next' })).toBeNull()
    const solved = compose({ attempts: [attempt('sms-blocking', 'resolved')] })
    expect(solved.step.next.kind).toBe('close')
    expect(statusAfterSend('open', solved, { kind: 'next' })).toBeNull()
  })
})

describe('previewContext', () => {
  it("previews a method template as that method's step, others as the case's next step", () => {
    const base = { record: SAMPLE_CASE, attempts: SAMPLE_ATTEMPTS, language: 'en' as const, agentName: null, review: null }
    expect(previewContext({ ...base, template: { methodId: 'email-code', variantId: 'gmail' } })).toMatchObject({
      next_method_id: 'email-code',
      next_variant_id: 'gmail',
    })
    // the sample case tried method 1, so its next step is method 2
    expect(previewContext({ ...base, template: { methodId: null, variantId: null } })).toMatchObject({
      next_method_id: 'carrier-sms',
      methods_tried_count: 1,
    })
  })
})

describe('slashTokenAt', () => {
  it.each([
    ['/sms', 4, { start: 0, end: 4, query: 'sms' }],
    ['/', 1, { start: 0, end: 1, query: '' }],
    ['Thanks. /carrier-mob', 20, { start: 8, end: 20, query: 'carrier-mob' }],
    ['line\n/hi', 8, { start: 5, end: 8, query: 'hi' }],
    ['/hi more text', 3, { start: 0, end: 3, query: 'hi' }],
    ['全角／邮箱', 5, null],
    ['全角 ／邮箱', 6, { start: 3, end: 6, query: '邮箱' }],
    ['24/7 support', 4, null],
    ['see https://example.com/x', 25, null],
    ['/hi there', 9, null],
    ['/smsx', 3, null],
    ['a / b', 3, { start: 2, end: 3, query: '' }],
    ['a / b', 4, null],
  ])('%j at %i', (text, cursor, expected) => {
    expect(slashTokenAt(text, cursor)).toEqual(expected)
  })
})

describe('inserting snippets', () => {
  it.each([
    ['', 0, 0, 'S', 'S'],
    ['Hello', 5, 5, 'S', 'Hello\n\nS'],
    ['Hello ', 6, 6, 'S', 'Hello\n\nS'],
    ['Hello\n', 6, 6, 'S', 'Hello\n\nS'],
    ['Hello\n\n', 7, 7, 'S', 'Hello\n\nS'],
    ['Hello\n\nBye', 7, 7, 'S', 'Hello\n\nS\n\nBye'],
    ['Hi /sms bye', 3, 7, 'S', 'Hi\n\nS\n\n bye'],
  ])('%j [%i, %i) + %j', (text, start, end, snippet, expected) => {
    expect(insertSnippet(text, start, end, snippet).text).toBe(expected)
  })

  it('keeps the text around the snippet and puts the cursor right after it', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string({ minLength: 1 }), (before, after, snippet) => {
        const text = before + after
        const r = insertSnippet(text, before.length, before.length, snippet)
        expect(r.text.slice(r.cursor - snippet.length, r.cursor)).toBe(snippet)
        expect(r.text.endsWith(after)).toBe(true)
        expect(r.text.startsWith(before.replace(/[ \t\u3000]+$/u, ''))).toBe(true)
      }),
    )
  })

  it('spliceText replaces a range', () => {
    expect(spliceText('abcdef', 1, 3, 'XY')).toEqual({ text: 'aXYdef', cursor: 3 })
  })
})

describe('a snippet inserted mid-reply', () => {
  it.each([
    ['Hello,\n\nPlease restart.', 'Please restart.'],
    ['Hi Li Wei,\n\nPlease restart.', 'Please restart.'],
    ['Dear user,\n\n\nPlease restart.', 'Please restart.'],
    ['您好！\n\n请重启手机。', '请重启手机。'],
    ['李伟，您好！\n\n请重启手机。', '请重启手机。'],
    // not a greeting, or a greeting with the text on the same paragraph: kept whole
    ['Please restart.\n\nThanks.', 'Please restart.\n\nThanks.'],
    ['Hello, please restart.\nThen try again.', 'Hello, please restart.\nThen try again.'],
    ['Highlights:\n\n- one', 'Highlights:\n\n- one'],
    ['Hello,', 'Hello,'],
  ])('%j → %j', (snippet, expected) => {
    expect(dropGreeting(snippet)).toBe(expected)
  })

  it("every bundled template loses its greeting and nothing else (with and without the user's name)", () => {
    for (const t of templates)
      for (const language of LANGUAGES)
        for (const customerName of [null, 'Li Wei']) {
          const full = text(compose({ target: { kind: 'template', id: t.id }, language, customerName }))
          const rest = dropGreeting(full)
          expect(full.endsWith(rest)).toBe(true)
          const greeted = language === 'en' ? /^(Hello|Hi Li Wei),\n/ : /^(Li Wei，)?您好！\n/
          expect(greeted.test(full), `${t.id} ${language}`).toBe(rest !== full)
          expect(rest).not.toMatch(/^\s|^(Hello|Hi)\b|您好/)
        }
  })
})
