/** The replies i18n files: same keys in both languages, valid vue-i18n syntax, every emitted key present. */
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import en from '@/i18n/en/replies'
import zh from '@/i18n/zh-CN/replies'
import { PURPOSE_LABEL_KEYS } from '@/domain/replies/library'
import { PLACEHOLDERS } from '@/domain/replies/placeholders'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = 'replies'): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = `${prefix}.${k}`
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv)
  }
  return out
}

const enKeys = flatten(en)
const zhKeys = flatten(zh)
const sources = import.meta.glob(['../domain/replies/*.ts', '!../domain/replies/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

describe('replies i18n', () => {
  it('has the same keys in en and zh-CN', () => {
    expect([...zhKeys.keys()].sort()).toEqual([...enKeys.keys()].sort())
  })

  it('translates every message through vue-i18n with its parameters, in both languages', () => {
    const i18n = createI18n({
      legacy: false,
      locale: 'en',
      missingWarn: false,
      fallbackWarn: false,
      messages: { en: { replies: en }, 'zh-CN': { replies: zh } },
    })
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!).sort()
    for (const [key, message] of enKeys) {
      expect(params(zhKeys.get(key) ?? ''), key).toEqual(params(message))
      const values = Object.fromEntries(params(message).map((p) => [p, `<${p.toUpperCase()}>`]))
      for (const locale of ['en', 'zh-CN'] as const) {
        const out = i18n.global.t(key, values, { locale })
        expect(out, `${locale} ${key}`).not.toBe(key)
        expect(out, `${locale} ${key}`).not.toMatch(/[{}]/)
        for (const v of Object.values(values)) expect(out, `${locale} ${key}`).toContain(v)
      }
    }
  })

  it('defines every key the replies domain emits', () => {
    const emitted = new Set<string>()
    for (const src of Object.values(sources)) for (const m of src.matchAll(/'(replies\.[\w.]+)'/g)) emitted.add(m[1]!)
    emitted.delete('replies.') // none expected; guard against partial matches
    expect(emitted.size).toBeGreaterThan(20)
    for (const key of emitted) expect(enKeys.has(key), key).toBe(true)
    for (const key of Object.values(PURPOSE_LABEL_KEYS)) expect(enKeys.has(key), key).toBe(true)
    for (const group of new Set(PLACEHOLDERS.map((p) => p.group))) expect(enKeys.has(`replies.group.${group}`), group).toBe(true)
  })
})
