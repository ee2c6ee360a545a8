/**
 * The reply-template library in IndexedDB. Every change is a new version: the state it replaces is
 * kept in `templateVersions`, and an audit event (entity `template`) lists what changed from what to
 * what, all in ONE transaction. Templates are never deleted, only disabled. Writes that would store an
 * invalid template (syntax error, unknown placeholder, taken shortcut, a render that runs into the render
 * limit on a trial case…) are refused with Problems and store nothing.
 */
import {
  TEMPLATE_ID_PATTERN,
  defaultTemplateRecords,
  exportTemplates,
  isDefaultTemplateId,
  parseTemplatesFile,
  planImport,
  resetToDefault,
  restoreVersion,
  trialRenderImport,
  trialRenderProblem,
  reviseTemplate,
  templateData,
  validateTemplate,
  versionSnapshot,
  type TemplateData,
  type TemplateEdit,
} from '@/domain/replies'
import type { FieldChange, TemplateRecord, TemplateText, TemplateVersionRecord } from '@/domain/model'
import type { Problem, Result } from '@/domain/result'
import type { ConsoleDb } from './db'
import { guarded } from './errors'
import { appendEvent } from './events'

export interface WriteContext {
  agent: string
  now: number
}

/** A saved template and whether anything changed (an edit that changes nothing writes no version). */
export interface TemplateWrite {
  template: TemplateRecord
  changed: boolean
}
/** Refused with every problem of the template at once (the editor marks each field). */
export type TemplateWriteResult = Result<TemplateWrite, Problem[]>

export interface ImportReport {
  added: string[]
  updated: string[]
  unchanged: string[]
}
export type ImportOutcome = Result<ImportReport>

/** What changed between two states of a template, field by field (bilingual fields per language). */
export function templateChanges(before: TemplateRecord | null, after: TemplateRecord): FieldChange[] {
  const flat = (t: TemplateRecord | null): Record<string, unknown> =>
    t
      ? {
          shortcut: t.shortcut,
          'title.en': t.title.en,
          'title.zh-CN': t.title['zh-CN'],
          tags: t.tags,
          'body.en': t.body.en,
          'body.zh-CN': t.body['zh-CN'],
          methodId: t.methodId,
          variantId: t.variantId,
          enabled: t.enabled,
          version: t.version,
        }
      : {}
  const a = flat(before)
  const b = flat(after)
  const changes: FieldChange[] = []
  for (const field of Object.keys(b)) {
    const from = field in a ? a[field] : null
    if (JSON.stringify(from) !== JSON.stringify(b[field])) changes.push({ field, from, to: b[field] })
  }
  return changes
}

const COPY_SUFFIX: TemplateText = { en: ' (copy)', 'zh-CN': '（副本）' }

/** A copy of a template with a free id (`<id>-copy`, `-copy-2`…) and shortcut, titled "(copy)". Custom, version 1. */
export function duplicateData(source: TemplateRecord, taken: readonly Pick<TemplateRecord, 'id' | 'shortcut'>[]): TemplateData {
  const ids = new Set(taken.map((t) => t.id))
  const shortcuts = new Set(taken.map((t) => t.shortcut))
  const free = (base: string, max: number, used: Set<string>): string => {
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '-copy' : `-copy-${n}`
      const candidate = base.slice(0, max - suffix.length) + suffix
      if (!used.has(candidate)) return candidate
    }
  }
  const clip = (s: string, suffix: string): string => s.slice(0, 120 - suffix.length) + suffix
  return {
    id: free(source.id, 80, ids),
    shortcut: free(source.shortcut, 32, shortcuts),
    title: { en: clip(source.title.en, COPY_SUFFIX.en), 'zh-CN': clip(source.title['zh-CN'], COPY_SUFFIX['zh-CN']) },
    tags: [...source.tags],
    body: { ...source.body },
    methodId: source.methodId,
    variantId: source.variantId,
    version: 1,
  }
}

/** A free id for a new custom template, derived from its shortcut (`custom.<shortcut>`, then `-2`, `-3`…). */
export function customTemplateId(shortcut: string, taken: ReadonlySet<string>): string {
  const base = `custom.${
    shortcut
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'template'
  }`.slice(0, 74)
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`
    if (!taken.has(id) && TEMPLATE_ID_PATTERN.test(id)) return id
  }
}

/** The agent who saved a template's current state: the newest audit event for it, if any. */
async function lastEditor(db: ConsoleDb, id: string): Promise<string> {
  const events = await db.events.where('[entity+entityId]').equals(['template', id]).sortBy('at')
  return events[events.length - 1]?.agent ?? ''
}

/** Keeps `before` in the history (unless that version is already there). Call inside the transaction. */
async function snapshot(db: ConsoleDb, before: TemplateRecord): Promise<void> {
  const exists = await db.templateVersions.where('[templateId+version]').equals([before.id, before.version]).count()
  if (exists > 0) return
  await db.templateVersions.add(versionSnapshot(before, before.updatedAt, await lastEditor(db, before.id)))
}

/** Replaces `before` by `after` as a new version, with its history row and audit event. Call inside the transaction. */
async function writeRevision(
  db: ConsoleDb,
  before: TemplateRecord,
  after: TemplateRecord,
  action: string,
  ctx: WriteContext,
  note = '',
): Promise<void> {
  await snapshot(db, before)
  await db.templates.put(after)
  await appendEvent(
    db,
    { entity: 'template', entityId: after.id, caseId: null, action, changes: templateChanges(before, after), note },
    ctx.agent,
    ctx.now,
  )
}

const TX_TABLES = (db: ConsoleDb) => [db.templates, db.templateVersions, db.events]

/** Adds the bundled defaults that are not in the library yet (all of them on first run). Returns the ids added. */
export function seedTemplates(db: ConsoleDb, ctx: WriteContext): Promise<string[]> {
  return guarded(() =>
    db.transaction('rw', TX_TABLES(db), async () => {
      const present = new Set((await db.templates.toCollection().primaryKeys()) as string[])
      const missing = defaultTemplateRecords(ctx.now).filter((t) => !present.has(t.id))
      if (missing.length === 0) return []
      await db.templates.bulkAdd(missing)
      await appendEvent(
        db,
        {
          entity: 'template',
          entityId: 'defaults',
          caseId: null,
          action: 'seeded',
          changes: [{ field: 'templates', from: null, to: missing.length }],
          note: missing.map((t) => t.id).join(', '),
        },
        ctx.agent,
        ctx.now,
      )
      return missing.map((t) => t.id)
    }),
  )
}

export function listTemplates(db: ConsoleDb): Promise<TemplateRecord[]> {
  return guarded(() => db.templates.toArray())
}

export function getTemplate(db: ConsoleDb, id: string): Promise<TemplateRecord | undefined> {
  return guarded(() => db.templates.get(id))
}

/** Saves a new custom template (version 1). Its id is taken from `data.id` when free, else derived from the shortcut. */
export function createTemplate(
  db: ConsoleDb,
  data: Omit<TemplateData, 'id' | 'version'> & { id?: string },
  ctx: WriteContext,
): Promise<TemplateWriteResult> {
  return guarded(() =>
    db.transaction('rw', TX_TABLES(db), async (): Promise<TemplateWriteResult> => {
      const all = await db.templates.toArray()
      const ids = new Set(all.map((t) => t.id))
      const id = data.id && !ids.has(data.id) ? data.id : customTemplateId(data.shortcut, ids)
      const record: TemplateRecord = { ...data, id, version: 1, enabled: true, builtIn: false, updatedAt: ctx.now }
      const problems = validateTemplate(templateData(record), all)
      if (problems.length > 0) return { ok: false, error: problems }
      const slow = trialRenderProblem(record)
      if (slow) return { ok: false, error: [slow] }
      await db.templates.add(record)
      await appendEvent(
        db,
        { entity: 'template', entityId: id, caseId: null, action: 'created', changes: templateChanges(null, record) },
        ctx.agent,
        ctx.now,
      )
      return { ok: true, value: { template: record, changed: true } }
    }),
  )
}

async function revise(
  db: ConsoleDb,
  id: string,
  make: (current: TemplateRecord) => TemplateRecord | null,
  action: string,
  ctx: WriteContext,
  note = '',
): Promise<TemplateWriteResult> {
  return guarded(() =>
    db.transaction('rw', TX_TABLES(db), async (): Promise<TemplateWriteResult> => {
      const current = await db.templates.get(id)
      if (!current) return { ok: false, error: [{ key: 'replies.template.notFound', params: { id } }] }
      const next = make(current)
      if (!next || next.version === current.version) return { ok: true, value: { template: current, changed: false } }
      // Disabling never needs the content to be valid; everything else does.
      const onlyEnabled = templateChanges(current, next).every((c) => c.field === 'enabled' || c.field === 'version')
      if (!onlyEnabled) {
        const others = (await db.templates.toArray()).filter((t) => t.id !== id)
        const problems = validateTemplate(templateData(next), others)
        if (problems.length > 0) return { ok: false, error: problems }
        const slow = trialRenderProblem(next)
        if (slow) return { ok: false, error: [slow] }
      }
      await writeRevision(db, current, next, action, ctx, note)
      return { ok: true, value: { template: next, changed: true } }
    }),
  )
}

/** Saves an edit as a new version (no change, no write). */
export function updateTemplate(db: ConsoleDb, id: string, edit: TemplateEdit, ctx: WriteContext): Promise<TemplateWriteResult> {
  return revise(db, id, (current) => reviseTemplate(current, edit, ctx.now), 'updated', ctx)
}

export function setTemplateEnabled(db: ConsoleDb, id: string, enabled: boolean, ctx: WriteContext): Promise<TemplateWriteResult> {
  return revise(db, id, (current) => reviseTemplate(current, { enabled }, ctx.now), enabled ? 'enabled' : 'disabled', ctx)
}

/** Restores an older version's content as a new version (history is never rewritten). */
export async function restoreTemplateVersion(db: ConsoleDb, id: string, version: number, ctx: WriteContext): Promise<TemplateWriteResult> {
  const old = await guarded(() => db.templateVersions.where('[templateId+version]').equals([id, version]).first())
  if (!old) return { ok: false, error: [{ key: 'replies.template.versionNotFound', params: { id, version } }] }
  return revise(db, id, (current) => restoreVersion(current, old, ctx.now), 'restored', ctx, `version ${version}`)
}

/** Copies a template as a new custom one. */
export async function duplicateTemplate(db: ConsoleDb, id: string, ctx: WriteContext): Promise<TemplateWriteResult> {
  const source = await getTemplate(db, id)
  if (!source) return { ok: false, error: [{ key: 'replies.template.notFound', params: { id } }] }
  const taken = await listTemplates(db)
  const data = duplicateData(source, taken)
  return createTemplate(db, data, ctx)
}

/**
 * Resets built-in templates to the bundled defaults, each as a new version (custom templates are never
 * touched; a missing default is added back). `'all'` resets every default. Returns the ids that changed.
 */
export function resetTemplates(db: ConsoleDb, ids: readonly string[] | 'all', ctx: WriteContext): Promise<string[]> {
  return guarded(() =>
    db.transaction('rw', TX_TABLES(db), async () => {
      const defaults = defaultTemplateRecords(ctx.now)
      const wanted = ids === 'all' ? defaults : defaults.filter((d) => ids.includes(d.id))
      const changed: string[] = []
      for (const d of wanted) {
        const current = await db.templates.get(d.id)
        if (!current) {
          await db.templates.add(d)
          await appendEvent(
            db,
            { entity: 'template', entityId: d.id, caseId: null, action: 'reset', changes: templateChanges(null, d) },
            ctx.agent,
            ctx.now,
          )
          changed.push(d.id)
          continue
        }
        const next = resetToDefault(current, ctx.now)
        if (!next || next.version === current.version) continue
        await writeRevision(db, current, next, 'reset', ctx)
        changed.push(d.id)
      }
      return changed
    }),
  )
}

/**
 * Imports a templates file (an export from this console, or a bare list like the bundled defaults).
 * Refused whole, with the reason, when anything is wrong; then nothing stored changes. Existing ids
 * get a new version, new ids are added, identical ones are left alone.
 */
export function importTemplates(db: ConsoleDb, text: string, ctx: WriteContext): Promise<ImportOutcome> {
  const parsed = parseTemplatesFile(text)
  if (!parsed.ok) return Promise.resolve({ ok: false, error: parsed.error })
  return guarded(() =>
    db.transaction('rw', TX_TABLES(db), async (): Promise<ImportOutcome> => {
      const current = await db.templates.toArray()
      const plan = planImport(current, parsed.value, ctx.now)
      // a template that runs into the render limit would stall every palette and reply box showing it
      const slow = trialRenderImport([...plan.add, ...plan.update])
      if (slow) return { ok: false, error: slow }
      // The library after the import must still have one template per shortcut.
      const after = new Map(current.map((t) => [t.id, t]))
      for (const t of [...plan.add, ...plan.update]) after.set(t.id, t)
      const owner = new Map<string, string>()
      for (const t of after.values()) {
        const other = owner.get(t.shortcut)
        if (other !== undefined)
          return { ok: false, error: { key: 'replies.import.shortcutTaken', params: { shortcut: t.shortcut, id: t.id, other } } }
        owner.set(t.shortcut, t.id)
      }
      const byId = new Map(current.map((t) => [t.id, t]))
      for (const t of plan.update) await writeRevision(db, byId.get(t.id)!, t, 'imported', ctx)
      for (const t of plan.add) {
        await db.templates.add({ ...t, builtIn: isDefaultTemplateId(t.id) })
        await appendEvent(
          db,
          { entity: 'template', entityId: t.id, caseId: null, action: 'imported', changes: templateChanges(null, t) },
          ctx.agent,
          ctx.now,
        )
      }
      return { ok: true, value: { added: plan.add.map((t) => t.id), updated: plan.update.map((t) => t.id), unchanged: plan.unchanged } }
    }),
  )
}

/** The export file (JSON text) of the whole library, in `sortTemplates` order. */
export async function exportTemplatesFile(db: ConsoleDb, now: number): Promise<string> {
  return exportTemplates(sortTemplates(await listTemplates(db)), now)
}

/** A template's earlier versions, newest first. */
export async function templateHistory(db: ConsoleDb, id: string): Promise<TemplateVersionRecord[]> {
  const rows = await guarded(() => db.templateVersions.where('templateId').equals(id).toArray())
  return rows.sort((a, b) => b.version - a.version)
}

const DEFAULT_ORDER = new Map(defaultTemplateRecords(0).map((t, i) => [t.id, i]))

/** Library order: built-in templates in the bundled order, then custom ones by id. */
export function sortTemplates(templates: readonly TemplateRecord[]): TemplateRecord[] {
  const rank = (t: TemplateRecord): number => DEFAULT_ORDER.get(t.id) ?? Number.MAX_SAFE_INTEGER
  return [...templates].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))
}
