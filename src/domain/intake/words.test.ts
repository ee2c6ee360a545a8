import { describe, expect, it } from 'vitest'
import en from '@resources/intake/intake.en.json'
import zhCN from '@resources/intake/intake.zh-CN.json'
import { BUNDLED_INTAKE_SOURCES, bundledIntakeWords } from './bundled'
import { extractFromChat } from './extract'
import { foldForMatching, termSource } from './text'
import { WORD_FIELDS, formatIntakeWordsIssue, loadIntakeWords } from './words'

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T
const issuesOf = (sources: Array<{ file: string; data: unknown }>): string[] => {
  const r = loadIntakeWords(sources)
  return r.ok ? [] : r.issues.map(formatIntakeWordsIssue)
}

describe('bundled words', () => {
  it('both files load, one per language', () => {
    expect(loadIntakeWords(BUNDLED_INTAKE_SOURCES).ok).toBe(true)
    const w = bundledIntakeWords()
    expect(w.versions).toEqual({ en: en.version, 'zh-CN': zhCN.version })
  })

  it('every field has words in both languages', () => {
    for (const field of WORD_FIELDS) {
      expect(Object.keys(en.fields[field]).length, `en ${field}`).toBeGreaterThan(0)
      expect(Object.keys(zhCN.fields[field]).length, `zh-CN ${field}`).toBeGreaterThan(0)
    }
    expect(en.tried.length).toBeGreaterThan(0)
    expect(zhCN.tried.length).toBeGreaterThan(0)
  })

  it('every word of a field finds itself (a word hidden by a longer word of another value would be a mistake)', () => {
    const w = bundledIntakeWords()
    for (const field of WORD_FIELDS) {
      for (const { value, entry } of w.fields[field]) {
        for (const word of entry.words.filter((x) => !x.includes('*'))) {
          const found = extractFromChat(` ${word} `, w)
            .proposals.filter((p) => p.field === field)
            .map((p) => p.value)
          expect(found, `${field} "${word}"`).toContain(value)
        }
      }
    }
  })
})

describe('words files a lead broke', () => {
  it('names the file and field of a schema problem', () => {
    const bad = clone(zhCN) as Record<string, unknown> & typeof zhCN
    ;(bad.fields.carrier as Record<string, unknown>)['china-mobil'] = { words: ['移动'] }
    bad.fields.symptom['not-received'].words = []
    ;(bad as Record<string, unknown>).extra = 1
    expect(issuesOf([{ file: 'intake.zh-CN.json', data: bad }])).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^intake\.zh-CN\.json: fields\.carrier\.china-mobil: /),
        'intake.zh-CN.json: fields.symptom.not-received.words: needs at least one word',
        'intake.zh-CN.json: extra: unknown field (check its spelling)',
      ]),
    )
  })

  it('refuses an unknown method or outcome and a misplaced *', () => {
    const bad = clone(en)
    ;(bad.tried[0] as { method: string }).method = 'sms-blocker'
    ;(bad.tried[1] as { outcome: string }).outcome = 'tried'
    bad.tried[2]!.words = ['*spam']
    const issues = issuesOf([{ file: 'intake.en.json', data: bad }])
    expect(issues.some((i) => i.startsWith('intake.en.json: tried[0].method:'))).toBe(true)
    expect(issues.some((i) => i.startsWith('intake.en.json: tried[1].outcome:'))).toBe(true)
    expect(issues).toContain('intake.en.json: tried[2].words[0]: `*` goes between two parts of a phrase, once')
  })

  it('refuses one word for two values of a field, across files too', () => {
    const bad = clone(en)
    bad.fields.carrier['china-unicom'].words.push('中国移动')
    expect(
      issuesOf([
        { file: 'intake.zh-CN.json', data: zhCN },
        { file: 'intake.en.json', data: bad },
      ]),
    ).toEqual([
      expect.stringMatching(
        /^intake\.en\.json: fields\.carrier\.china-unicom\.words\[\d+\]: "中国移动" is already a word for carrier "china-mobile"/,
      ),
    ])
  })

  it('refuses two files of one language and no file at all', () => {
    expect(
      issuesOf([
        { file: 'a.json', data: en },
        { file: 'b.json', data: en },
      ]),
    ).toEqual(['b.json: language: a.json is already the en file'])
    expect(issuesOf([])).toEqual(['(none): (file): no words file'])
  })

  it('a word a lead adds is found at once', () => {
    const more = clone(zhCN)
    more.fields.phoneOs.android.words.push('传音')
    const r = loadIntakeWords([{ file: 'intake.zh-CN.json', data: more }])
    expect(r.ok).toBe(true)
    if (r.ok) expect(extractFromChat('传音手机', r.value).proposals.map((p) => p.id)).toContain('phoneOs:android')
  })
})

describe('terms', () => {
  const matches = (term: string, text: string): boolean => new RegExp(termSource(term)).test(foldForMatching(text))
  it('fold full-width, case and spacing', () => {
    expect(matches('China Mobile', 'ＣＨＩＮＡ　ＭＯＢＩＬＥ')).toBe(true)
    expect(matches('China Mobile', 'chinamobile')).toBe(true)
    expect(matches("didn't receive", 'I didn’t receive')).toBe(true)
    expect(matches("didn't receive", 'I didnt receive')).toBe(true)
  })
  it('whole words and numbers, with plural and verb endings', () => {
    expect(matches('login', 'logins')).toBe(true)
    expect(matches('register', 'registered')).toBe(true)
    expect(matches('sms', 'smsc')).toBe(false)
    expect(matches('10086', '1008612')).toBe(false)
    expect(matches('10086', '110086')).toBe(false)
    expect(matches('360', '360手机卫士')).toBe(true)
  })
  it('* spans a few words within a clause only', () => {
    expect(matches('called*10086', 'called them at 10086')).toBe(true)
    expect(matches('called*10086', 'called them. 10086')).toBe(false)
    expect(matches('打*10086', '打了，10086')).toBe(false)
    expect(matches('打*10086', '打了'.padEnd(30, '的') + '10086')).toBe(false)
  })
})
