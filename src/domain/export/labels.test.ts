import { describe, expect, it } from 'vitest'
import en from '@resources/playbook/playbook.en.json'
import zhCN from '@resources/playbook/playbook.zh-CN.json'
import { METHOD_IDS, METHOD_VARIANTS } from '../model'
import { VARIANT_LABELS, variantLabelOf } from './labels'

type File = { methods: { id: string; variants: { id: string; label: string }[] }[] }

describe('variant labels', () => {
  it('name every variant in both languages with the bundled playbook’s words', () => {
    for (const [language, file] of [
      ['en', en as File],
      ['zh-CN', zhCN as File],
    ] as const) {
      for (const m of METHOD_IDS) {
        const fromPlaybook = file.methods.find((x) => x.id === m)!.variants.map((v) => [v.id, v.label])
        const ours = METHOD_VARIANTS[m].map((v) => [v, (VARIANT_LABELS[m] as Record<string, Record<string, string>>)[v]![language]])
        expect(ours, `${language} ${m}`).toEqual(fromPlaybook)
      }
    }
  })

  it('read an id as words, an unknown id as itself and none as nothing', () => {
    expect(variantLabelOf('carrier-sms', 'china-mobile', 'zh-CN')).toBe('中国移动')
    expect(variantLabelOf('sms-blocking', 'android-builtin', 'en')).toBe('Android, built-in Phone Manager')
    expect(variantLabelOf('email-code', 'from-a-newer-version', 'en')).toBe('from-a-newer-version')
    expect(variantLabelOf('email-code', null, 'en')).toBe('')
  })
})
