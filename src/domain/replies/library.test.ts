import { describe, expect, it } from 'vitest'
import type { TemplateRecord } from '../model'
import {
  DEFAULT_TEMPLATES,
  TEMPLATES_FILE_FORMAT,
  chooseTemplate,
  chooseTemplateForPurpose,
  defaultTemplateRecords,
  differsFromDefault,
  exportTemplates,
  normaliseShortcut,
  parseTemplatesFile,
  planImport,
  resetToDefault,
  restoreVersion,
  reviseTemplate,
  SHORTCUT_PATTERN,
  templatePurpose,
  validateTemplate,
  variantFallbacks,
  versionSnapshot,
  type TemplateData,
} from './library'

const NOW = Date.UTC(2026, 10, 24, 12)
const records = (): TemplateRecord[] => defaultTemplateRecords(NOW)
const minimal = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'custom.hello',
  shortcut: 'hello',
  title: { en: 'Hello', 'zh-CN': '你好' },
  tags: ['greeting'],
  body: { en: 'Hello {{ customer_name | default: "there" }}', 'zh-CN': '您好' },
  methodId: null,
  variantId: null,
  version: 1,
  ...over,
})

describe('defaults', () => {
  it('are records with unique ids and shortcuts, version 1, both languages', () => {
    const rs = records()
    expect(new Set(rs.map((t) => t.id)).size).toBe(rs.length)
    expect(new Set(rs.map((t) => t.shortcut)).size).toBe(rs.length)
    for (const t of rs) {
      expect(t).toMatchObject({ enabled: true, builtIn: true, version: 1, updatedAt: NOW })
      expect(t.body.en.trim()).not.toBe('')
      expect(t.body['zh-CN'].trim()).not.toBe('')
      expect(t.title.en.trim()).not.toBe('')
      expect(t.title['zh-CN'].trim()).not.toBe('')
    }
  })

  it('hand out copies, so edits do not leak into the bundled library', () => {
    const [first] = records()
    first!.body.en = 'changed'
    first!.tags.push('x')
    expect(DEFAULT_TEMPLATES[0]!.body.en).not.toBe('changed')
    expect(DEFAULT_TEMPLATES[0]!.tags).not.toContain('x')
  })
})

describe('choosing', () => {
  it('picks the exact variant, else the generic one', () => {
    const rs = records()
    expect(chooseTemplate(rs, { methodId: 'carrier-sms', variantId: 'china-unicom' })).toMatchObject({
      exact: true,
      template: { id: 'method.carrier-sms.china-unicom' },
    })
    const no360 = rs.map((t) => (t.id === 'method.sms-blocking.android-360' ? { ...t, enabled: false } : t))
    expect(chooseTemplate(no360, { methodId: 'sms-blocking', variantId: 'android-360' })).toMatchObject({
      exact: false,
      template: { id: 'method.sms-blocking.android-generic' },
    })
    expect(chooseTemplate(rs, { methodId: 'sms-blocking', variantId: null })).toMatchObject({
      exact: false,
      template: { id: 'method.sms-blocking.generic' },
    })
    expect(chooseTemplate(rs, { methodId: 'email-code', variantId: 'yandex' })).toMatchObject({
      exact: false,
      template: { id: 'method.email-code.other' },
    })
    expect(
      chooseTemplate(
        rs.map((t) => ({ ...t, enabled: false })),
        { methodId: 'authenticator', variantId: 'default' },
      ),
    ).toBeNull()
  })

  it('prefers the canonical id when several templates serve the same step', () => {
    const rs = records()
    const extra: TemplateRecord = {
      ...rs.find((t) => t.id === 'method.authenticator.default')!,
      id: 'aaa.custom-ga',
      shortcut: 'ga2',
      builtIn: false,
    }
    expect(chooseTemplate([extra, ...rs], { methodId: 'authenticator', variantId: 'default' })?.template.id).toBe(
      'method.authenticator.default',
    )
    expect(chooseTemplate([extra], { methodId: 'authenticator', variantId: 'default' })?.template.id).toBe('aaa.custom-ga')
  })

  it('orders variant fallbacks from specific to generic', () => {
    expect(variantFallbacks('sms-blocking', 'android-tencent')).toEqual(['android-tencent', 'android-generic', 'generic'])
    expect(variantFallbacks('sms-blocking', 'iphone')).toEqual(['iphone', 'generic'])
    expect(variantFallbacks('carrier-sms', 'other')).toEqual(['other'])
  })

  it('finds purpose templates, including custom ones tagged purpose:<name>', () => {
    const rs = records()
    expect(chooseTemplateForPurpose(rs, 'escalation')?.id).toBe('method.escalate.default')
    expect(chooseTemplateForPurpose(rs, 'greeting')?.id).toBe('greeting')
    const custom: TemplateRecord = {
      ...rs.find((t) => t.id === 'greeting')!,
      id: 'vip.greeting',
      shortcut: 'vip',
      tags: ['purpose:greeting'],
      builtIn: false,
    }
    const withoutBuiltIn = [...rs.map((t) => (t.id === 'greeting' ? { ...t, enabled: false } : t)), custom]
    expect(chooseTemplateForPurpose(withoutBuiltIn, 'greeting')?.id).toBe('vip.greeting')
    expect(templatePurpose(custom)).toBe('greeting')
    expect(templatePurpose(rs.find((t) => t.id === 'method.carrier-sms.other')!)).toBeNull()
  })
})

describe('import', () => {
  const refused = (text: string) => {
    const r = parseTemplatesFile(text)
    if (r.ok) throw new Error('expected a refusal')
    return r.error
  }

  it('round-trips an export', () => {
    const rs = records()
    const text = exportTemplates(rs, NOW)
    const parsed = JSON.parse(text)
    expect(parsed).toMatchObject({ format: TEMPLATES_FILE_FORMAT, schemaVersion: 1, exportedAt: '2026-11-24T12:00:00.000Z' })
    const back = parseTemplatesFile(text)
    expect(back.ok && back.value).toEqual(rs.map(({ builtIn: _b, updatedAt: _u, ...t }) => t))
  })

  it('accepts a bare array like defaults.json, with enabled defaulting to true', () => {
    const r = parseTemplatesFile(JSON.stringify([minimal()]))
    expect(r.ok && r.value[0]).toMatchObject({ id: 'custom.hello', enabled: true })
  })

  it.each([
    ['not JSON', '{oops', 'replies.import.notJson', {}],
    ['a JSON object that is not an export', '{"hello": 1}', 'replies.import.notTemplates', {}],
    ['a number', '42', 'replies.import.notTemplates', {}],
    ['an empty list', '[]', 'replies.import.empty', {}],
    ['a missing title', JSON.stringify([minimal({ title: undefined })]), 'replies.import.shape', { path: '[0].title' }],
    ['a missing zh-CN title', JSON.stringify([minimal({ title: { en: 'x' } })]), 'replies.import.shape', { path: '[0].title.zh-CN' }],
    [
      'a wrong type',
      JSON.stringify([minimal(), minimal({ id: 'b', shortcut: 'b', tags: 'greeting' })]),
      'replies.import.shape',
      { path: '[1].tags' },
    ],
    ['an unknown field', JSON.stringify([minimal({ script: 'x' })]), 'replies.import.shape', { path: '[0]' }],
    ['a bad shortcut', JSON.stringify([minimal({ shortcut: 'Has Space' })]), 'replies.import.shape', { path: '[0].shortcut' }],
    [
      'an unknown method',
      JSON.stringify([minimal({ methodId: 'teleport', variantId: 'default' })]),
      'replies.import.shape',
      { path: '[0].methodId' },
    ],
    [
      'a variant of another method',
      JSON.stringify([minimal({ methodId: 'carrier-sms', variantId: 'gmail' })]),
      'replies.import.shape',
      { path: '[0].variantId' },
    ],
    ['two empty bodies', JSON.stringify([minimal({ body: { en: ' ', 'zh-CN': '' } })]), 'replies.import.shape', { path: '[0].body' }],
    ['a duplicate id', JSON.stringify([minimal(), minimal({ shortcut: 'other' })]), 'replies.import.duplicateId', { id: 'custom.hello' }],
    [
      'a duplicate shortcut',
      JSON.stringify([minimal(), minimal({ id: 'custom.two' })]),
      'replies.import.duplicateShortcut',
      { shortcut: 'hello' },
    ],
    [
      'a Liquid syntax error',
      JSON.stringify([minimal({ body: { en: 'ok', 'zh-CN': '第一行\n{% if uid %}没有结束' } })]),
      'replies.import.syntax',
      { id: 'custom.hello', language: 'zh-CN', line: 2, column: 1 },
    ],
    [
      'an include tag',
      JSON.stringify([minimal({ body: { en: '{% include "/etc/passwd" %}', 'zh-CN': 'x' } })]),
      'replies.import.syntax',
      { language: 'en', line: 1, column: 1 },
    ],
    [
      'a wrong format marker',
      JSON.stringify({ format: 'something-else', schemaVersion: 1, templates: [minimal()] }),
      'replies.import.shape',
      { path: 'format' },
    ],
    [
      'an envelope with a bad template',
      JSON.stringify({ format: TEMPLATES_FILE_FORMAT, schemaVersion: 1, templates: [minimal({ version: 0 })] }),
      'replies.import.shape',
      { path: 'templates[0].version' },
    ],
  ])('refuses %s whole, with the reason', (_label, text, key, params) => {
    const error = refused(text)
    expect(error.key).toBe(key)
    expect(error.params ?? {}).toMatchObject(params)
  })

  it('refuses a file that is far too large before parsing it', () => {
    expect(refused(' '.repeat(5_000_001)).key).toBe('replies.import.tooLarge')
  })

  it('plans how an import applies: new ids added, changed ones as new versions, identical ones untouched', () => {
    const rs = records()
    const greeting = rs.find((t) => t.id === 'greeting')!
    const { builtIn: _b, updatedAt: _u, ...same } = greeting
    const changed = { ...same, id: 'closing', shortcut: 'bye', title: { en: 'Bye', 'zh-CN': '再见' } }
    const added = { ...same, id: 'custom.x', shortcut: 'x' }
    const plan = planImport(rs, [same, changed, added], NOW + 1)
    expect(plan.unchanged).toEqual(['greeting'])
    expect(plan.update.map((t) => [t.id, t.version, t.title.en])).toEqual([['closing', 2, 'Bye']])
    expect(plan.add).toMatchObject([{ id: 'custom.x', builtIn: false, updatedAt: NOW + 1 }])
  })
})

describe('versions', () => {
  it('bumps the version on a real change only', () => {
    const t = records()[0]!
    expect(reviseTemplate(t, { body: { ...t.body } }, NOW + 5)).toBe(t)
    const edited = reviseTemplate(t, { body: { ...t.body, en: 'New text' } }, NOW + 5)
    expect(edited).toMatchObject({ version: 2, updatedAt: NOW + 5, body: { en: 'New text' } })
    expect(differsFromDefault(edited)).toBe(true)
    expect(differsFromDefault(t)).toBe(false)
  })

  it('keeps history snapshots and restores an old version as a new one', () => {
    const v1 = records()[0]!
    const v2 = reviseTemplate(v1, { title: { en: 'Changed', 'zh-CN': '已修改' } }, NOW + 1)
    const snap = versionSnapshot(v1, NOW, 'lily')
    expect(snap).toMatchObject({ templateId: v1.id, version: 1, savedAt: NOW, agent: 'lily' })
    expect('updatedAt' in snap.snapshot).toBe(false)
    const v3 = restoreVersion(v2, snap, NOW + 2)
    expect(v3).toMatchObject({ version: 3, title: v1.title })
  })

  it('resets a built-in template to the bundled default as a new version', () => {
    const v1 = records().find((t) => t.id === 'closing')!
    const v2 = reviseTemplate(v1, { body: { en: 'x', 'zh-CN': 'y' }, enabled: false }, NOW + 1)
    const v3 = resetToDefault(v2, NOW + 2)
    expect(v3).toMatchObject({ version: 3, enabled: true, builtIn: true, body: v1.body })
    expect(resetToDefault({ ...v1, id: 'custom.nope' }, NOW)).toBeNull()
  })
})

describe('normaliseShortcut', () => {
  it('takes a shortcut as typed or pasted: spaces, the leading "/", capitals and full-width letters', () => {
    for (const typed of ['thanks', ' /Thanks ', '/thanks', '//THANKS', '/ thanks', '／ｔｈａｎｋｓ', 'Thanks\n']) {
      expect(normaliseShortcut(typed)).toBe('thanks')
    }
    expect(normaliseShortcut(' /Carrier-CM2 ')).toBe('carrier-cm2')
    // what is not a shortcut stays refused
    for (const typed of ['thank you', '-thanks', '/', 'thanks!']) expect(SHORTCUT_PATTERN.test(normaliseShortcut(typed))).toBe(false)
  })
})

describe('validateTemplate', () => {
  it('reports fields, a taken shortcut, missing language versions, syntax and unknown placeholders', () => {
    const problems = validateTemplate(
      { ...(minimal() as unknown as TemplateData), shortcut: 'hi', body: { en: 'Hi {{ nick }}', 'zh-CN': '' } },
      records(),
    )
    expect(problems.map((p) => p.key)).toEqual([
      'replies.template.shortcutTaken',
      'replies.problem.missingLanguage',
      'replies.problem.unknownPlaceholder',
    ])
    const syntax = validateTemplate({ ...(minimal() as unknown as TemplateData), body: { en: '{% if %}', 'zh-CN': 'ok' } })
    expect(syntax[0]).toMatchObject({ key: 'replies.problem.syntax', params: { language: 'en', line: 1, column: 6 } })
    expect(validateTemplate({ ...(minimal() as unknown as TemplateData), shortcut: 'BAD SHORTCUT' })[0]).toMatchObject({
      key: 'replies.template.invalidField',
      params: { path: 'shortcut' },
    })
  })
})
