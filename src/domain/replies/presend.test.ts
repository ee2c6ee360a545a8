import { describe, expect, it } from 'vitest'
import { buildReplyContext } from './context'
import { renderTemplate } from './engine'
import { chooseTemplate, defaultTemplateRecords } from './library'
import { canSend, checkBeforeSend, findLeftoverDelimiters, findLeftoverWords, looksLikeWrongLanguage } from './presend'
import { baseInput } from '@test/replyCase'

const ctx = buildReplyContext(baseInput())
const keys = (ps: { key: string }[]): string[] => ps.map((p) => p.key)

describe('leftovers in the text', () => {
  it.each([
    ['Hello undefined,', 'undefined', 1, 7],
    ['Line one\nYour UID is null.', 'null', 2, 13],
    ['Code: NaN', 'NaN', 1, 7],
    ['See [object Object] here', '[object Object]', 1, 5],
  ])('flags %j', (text, found, line, column) => {
    expect(findLeftoverWords(text)).toEqual([{ found, line, column }])
    const problems = checkBeforeSend({ text, language: 'en' })
    expect(problems).toContainEqual({ key: 'replies.problem.leftoverWord', params: { found, line, column }, severity: 'error' })
    expect(canSend(problems)).toBe(false)
  })

  it.each(['Write to null@example.com', 'a nullable field', 'undefinedness', 'https://x.test/null/', 'annulled'])(
    'does not flag %j',
    (text) => {
      expect(findLeftoverWords(text)).toEqual([])
    },
  )

  it('flags raw template delimiters with their position', () => {
    expect(findLeftoverDelimiters('Hi {{ name }}\n{% if x %}')).toEqual([
      { found: '{{', line: 1, column: 4 },
      { found: '}}', line: 1, column: 12 },
      { found: '{%', line: 2, column: 1 },
      { found: '%}', line: 2, column: 9 },
    ])
    expect(keys(checkBeforeSend({ text: 'Hi {{ name }}', language: 'en' }))).toEqual([
      'replies.problem.leftoverDelimiter',
      'replies.problem.leftoverDelimiter',
    ])
  })

  it('refuses an empty reply', () => {
    expect(checkBeforeSend({ text: '  \n ', language: 'en' })).toEqual([{ key: 'replies.problem.emptyText', severity: 'error' }])
  })

  it('warns when the reply is not in the case language', () => {
    expect(looksLikeWrongLanguage('Hello, please check your SMS blocking settings.', 'zh-CN')).toBe(true)
    expect(looksLikeWrongLanguage('您好，请检查短信拦截设置（SMS）。', 'zh-CN')).toBe(false)
    expect(looksLikeWrongLanguage('您好，请检查短信拦截设置。', 'en')).toBe(true)
    expect(looksLikeWrongLanguage('Hi 张女士, please check your settings.', 'en')).toBe(false)
    const problems = checkBeforeSend({ text: 'Hello, please check your SMS blocking settings.', language: 'zh-CN' })
    expect(problems).toEqual([{ key: 'replies.problem.languageMismatch', params: { language: 'zh-CN' }, severity: 'warning' }])
    expect(canSend(problems)).toBe(true)
  })
})

describe('template findings', () => {
  const template = { id: 'custom', version: 1, body: { en: 'Hi {{ customer_name }}, your carrier is {{ carrier_nmae }}.', 'zh-CN': '' } }
  const noName = buildReplyContext(baseInput({ customerName: null }))

  it('flags an unknown placeholder and an empty value without fallback while the text is the template output', () => {
    const r = renderTemplate(template, noName)
    if (!r.ok) throw new Error('render failed')
    const problems = checkBeforeSend({ text: r.value.text, language: 'en', template, context: noName })
    expect(problems).toEqual([
      { key: 'replies.problem.unknownPlaceholder', params: { name: 'carrier_nmae', line: 1, column: 44 }, severity: 'error' },
      { key: 'replies.problem.emptySlot', params: { name: 'customer_name', line: 1, column: 4 }, severity: 'error' },
    ])
  })

  it('turns template findings into warnings once the agent edited the text', () => {
    const problems = checkBeforeSend({ text: 'Hi Alice, your carrier is China Mobile.', language: 'en', template, context: noName })
    expect(problems.every((p) => p.severity === 'warning')).toBe(true)
    expect(keys(problems)).toEqual(['replies.problem.unknownPlaceholder', 'replies.problem.emptySlot'])
    expect(canSend(problems)).toBe(true)
  })

  it('flags a missing language version', () => {
    const zh = buildReplyContext(baseInput({ language: 'zh-CN' }))
    expect(checkBeforeSend({ text: '您好', language: 'zh-CN', template, context: zh })).toContainEqual({
      key: 'replies.problem.missingLanguage',
      params: { language: 'zh-CN', template: 'custom' },
      severity: 'error',
    })
  })

  it('flags a syntax error in the template', () => {
    const broken = { id: 'b', version: 1, body: { en: 'Hi\n{% if uid %}', 'zh-CN': 'x' } }
    expect(checkBeforeSend({ text: 'Hi', language: 'en', template: broken, context: ctx })[0]).toMatchObject({
      key: 'replies.problem.syntax',
      params: { line: 2, column: 1 },
      severity: 'error',
    })
  })

  it('passes a default template rendered for the case', () => {
    const t = chooseTemplate(defaultTemplateRecords(0), { methodId: 'carrier-sms', variantId: 'china-mobile' })!.template
    const r = renderTemplate(t, ctx)
    expect(r.ok && checkBeforeSend({ text: r.value.text, language: 'en', template: t, context: ctx })).toEqual([])
  })
})

describe('a reply about the review', () => {
  const t = defaultTemplateRecords(0).find((r) => r.id === 'review-status')!
  const render = (c: typeof ctx): string => {
    const r = renderTemplate(t, c)
    if (!r.ok) throw new Error('render failed')
    return r.value.text
  }

  it('warns, without blocking, when the case has no open review (the text would say one is under way)', () => {
    const problems = checkBeforeSend({ text: render(ctx), language: 'en', template: t, context: ctx })
    expect(problems).toContainEqual({ key: 'replies.problem.noOpenReview', severity: 'warning' })
    expect(canSend(problems)).toBe(true)
    // edited by hand, still about a review that does not exist
    expect(keys(checkBeforeSend({ text: 'Your review is in progress.', language: 'en', template: t, context: ctx }))).toContain(
      'replies.problem.noOpenReview',
    )
  })

  it('says nothing with an open review, nor for a reply that does not speak of one', () => {
    const open = buildReplyContext(baseInput({ review: { submitted: '24 Nov 2026', expectedFrom: '27 Nov 2026', dueBy: '3 Dec 2026' } }))
    expect(keys(checkBeforeSend({ text: render(open), language: 'en', template: t, context: open }))).not.toContain(
      'replies.problem.noOpenReview',
    )
    const other = chooseTemplate(defaultTemplateRecords(0), { methodId: 'carrier-sms', variantId: 'china-mobile' })!.template
    const r = renderTemplate(other, ctx)
    expect(r.ok && keys(checkBeforeSend({ text: r.value.text, language: 'en', template: other, context: ctx }))).toEqual([])
  })
})

describe('secrets in a reply', () => {
  it('block sending: a reply is stored when sent', () => {
    const problems = checkBeforeSend({ text: 'Please confirm the code 482913 you received', language: 'en' })
    expect(problems.map((p) => [p.key, p.severity])).toContainEqual(['errors.guard.verificationCode', 'error'])
    expect(canSend(problems)).toBe(false)
    expect(canSend(checkBeforeSend({ text: 'Please check your spam folder.', language: 'en' }))).toBe(true)
  })
})
