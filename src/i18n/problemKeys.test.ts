import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { allMessages, type Messages } from './index'

const messages = await allMessages()

/**
 * Problems carry full i18n keys written as literals where they are made. This finds every literal that
 * names a Problem (`key: '…'`, `refuse('…')`, `problem('…')`, and any literal starting `errors.`) in the
 * renderer's source and checks that both languages have the message.
 */
const root = new URL('..', import.meta.url).pathname

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : sources(path)
    return /\.(ts|vue)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : []
  })
}

function has(m: Messages, key: string): boolean {
  let node: string | Messages | undefined = m
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined
  return typeof node === 'string'
}

const PATTERNS = [
  /\bkey: '([a-z][\w-]*(?:\.[\w-]+)+)'/g,
  /\b(?:refuse|problem|fail)\('([a-z][\w-]*(?:\.[\w-]+)+)'/g,
  /'(errors\.[\w.-]+)'/g,
]
const found = new Map<string, string>()
for (const file of sources(root)) {
  const text = readFileSync(file, 'utf8')
  for (const re of PATTERNS) for (const m of text.matchAll(re)) found.set(m[1]!, file.slice(root.length))
}

describe('problem keys', () => {
  it('are found in the source (the scan works)', () => {
    expect(found.has('errors.storage.quota')).toBe(true)
    expect(found.has('backup.problem.notJson')).toBe(true)
    expect(found.size).toBeGreaterThan(100)
  })

  it.each(['en', 'zh-CN'] as const)('all have a message in %s', (locale) => {
    const missing = [...found].filter(([key]) => !has(messages[locale], key)).map(([key, file]) => `${key} (${file})`)
    expect(missing).toEqual([])
  })
})
