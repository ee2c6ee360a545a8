/**
 * Every text the console stores is guarded (issue 15): derived from the record schemas (records.ts), the
 * settings values and the browser-storage writers, so a new field cannot be forgotten. A field missing from
 * STORED_TEXT_FIELDS fails here; every derived field is then written with a secret through the data layer
 * and must be refused (or, for what a field held before a change, redacted).
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { calendarSchema } from '@/domain/calendar/calendar'
import { STORED_TEXT_FIELDS, textPaths } from '@/domain/guard/storedText'
import { RECORD_SCHEMAS } from '@/domain/records'
import { slaSettingsSchema } from '@/domain/sla/settings'
import type { z } from 'zod'
import { CALENDAR_KEY, SLA_KEY } from '@/data/calendarSettings'
import { SCHEMAS, SCHEMA_VERSION } from '@/data/db'
import { fixture } from '@test/fixture'
import { installedSchema, PLAYBOOK_FILES_SETTING, PLAYBOOK_INSTALLED_SETTING, storedFilesSchema } from '@/data/playbookFiles'
import { SecretRefused } from '@/data/secretGuard'
import { testDb } from '@test/db'
import { allMessages } from '@/i18n'
import { prefsSchema } from './settings'

const messages = await allMessages()

/** The value schema of every settings key the console writes. */
const SETTING_VALUES: Record<string, z.core.$ZodType> = {
  prefs: prefsSchema,
  [CALENDAR_KEY]: calendarSchema,
  [SLA_KEY]: slaSettingsSchema,
  [PLAYBOOK_FILES_SETTING]: storedFilesSchema,
  [PLAYBOOK_INSTALLED_SETTING]: installedSchema,
}

const root = path.resolve(__dirname, '../..')
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    if (d.isDirectory()) return sources(p)
    return /\.(ts|vue)$/.test(d.name) && !/\.test\.ts$/.test(d.name) ? [p] : []
  })
}

/** Browser storage written by the app: `useDraft('<key>…')` drafts and direct setItem calls. */
function storageKeys(): string[] {
  const keys: string[] = []
  for (const file of sources(path.join(root, 'src'))) {
    const text = fs.readFileSync(file, 'utf8')
    for (const m of text.matchAll(/useDraft\(\s*[`'"]([A-Za-z][\w.]*)/g)) keys.push(`storage:draft:${m[1]}`)
    for (const m of text.matchAll(/(?:localStorage|sessionStorage)\.setItem\(\s*([\w.`'"-]+)/g)) {
      const rel = path.relative(root, file)
      const arg = m[1] ?? ''
      // every draft, redacted (see the useDraft test); the window registry is listed like any other key
      if (rel === path.join('src', 'composables', 'useDraft.ts') && arg === 'storageKey') continue
      const value = /^[`'"]/.test(arg)
        ? arg.slice(1).replace(/[`'"]$/, '')
        : (new RegExp(`const ${arg} = '([^']+)'`).exec(text)?.[1] ?? arg)
      keys.push(`storage:${value}`)
    }
  }
  return [...new Set(keys)]
}

function derived(): string[] {
  const out: string[] = []
  for (const [table, schema] of Object.entries(RECORD_SCHEMAS)) for (const p of textPaths(schema)) out.push(`${table}.${p}`)
  // a table without a record schema (team sync's bookkeeping) is named as a whole: a new one cannot be forgotten
  for (const table of Object.keys(SCHEMAS[SCHEMA_VERSION] ?? {})) if (!(table in RECORD_SCHEMAS)) out.push(`${table}.*`)
  for (const [key, schema] of Object.entries(SETTING_VALUES))
    for (const p of textPaths(schema)) out.push(`settings:${key}${p.startsWith('[') ? '' : '.'}${p}`)
  return [...out, ...storageKeys()]
}

describe('the catalogue of stored text', () => {
  it('names every string field of every record, setting and stored draft — and nothing else', () => {
    const all = derived()
    const catalogue = Object.keys(STORED_TEXT_FIELDS)
    expect(
      all.filter((p) => !catalogue.includes(p)),
      'stored text fields missing from STORED_TEXT_FIELDS',
    ).toEqual([])
    expect(
      catalogue.filter((p) => !all.includes(p)),
      'STORED_TEXT_FIELDS entries no schema has',
    ).toEqual([])
  })
  it('names each field in both languages', () => {
    const has = (msgs: unknown, key: string): boolean =>
      typeof key
        .split('.')
        .reduce<unknown>((m, k) => (m && typeof m === 'object' ? (m as Record<string, unknown>)[k] : undefined), msgs) === 'string'
    for (const { label } of Object.values(STORED_TEXT_FIELDS)) {
      expect(has(messages.en, label), label).toBe(true)
      expect(has(messages['zh-CN'], label), label).toBe(true)
    }
  })
})

const SECRET = 'user says 482913, key JBSW Y3DP EHPK 3PXP'

/** Puts `value` at a catalogue path (`pauses[].reason`, `holidays{}`, `changes[].to:*`) in a copy of `record`. */
function withTextAt(record: unknown, pattern: string, value: string): unknown {
  const copy = structuredClone(record) as Record<string, unknown>
  const parts = pattern.replace(/:\*$/, '').split('.')
  let at: Record<string, unknown> = copy
  parts.forEach((raw, i) => {
    const last = i === parts.length - 1
    const name = raw.replace(/(\[\]|\{\})+$/, '')
    const container = raw.endsWith('[]') ? 'array' : raw.endsWith('{}') ? 'record' : null
    if (container === null) {
      if (last) at[name] = value
      else at = (at[name] ??= {}) as Record<string, unknown>
      return
    }
    if (container === 'array') {
      const list = Array.isArray(at[name]) && (at[name] as unknown[]).length > 0 ? (at[name] as unknown[]) : [{}]
      at[name] = list
      if (last) list[0] = value
      else at = (list[0] = typeof list[0] === 'object' && list[0] ? list[0] : {}) as Record<string, unknown>
      return
    }
    const rec = (at[name] = typeof at[name] === 'object' && at[name] ? at[name] : {}) as Record<string, unknown>
    if (last) rec['2026-10-01'] = value
    else at = (rec['2026-10-01'] ??= {}) as Record<string, unknown>
  })
  return copy
}

describe('the data layer refuses a secret in every stored text field', () => {
  const db = testDb()
  afterAll(() => db.close())
  const f = fixture()
  const tableCases = Object.keys(RECORD_SCHEMAS).flatMap((table) =>
    textPaths(RECORD_SCHEMAS[table as keyof typeof RECORD_SCHEMAS]).map((p) => [table, p] as const),
  )
  it.each(tableCases)('%s.%s', async (table, p) => {
    const base = (f[table as keyof typeof f] as unknown[])[0] as Record<string, unknown>
    const record = withTextAt(base, p, SECRET) as Record<string, unknown>
    if (table === 'settings' && p === 'key')
      return expect(db.settings.put({ key: SECRET, value: null })).rejects.toBeInstanceOf(SecretRefused)
    const t = db.table(table)
    const key = t.schema.primKey.keyPath as string
    if (key !== 'key' && key !== 'id') throw new Error(key)
    if (typeof record[key] === 'number') delete record[key]
    else if (key === 'id' && p !== 'id') record[key] = `t-${Math.random()}`
    if (table === 'events' && p.startsWith('changes[].from')) {
      // what a field held before a change is redacted, never refused
      const id = await t.add(record)
      const stored = (await t.get(id)) as { changes: { from: unknown }[] }
      expect(JSON.stringify(stored.changes[0]?.from)).not.toContain('482913')
      return
    }
    await expect(t.add(record)).rejects.toBeInstanceOf(SecretRefused)
  })
  const settingCases = Object.entries(SETTING_VALUES).flatMap(([key, schema]) => textPaths(schema).map((p) => [key, p] as const))
  it.each(settingCases)('settings %s: %s', async (key, p) => {
    await expect(db.settings.put({ key, value: withTextAt({}, p, SECRET) })).rejects.toBeInstanceOf(SecretRefused)
  })
})
