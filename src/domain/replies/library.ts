/**
 * The template library: schema of a template as data, the bundled defaults (resources/templates/),
 * choosing the template for a playbook step or a purpose, import/export files, and versioning helpers.
 */
import { z } from 'zod'
import { foldFullWidth } from '../guard/secrets'
import { secretsIn, storedSecretProblem } from '../guard/storedText'
import defaultsJson from '@resources/templates/defaults.json'
import type { MethodId, TemplateRecord, TemplateVersionRecord } from '../model'
import { LANGUAGES, METHOD_IDS, METHOD_VARIANTS } from '../model'
import type { Result, Problem } from '../result'
import { MAX_BODY_CHARS, compileBody } from './engine'

/** A template as data: `TemplateRecord` without the runtime fields (enabled, builtIn, updatedAt). */
export type TemplateData = Omit<TemplateRecord, 'enabled' | 'builtIn' | 'updatedAt'>
/** A template read from an import file; `enabled` defaults to true. */
export interface ImportedTemplate extends TemplateData {
  enabled: boolean
}

export const TEMPLATE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,79}$/
export const SHORTCUT_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/

/**
 * A shortcut as an agent types or pastes it into the editor: spaces around it, the "/" it is typed with in
 * the reply box, capitals and full-width letters (" /Thanks ", "／ｔｈａｎｋｓ") all give the same shortcut
 * ("thanks"). What is left must still match SHORTCUT_PATTERN.
 */
export function normaliseShortcut(typed: string): string {
  return foldFullWidth(typed)
    .trim()
    .replace(/^\/+\s*/, '')
    .toLowerCase()
}
export const TEMPLATES_FILE_FORMAT = 'vc-console/reply-templates'
export const TEMPLATES_FILE_VERSION = 1
/** Import files larger than this are refused before parsing. */
export const MAX_IMPORT_BYTES = 5_000_000
export const MAX_IMPORT_TEMPLATES = 2000

// ---------------------------------------------------------------------------------------------
// Purposes: replies that are not a playbook method.

export const REPLY_PURPOSES = ['greeting', 'ask-details', 'escalation', 'review-status', 'closing', 'follow-up'] as const
export type ReplyPurpose = (typeof REPLY_PURPOSES)[number]

/** The built-in template id serving each purpose. Custom templates serve one by the tag `purpose:<name>`. */
export const PURPOSE_TEMPLATE_IDS: Record<ReplyPurpose, string> = {
  greeting: 'greeting',
  'ask-details': 'ask-details',
  escalation: 'method.escalate.default',
  'review-status': 'review-status',
  closing: 'closing',
  'follow-up': 'follow-up',
}

/** i18n keys naming each purpose (for menus). */
export const PURPOSE_LABEL_KEYS: Record<ReplyPurpose, string> = {
  greeting: 'replies.purpose.greeting',
  'ask-details': 'replies.purpose.askDetails',
  escalation: 'replies.purpose.escalation',
  'review-status': 'replies.purpose.reviewStatus',
  closing: 'replies.purpose.closing',
  'follow-up': 'replies.purpose.followUp',
}

/** Canonical id of the built-in template for a method variant: `method.<methodId>.<variantId>`. */
export const methodTemplateId = (methodId: MethodId, variantId: string): string => `method.${methodId}.${variantId}`

// ---------------------------------------------------------------------------------------------
// Schema

const textSchema = (max: number) => z.strictObject({ en: z.string().max(max), 'zh-CN': z.string().max(max) })

const isVariantOf = (methodId: MethodId, variantId: string): boolean => (METHOD_VARIANTS[methodId] as readonly string[]).includes(variantId)

export const templateDataSchema = z
  .strictObject({
    id: z.string().regex(TEMPLATE_ID_PATTERN, 'id: lower-case letters, digits, ".", "_" or "-" (max 80)'),
    shortcut: z.string().regex(SHORTCUT_PATTERN, 'shortcut: lower-case letters, digits or "-" (max 32)'),
    title: z.strictObject({ en: z.string().trim().min(1).max(120), 'zh-CN': z.string().trim().min(1).max(120) }),
    tags: z.array(z.string().trim().min(1).max(40)).max(30),
    body: textSchema(MAX_BODY_CHARS),
    methodId: z.enum(METHOD_IDS).nullable(),
    variantId: z.string().min(1).max(40).nullable(),
    version: z.number().int().min(1).max(1_000_000),
    // Runtime fields tolerated in files (e.g. a raw database export) and ignored except `enabled`.
    enabled: z.boolean().optional(),
    builtIn: z.boolean().optional(),
    updatedAt: z.number().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.methodId === null && t.variantId !== null) {
      ctx.addIssue({ code: 'custom', path: ['variantId'], message: 'variantId needs a methodId' })
    }
    if (t.methodId !== null && (t.variantId === null || !isVariantOf(t.methodId, t.variantId))) {
      ctx.addIssue({
        code: 'custom',
        path: ['variantId'],
        message: `variantId must be one of ${METHOD_VARIANTS[t.methodId].join(', ')}`,
      })
    }
    if (t.body.en.trim() === '' && t.body['zh-CN'].trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'body is empty in both languages' })
    }
  })

const fileEnvelopeSchema = z.strictObject({
  format: z.literal(TEMPLATES_FILE_FORMAT),
  schemaVersion: z.literal(TEMPLATES_FILE_VERSION),
  exportedAt: z.string().optional(),
  templates: z.array(z.unknown()),
})

const toData = (t: z.infer<typeof templateDataSchema>): ImportedTemplate => ({
  id: t.id,
  shortcut: t.shortcut,
  title: { en: t.title.en, 'zh-CN': t.title['zh-CN'] },
  tags: [...t.tags],
  body: { en: t.body.en, 'zh-CN': t.body['zh-CN'] },
  methodId: t.methodId,
  variantId: t.variantId,
  version: t.version,
  enabled: t.enabled ?? true,
})

const formatPath = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('')

/**
 * Validates a list of template objects as a whole: shape, unique ids and shortcuts, Liquid syntax of
 * every body. The first problem refuses the whole list.
 */
export function parseTemplateList(items: readonly unknown[], pathPrefix = ''): Result<ImportedTemplate[]> {
  if (items.length === 0) return { ok: false, error: { key: 'replies.import.empty' } }
  if (items.length > MAX_IMPORT_TEMPLATES) {
    return { ok: false, error: { key: 'replies.import.tooMany', params: { max: MAX_IMPORT_TEMPLATES, count: items.length } } }
  }
  const out: ImportedTemplate[] = []
  const ids = new Set<string>()
  const shortcuts = new Set<string>()
  for (const [index, item] of items.entries()) {
    const parsed = templateDataSchema.safeParse(item)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return {
        ok: false,
        error: {
          key: 'replies.import.shape',
          params: {
            path: `${pathPrefix}[${index}]${issue ? (issue.path.length ? '.' : '') + formatPath(issue.path) : ''}`,
            detail: issue?.message ?? '',
          },
        },
      }
    }
    const t = toData(parsed.data)
    if (ids.has(t.id)) return { ok: false, error: { key: 'replies.import.duplicateId', params: { id: t.id } } }
    if (shortcuts.has(t.shortcut))
      return { ok: false, error: { key: 'replies.import.duplicateShortcut', params: { shortcut: t.shortcut } } }
    ids.add(t.id)
    shortcuts.add(t.shortcut)
    for (const language of LANGUAGES) {
      if (t.body[language].trim() === '') continue
      const compiled = compileBody(t.body[language])
      if (!compiled.ok) {
        return {
          ok: false,
          error: {
            key: 'replies.import.syntax',
            params: { id: t.id, language, ...(compiled.error.params ?? {}) },
          },
        }
      }
    }
    out.push(t)
  }
  return { ok: true, value: out }
}

/**
 * Reads an imported templates file: either an export from this console
 * (`{ format, schemaVersion, templates: [...] }`) or a bare array like resources/templates/defaults.json.
 * Refused whole, with the reason, if anything is wrong.
 */
export function parseTemplatesFile(text: string): Result<ImportedTemplate[]> {
  if (text.length > MAX_IMPORT_BYTES)
    return { ok: false, error: { key: 'replies.import.tooLarge', params: { mb: MAX_IMPORT_BYTES / 1_000_000 } } }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''))
  } catch (err) {
    return { ok: false, error: { key: 'replies.import.notJson', params: { detail: err instanceof Error ? err.message : String(err) } } }
  }
  if (Array.isArray(json)) return parseTemplateList(json)
  if (json !== null && typeof json === 'object' && 'templates' in json) {
    const envelope = fileEnvelopeSchema.safeParse(json)
    if (!envelope.success) {
      const issue = envelope.error.issues[0]
      return {
        ok: false,
        error: { key: 'replies.import.shape', params: { path: issue ? formatPath(issue.path) : '', detail: issue?.message ?? '' } },
      }
    }
    return parseTemplateList(envelope.data.templates, 'templates')
  }
  return { ok: false, error: { key: 'replies.import.notTemplates' } }
}

/** The export file (JSON text) for the given templates; `exportedAt` is epoch ms. */
export function exportTemplates(templates: readonly TemplateRecord[], exportedAt: number): string {
  const file = {
    format: TEMPLATES_FILE_FORMAT,
    schemaVersion: TEMPLATES_FILE_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    templates: templates.map((t) => ({ ...templateData(t), enabled: t.enabled })),
  }
  return JSON.stringify(file, null, 2) + '\n'
}

// ---------------------------------------------------------------------------------------------
// Defaults

function loadDefaults(): readonly TemplateData[] {
  const parsed = parseTemplateList(defaultsJson as unknown[])
  if (!parsed.ok) {
    // A broken bundled file is a build error; the defaults test catches it before release.
    throw new Error(`resources/templates/defaults.json is invalid: ${parsed.error.key} ${JSON.stringify(parsed.error.params ?? {})}`)
  }
  return parsed.value.map(({ enabled: _enabled, ...data }) => data)
}

/** The bundled default library (resources/templates/defaults.json), validated. */
export const DEFAULT_TEMPLATES: readonly TemplateData[] = loadDefaults()
const DEFAULTS_BY_ID = new Map(DEFAULT_TEMPLATES.map((t) => [t.id, t]))

export const isDefaultTemplateId = (id: string): boolean => DEFAULTS_BY_ID.has(id)

/** The template's own content (what a version, an export file and the defaults hold), without its flags. */
export const templateData = (t: TemplateRecord): TemplateData => ({
  id: t.id,
  shortcut: t.shortcut,
  title: t.title,
  tags: t.tags,
  body: t.body,
  methodId: t.methodId,
  variantId: t.variantId,
  version: t.version,
})

const cloneData = (t: TemplateData): TemplateData => ({
  ...t,
  title: { ...t.title },
  body: { ...t.body },
  tags: [...t.tags],
})

/** The default library as records, e.g. to seed an empty database. */
export function defaultTemplateRecords(now: number): TemplateRecord[] {
  return DEFAULT_TEMPLATES.map((t) => ({ ...cloneData(t), enabled: true, builtIn: true, updatedAt: now }))
}

// ---------------------------------------------------------------------------------------------
// Versioning

/** The fields an agent edits. */
export type TemplateEdit = Partial<Pick<TemplateRecord, 'shortcut' | 'title' | 'tags' | 'body' | 'methodId' | 'variantId' | 'enabled'>>

const CONTENT_KEYS = ['shortcut', 'title', 'tags', 'body', 'methodId', 'variantId', 'enabled'] as const
const sameContent = (a: TemplateEdit, b: TemplateEdit): boolean => CONTENT_KEYS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]))

/** Applies an edit; the version goes up by one when anything changed (the old version stays in history). */
export function reviseTemplate(current: TemplateRecord, edit: TemplateEdit, now: number): TemplateRecord {
  const next: TemplateRecord = { ...current, ...edit, updatedAt: now }
  if (sameContent(next, current)) return current
  return { ...next, version: current.version + 1 }
}

/** The history row for a saved state of a template. */
export function versionSnapshot(template: TemplateRecord, savedAt: number, agent: string): Omit<TemplateVersionRecord, 'id'> {
  const { updatedAt: _updatedAt, ...snapshot } = template
  return {
    templateId: template.id,
    version: template.version,
    snapshot: { ...snapshot, title: { ...snapshot.title }, body: { ...snapshot.body }, tags: [...snapshot.tags] },
    savedAt,
    agent,
  }
}

/** Restores an older version's content as a new version (history is never rewritten). */
export function restoreVersion(current: TemplateRecord, old: Pick<TemplateVersionRecord, 'snapshot'>, now: number): TemplateRecord {
  const s = old.snapshot
  return reviseTemplate(
    current,
    { shortcut: s.shortcut, title: s.title, tags: s.tags, body: s.body, methodId: s.methodId, variantId: s.variantId, enabled: s.enabled },
    now,
  )
}

/** Resets a built-in template to the bundled default as a new version; null if the id has no default. */
export function resetToDefault(current: TemplateRecord, now: number): TemplateRecord | null {
  const d = DEFAULTS_BY_ID.get(current.id)
  if (!d) return null
  const c = cloneData(d)
  return reviseTemplate(
    { ...current, builtIn: true },
    { shortcut: c.shortcut, title: c.title, tags: c.tags, body: c.body, methodId: c.methodId, variantId: c.variantId, enabled: true },
    now,
  )
}

/** True if a built-in template's content differs from the bundled default. */
export function differsFromDefault(t: TemplateRecord): boolean {
  const d = DEFAULTS_BY_ID.get(t.id)
  return d !== undefined && !sameContent({ ...d, enabled: true }, t)
}

export interface ImportPlan {
  /** New ids. */
  add: TemplateRecord[]
  /** Existing ids whose content changes: a new version of each. */
  update: TemplateRecord[]
  /** Existing ids whose content is identical. */
  unchanged: string[]
}

/** How an accepted import applies to the current library (pure; the store writes it in one transaction). */
export function planImport(current: readonly TemplateRecord[], imported: readonly ImportedTemplate[], now: number): ImportPlan {
  const byId = new Map(current.map((t) => [t.id, t]))
  const plan: ImportPlan = { add: [], update: [], unchanged: [] }
  for (const t of imported) {
    const existing = byId.get(t.id)
    if (!existing) {
      plan.add.push({ ...t, builtIn: isDefaultTemplateId(t.id), updatedAt: now })
      continue
    }
    const revised = reviseTemplate(existing, t, now)
    if (revised === existing) plan.unchanged.push(t.id)
    else plan.update.push(revised)
  }
  return plan
}

// ---------------------------------------------------------------------------------------------
// Choosing

export interface TemplateChoice {
  template: TemplateRecord
  /** False when a more generic variant's template stands in. */
  exact: boolean
}

/** Variants to try, most specific first: the variant, then the method's generic variant(s). */
export function variantFallbacks(methodId: MethodId, variantId: string | null): string[] {
  const generic: Record<MethodId, string[]> = {
    'sms-blocking': variantId?.startsWith('android-') ? ['android-generic', 'generic'] : ['generic'],
    'carrier-sms': ['other'],
    'email-code': ['other'],
    'rebind-phone': ['default'],
    authenticator: ['default'],
    'network-time': ['default'],
    escalate: ['default'],
  }
  const chain = [...(variantId ? [variantId] : []), ...generic[methodId]]
  return chain.filter((v, i) => chain.indexOf(v) === i)
}

function pick(candidates: TemplateRecord[], canonicalId: string): TemplateRecord | undefined {
  return candidates.find((t) => t.id === canonicalId) ?? [...candidates].sort((a, b) => a.id.localeCompare(b.id))[0]
}

/** The enabled template for a playbook step (method + variant), falling back to the method's generic variant. */
export function chooseTemplate(
  templates: readonly TemplateRecord[],
  step: { methodId: MethodId; variantId: string | null },
): TemplateChoice | null {
  const chain = variantFallbacks(step.methodId, step.variantId)
  for (const [i, variant] of chain.entries()) {
    const candidates = templates.filter((t) => t.enabled && t.methodId === step.methodId && t.variantId === variant)
    const found = pick(candidates, methodTemplateId(step.methodId, variant))
    if (found) return { template: found, exact: i === 0 && step.variantId !== null }
  }
  return null
}

/** The purpose a template serves, if any (built-in id, or a `purpose:<name>` tag). */
export function templatePurpose(t: Pick<TemplateRecord, 'id' | 'tags'>): ReplyPurpose | null {
  for (const p of REPLY_PURPOSES) {
    if (t.id === PURPOSE_TEMPLATE_IDS[p] || t.tags.includes(`purpose:${p}`)) return p
  }
  return null
}

/** The enabled template for a purpose: the built-in one first, else the first tagged `purpose:<name>`. */
export function chooseTemplateForPurpose(templates: readonly TemplateRecord[], purpose: ReplyPurpose): TemplateRecord | null {
  const enabled = templates.filter((t) => t.enabled)
  return enabled.find((t) => t.id === PURPOSE_TEMPLATE_IDS[purpose]) ?? enabled.find((t) => t.tags.includes(`purpose:${purpose}`)) ?? null
}

// ---------------------------------------------------------------------------------------------
// Whole-template validation for the editor

/** Problems with a template as the editor would save it: fields, both language versions, syntax, placeholders. */
export function validateTemplate(t: TemplateData, others: readonly Pick<TemplateRecord, 'id' | 'shortcut'>[] = []): Problem[] {
  const problems: Problem[] = []
  const parsed = templateDataSchema.safeParse(t)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ key: 'replies.template.invalidField', params: { path: formatPath(issue.path), detail: issue.message } })
    }
  }
  if (others.some((o) => o.id !== t.id && o.shortcut === t.shortcut)) {
    problems.push({ key: 'replies.template.shortcutTaken', params: { shortcut: t.shortcut } })
  }
  // no verification code, authenticator key or ID number in any of its texts (each named, bodies by language)
  for (const found of secretsIn({ shortcut: t.shortcut, title: t.title, tags: t.tags, body: t.body })) {
    const language = /^body\.(.+)$/.exec(found.path)?.[1]
    problems.push(storedSecretProblem('templates', [found], undefined, language ? { language } : {}))
  }
  for (const language of LANGUAGES) {
    const body = t.body[language] ?? ''
    if (body.trim() === '') {
      problems.push({ key: 'replies.problem.missingLanguage', params: { language, template: t.id } })
      continue
    }
    const compiled = compileBody(body)
    if (!compiled.ok) {
      problems.push({ ...compiled.error, params: { ...(compiled.error.params ?? {}), language } })
      continue
    }
    for (const p of compiled.value.unknownPlaceholders) {
      problems.push({ key: 'replies.problem.unknownPlaceholder', params: { name: p.name, line: p.line, column: p.column, language } })
    }
  }
  return problems
}
