import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadBundledPlaybooks, type PlaybookSet } from '@/domain/playbook'
import { contentInUse, playbookDownloads, playbookFileName, selectionProblems } from './playbookContent'
import { parsePlaybookFiles, type PlaybookOrigin } from './playbookHelpers'

const bundled = loadBundledPlaybooks()

const edited = (set: PlaybookSet, title: string): PlaybookSet => {
  const en = structuredClone(set.en)
  en.methods[0]!.title = title
  return { ...set, en }
}

describe('playbookDownloads', () => {
  it('gives one file per language, named so the loader reads its language', () => {
    const files = playbookDownloads(bundled)
    expect(Object.fromEntries(files.map((f) => [f.language, f.defaultName]))).toEqual({
      en: 'playbook.en.json',
      'zh-CN': 'playbook.zh-CN.json',
    })
    expect(files.every((f) => f.text.endsWith('}\n'))).toBe(true)
    // readable for a person: indented, one field per line; each file holds its own language
    for (const f of files) {
      expect(f.text.split('\n')[1]).toBe(`  "version": ${bundled.en.version},`)
      expect(JSON.parse(f.text).language).toBe(f.language)
    }
  })

  // the loader trims texts, so edited titles are given trimmed
  it('downloads load again unchanged, also after an edit', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 60 })
          .map((s) => s.trim())
          .filter((s) => s !== ''),
        (title) => {
          const set = edited(bundled, title)
          const r = parsePlaybookFiles(playbookDownloads(set).map((d) => ({ file: d.defaultName, text: d.text })))
          expect(r.ok && r.value).toEqual(set)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('a download carries the content in use, not the bundled one', () => {
    const text = playbookDownloads(edited(bundled, 'Method 1: Look in the blocked folder')).find((f) => f.language === 'en')!.text
    expect(JSON.parse(text).methods[0].title).toBe('Method 1: Look in the blocked folder')
  })
})

describe('selectionProblems', () => {
  const ok = { name: 'playbook.en.json', size: 30_000 }
  it.each([
    { files: [ok], keys: [] },
    { files: [ok, { name: 'playbook.zh-CN.json', size: 2_000_000 }], keys: [] },
    { files: [ok, { name: 'playbook.zh-CN.json', size: 2_000_001 }], keys: ['tooLarge'] },
    { files: [ok, ok, ok], keys: ['tooMany'] },
    { files: [{ name: `${'x'.repeat(200)}.json`, size: 10 }], keys: ['nameTooLong'] },
    { files: [], keys: [] },
  ])('$files.length file(s) → $keys', ({ files, keys }) => {
    expect(selectionProblems(files).map((p) => p.key)).toEqual(keys)
  })

  it('names the file', () => {
    expect(selectionProblems([ok, { name: 'big.json', size: 9e9 }])).toEqual([{ file: 'big.json', key: 'tooLarge', params: { max: 2 } }])
  })
})

describe('contentInUse', () => {
  const custom = edited(bundled, 'Custom')
  it.each<[PlaybookOrigin, PlaybookSet | null, string]>([
    ['custom', custom, 'custom'],
    ['bundled', bundled, 'bundled'],
    ['last-good', bundled, 'bundled'],
    ['last-good', custom, 'custom'],
    ['none', null, 'none'],
    ['bundled', null, 'none'],
  ])('%s → %s', (origin, set, expected) => {
    expect(contentInUse(origin, set, bundled)).toBe(expected)
  })
})

it('file names follow the loader pattern', () => {
  expect(playbookFileName('zh-CN')).toBe('playbook.zh-CN.json')
})
