/**
 * Every text the console stores, and the one rule for all of it: no verification code, authenticator key or
 * ID number is ever stored. The data layer (src/data/secretGuard.ts) runs `secretsIn` on every record
 * written to any table, so no field can be forgotten; this catalogue names each stored text field (for
 * the refusal message) and says which ones an agent types into (each of those forms shows the guard's
 * warning while typing, with one-click removal). A test derives every string field from the record
 * schemas (records.ts) and the settings values, and fails for a field missing here.
 */
import type { z } from 'zod'
import { findSecrets, redactSecrets, SECRET_KIND_I18N, type SecretFinding, type SecretKind } from './secrets'
import type { Language } from '../model'
import type { Problem } from '../result'

/**
 * - `free`: typed by an agent (or read from a file an agent chose): the form warns while typing and offers
 *   removal; the data layer refuses.
 * - `checked`: typed, but held to a strict format (digits of a UID, an email, an E.164 number) before it is
 *   stored; the data layer still refuses a secret.
 * - `generated`: made by the console (case numbers, ids, enumerations, copies of other fields in the audit
 *   trail); the data layer still refuses a secret.
 */
export type StoredTextKind = 'free' | 'checked' | 'generated'

export interface StoredTextField {
  kind: StoredTextKind
  /** i18n key of the field's name, as the form labels it. */
  label: string
}

const free = (label: string): StoredTextField => ({ kind: 'free', label })
const checked = (label: string): StoredTextField => ({ kind: 'checked', label })
const generated = (label = 'guard.fields.record'): StoredTextField => ({ kind: 'generated', label })

/**
 * Stored text fields by table and path (`[]` for an array element, `{}` for a record value), plus the
 * settings by key (`settings:<key>.<path>`) and browser storage (`storage:<key>`).
 */
export const STORED_TEXT_FIELDS = {
  'cases.caseNumber': generated('case.fields.caseNumber'),
  'cases.uid': checked('case.fields.uid'),
  'cases.phoneE164': checked('case.fields.phone'),
  'cases.phoneRev': generated('case.fields.phone'),
  'cases.email': checked('case.fields.email'),
  'cases.emailLower': generated('case.fields.email'),
  'cases.channels[]': generated(),
  'cases.operation': generated(),
  'cases.symptom': generated(),
  'cases.phoneOs': generated(),
  'cases.blockingApp': generated(),
  'cases.carrier': generated(),
  'cases.emailProvider': generated(),
  'cases.boundMethods[]': generated(),
  'cases.unavailableMethods[]': generated(),
  'cases.language': generated(),
  'cases.notes': free('case.fields.notes'),
  'cases.status': generated(),
  'cases.agent': free('guard.fields.agentName'),
  'cases.resolvedBy': generated(),
  // team sync (v3): the wire id, and who last changed it as the server stamps it
  'cases.syncId': generated(),
  'cases.updatedBy': generated('guard.fields.agentName'),

  'attempts.methodId': generated(),
  'attempts.status': generated(),
  'attempts.variantId': generated(),
  'attempts.steps[]': generated(),
  'attempts.note': free('guard.fields.checklistNote'),
  'attempts.agent': free('guard.fields.agentName'),
  // team sync (v3): the wire id, and who last changed it as the server stamps it
  'attempts.syncId': generated(),
  'attempts.updatedBy': generated('guard.fields.agentName'),

  'replies.templateId': generated(),
  'replies.language': generated(),
  'replies.text': free('guard.fields.reply'),
  'replies.agent': free('guard.fields.agentName'),
  'replies.promised.submitted': generated(),
  'replies.promised.expectedFrom': generated(),
  'replies.promised.dueBy': generated(),
  // team sync (v3): the wire id, and who last changed it as the server stamps it
  'replies.syncId': generated(),
  'replies.updatedBy': generated('guard.fields.agentName'),

  'reviews.state': generated(),
  'reviews.registeredContact': free('reviews.form.contact'),
  'reviews.uid': free('case.fields.uid'),
  'reviews.description': free('reviews.form.description'),
  'reviews.methodsTried[]': generated(),
  'reviews.reference': free('reviews.form.reference'),
  'reviews.pauses[].reason': free('reviews.panel.reason'),
  'reviews.outcome': generated(),
  'reviews.agent': free('guard.fields.agentName'),
  // team sync (v3): the wire id, and who last changed it as the server stamps it
  'reviews.syncId': generated(),
  'reviews.updatedBy': generated('guard.fields.agentName'),

  'templates.id': generated('guard.fields.templateId'),
  'templates.shortcut': free('guard.fields.templateShortcut'),
  'templates.title.en': free('guard.fields.templateTitleEn'),
  'templates.title.zh-CN': free('guard.fields.templateTitleZh'),
  'templates.tags[]': free('guard.fields.templateTags'),
  'templates.body.en': free('guard.fields.templateBodyEn'),
  'templates.body.zh-CN': free('guard.fields.templateBodyZh'),
  'templates.methodId': generated(),
  'templates.variantId': generated(),

  'templateVersions.templateId': generated('guard.fields.templateId'),
  'templateVersions.snapshot.id': generated('guard.fields.templateId'),
  'templateVersions.snapshot.shortcut': free('guard.fields.templateShortcut'),
  'templateVersions.snapshot.title.en': free('guard.fields.templateTitleEn'),
  'templateVersions.snapshot.title.zh-CN': free('guard.fields.templateTitleZh'),
  'templateVersions.snapshot.tags[]': free('guard.fields.templateTags'),
  'templateVersions.snapshot.body.en': free('guard.fields.templateBodyEn'),
  'templateVersions.snapshot.body.zh-CN': free('guard.fields.templateBodyZh'),
  'templateVersions.snapshot.methodId': generated(),
  'templateVersions.snapshot.variantId': generated(),
  'templateVersions.agent': free('guard.fields.agentName'),

  'settings.key': generated(),
  // any value: each setting's value is listed below under its key
  'settings.value:*': generated(),
  // the audit trail: copies of the fields above (`from` values are redacted, never refused: see secretGuard.ts)
  'events.agent': free('guard.fields.agentName'),
  'events.entity': generated(),
  'events.entityId': generated(),
  'events.action': generated(),
  'events.changes[].field': generated(),
  'events.changes[].from:*': generated('guard.fields.history'),
  'events.changes[].to:*': generated('guard.fields.history'),
  'events.note': generated('guard.fields.history'),
  // team sync (v3): the wire id, and who last changed it as the server stamps it
  'events.syncId': generated(),
  'events.updatedBy': generated('guard.fields.agentName'),

  // team sync's local bookkeeping (db.ts v3; see secretGuard.ts): the outbox holds copies of guarded rows,
  // the checkpoint and reserved ids are generated (none checked again); notices are redacted as written
  'outbox.*': generated(),
  'syncState.*': generated(),
  'syncNotices.*': generated('guard.fields.record'),
  'syncReserved.*': generated(),

  // settings values, by key
  'settings:prefs.agentName': free('guard.fields.agentName'),
  'settings:prefs.uiLocale': generated(),
  'settings:prefs.theme': generated(),
  // recorded from key presses and checked as an Electron accelerator
  'settings:prefs.globalShortcut': checked('desktop.shortcut.label'),
  'settings:businessCalendar.version': generated(),
  'settings:businessCalendar.timeZone': checked('guard.fields.timeZone'),
  'settings:businessCalendar.basedOn': generated(),
  'settings:businessCalendar.holidays{}': free('guard.fields.calendarName'),
  'settings:businessCalendar.extraWorkingDays{}': free('guard.fields.calendarName'),
  'settings:playbook.files[].file': free('guard.fields.playbookFile'),
  'settings:playbook.files[].text': free('guard.fields.playbookFile'),
  'settings:playbook.installed.agent': free('guard.fields.agentName'),

  // browser storage (drafts are written by useDraft, which redacts every string it stores)
  'storage:draft:intake': free('guard.fields.draft'),
  'storage:draft:case': free('guard.fields.draft'),
  'storage:draft:template': free('guard.fields.draft'),
  'storage:console.autoBackup': generated(),
  // per-window drafts (useDraft.ts): this window's id (sessionStorage) and when each window was last alive
  'storage:console.windowId': generated(),
  'storage:draft-windows': generated(),
} as const satisfies Record<string, StoredTextField>

export type StoredTextPath = keyof typeof STORED_TEXT_FIELDS

/** `pauses.0.reason` → `pauses[].reason`: the catalogue's form of a concrete path. */
export function fieldPattern(table: string, path: string, recordKeys: ReadonlySet<string> = new Set()): string {
  const parts = path.split('.').filter((p) => p !== '')
  const out: string[] = []
  for (const p of parts) {
    if (/^\d+$/.test(p)) out[out.length - 1] = `${out[out.length - 1] ?? ''}[]`
    else if (recordKeys.has(out.join('.'))) out[out.length - 1] = `${out[out.length - 1] ?? ''}{}`
    else out.push(p)
  }
  return `${table}.${out.join('.')}`
}

/** The catalogue path of a stored text (a settings value is looked up under its key), or null if none. */
export function storedTextPattern(table: string, path: string, settingKey?: string): StoredTextPath | null {
  const entries = STORED_TEXT_FIELDS as Record<string, StoredTextField>
  const inValue = settingKey !== undefined && /^value(\.|$)/.test(path)
  const exact = inValue ? `settings:${settingKey}.${path.replace(/^value\.?/, '')}` : fieldPattern(table, path)
  const normal = exact.replace(/\.\d+(?=\.|$)/g, '[]')
  // record values: holidays.2026-10-01 → holidays{}
  const record = normal.replace(/\.[^.[\]]+$/, '{}')
  const found = [exact, normal, record].find((k) => k in entries) ?? anyValuePattern(entries, normal)
  return (found as StoredTextPath | undefined) ?? null
}

/** The `path:*` entry (any value stored there) a path lies in: `events.changes[].to[]` → `events.changes[].to:*`. */
function anyValuePattern(entries: Record<string, StoredTextField>, path: string): string | undefined {
  for (let p = path; /[.[{]/.test(p); p = p.replace(/(\.[^.]*|\[\]|\{\})$/, '')) if (`${p}:*` in entries) return `${p}:*`
  return undefined
}

/** The catalogue entry of a stored text (a settings value is looked up under its key). */
export function storedTextField(table: string, path: string, settingKey?: string): StoredTextField {
  const pattern = storedTextPattern(table, path, settingKey)
  return pattern ? STORED_TEXT_FIELDS[pattern] : generated()
}

/** One stored string holding secrets: where (a path in the record, `pauses.0.reason`) and what. */
export interface StoredSecret {
  path: string
  findings: SecretFinding[]
}

/**
 * Every string in a value with its path (`notes`, `pauses.0.reason`, `title.en`, `holidays.2026-10-01`).
 * Object keys are not visited: only values are stored text. Cycles are not followed.
 */
export function textLeaves(value: unknown, visit: (path: string, text: string) => void, path = '', seen = new Set<object>()): void {
  if (typeof value === 'string') {
    visit(path, value)
    return
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return
  seen.add(value)
  if (Array.isArray(value)) value.forEach((v, i) => textLeaves(v, visit, path ? `${path}.${i}` : String(i), seen))
  else for (const [k, v] of Object.entries(value)) textLeaves(v, visit, path ? `${path}.${k}` : k, seen)
}

/**
 * The secrets in every string of a value (a record, a settings value, a draft). `skip(path)` leaves a
 * path out (an unchanged field); `before`: texts that were already stored and are not looked at again
 * (a record written before the guard existed must stay editable).
 */
export function secretsIn(value: unknown, skip?: (path: string) => boolean, before?: ReadonlySet<string>): StoredSecret[] {
  const out: StoredSecret[] = []
  textLeaves(value, (path, text) => {
    if (skip?.(path) || before?.has(text)) return
    const findings = findSecrets(text)
    if (findings.length > 0) out.push({ path, findings })
  })
  return out
}

const PRIORITY: Record<SecretKind, number> = { 'id-number': 3, 'authenticator-key': 2, 'verification-code': 1 }

/**
 * The refusal of a stored text holding secrets: `guard.stored` (under `errors.`) with the field's name as
 * an i18n key (`fieldKey`), the most serious kind found (`kindKey`), how many (`count`) and where (`path`,
 * `<table>.<path in the record>`). Extra `params` (a body's `language`) are kept.
 */
export function storedSecretProblem(
  table: string,
  found: readonly StoredSecret[],
  settingKey?: string,
  params: Record<string, string | number> = {},
): Problem {
  const first = found[0]
  const all = found.flatMap((s) => s.findings)
  const worst = all.reduce<SecretFinding | null>((a, b) => (a && PRIORITY[a.kind] >= PRIORITY[b.kind] ? a : b), null)
  return {
    key: 'errors.guard.stored',
    params: {
      ...params,
      fieldKey: storedTextField(table, first?.path ?? '', settingKey).label,
      kindKey: `guard.kinds.${SECRET_KIND_I18N[worst?.kind ?? 'verification-code']}`,
      count: all.length,
      path: `${table}.${first?.path ?? ''}`,
    },
  }
}

/** Every string of a plain value with its secrets replaced (a draft before it goes to browser storage). */
export function redactDeep<T>(value: T, language: Language = 'en'): T {
  if (typeof value === 'string') return (findSecrets(value).length > 0 ? redactSecrets(value, undefined, language) : value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, language)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, language)
    return out as T
  }
  return value
}

// ---------------------------------------------------------------------------------------------------
// deriving the string fields of a zod schema (for the completeness test)

interface ZodDefLike {
  type: string
  shape?: Record<string, z.core.$ZodType>
  element?: z.core.$ZodType
  innerType?: z.core.$ZodType
  options?: z.core.$ZodType[]
  valueType?: z.core.$ZodType
  in?: z.core.$ZodType
  out?: z.core.$ZodType
  items?: z.core.$ZodType[]
}

const defOf = (schema: z.core.$ZodType): ZodDefLike => (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def

/**
 * Paths of the text a schema lets through, in the catalogue's form: `notes`, `pauses[].reason`,
 * `holidays{}`; `*` where any value may be stored (z.unknown / z.any), with the path before it.
 */
export function textPaths(schema: z.core.$ZodType, path = ''): string[] {
  const def = defOf(schema)
  const join = (p: string): string => (path ? `${path}.${p}` : p)
  switch (def.type) {
    case 'string':
    case 'enum':
    case 'literal':
    case 'template_literal':
      return [path]
    case 'unknown':
    case 'any':
      return [path ? `${path}:*` : '*']
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([k, s]) => textPaths(s, join(k)))
    case 'array':
      return def.element ? textPaths(def.element, `${path}[]`) : []
    case 'record':
      return def.valueType ? textPaths(def.valueType, `${path}{}`) : []
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return def.innerType ? textPaths(def.innerType, path) : []
    case 'pipe':
      return [...(def.in ? textPaths(def.in, path) : []), ...(def.out ? textPaths(def.out, path) : [])]
    case 'union':
      return [...new Set((def.options ?? []).flatMap((o) => textPaths(o, path)))]
    case 'tuple':
      return [...new Set((def.items ?? []).flatMap((o) => textPaths(o, `${path}[]`)))]
    default:
      return []
  }
}
