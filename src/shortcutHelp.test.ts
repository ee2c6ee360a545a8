import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Combo } from '@/composables/useShortcuts'
import { DEFAULT_GLOBAL_SHORTCUT, comboFromAccelerator } from '@/domain/shortcut/accelerator'
import { helpShortcuts } from './shortcutHelp'

/** A combo as the README writes it: `Ctrl/⌘+Shift+K`, `Alt+N`, `F1`, `/`. */
const readmeKeys = (c: Combo): string =>
  [c.mod ? 'Ctrl/⌘' : '', c.alt ? 'Alt' : '', c.shift ? 'Shift' : '', c.key.length === 1 ? c.key.toUpperCase() : c.key]
    .filter(Boolean)
    .join('+')

/** The README's keyboard table: each row's keys (`Alt+J, Alt+R`, ``Ctrl/⌘+K or `/` ``, `` `/` in the reply box ``). */
function readmeRows(): string[][] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const section = readme.split('\n## Keyboard\n')[1]?.split('\n## ')[0] ?? ''
  return section
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*(Keys|-+)\s*\|/.test(l))
    .map((l) =>
      (l.split('|')[1] ?? '')
        .replace(/`/g, '')
        .split(/,| or /)
        // the key is the first word: "(Settings)", "in the reply box" say where
        .map((k) => k.trim().split(' ')[0] ?? '')
        .filter(Boolean),
    )
}

describe('the F1 list and the README keyboard table', () => {
  const rows = helpShortcuts(comboFromAccelerator(DEFAULT_GLOBAL_SHORTCUT, false)).map((r) => r.keys.map(readmeKeys))
  const readme = readmeRows()

  it('the README has a table to compare', () => {
    expect(readme.length).toBeGreaterThan(10)
  })

  it('every line of the F1 list is in the README, its keys together in one row', () => {
    for (const keys of rows)
      expect(
        readme.some((r) => keys.every((k) => r.includes(k))),
        keys.join(' '),
      ).toBe(true)
  })

  it('every key in the README is in the F1 list', () => {
    const listed = new Set(rows.flat())
    for (const r of readme) for (const k of r) expect(listed.has(k), `${k} (README: ${r.join(', ')})`).toBe(true)
  })

  it('the F1 list names "/" both for finding a case and for quick insert', () => {
    const slash = helpShortcuts(null).filter((r) => r.keys.some((k) => k.key === '/'))
    expect(slash.map((r) => r.label)).toEqual(['common.shortcuts.lookup', 'reply.shortcuts.quickInsert'])
  })
})
