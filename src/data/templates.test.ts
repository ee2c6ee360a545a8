import { ProblemError } from '@/domain/result'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TEMPLATES, TEMPLATES_FILE_FORMAT, TEMPLATES_FILE_VERSION, parseTemplatesFile } from '@/domain/replies'
import type { TemplateRecord } from '@/domain/model'
import type { ConsoleDb } from './db'
import {
  createTemplate,
  customTemplateId,
  duplicateData,
  duplicateTemplate,
  exportTemplatesFile,
  getTemplate,
  importTemplates,
  listTemplates,
  resetTemplates,
  restoreTemplateVersion,
  seedTemplates,
  setTemplateEnabled,
  sortTemplates,
  templateChanges,
  templateHistory,
  updateTemplate,
} from './templates'
import { testDb } from '@test/db'

let db: ConsoleDb
afterEach(() => db?.close())

const ctx = (now = 1_000, agent = 'Lin') => ({ now, agent })

async function seeded(): Promise<ConsoleDb> {
  db = testDb()
  await seedTemplates(db, ctx(100, 'Setup'))
  return db
}

/** Everything stored, for "nothing changed" checks. */
async function dump(d: ConsoleDb) {
  return {
    templates: await d.templates.toArray(),
    versions: await d.templateVersions.toArray(),
    events: await d.events.toArray(),
  }
}

const templateEvents = (d: ConsoleDb, id: string) => d.events.where('[entity+entityId]').equals(['template', id]).sortBy('at')

describe('seedTemplates', () => {
  it('adds the bundled defaults on first run, once, with one event', async () => {
    db = testDb()
    const added = await seedTemplates(db, ctx())
    expect(added).toHaveLength(DEFAULT_TEMPLATES.length)
    const all = await listTemplates(db)
    expect(all).toHaveLength(DEFAULT_TEMPLATES.length)
    expect(all.every((t) => t.builtIn && t.enabled && t.version === 1 && t.updatedAt === 1000)).toBe(true)
    expect(await seedTemplates(db, ctx(2000))).toEqual([])
    const events = await db.events.toArray()
    expect(events).toMatchObject([{ entity: 'template', entityId: 'defaults', action: 'seeded', agent: 'Lin' }])
  })

  it('adds back only the defaults that are missing', async () => {
    await seeded()
    await db.templates.delete('greeting')
    await updateTemplate(db, 'closing', { shortcut: 'end' }, ctx())
    expect(await seedTemplates(db, ctx(3000))).toEqual(['greeting'])
    expect((await getTemplate(db, 'closing'))?.shortcut).toBe('end')
  })
})

describe('updateTemplate', () => {
  it('saves a new version, keeps the old one in the history and logs from→to, all together', async () => {
    await seeded()
    const before = (await getTemplate(db, 'greeting'))!
    const body = { ...before.body, en: 'Hello {{ customer_name | default: "there" }}!' }
    const r = await updateTemplate(db, 'greeting', { body }, ctx(5000, 'Mei'))
    expect(r).toMatchObject({ ok: true, value: { changed: true, template: { version: 2, updatedAt: 5000, body } } })
    expect(await getTemplate(db, 'greeting')).toMatchObject({ version: 2, body })

    const history = await templateHistory(db, 'greeting')
    expect(history).toHaveLength(1)
    expect(history[0]).toMatchObject({ templateId: 'greeting', version: 1, savedAt: 100, agent: '' })
    expect(history[0]!.snapshot.body).toEqual(before.body)

    const events = await templateEvents(db, 'greeting')
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ action: 'updated', agent: 'Mei', at: 5000, caseId: null })
    expect(events[0]!.changes).toEqual([
      { field: 'body.en', from: before.body.en, to: body.en },
      { field: 'version', from: 1, to: 2 },
    ])
  })

  it('the history row of a version records who saved it', async () => {
    await seeded()
    await updateTemplate(db, 'greeting', { shortcut: 'hello' }, ctx(2000, 'Mei'))
    await updateTemplate(db, 'greeting', { shortcut: 'hey' }, ctx(3000, 'Kai'))
    const history = await templateHistory(db, 'greeting')
    expect(history.map((h) => [h.version, h.snapshot.shortcut, h.agent, h.savedAt])).toEqual([
      [2, 'hello', 'Mei', 2000],
      [1, 'hi', '', 100],
    ])
  })

  it('writes nothing when nothing changed', async () => {
    await seeded()
    const before = await dump(db)
    const current = (await getTemplate(db, 'greeting'))!
    const r = await updateTemplate(db, 'greeting', { title: { ...current.title }, body: { ...current.body } }, ctx(9000))
    expect(r).toMatchObject({ ok: true, value: { changed: false, template: { version: 1 } } })
    expect(await dump(db)).toEqual(before)
  })

  it.each([
    ['a syntax error, with line and column', { en: 'Hi\n{% if uid %}no end' }, 'replies.problem.syntax'],
    ['an unknown placeholder', { en: 'Hi {{ nickname }}' }, 'replies.problem.unknownPlaceholder'],
    ['an empty language version', { 'zh-CN': '  ' }, 'replies.problem.missingLanguage'],
    ['a body over the length limit', { en: 'x'.repeat(100_000) }, 'replies.problem.tooLong'],
  ])('refuses %s and stores nothing', async (_name, patch, key) => {
    await seeded()
    const before = await dump(db)
    const current = (await getTemplate(db, 'greeting'))!
    const r = await updateTemplate(db, 'greeting', { body: { ...current.body, ...patch } }, ctx(9000))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.map((p) => p.key)).toContain(key)
    if (key === 'replies.problem.syntax') expect(r.error[0]!.params).toMatchObject({ line: 2, column: 1, language: 'en' })
    expect(await dump(db)).toEqual(before)
  })

  it('refuses a shortcut another template uses', async () => {
    await seeded()
    const r = await updateTemplate(db, 'greeting', { shortcut: 'bye' }, ctx())
    expect(r).toMatchObject({ ok: false, error: [{ key: 'replies.template.shortcutTaken', params: { shortcut: 'bye' } }] })
  })

  it('reports a missing template as a problem', async () => {
    await seeded()
    expect(await updateTemplate(db, 'nope', { shortcut: 'x' }, ctx())).toMatchObject({
      ok: false,
      error: [{ key: 'replies.template.notFound' }],
    })
  })

  it('rolls back the template when the history or event write fails', async () => {
    await seeded()
    db.events.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError')
    })
    const before = await dump(db)
    const err = await updateTemplate(db, 'greeting', { shortcut: 'hello' }, ctx()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProblemError)
    expect((err as ProblemError).problem.key).toBe('errors.storage.quota')
    expect(await dump(db)).toEqual(before)
  })
})

describe('enable, disable, duplicate, create', () => {
  it('disabling is a new version with its event, and works even if the content is invalid', async () => {
    await seeded()
    await db.templates.update('follow-up', { body: { en: '{% if %}', 'zh-CN': 'x' } })
    const r = await setTemplateEnabled(db, 'follow-up', false, ctx(2000))
    expect(r).toMatchObject({ ok: true, value: { template: { enabled: false, version: 2 } } })
    const events = await templateEvents(db, 'follow-up')
    expect(events.map((e) => [e.action, e.changes])).toEqual([
      [
        'disabled',
        [
          { field: 'enabled', from: true, to: false },
          { field: 'version', from: 1, to: 2 },
        ],
      ],
    ])
    expect((await setTemplateEnabled(db, 'follow-up', false, ctx(3000))).ok && (await templateHistory(db, 'follow-up')).length).toBe(1)
  })

  it('duplicates as a custom template with free id and shortcut', async () => {
    await seeded()
    const first = await duplicateTemplate(db, 'method.carrier-sms.china-mobile', ctx(2000))
    const second = await duplicateTemplate(db, 'method.carrier-sms.china-mobile', ctx(3000))
    expect(first).toMatchObject({
      ok: true,
      value: {
        template: {
          id: 'method.carrier-sms.china-mobile-copy',
          shortcut: 'carrier-mobile-copy',
          builtIn: false,
          version: 1,
          methodId: 'carrier-sms',
          variantId: 'china-mobile',
        },
      },
    })
    expect(second).toMatchObject({
      ok: true,
      value: { template: { id: 'method.carrier-sms.china-mobile-copy-2', shortcut: 'carrier-mobile-copy-2' } },
    })
    if (!first.ok) return
    expect(first.value.template.title.en).toMatch(/ \(copy\)$/)
    expect(first.value.template.title['zh-CN']).toMatch(/（副本）$/)
    expect(await templateEvents(db, first.value.template.id)).toMatchObject([{ action: 'created' }])
  })

  it('creates a custom template with an id from its shortcut, refusing bad ones', async () => {
    await seeded()
    const data = {
      shortcut: 'wait',
      title: { en: 'Please wait', 'zh-CN': '请稍候' },
      tags: ['wait'],
      body: { en: 'One moment, {{ customer_name | default: "please" }}.', 'zh-CN': '请稍候。' },
      methodId: null,
      variantId: null,
    }
    const r = await createTemplate(db, data, ctx(2000))
    expect(r).toMatchObject({ ok: true, value: { template: { id: 'custom.wait', builtIn: false, enabled: true, version: 1 } } })
    const again = await createTemplate(db, { ...data, shortcut: 'wait2' }, ctx(2000))
    expect(again).toMatchObject({ ok: true, value: { template: { id: 'custom.wait2' } } })
    const clash = await createTemplate(db, { ...data, shortcut: 'hi' }, ctx(2000))
    expect(clash).toMatchObject({ ok: false, error: [{ key: 'replies.template.shortcutTaken' }] })
    const broken = await createTemplate(db, { ...data, shortcut: 'broken', body: { en: '{{ uid ', 'zh-CN': 'x' } }, ctx(2000))
    expect(broken.ok).toBe(false)
    expect(await db.templates.count()).toBe(DEFAULT_TEMPLATES.length + 2)
  })

  it('customTemplateId and duplicateData never reuse a taken id or shortcut', () => {
    expect(customTemplateId('wait', new Set(['custom.wait', 'custom.wait-2']))).toBe('custom.wait-3')
    expect(customTemplateId('', new Set())).toBe('custom.template')
    const long = {
      ...(DEFAULT_TEMPLATES[0] as TemplateRecord),
      id: 'a'.repeat(80),
      shortcut: 'b'.repeat(32),
      enabled: true,
      builtIn: true,
      updatedAt: 0,
    }
    const copy = duplicateData(long, [long])
    expect(copy.id).toHaveLength(80)
    expect(copy.shortcut).toHaveLength(32)
    expect(copy.id.endsWith('-copy')).toBe(true)
  })
})

describe('history and restore', () => {
  it('restores an older version as a new version, keeping every version', async () => {
    await seeded()
    const v1 = (await getTemplate(db, 'closing'))!
    await updateTemplate(db, 'closing', { body: { ...v1.body, en: 'Goodbye v2' } }, ctx(2000))
    await updateTemplate(db, 'closing', { body: { ...v1.body, en: 'Goodbye v3' } }, ctx(3000))
    const r = await restoreTemplateVersion(db, 'closing', 1, ctx(4000, 'Kai'))
    expect(r).toMatchObject({ ok: true, value: { template: { version: 4, body: v1.body } } })
    expect((await templateHistory(db, 'closing')).map((h) => h.version)).toEqual([3, 2, 1])
    const events = await templateEvents(db, 'closing')
    expect(events.at(-1)).toMatchObject({ action: 'restored', note: 'version 1', agent: 'Kai' })
    expect(await restoreTemplateVersion(db, 'closing', 99, ctx())).toMatchObject({
      ok: false,
      error: [{ key: 'replies.template.versionNotFound' }],
    })
  })
})

describe('resetTemplates', () => {
  it('resets one or all built-in templates as new versions and leaves custom ones alone', async () => {
    await seeded()
    const v1 = (await getTemplate(db, 'greeting'))!
    await updateTemplate(db, 'greeting', { body: { ...v1.body, en: 'Yo' } }, ctx(2000))
    await updateTemplate(db, 'closing', { enabled: false }, ctx(2000))
    await duplicateTemplate(db, 'greeting', ctx(2000))
    expect(await resetTemplates(db, ['greeting'], ctx(3000))).toEqual(['greeting'])
    expect(await getTemplate(db, 'greeting')).toMatchObject({ version: 3, body: v1.body })
    expect(await getTemplate(db, 'closing')).toMatchObject({ enabled: false })
    expect(await resetTemplates(db, 'all', ctx(4000))).toEqual(['closing'])
    expect(await getTemplate(db, 'closing')).toMatchObject({ enabled: true, version: 3 })
    expect(await getTemplate(db, 'greeting-copy')).toMatchObject({ body: { en: 'Yo' } })
    expect(await resetTemplates(db, 'all', ctx(5000))).toEqual([])
  })
})

describe('import and export', () => {
  const file = (templates: unknown[]) => JSON.stringify({ format: TEMPLATES_FILE_FORMAT, schemaVersion: TEMPLATES_FILE_VERSION, templates })

  it('round-trips: an export imports back unchanged', async () => {
    await seeded()
    const text = await exportTemplatesFile(db, 5000)
    const parsed = parseTemplatesFile(text)
    expect(parsed.ok && parsed.value.map((t) => t.id)).toEqual(DEFAULT_TEMPLATES.map((t) => t.id))
    const before = await dump(db)
    const r = await importTemplates(db, text, ctx(6000))
    expect(r).toMatchObject({ ok: true, value: { added: [], updated: [] } })
    expect(r.ok && r.value.unchanged).toHaveLength(DEFAULT_TEMPLATES.length)
    expect(await dump(db)).toEqual(before)
  })

  it('adds new templates and versions changed ones, with events', async () => {
    await seeded()
    const greeting = (await getTemplate(db, 'greeting'))!
    const r = await importTemplates(
      db,
      file([
        { ...greeting, body: { ...greeting.body, en: 'Imported hello' } },
        {
          id: 'custom.thanks',
          shortcut: 'thx',
          title: { en: 'Thanks', 'zh-CN': '感谢' },
          tags: [],
          body: { en: 'Thanks!', 'zh-CN': '谢谢！' },
          methodId: null,
          variantId: null,
          version: 1,
        },
      ]),
      ctx(7000),
    )
    expect(r).toEqual({ ok: true, value: { added: ['custom.thanks'], updated: ['greeting'], unchanged: [] } })
    expect(await getTemplate(db, 'greeting')).toMatchObject({ version: 2, body: { en: 'Imported hello' } })
    expect(await getTemplate(db, 'custom.thanks')).toMatchObject({ builtIn: false, enabled: true })
    expect((await templateHistory(db, 'greeting')).map((h) => h.version)).toEqual([1])
    expect((await templateEvents(db, 'custom.thanks')).map((e) => e.action)).toEqual(['imported'])
  })

  it.each([
    ['not JSON', '{"templates": [', 'replies.import.notJson'],
    ['not a templates file', '{"hello": 1}', 'replies.import.notTemplates'],
    [
      'a template with a syntax error',
      file([{ ...DEFAULT_TEMPLATES[0], body: { en: 'x {% if uid %}', 'zh-CN': 'y' } }]),
      'replies.import.syntax',
    ],
    ['a duplicate id', file([DEFAULT_TEMPLATES[0], DEFAULT_TEMPLATES[0]]), 'replies.import.duplicateId'],
    ['a template missing a field', file([{ ...DEFAULT_TEMPLATES[0], title: undefined }]), 'replies.import.shape'],
    [
      'a shortcut already used by another stored template',
      file([
        {
          id: 'custom.x',
          shortcut: 'hi',
          title: { en: 'X', 'zh-CN': 'X' },
          tags: [],
          body: { en: 'x', 'zh-CN': 'x' },
          methodId: null,
          variantId: null,
          version: 1,
        },
      ]),
      'replies.import.shortcutTaken',
    ],
  ])('refuses %s whole and changes nothing', async (_name, text, key) => {
    await seeded()
    const good = { ...DEFAULT_TEMPLATES[1]!, body: { ...DEFAULT_TEMPLATES[1]!.body, en: 'changed' } }
    // A valid change earlier in the same file must not be applied either.
    const withGood = text.startsWith('{"format"') ? text.replace('"templates":[', `"templates":[${JSON.stringify(good)},`) : text
    const before = await dump(db)
    const r = await importTemplates(db, withGood, ctx(8000))
    expect(r).toMatchObject({ ok: false, error: { key } })
    expect(await dump(db)).toEqual(before)
  })
})

describe('templates that run into the render limit', () => {
  const SLOW = '{% for a in (1..10000) %}{% for b in (1..10000) %}{{ b }}{% endfor %}{% endfor %}'
  const slow = (i: number) => ({
    id: `custom.slow-${i}`,
    shortcut: `slow${i}`,
    title: { en: `Slow ${i}`, 'zh-CN': `慢 ${i}` },
    tags: [],
    body: { en: SLOW, 'zh-CN': '您好' },
    methodId: null,
    variantId: null,
    version: 1,
  })

  it('an import of 25 of them is refused whole, naming the first; nothing changes', async () => {
    await seeded()
    const before = await dump(db)
    const text = JSON.stringify({
      format: TEMPLATES_FILE_FORMAT,
      schemaVersion: TEMPLATES_FILE_VERSION,
      templates: Array.from({ length: 25 }, (_, i) => slow(i)),
    })
    expect(await importTemplates(db, text, ctx(9000))).toEqual({
      ok: false,
      error: { key: 'replies.import.renderLimit', params: { id: 'custom.slow-0', title: 'Slow 0', language: 'en', ms: 250 } },
    })
    expect(await dump(db)).toEqual(before)
  })

  it('saving one is refused, naming it: as a new template and as an edit', async () => {
    await seeded()
    const before = await dump(db)
    const { id: _id, version: _v, ...data } = slow(1)
    const created = await createTemplate(db, data, ctx(9000))
    expect(created).toEqual({
      ok: false,
      error: [{ key: 'replies.template.renderLimit', params: { id: 'custom.slow1', title: 'Slow 1', language: 'en', ms: 250 } }],
    })
    const edited = await updateTemplate(db, 'greeting', { body: { en: SLOW, 'zh-CN': '您好' } }, ctx(9000))
    expect(edited).toMatchObject({
      ok: false,
      error: [{ key: 'replies.template.renderLimit', params: { id: 'greeting', language: 'en' } }],
    })
    expect(await dump(db)).toEqual(before)
  })
})

describe('pure helpers', () => {
  it('templateChanges lists each changed field once, per language', () => {
    const a = { ...(DEFAULT_TEMPLATES[0] as TemplateRecord), enabled: true, builtIn: true, updatedAt: 0 }
    const b = { ...a, title: { ...a.title, 'zh-CN': '新标题' }, tags: ['x'], version: 2, updatedAt: 5 }
    expect(templateChanges(a, b)).toEqual([
      { field: 'title.zh-CN', from: a.title['zh-CN'], to: '新标题' },
      { field: 'tags', from: a.tags, to: ['x'] },
      { field: 'version', from: 1, to: 2 },
    ])
    expect(templateChanges(null, a).map((c) => c.field)).toContain('body.en')
  })

  it('sortTemplates puts the defaults first in bundled order, then custom ones by id', () => {
    const rec = (id: string) => ({ ...(DEFAULT_TEMPLATES[0] as TemplateRecord), id, enabled: true, builtIn: false, updatedAt: 0 })
    const ids = sortTemplates([rec('custom.b'), rec('closing'), rec('custom.a'), rec('greeting')]).map((t) => t.id)
    expect(ids).toEqual(['greeting', 'closing', 'custom.a', 'custom.b'])
  })
})
