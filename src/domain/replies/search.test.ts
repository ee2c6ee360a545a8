import { Liquid } from 'liquidjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import type { TemplateRecord } from '../model'
import { buildReplyContext } from './context'
import { defaultTemplateRecords } from './library'
import { clearTemplateCache, isOverRenderLimit, renderTemplate } from './engine'
import { buildQuickIndex, searchTemplates, stripLiquid } from './search'
import { baseInput } from '@test/replyCase'

const templates = defaultTemplateRecords(0)
const index = buildQuickIndex(templates)
const ids = (query: string, language: 'en' | 'zh-CN' = 'en'): string[] =>
  searchTemplates(index, query, { language }).map((r) => r.template.id)

describe('quick insert ranking', () => {
  it('puts an exact shortcut first, with or without the slash', () => {
    expect(ids('/hi')[0]).toBe('greeting')
    expect(ids('ga')[0]).toBe('method.authenticator.default')
    expect(ids('／net')[0]).toBe('method.network-time.default')
    expect(searchTemplates(index, '/email', { language: 'en' })[0]).toMatchObject({
      template: { id: 'method.email-code.other' },
      matchedIn: 'shortcut',
      score: 1000,
    })
  })

  it('ranks shortcut prefixes above titles, tags and bodies', () => {
    const results = searchTemplates(index, 'sms', { language: 'en' })
    const firstNonShortcut = results.findIndex((r) => !r.template.shortcut.startsWith('sms'))
    expect(results.slice(0, 6).every((r) => r.template.shortcut.startsWith('sms'))).toBe(true)
    expect(firstNonShortcut).toBeGreaterThanOrEqual(6)
    // Shorter shortcuts (closer to the query) come first among prefixes.
    expect(results[0]!.template.shortcut).toBe('sms-pm')
  })

  it('finds by tag, title and body in both languages', () => {
    expect(ids('10086')[0]).toBe('method.carrier-sms.china-mobile')
    expect(ids('中国联通')[0]).toBe('method.carrier-sms.china-unicom')
    expect(ids('qq邮箱')[0]).toBe('method.email-code.qq')
    expect(ids('Unicom')[0]).toBe('method.carrier-sms.china-unicom')
    expect(ids('谷歌验证器')[0]).toBe('method.authenticator.default')
    expect(ids('swipe left')).toContain('method.sms-blocking.iphone')
    expect(searchTemplates(index, 'swipe left', { language: 'en' })[0]?.matchedIn).toBe('body')
  })

  it('requires every word to match and rewards a whole-title match', () => {
    expect(ids('carrier telecom')[0]).toBe('method.carrier-sms.china-telecom')
    expect(ids('carrier zzzz')).toEqual([])
    expect(ids('xyzzy-nothing')).toEqual([])
  })

  it('lists everything enabled, in library order, for an empty query; skips disabled templates', () => {
    expect(ids('')).toEqual(templates.slice(0, 20).map((t) => t.id))
    const disabled = buildQuickIndex(templates.map((t) => (t.id === 'greeting' ? { ...t, enabled: false } : t)))
    expect(searchTemplates(disabled, 'hi', { language: 'en' })[0]?.template.id).not.toBe('greeting')
    expect(searchTemplates(disabled, 'hi', { language: 'en', includeDisabled: true })[0]?.template.id).toBe('greeting')
  })

  it('shows a one-line preview without template code, rendered when a context is given', () => {
    for (const r of searchTemplates(index, '', { language: 'zh-CN', limit: 100 })) {
      expect(r.preview).not.toMatch(/\{\{|\{%|\n/)
      expect([...r.preview].length).toBeLessThanOrEqual(100)
      expect(r.preview).not.toBe('')
    }
    const ctx = buildReplyContext(baseInput({ attempts: [{ methodId: 'sms-blocking', status: 'failed' }] }))
    const [carrier] = searchTemplates(index, '10086', { language: 'en', context: ctx, previewChars: 400 })
    expect(carrier?.preview).toContain("Since you've already checked your SMS blocking settings")
    expect(stripLiquid('Hi {{ customer_name | default: "x" }}{% if a %}!{% endif %}')).toBe('Hi ‹customer_name›!')
  })

  it('copes with a few hundred templates and arbitrary queries', () => {
    const many: TemplateRecord[] = Array.from({ length: 400 }, (_, i) => ({
      ...templates[i % templates.length]!,
      id: `t${i}`,
      shortcut: `s${i}`,
    }))
    const big = buildQuickIndex(many)
    expect(searchTemplates(big, 's1', { language: 'en' })[0]?.template.shortcut).toBe('s1')
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (q) => {
        const results = searchTemplates(big, q, { language: 'en', limit: 10 })
        expect(results.length).toBeLessThanOrEqual(10)
        for (let i = 1; i < results.length; i++) expect(results[i - 1]!.score).toBeGreaterThanOrEqual(results[i]!.score)
      }),
      { numRuns: 200 },
    )
  })
})

describe('previews within a render budget (templates that hit the render limit)', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    clearTemplateCache()
  })

  /** A hundred million loop turns: runs into the render limit every time. */
  const SLOW = '{% for a in (1..10000) %}{% for b in (1..10000) %}{{ b }}{% endfor %}{% endfor %}'
  const slowTemplates = (n: number): TemplateRecord[] =>
    Array.from({ length: n }, (_, i) => ({
      ...templates[0]!,
      id: `custom.slow-${i}`,
      shortcut: `slow${i}`,
      title: { en: `Slow ${i}`, 'zh-CN': `慢 ${i}` },
      body: { en: SLOW, 'zh-CN': SLOW },
    }))
  const context = buildReplyContext(baseInput())

  it('25 templates that each hit the limit: one keystroke renders within its budget, the rest show their text', () => {
    const renders = vi.spyOn(Liquid.prototype, 'renderSync')
    const slowIndex = buildQuickIndex(slowTemplates(25))
    // the caller's clock: every reading is 40 ms later, so a 100 ms budget allows two (shortened) renders
    let t = 0
    const now = (): number => (t += 40)
    const results = searchTemplates(slowIndex, '', { language: 'en', context, limit: 30, renderBudget: { ms: 100, now } })
    expect(results).toHaveLength(25)
    expect(results.every((r) => !r.previewRendered && r.preview.includes('‹b›'))).toBe(true)
    expect(renders).toHaveBeenCalledTimes(2)
    // renders cut short by the budget do not mark a template as too slow
    expect(isOverRenderLimit(results[0]!.template, 'en')).toBe(false)
  })

  it('a template that hit the full limit twice is not rendered again until its next version', () => {
    const [slow] = slowTemplates(1)
    const renders = vi.spyOn(Liquid.prototype, 'renderSync')
    for (let i = 0; i < 4; i++)
      expect(renderTemplate(slow!, context, 'en')).toMatchObject({ ok: false, error: { key: 'replies.problem.renderLimit' } })
    expect(renders).toHaveBeenCalledTimes(2)
    expect(isOverRenderLimit(slow!, 'en')).toBe(true)
    expect(isOverRenderLimit({ ...slow!, version: 2 }, 'en')).toBe(false)
    // and a search skips it without spending its budget
    const r = searchTemplates(buildQuickIndex([slow!]), '', { language: 'en', context, renderBudget: { ms: 100, now: () => 0 } })
    expect(r[0]?.previewRendered).toBe(false)
    expect(renders).toHaveBeenCalledTimes(2)
  })

  it('an ordinary template whose first render stalls (a busy machine) renders on the second try', () => {
    const [template] = templates
    const original = Liquid.prototype.renderSync
    const realNow = performance.now.bind(performance)
    let stalled = 0
    let readings = 0
    // the first render only: after its start reading, the clock jumps a second, as if the thread stalled
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => realNow() + (stalled === 1 && readings++ > 0 ? 1000 : 0))
    const renders = vi.spyOn(Liquid.prototype, 'renderSync').mockImplementation(function (this: Liquid, ...args) {
      stalled++
      return original.apply(this, args)
    })
    const fresh = { ...template!, id: 'custom.stall', version: 7 }
    const r = renderTemplate(fresh, context, 'en')
    expect(readings, 'the stall was simulated').toBeGreaterThan(1)
    expect(r.ok).toBe(true)
    expect(renders).toHaveBeenCalledTimes(2)
    expect(isOverRenderLimit(fresh, 'en')).toBe(false)
    clock.mockRestore()
  })

  it('previews rendered for a context are reused on the next keystroke', () => {
    const renders = vi.spyOn(Liquid.prototype, 'renderSync')
    const budget = { ms: 100, now: () => 0 }
    const first = searchTemplates(index, 'sms', { language: 'en', context, limit: 8, renderBudget: budget })
    expect(first.every((r) => r.previewRendered)).toBe(true)
    const rendered = renders.mock.calls.length
    expect(rendered).toBe(first.length)
    const second = searchTemplates(index, 'sms-', { language: 'en', context, limit: 8, renderBudget: budget })
    const newOnes = second.filter((r) => !first.some((f) => f.template.id === r.template.id)).length
    expect(renders.mock.calls.length - rendered).toBe(newOnes)
    // another case: rendered afresh
    const other = buildReplyContext(baseInput({ customerName: 'Bob' }))
    searchTemplates(index, 'sms', { language: 'en', context: other, limit: 8, renderBudget: budget })
    expect(renders.mock.calls.length).toBe(rendered + newOnes + first.length)
  })
})
