import { baseCompile } from '@intlify/message-compiler'
import { describe, expect, it } from 'vitest'
import en from '@/i18n/en/playbook'
import zhCN from '@/i18n/zh-CN/playbook'
import { ATTEMPT_STATUSES } from '@/domain/model'
import { ESCALATION_CRITERIA } from '@/domain/playbook/rules'
import { playbookMessage } from '@test/playbookMessage'

type Tree = { [k: string]: string | Tree }

/** Every leaf as [dotted key, message]. */
function leaves(t: Tree, prefix = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  )
}

const placeholders = (msg: string): string[] => [...msg.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort()

describe('playbook i18n files', () => {
  const enLeaves = leaves(en as Tree)
  const zhLeaves = leaves(zhCN as Tree)

  it('have the same keys in both languages', () => {
    expect(zhLeaves.map(([k]) => k).sort()).toEqual(enLeaves.map(([k]) => k).sort())
  })

  it('use the same {placeholders} for each key in both languages', () => {
    const zh = new Map(zhLeaves)
    for (const [k, msg] of enLeaves) expect(placeholders(zh.get(k) ?? ''), k).toEqual(placeholders(msg))
  })

  it.each([
    ['en', enLeaves],
    ['zh-CN', zhLeaves],
  ] as const)('%s messages compile with vue-i18n and hold no raw special characters', (_lang, list) => {
    for (const [k, msg] of list) {
      const errors: string[] = []
      baseCompile(msg, { onError: (e) => errors.push(e.message) })
      expect(errors, k).toEqual([])
      expect(msg.replace(/\{\w+\}/g, ''), k).not.toMatch(/[@|${}]/)
      expect(msg.trim(), k).not.toBe('')
    }
  })

  it('label every attempt status and escalation criterion', () => {
    for (const s of ATTEMPT_STATUSES) expect(playbookMessage('en', `playbook.status.${s}`), s).toBeDefined()
    for (const c of ESCALATION_CRITERIA) {
      expect(playbookMessage('zh-CN', `playbook.escalation.${c}`), c).toBeDefined()
      expect(playbookMessage('en', `playbook.reason.next.escalate.${c}`), c).toBeDefined()
    }
  })
})
