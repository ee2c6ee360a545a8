/**
 * Turns audit events into a description the timeline can render: translated field names and values as
 * i18n keys, times and dates as numbers/ISO strings, user text as text (flagged when long). Pure: no Vue,
 * no i18n instance; the view does the translating.
 */
import { LANGUAGES, METHOD_IDS, type EventRecord, type Language, type MethodId } from '../model'

/** Notes and texts longer than this are shown truncated, with a way to expand. */
export const LONG_TEXT = 160

export type Display =
  | { kind: 'empty' }
  | { kind: 'text'; text: string; long: boolean; mono?: boolean }
  | { kind: 'phone'; e164: string }
  | { kind: 'term'; key: string; raw: string }
  /** A method's variant (`android-builtin`): shown in words (export/labels.ts `variantLabelOf`). */
  | { kind: 'variant'; methodId: MethodId; id: string }
  /** `calendar`: a review's own time (submitted, paused, closed), shown in the business calendar's zone as the review shows it. */
  | { kind: 'time'; ms: number; calendar?: boolean }
  | { kind: 'date'; iso: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'list'; items: Display[] }
  | { kind: 'pause'; start: number | null; end: number | null; calendar?: boolean }
  | { kind: 'promised'; submitted: string; expectedFrom: string; dueBy: string }
  /** What a sent reply was made from: a template (its id, shown by its title) and version, or free text. */
  | { kind: 'reply'; templateId: string | null; version: number | null; language: Language }

export interface FieldLabel {
  /** i18n key of the field's name. */
  key: string
  /** The raw field path, shown when the key has no translation. */
  raw: string
  /** For checklist fields (`sms-blocking.status`): the method they belong to. */
  method: MethodId | null
}

export interface DescribedChange {
  field: FieldLabel
  from: Display
  to: Display
}

export interface DescribedEvent {
  id: number | undefined
  at: number
  agent: string
  entity: string
  action: string
  /** i18n key of the headline, e.g. `audit.action.case.updated`. */
  titleKey: string
  changes: DescribedChange[]
  note: Display
}

const isMethod = (s: string): s is MethodId => (METHOD_IDS as readonly string[]).includes(s)

/** Where a field's values are translated: value `v` reads `${ns}.${v}`. */
const TERMS: Record<string, string> = {
  channels: 'case.channel',
  operation: 'case.operation',
  symptom: 'case.symptom',
  phoneOs: 'case.phoneOs',
  blockingApp: 'case.blockingApp',
  carrier: 'case.carrier',
  emailProvider: 'case.emailProvider',
  boundMethods: 'case.bound',
  unavailableMethods: 'case.bound',
  language: 'case.language',
  status: 'case.status',
  resolvedBy: 'audit.method',
  methodsTried: 'audit.method',
  methodId: 'audit.method',
  state: 'audit.value.reviewState',
  outcome: 'audit.value.outcome',
}

/** Case fields named in the `case.fields` namespace (the same words as the case page). */
const CASE_FIELDS: Record<string, string> = {
  uid: 'uid',
  phoneE164: 'phone',
  email: 'email',
  channels: 'channels',
  operation: 'operation',
  symptom: 'symptom',
  phoneOs: 'phoneOs',
  blockingApp: 'blockingApp',
  carrier: 'carrier',
  emailProvider: 'emailProvider',
  boundMethods: 'boundMethods',
  unavailableMethods: 'unavailableMethods',
  language: 'language',
  notes: 'notes',
  status: 'status',
  resolvedBy: 'resolvedBy',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
}

const TIME_FIELD = /(At|^at|^start|^end)$/
const TEXT_FIELDS = new Set(['notes', 'note', 'description', 'reason', 'text'])
const MONO_FIELDS = new Set(['uid', 'email', 'reference', 'registeredContact', 'caseNumber'])

/** Splits `sms-blocking.status` / `case.status` / `alerted.atRisk` into where it belongs and the field. */
export function fieldLabel(path: string): FieldLabel {
  const [head, ...rest] = path.split('.')
  const tail = rest.join('.')
  if (head && rest.length > 0 && isMethod(head)) return { key: `audit.field.attempt.${tail}`, raw: path, method: head }
  const name = head === 'case' && rest.length > 0 ? tail : path
  const caseField = CASE_FIELDS[name]
  if (caseField) return { key: `case.fields.${caseField}`, raw: path, method: null }
  return { key: `audit.field.${name}`, raw: path, method: null }
}

/** The field's own name, without a method or `case.` prefix (what decides how its values read). */
function leaf(path: string): string {
  const parts = path.split('.')
  const head = parts[0] ?? ''
  if (parts.length > 1 && (isMethod(head) || head === 'case')) return parts.slice(1).join('.')
  return path
}

export function describeValue(path: string, value: unknown): Display {
  const name = leaf(path)
  const last = name.split('.').at(-1) ?? name
  if (value === null || value === undefined || value === '') return { kind: 'empty' }
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'empty' }
    return { kind: 'list', items: value.map((v) => describeValue(name, v)) }
  }
  const method = path.includes('.') ? (path.split('.')[0] ?? '') : ''
  if (name === 'status' && isMethod(method)) {
    return { kind: 'term', key: `playbook.status.${String(value)}`, raw: String(value) }
  }
  if (name === 'variantId' && isMethod(method) && typeof value === 'string') return { kind: 'variant', methodId: method, id: value }
  if (typeof value === 'string') {
    const ns = TERMS[last]
    if (ns) return { kind: 'term', key: `${ns}.${value}`, raw: value }
    if (name === 'phoneE164') return { kind: 'phone', e164: value }
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { kind: 'date', iso: value }
    return {
      kind: 'text',
      text: value,
      long: value.length > LONG_TEXT || (TEXT_FIELDS.has(last) && value.includes('\n')),
      mono: MONO_FIELDS.has(last),
    }
  }
  if (typeof value === 'boolean') return { kind: 'bool', value }
  if (typeof value === 'number') {
    if (TIME_FIELD.test(last) || name.startsWith('alerted.')) return { kind: 'time', ms: value }
    return { kind: 'number', value }
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>
    if (('start' in o || 'end' in o) && Object.keys(o).every((k) => ['start', 'end', 'reason'].includes(k))) {
      return {
        kind: 'pause',
        start: typeof o['start'] === 'number' ? o['start'] : null,
        end: typeof o['end'] === 'number' ? o['end'] : null,
      }
    }
    if (typeof o['submitted'] === 'string' && typeof o['expectedFrom'] === 'string' && typeof o['dueBy'] === 'string') {
      return { kind: 'promised', submitted: o['submitted'], expectedFrom: o['expectedFrom'], dueBy: o['dueBy'] }
    }
    const text = JSON.stringify(value)
    return { kind: 'text', text, long: text.length > LONG_TEXT, mono: true }
  }
  return { kind: 'text', text: String(value), long: false }
}

/** Changes the headline already says ("Moved to the trash" needs no "in the trash since" line). */
const SAID_BY_TITLE: Record<string, readonly string[]> = {
  'case.deleted': ['deletedAt'],
  'case.restored': ['deletedAt'],
}

/** A reply-sent note as stored (`method.carrier-sms.china-mobile v1 (en)`, `free text (zh-CN)`). */
const REPLY_NOTE = /^(?:(\S+) v(\d+|\?)|free text) \(([\w-]+)\)$/

/** The note of a sent reply read back into what it was made from, or null for any other note. */
export function replyNote(note: string): Display | null {
  const m = REPLY_NOTE.exec(note)
  const language = m?.[3]
  if (!m || !(LANGUAGES as readonly string[]).includes(language ?? '')) return null
  return {
    kind: 'reply',
    templateId: m[1] ?? null,
    version: m[2] === undefined || m[2] === '?' ? null : Number(m[2]),
    language: language as Language,
  }
}

/** A review's times (and those inside lists) marked to be read in the calendar's zone. */
function inCalendarZone(d: Display): Display {
  if (d.kind === 'time' || d.kind === 'pause') return { ...d, calendar: true }
  if (d.kind === 'list') return { kind: 'list', items: d.items.map(inCalendarZone) }
  return d
}

export function describeEvent(e: EventRecord): DescribedEvent {
  const implied = SAID_BY_TITLE[`${e.entity}.${e.action}`] ?? []
  const value = e.entity === 'review' ? (field: string, v: unknown) => inCalendarZone(describeValue(field, v)) : describeValue
  return {
    id: e.id,
    at: e.at,
    agent: e.agent,
    entity: e.entity,
    action: e.action,
    titleKey: `audit.action.${e.entity}.${e.action}`,
    changes: (e.changes ?? [])
      .filter((c) => !implied.includes(c.field))
      .map((c) => ({ field: fieldLabel(c.field), from: value(c.field, c.from), to: value(c.field, c.to) })),
    note: !e.note
      ? { kind: 'empty' }
      : ((e.entity === 'reply' && e.action === 'sent' ? replyNote(e.note) : null) ?? {
          kind: 'text',
          text: e.note,
          long: e.note.length > LONG_TEXT || e.note.includes('\n'),
        }),
  }
}
