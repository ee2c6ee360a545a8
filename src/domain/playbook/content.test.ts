import { describe, expect, it } from 'vitest'
import en from '@resources/playbook/playbook.en.json'
import zhCN from '@resources/playbook/playbook.zh-CN.json'
import { CARRIER_INFO } from '../reference'
import { LANGUAGES, METHOD_IDS, METHOD_VARIANTS, type Language, type MethodId } from '../model'
import { BUNDLED_PLAYBOOK_SOURCES, loadBundledPlaybooks } from './bundled'
import {
  checklistSteps,
  comparePlaybooks,
  languageFromFileName,
  loadPlaybooks,
  parsePlaybook,
  parsePlaybookText,
  playbookMethod,
  type Playbook,
  type PlaybookIssue,
} from './content'

// ------------------------------------------------------------------ helpers

type Json = Record<string, unknown>
const clone = <T>(x: T): T => structuredClone(x)
const enRaw = (): Json => clone(en) as unknown as Json
const methodsOf = (raw: Json): Json[] => raw.methods as Json[]
const methodAt = (raw: Json, id: MethodId): Json => {
  const m = methodsOf(raw).find((x) => x.id === id)
  if (!m) throw new Error(`fixture has no ${id}`)
  return m
}
const variantsOf = (m: Json): Json[] => m.variants as Json[]

function issuesOf(raw: unknown, file = 'playbook.en.json', lang?: Language): PlaybookIssue[] {
  const r = parsePlaybook(raw, file, lang)
  if (r.ok) throw new Error('expected the file to be rejected')
  expect(r.error.length).toBeGreaterThan(0)
  return r.error
}

const allText = (m: Playbook['methods'][number]): string =>
  [
    m.title,
    m.summary,
    m.whenItApplies,
    ...m.steps.map((s) => s.text),
    ...m.notes.map((n) => n.text),
    ...m.variants.flatMap((v) => [v.label, ...v.steps.map((s) => s.text)]),
  ].join('\n')

// ------------------------------------------------------------------ the bundled files

describe('bundled playbook files', () => {
  const set = loadBundledPlaybooks()
  const books: [Language, Playbook][] = LANGUAGES.map((l) => [l, set[l]])

  it('load without issues, one per language, with the same version', () => {
    expect(set.en.language).toBe('en')
    expect(set['zh-CN'].language).toBe('zh-CN')
    expect(set.en.version).toBe(set['zh-CN'].version)
    expect(set.en.version).toBeGreaterThanOrEqual(1)
  })

  it.each(books)('%s covers every method in the article order, and every variant of METHOD_VARIANTS', (_lang, pb) => {
    expect(pb.methods.map((m) => m.id)).toEqual([...METHOD_IDS])
    for (const m of pb.methods) {
      expect(
        m.variants.map((v) => v.id),
        m.id,
      ).toEqual([...METHOD_VARIANTS[m.id]])
      for (const v of m.variants) expect(checklistSteps(pb, m.id, v.id).length, `${m.id}/${v.id}`).toBeGreaterThan(0)
    }
  })

  it('both languages use the same step, note and tip ids in the same order', () => {
    for (const id of METHOD_IDS) {
      const a = playbookMethod(set.en, id)
      const b = playbookMethod(set['zh-CN'], id)
      expect(
        b.steps.map((s) => s.id),
        id,
      ).toEqual(a.steps.map((s) => s.id))
      expect(
        b.notes.map((s) => s.id),
        id,
      ).toEqual(a.notes.map((s) => s.id))
      expect(b.stepOrder, id).toBe(a.stepOrder)
      for (const variant of METHOD_VARIANTS[id]) {
        expect(
          checklistSteps(set['zh-CN'], id, variant).map((s) => s.id),
          `${id}/${variant}`,
        ).toEqual(checklistSteps(set.en, id, variant).map((s) => s.id))
      }
    }
    expect(set['zh-CN'].prevention.tips.map((t) => t.id)).toEqual(set.en.prevention.tips.map((t) => t.id))
    expect(
      comparePlaybooks({ file: 'playbook.en.json', playbook: set.en }, { file: 'playbook.zh-CN.json', playbook: set['zh-CN'] }),
    ).toEqual([])
  })

  it.each(books)('%s method 2 names each hotline, and each carrier variant its own', (_lang, pb) => {
    const m = playbookMethod(pb, 'carrier-sms')
    for (const hotline of ['10086', '10010', '10000']) expect(allText(m)).toContain(hotline)
    for (const [carrier, info] of Object.entries(CARRIER_INFO)) {
      const steps = checklistSteps(pb, 'carrier-sms', carrier)
        .map((s) => s.text)
        .join('\n')
      expect(steps, carrier).toContain(info.hotline)
      expect(steps, carrier).toContain(info.name[pb.language])
    }
  })

  it.each([
    ['en', 'Filter Unknown Senders', 'Unknown Senders'],
    ['zh-CN', '过滤未知发件人', '未知发件人'],
  ] as const)('%s method 1 names the iPhone setting and the filtered list', (lang, setting, list) => {
    const iphone = checklistSteps(set[lang], 'sms-blocking', 'iphone')
      .map((s) => s.text)
      .join('\n')
    expect(iphone).toContain(setting)
    expect(iphone).toContain(list)
    expect(iphone).toMatch(lang === 'en' ? /Settings > Messages/ : /设置 > 信息/)
  })

  it.each([
    ['en', 'android-builtin', 'Spam Blocking > Blocked Records'],
    ['en', 'android-360', 'Spam Blocking > SMS Blocking'],
    ['en', 'android-tencent', 'Spam Blocking > Blocked SMS'],
    ['zh-CN', 'android-builtin', '骚扰拦截 > 拦截记录'],
    ['zh-CN', 'android-360', '骚扰拦截 > 短信拦截'],
    ['zh-CN', 'android-tencent', '骚扰拦截 > 拦截短信'],
  ] as const)('%s method 1 %s gives the security-app path', (lang, variant, path) => {
    expect(
      checklistSteps(set[lang], 'sms-blocking', variant)
        .map((s) => s.text)
        .join('\n'),
    ).toContain(path)
  })

  it.each([
    ['en', /\bONLY way to recover\b/, /never share/i],
    ['zh-CN', /唯一途径/, /绝不能告诉任何人/],
  ] as const)(
    '%s method 5 carries the key-backup warning as a warning, and the back-up step comes before scanning',
    (lang, only, share) => {
      const m = playbookMethod(set[lang], 'authenticator')
      const warning = m.notes.find((n) => n.id === 'key-backup-warning')
      expect(warning?.kind).toBe('warning')
      expect(warning?.text).toMatch(only)
      expect(warning?.text).toMatch(share)
      expect(m.notes.find((n) => n.id === 'agent-never-asks-key')?.kind).toBe('warning')
      const ids = checklistSteps(set[lang], 'authenticator', 'default').map((s) => s.id)
      expect(ids.indexOf('back-up-key')).toBeGreaterThanOrEqual(0)
      expect(ids.indexOf('back-up-key')).toBeLessThan(ids.indexOf('scan-qr'))
    },
  )

  it.each([
    ['en', '3-7 business days', '24 hours'],
    ['zh-CN', '3-7个工作日', '24 小时'],
  ] as const)('%s method 7 states the response times', (lang, reset, simple) => {
    const text = allText(playbookMethod(set[lang], 'escalate'))
    expect(text).toContain(reset)
    expect(text).toContain(simple)
  })

  it.each(books)('%s method 3 gives provider advice per variant', (_lang, pb) => {
    for (const slow of ['qq', '163']) {
      const ids = checklistSteps(pb, 'email-code', slow).map((s) => s.id)
      expect(ids).toContain('suggest-gmail-outlook')
    }
    const gmail = checklistSteps(pb, 'email-code', 'gmail')
    expect(gmail[0]?.id).toBe('switch-to-email') // common steps first for method 3
    expect(gmail.map((s) => s.id)).not.toContain('suggest-gmail-outlook')
  })

  it.each(books)('%s prevention tips cover two methods, stable email, regular checks and the key backup', (_lang, pb) => {
    expect(pb.prevention.tips.map((t) => t.id)).toEqual([
      'bind-two-methods',
      'stable-email',
      'check-security-settings',
      'back-up-authenticator-key',
    ])
    expect(pb.prevention.tips.find((t) => t.id === 'stable-email')?.text).toMatch(/Gmail/)
  })

  it('caches the validated set', () => {
    expect(loadBundledPlaybooks()).toBe(set)
  })
})

// ------------------------------------------------------------------ broken files

describe('parsePlaybook rejects broken files, naming file and field', () => {
  it('missing language', () => {
    const raw = enRaw()
    delete raw.language
    expect(issuesOf(raw, 'playbook.en.json')).toEqual([
      { file: 'playbook.en.json', field: 'language', message: expect.stringMatching(/^missing language/) },
    ])
  })

  it('a language that is not supported', () => {
    const raw = enRaw()
    raw.language = 'fr'
    expect(issuesOf(raw)).toEqual([
      { file: 'playbook.en.json', field: 'language', message: expect.stringContaining('unknown language "fr"') },
    ])
  })

  it('a language that does not match the file name', () => {
    const raw = enRaw()
    raw.language = 'zh-CN'
    expect(issuesOf(raw, 'playbook.en.json', 'en')).toEqual([
      { file: 'playbook.en.json', field: 'language', message: expect.stringContaining('must be "en"') },
    ])
  })

  it('an unknown method id (and so a missing method)', () => {
    const raw = enRaw()
    methodAt(raw, 'carrier-sms').id = 'carrier'
    const issues = issuesOf(raw, 'playbook.zh-CN.json')
    expect(issues).toContainEqual({
      file: 'playbook.zh-CN.json',
      field: 'methods[1](carrier).id',
      message: expect.stringContaining('unknown method id "carrier"'),
    })
  })

  it('a missing method', () => {
    const raw = enRaw()
    raw.methods = methodsOf(raw).filter((m) => m.id !== 'escalate')
    expect(issuesOf(raw)).toEqual([{ file: 'playbook.en.json', field: 'methods', message: 'missing method "escalate"' }])
  })

  it('a duplicate method', () => {
    const raw = enRaw()
    methodsOf(raw).push(clone(methodAt(raw, 'escalate')))
    expect(issuesOf(raw)).toEqual([
      { file: 'playbook.en.json', field: 'methods[7](escalate).id', message: 'duplicate method id "escalate"' },
    ])
  })

  it('an unknown variant id and a missing variant', () => {
    const raw = enRaw()
    const v = variantsOf(methodAt(raw, 'email-code')).find((x) => x.id === '163')
    if (!v) throw new Error('fixture')
    v.id = 'netease'
    const issues = issuesOf(raw)
    expect(issues).toContainEqual({
      file: 'playbook.en.json',
      field: 'methods[2](email-code).variants[4](netease).id',
      message: expect.stringContaining('unknown variant id "netease" for method "email-code"'),
    })
    expect(issues).toContainEqual({
      file: 'playbook.en.json',
      field: 'methods[2](email-code).variants',
      message: 'missing variant "163" of method "email-code"',
    })
  })

  it('wrong structure: steps not a list, a missing title, a misspelt field, an empty text, a bad step id', () => {
    const raw = enRaw()
    methodAt(raw, 'authenticator').steps = 'scan the code'
    delete methodAt(raw, 'rebind-phone').title
    methodAt(raw, 'network-time').titel = 'typo'
    const first = variantsOf(methodAt(raw, 'sms-blocking'))[0] as Json
    ;(first.steps as Json[])[0] = { id: 'Open Folder', text: '  ' }
    const issues = issuesOf(raw)
    expect(issues).toEqual(
      expect.arrayContaining([
        { file: 'playbook.en.json', field: 'methods[4](authenticator).steps', message: 'expected a list, found string' },
        { file: 'playbook.en.json', field: 'methods[3](rebind-phone).title', message: 'missing (expected a string)' },
        { file: 'playbook.en.json', field: 'methods[5](network-time).titel', message: 'unknown field (check its spelling)' },
        {
          file: 'playbook.en.json',
          field: 'methods[0](sms-blocking).variants[0](android-builtin).steps[0](Open Folder).id',
          message: expect.stringContaining('lower-case'),
        },
        {
          file: 'playbook.en.json',
          field: 'methods[0](sms-blocking).variants[0](android-builtin).steps[0](Open Folder).text',
          message: 'must not be empty',
        },
      ]),
    )
    expect(issues).toHaveLength(5)
  })

  it('not an object at all, and a missing version', () => {
    expect(issuesOf([])).toEqual([{ file: 'playbook.en.json', field: '(file)', message: 'expected an object, found a list' }])
    const raw = enRaw()
    delete raw.version
    expect(issuesOf(raw)[0]?.field).toBe('version')
    raw.version = 1.5
    expect(issuesOf(raw)[0]).toMatchObject({ field: 'version' })
  })

  it('duplicate step ids, and a variant step that repeats a common step', () => {
    const raw = enRaw()
    const carrier = methodAt(raw, 'carrier-sms')
    ;(carrier.steps as Json[]).push({ id: 'wait-and-retry', text: 'again' })
    const mobile = variantsOf(carrier)[0] as Json
    ;(mobile.steps as Json[]).push({ id: 'ask-filter-rules', text: 'dup' })
    const issues = issuesOf(raw)
    expect(issues).toContainEqual({
      file: 'playbook.en.json',
      field: 'methods[1](carrier-sms).steps[5](wait-and-retry).id',
      message: 'duplicate step id "wait-and-retry"',
    })
    expect(issues).toContainEqual({
      file: 'playbook.en.json',
      field: 'methods[1](carrier-sms).variants[0](china-mobile).steps[1](ask-filter-rules).id',
      message: expect.stringContaining('already a common step'),
    })
  })

  it('invalid JSON text', () => {
    const r = parsePlaybookText('{ "version": 1, ', 'playbook.zh-CN.json', 'zh-CN')
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.error[0]).toMatchObject({
        file: 'playbook.zh-CN.json',
        field: '(file)',
        message: expect.stringContaining('not valid JSON'),
      })
  })

  it('accepts methods and variants in any order and sorts them into the article order', () => {
    const raw = enRaw()
    raw.methods = [...methodsOf(raw)].reverse()
    const email = methodAt(raw, 'email-code')
    email.variants = [...variantsOf(email)].reverse()
    const r = parsePlaybookText(JSON.stringify(raw), 'playbook.en.json')
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.methods.map((m) => m.id)).toEqual([...METHOD_IDS])
      expect(playbookMethod(r.value, 'email-code').variants.map((v) => v.id)).toEqual([...METHOD_VARIANTS['email-code']])
    }
  })
})

describe('loadPlaybooks cross-checks the languages', () => {
  it('infers the expected language from the file name', () => {
    expect(languageFromFileName('resources/playbook/playbook.zh-CN.json')).toBe('zh-CN')
    expect(languageFromFileName('playbook.en.json')).toBe('en')
    expect(languageFromFileName('playbook.fr.json')).toBeUndefined()
    expect(languageFromFileName('notes.json')).toBeUndefined()
  })

  it('loads the bundled sources', () => {
    expect(loadPlaybooks(BUNDLED_PLAYBOOK_SOURCES).ok).toBe(true)
  })

  it('reports a missing language file', () => {
    const r = loadPlaybooks([{ file: 'playbook.en.json', data: en }])
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toEqual([{ file: 'playbook.zh-CN.json', field: '(file)', message: 'no playbook for language "zh-CN"' }])
  })

  it('reports two files for one language', () => {
    const r = loadPlaybooks([
      { file: 'playbook.en.json', data: en },
      { file: 'custom.json', data: en },
    ])
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error[0]).toMatchObject({ file: 'custom.json', field: 'language' })
  })

  it('reports step ids that drift between languages, and a version mismatch, against the translated file', () => {
    const zh = clone(zhCN) as unknown as Json
    zh.version = 2
    const iphone = variantsOf(methodAt(zh, 'sms-blocking')).find((v) => v.id === 'iphone') as Json
    ;(iphone.steps as Json[])[0] = { id: 'check-filter', text: '设置 > 信息' }
    const tips = (zh.prevention as Json).tips as Json[]
    tips.reverse()
    const r = loadPlaybooks([
      { file: 'playbook.en.json', data: en },
      { file: 'playbook.zh-CN.json', data: zh },
    ])
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toEqual([
        { file: 'playbook.zh-CN.json', field: 'version', message: expect.stringContaining('playbook.en.json has 1') },
        {
          file: 'playbook.zh-CN.json',
          field: 'methods[0](sms-blocking).variants[4](iphone).steps',
          message: 'step ids differ from playbook.en.json: missing "check-filter-setting"; extra "check-filter"',
        },
        { file: 'playbook.zh-CN.json', field: 'prevention.tips', message: expect.stringContaining('different order') },
      ])
    }
  })

  it('reports every broken file at once', () => {
    const a = enRaw()
    delete a.language
    const b = clone(zhCN) as unknown as Json
    methodAt(b, 'escalate').id = 'support'
    const r = loadPlaybooks([
      { file: 'playbook.en.json', data: a },
      { file: 'playbook.zh-CN.json', data: b },
    ])
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.map((i) => `${i.file} ${i.field}`)).toEqual(
        expect.arrayContaining(['playbook.en.json language', 'playbook.zh-CN.json methods[6](support).id']),
      )
    }
  })
})

describe('checklistSteps', () => {
  const set = loadBundledPlaybooks()
  it('puts the variant steps first for variant-first methods and last for common-first ones', () => {
    const m1 = checklistSteps(set.en, 'sms-blocking', 'iphone').map((s) => s.id)
    expect(m1.slice(0, 3)).toEqual(['check-filter-setting', 'open-filtered-list', 'trust-sender'])
    expect(m1.at(-1)).toBe('whitelist-permanently')
    const m3 = checklistSteps(set.en, 'email-code', 'qq').map((s) => s.id)
    expect(m3.slice(-2)).toEqual(['provider-delay', 'suggest-gmail-outlook'])
  })

  it('gives the common steps only for an unknown or null variant', () => {
    const common = playbookMethod(set.en, 'carrier-sms').steps
    expect(checklistSteps(set.en, 'carrier-sms', null)).toEqual(common)
    expect(checklistSteps(set.en, 'carrier-sms', 'nope')).toEqual(common)
  })
})
