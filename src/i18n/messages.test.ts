import { describe, expect, it } from 'vitest'
import { allMessages, type Messages } from './index'

const messages = await allMessages()

function keys(m: Messages, prefix = ''): string[] {
  return Object.entries(m).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))
}

describe('UI strings', () => {
  it('exist in both languages with the same keys', () => {
    const en = keys(messages.en).sort()
    const zh = keys(messages['zh-CN']).sort()
    expect(en.filter((k) => !zh.includes(k))).toEqual([])
    expect(zh.filter((k) => !en.includes(k))).toEqual([])
    expect(en.length).toBeGreaterThan(100)
  })

  it('use the same placeholders in both languages', () => {
    const flat = (m: Messages): Map<string, string> => {
      const out = new Map<string, string>()
      const walk = (x: Messages, p: string): void => {
        for (const [k, v] of Object.entries(x)) {
          if (typeof v === 'string') out.set(p + k, v)
          else walk(v, `${p}${k}.`)
        }
      }
      walk(m, '')
      return out
    }
    const params = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()
    const en = flat(messages.en)
    const zh = flat(messages['zh-CN'])
    const mismatched = [...en.keys()].filter((k) => zh.has(k) && JSON.stringify(params(en.get(k)!)) !== JSON.stringify(params(zh.get(k)!)))
    expect(mismatched).toEqual([])
  })

  it('contain no empty strings', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const walk = (x: Messages, p: string): string[] =>
        Object.entries(x).flatMap(([k, v]) => (typeof v === 'string' ? (v.trim() === '' ? [p + k] : []) : walk(v, `${p}${k}.`)))
      expect(walk(messages[lang], ''), lang).toEqual([])
    }
  })
})
