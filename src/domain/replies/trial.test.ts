import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '../model'
import { defaultTemplateRecords } from './library'
import { trialContext, trialRenderImport, trialRenderProblem } from './trial'

/** A hundred million loop turns: runs into the render limit. */
const SLOW = '{% for a in (1..10000) %}{% for b in (1..10000) %}{{ b }}{% endfor %}{% endfor %}'
const slow = (i: number, language: 'en' | 'zh-CN' = 'en') => ({
  id: `custom.slow-${i}`,
  title: { en: `Slow ${i}`, 'zh-CN': `慢 ${i}` },
  body: { en: 'Hello', 'zh-CN': '您好', [language]: SLOW },
})

describe('trial render', () => {
  it('passes every bundled template', () => {
    for (const t of defaultTemplateRecords(0)) expect(trialRenderProblem(t), t.id).toBeNull()
  })

  it('tries a complete case in each language', () => {
    for (const l of LANGUAGES) {
      const c = trialContext(l)
      expect(c.language).toBe(l)
      expect([c.uid_masked, c.customer_name, c.next_method, c.review_due_date, c.methods_tried].every((v) => v !== null)).toBe(true)
    }
  })

  it('refuses a template that runs into the render limit, naming it and the language', () => {
    expect(trialRenderProblem(slow(1, 'zh-CN'))).toEqual({
      key: 'replies.template.renderLimit',
      params: { id: 'custom.slow-1', title: 'Slow 1', language: 'zh-CN', ms: 250 },
    })
  })

  it('refuses an import at the first of 25 templates that each hit the limit', () => {
    const list = [...defaultTemplateRecords(0).slice(0, 3), ...Array.from({ length: 25 }, (_, i) => slow(i))]
    expect(trialRenderImport(list)).toEqual({
      key: 'replies.import.renderLimit',
      params: { id: 'custom.slow-0', title: 'Slow 0', language: 'en', ms: 250 },
    })
    expect(trialRenderImport(defaultTemplateRecords(0))).toBeNull()
  })
})
