import { describe, expect, it } from 'vitest'
import type { TemplateRecord } from '@/domain/model'
import type { Problem } from '@/domain/result'
import {
  bodyProblems,
  draftContent,
  draftFromRecord,
  draftToTemplate,
  emptySlotNames,
  fieldErrors,
  insertAt,
  methodOptions,
  otherProblems,
  parseTags,
  templateDraftSchema,
  variantOptions,
} from './templateForm'

const record: TemplateRecord = {
  id: 'method.carrier-sms.china-mobile',
  shortcut: 'cm-sms',
  title: { en: 'China Mobile SMS', 'zh-CN': '中国移动短信' },
  tags: ['sms', 'carrier'],
  body: { en: 'Hello {{ customer_name }}', 'zh-CN': '您好' },
  methodId: 'carrier-sms',
  variantId: 'china-mobile',
  enabled: true,
  builtIn: true,
  version: 3,
  updatedAt: 0,
}
const words = { shortcut: 'bad shortcut', title: 'bad title', tags: 'bad tags' }
const text = (p: Problem): string => `text:${p.key}`

describe('the template draft', () => {
  it('starts from the record (tags joined) or empty for a new template, and is valid for its schema', () => {
    const d = draftFromRecord(record)
    expect(d).toMatchObject({
      baseVersion: 3,
      shortcut: 'cm-sms',
      tags: 'sms, carrier',
      titleZh: '中国移动短信',
      variantId: 'china-mobile',
    })
    expect(templateDraftSchema.safeParse(d).success).toBe(true)
    expect(draftFromRecord(null)).toMatchObject({ baseVersion: null, shortcut: '', methodId: null, variantId: null })
    expect(templateDraftSchema.safeParse(draftFromRecord(null)).success).toBe(true)
  })

  it('compares content without the version it started from', () => {
    const d = draftFromRecord(record)
    expect(draftContent({ ...d, baseVersion: 1 })).toBe(draftContent(d))
    expect(draftContent({ ...d, bodyEn: 'changed' })).not.toBe(draftContent(d))
  })

  it('reads tags split by ASCII or full-width commas, trimmed, empties dropped', () => {
    expect(parseTags(' sms ,， 短信，email,')).toEqual(['sms', '短信', 'email'])
    expect(parseTags('')).toEqual([])
  })

  it('maps back to a template: trimmed shortcut and titles; a method without a variant gets its first', () => {
    const d = { ...draftFromRecord(record), shortcut: ' cm-sms ', titleEn: ' Title ' }
    expect(draftToTemplate(d, record)).toMatchObject({ id: record.id, shortcut: 'cm-sms', title: { en: 'Title' }, version: 3 })
    expect(draftToTemplate({ ...d, methodId: 'sms-blocking', variantId: null }, null)).toMatchObject({
      id: 'custom.new',
      variantId: 'android-builtin',
      version: 1,
    })
    expect(draftToTemplate({ ...d, methodId: null, variantId: 'china-mobile' }, null).variantId).toBeNull()
  })
})

describe('where problems are shown', () => {
  const data = draftToTemplate(draftFromRecord(record), record)

  it('gives our own words for malformed fields first', () => {
    const bad = { ...data, shortcut: 'Has Space', title: { en: '', 'zh-CN': 'x'.repeat(121) }, tags: ['y'.repeat(41)] }
    expect(fieldErrors(bad, [], words, text)).toEqual({
      shortcut: 'bad shortcut',
      titleEn: 'bad title',
      titleZh: 'bad title',
      tags: 'bad tags',
    })
    expect(fieldErrors(data, [], words, text)).toEqual({ shortcut: null, titleEn: null, titleZh: null, tags: null })
  })

  it('places a taken shortcut and the secret guard refusals at their fields', () => {
    const problems: Problem[] = [
      { key: 'replies.template.shortcutTaken', params: { shortcut: 'cm-sms' } },
      { key: 'errors.guard.stored', params: { path: 'templates.title.zh-CN' } },
      { key: 'errors.guard.stored', params: { path: 'templates.tags.0' } },
    ]
    expect(fieldErrors(data, problems, words, text)).toEqual({
      shortcut: 'text:replies.template.shortcutTaken',
      titleEn: null,
      titleZh: 'text:errors.guard.stored',
      tags: 'text:errors.guard.stored',
    })
  })

  it('lists body problems under their language and the rest above the buttons', () => {
    const syntax: Problem = { key: 'replies.template.syntax', params: { language: 'zh-CN', line: 1, column: 2 } }
    const tooLong: Problem = { key: 'replies.template.invalidField', params: { path: 'body.en' } }
    const titleBad: Problem = { key: 'replies.template.invalidField', params: { path: 'title.en' } }
    const other: Problem = { key: 'replies.template.renderLimit' }
    const all = [syntax, tooLong, titleBad, other, { key: 'replies.template.shortcutTaken' }, { key: 'errors.guard.stored' }]
    expect(bodyProblems(all, 'zh-CN')).toEqual([syntax])
    expect(bodyProblems(all, 'en')).toEqual([tooLong])
    expect(otherProblems(all)).toEqual([other])
  })
})

describe('the editor helpers', () => {
  it('inserts a snippet over the selection and puts the caret after it', () => {
    expect(insertAt('Hello world', 6, 11, '{{ customer_name }}')).toEqual({ text: 'Hello {{ customer_name }}', caret: 25 })
    expect(insertAt('ab', 1, 1, 'X')).toEqual({ text: 'aXb', caret: 2 })
    // a stale selection past the end appends
    expect(insertAt('ab', 9, 12, 'X')).toEqual({ text: 'abX', caret: 3 })
  })

  it('names each empty slot once, and none for a failed preview', () => {
    const slot = (name: string) => ({ name }) as never
    expect(emptySlotNames({ ok: true, value: { text: '', emptySlots: [slot('a'), slot('b'), slot('a')] } })).toBe('a, b')
    expect(emptySlotNames({ ok: false, error: { key: 'x' } })).toBe('')
  })
})

describe('method and variant choices', () => {
  it('name methods and variants in words in the UI language, never by id', () => {
    const en = methodOptions('en', (n) => `Method ${n}`)
    expect(en[0]).toEqual({ value: 'sms-blocking', label: 'Method 1 · Disable SMS blocking' })
    expect(methodOptions('zh-CN', (n) => `方法${n}`)[1]).toEqual({ value: 'carrier-sms', label: '方法2 · 联系运营商开通国际短信' })
    expect(variantOptions('sms-blocking', 'en')[0]).toEqual({ value: 'android-builtin', label: 'Android, built-in Phone Manager' })
    expect(variantOptions('email-code', 'zh-CN').find((v) => v.value === 'qq')?.label).toBe('QQ邮箱')
    for (const language of ['en', 'zh-CN'] as const) {
      for (const m of methodOptions(language, String)) {
        if (/-/.test(m.value)) expect(m.label).not.toContain(m.value)
        for (const v of variantOptions(m.value, language)) if (/-/.test(v.value)) expect(v.label).not.toContain(v.value)
      }
    }
    expect(variantOptions(null, 'en')).toEqual([])
  })
})
