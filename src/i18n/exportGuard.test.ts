import { describe, expect, it } from 'vitest'
import enExport from '@/i18n/en/export'
import enGuard from '@/i18n/en/guard'
import zhExport from '@/i18n/zh-CN/export'
import zhGuard from '@/i18n/zh-CN/guard'
import { ID_DOCUMENT_I18N, SECRET_KIND_I18N, findSecrets, secretProblem } from '@/domain/guard/secrets'
import { compileExportFilter, emptyExportFilter } from '@/domain/export/filter'

type Tree = { [k: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v)
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv)
  }
  return out
}

const FILES: Array<[string, Tree, Tree]> = [
  ['export', enExport, zhExport],
  ['guard', enGuard, zhGuard],
]

describe('export and guard messages', () => {
  it.each(FILES)('%s: same keys in en and zh-CN', (_name, en, zh) => {
    expect([...leaves(zh).keys()].sort()).toEqual([...leaves(en).keys()].sort())
  })
  it.each(FILES)('%s: valid vue-i18n messages (no stray @, |, braces; same parameters)', (_name, en, zh) => {
    const zhLeaves = leaves(zh)
    for (const [key, msg] of leaves(en)) {
      for (const m of [msg, zhLeaves.get(key) ?? '']) {
        expect(m, key).not.toMatch(/[@|$]/)
        expect(m.replace(/\{\w+\}/g, ''), key).not.toMatch(/[{}]/)
      }
      const params = (m: string): string[] => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1] ?? '').sort()
      expect(params(zhLeaves.get(key) ?? ''), key).toEqual(params(msg))
    }
  })
  it('every problem key the domain emits has a message (errors.export.* and errors.guard.* map to problems)', () => {
    const r = compileExportFilter(
      { ...emptyExportFilter(), from: '2026-13-01', to: '2026-11-01', statuses: ['x' as never] },
      'Nowhere/Zone',
    )
    const keys = r.ok ? [] : Object.values(r.error).map((p) => p?.key ?? '')
    const inverted = compileExportFilter({ ...emptyExportFilter(), from: '2026-11-02', to: '2026-11-01' }, 'UTC')
    if (!inverted.ok) keys.push(...Object.values(inverted.error).map((p) => p?.key ?? ''))
    const tz = compileExportFilter({ ...emptyExportFilter(), from: '2026-11-02' }, 'Nowhere/Zone')
    if (!tz.ok) keys.push(...Object.values(tz.error).map((p) => p?.key ?? ''))
    for (const sample of ['code 123456', 'JBSWY3DPEHPK3PXP', '11010519491231002X']) keys.push(secretProblem(findSecrets(sample))?.key ?? '')
    expect(new Set(keys)).toEqual(
      new Set([
        'errors.export.invalidDate',
        'errors.export.invalidChoice',
        'errors.export.rangeInverted',
        'errors.export.invalidTimeZone',
        'errors.guard.verificationCode',
        'errors.guard.authenticatorKey',
        'errors.guard.idNumber',
      ]),
    )
    const problems: Record<string, Tree> = { export: enExport.problems, guard: enGuard.problems }
    for (const key of keys) {
      const [, ns, name] = key.split('.') as [string, string, string]
      expect(problems[ns]?.[name], key).toBeTypeOf('string')
    }
  })
  it('guard kinds and documents have labels', () => {
    for (const k of Object.values(SECRET_KIND_I18N)) expect(enGuard.kinds).toHaveProperty(k)
    for (const k of Object.values(ID_DOCUMENT_I18N)) expect(enGuard.documents).toHaveProperty(k)
  })
})
