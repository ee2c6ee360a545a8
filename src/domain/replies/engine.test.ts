import { describe, expect, it } from 'vitest'
import { buildReplyContext } from './context'
import {
  MAX_BODY_CHARS,
  MAX_OUTPUT_CHARS,
  clearTemplateCache,
  compileBody,
  normalizeOutput,
  placeholdersUsed,
  renderBody,
  renderTemplate,
  templateCacheKey,
  validateTemplateBody,
} from './engine'
import { baseInput } from '@test/replyCase'

const ctx = buildReplyContext(baseInput())

describe('syntax errors carry line and column', () => {
  it.each([
    ['Hello\n{% if methods_tried %}never closed', 2, 1, 'not closed'],
    ['Hi\n  {{ uid | no_such_filter }}', 2, 3, 'undefined filter'],
    ['one\ntwo\n{{ uid', 3, 1, 'not closed'],
    ['{% endif %}', 1, 1, 'endif'],
    ['ok\n{% frobnicate %}', 2, 1, 'frobnicate'],
  ])('%j → line %i, column %i', (source, line, column, fragment) => {
    const problems = validateTemplateBody(source)
    expect(problems).toHaveLength(1)
    expect(problems[0]?.key).toBe('replies.problem.syntax')
    expect(problems[0]?.params).toMatchObject({ line, column })
    expect(String(problems[0]?.params?.message)).toContain(fragment)
    expect(String(problems[0]?.params?.message)).not.toMatch(/line:\d/)
  })

  it.each(['include', 'render', 'layout', 'block'])('refuses the file-system tag %s', (tag) => {
    const problems = validateTemplateBody(`Hello\n{% ${tag} "secrets" %}`)
    expect(problems[0]).toMatchObject({ key: 'replies.problem.syntax', params: { line: 2, column: 1 } })
    expect(String(problems[0]?.params?.message)).toContain('not allowed')
  })
})

describe('placeholders', () => {
  it('lists global variables only (not assign/capture/for locals) and flags unknown ones', () => {
    const source =
      '{% assign x = uid %}{% capture y %}{{ agent_name }}{% endcapture %}{% for m in tried_method_ids %}{{ m }}{% endfor %}\n{{ x }}{{ y }} {{ nickname }}'
    const used = placeholdersUsed(source)
    expect(used.ok && used.value.map((p) => p.name).sort()).toEqual(['agent_name', 'nickname', 'tried_method_ids', 'uid'])
    expect(validateTemplateBody(source)).toEqual([
      { key: 'replies.problem.unknownPlaceholder', params: { name: 'nickname', line: 2, column: 19 } },
    ])
  })

  it('accepts every catalogue placeholder', () => {
    expect(validateTemplateBody('{{ uid }} {{ carrier_hotline }} {% if ruled_out_method_ids contains "email-code" %}x{% endif %}')).toEqual(
      [],
    )
  })
})

describe('rendering', () => {
  it('renders plain text: no HTML escaping, nothing evaluated', () => {
    const hostile = buildReplyContext(baseInput({ customerName: '<script>alert("x")</script> & <b>' }))
    const r = renderBody('Hi {{ customer_name }}', hostile)
    expect(r).toMatchObject({ ok: true, value: { text: 'Hi <script>alert("x")</script> & <b>' } })
  })

  it('gives templates no access to prototypes', () => {
    const r = renderBody('[{{ uid.constructor }}][{{ uid.__proto__ }}][{{ tried_method_ids.constructor.name }}]', ctx)
    expect(r.ok && r.value.text).toBe('[][][]')
  })

  it('prints lists as comma-separated text', () => {
    const r = renderBody('{{ bound_method_ids }}', ctx)
    expect(r.ok && r.value.text).toBe('sms, email')
  })

  it('reports outputs that came out empty, with their position', () => {
    const noName = buildReplyContext(baseInput({ customerName: null }))
    const r = renderBody(
      'Hi {{ customer_name }},\n{{ customer_name | default: "there" }} {% echo review_due_date %}\n{% if customer_name %}{{ customer_name }}{% endif %}',
      noName,
    )
    expect(r.ok && r.value.emptySlots).toEqual([
      { name: 'customer_name', line: 1, column: 4 },
      { name: 'review_due_date', line: 2, column: 40 },
    ])
  })

  it('tidies whitespace: trailing spaces, runs of blank lines, leading/trailing blank lines', () => {
    expect(normalizeOutput('\n\nA  \r\n\n\n\nB\t\n  C\n\n')).toBe('A\n\nB\n  C')
  })

  it('refuses a template over the length limit without throwing (e.g. 100 KB)', () => {
    const big = 'x'.repeat(100 * 1024)
    expect(renderBody(big, ctx)).toMatchObject({ ok: false, error: { key: 'replies.problem.tooLong', params: { max: MAX_BODY_CHARS } } })
    expect(validateTemplateBody(big)[0]?.key).toBe('replies.problem.tooLong')
  })

  it('stops runaway loops and huge outputs', () => {
    const loop = renderBody('{% for i in (1..100000000) %}x{% endfor %}', ctx)
    expect(loop).toMatchObject({ ok: false, error: { key: 'replies.problem.renderLimit' } })
    const nested = renderBody('{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}', ctx)
    expect(nested.ok).toBe(false)
    const wide = renderBody(`{% for i in (1..2000) %}${'y'.repeat(40)}{% endfor %}`, ctx)
    expect(wide).toMatchObject({ ok: false, error: { key: 'replies.problem.outputTooLong', params: { max: MAX_OUTPUT_CHARS } } })
  })

  it('reports a missing language version instead of rendering nothing', () => {
    const r = renderTemplate(
      { id: 't', version: 1, body: { en: 'Hello', 'zh-CN': '  ' } },
      buildReplyContext(baseInput({ language: 'zh-CN' })),
    )
    expect(r).toEqual({ ok: false, error: { key: 'replies.problem.missingLanguage', params: { language: 'zh-CN', template: 't' } } })
  })

  it('renders in a language other than the context default when asked', () => {
    const r = renderTemplate({ id: 't', version: 1, body: { en: 'EN {{ carrier_name }}', 'zh-CN': 'ZH' } }, ctx, 'zh-CN')
    expect(r.ok && r.value.text).toBe('ZH')
  })
})

describe('cache', () => {
  it('reuses the parse for the same id, version and language', () => {
    clearTemplateCache()
    const key = templateCacheKey('greeting', 3, 'en')
    const a = compileBody('Hello {{ uid }}', key)
    const b = compileBody('Hello {{ uid }}', key)
    expect(a.ok && b.ok && a.value === b.value).toBe(true)
    const other = compileBody('Hello {{ uid }}', templateCacheKey('greeting', 4, 'en'))
    expect(a.ok && other.ok && a.value === other.value).toBe(false)
  })

  it('never serves a stale parse when the body changed under the same key', () => {
    const t = { id: 'x', version: 1, body: { en: 'first', 'zh-CN': '一' } }
    expect(renderTemplate(t, ctx)).toMatchObject({ value: { text: 'first' } })
    expect(renderTemplate({ ...t, body: { ...t.body, en: 'second' } }, ctx)).toMatchObject({ value: { text: 'second' } })
  })
})
