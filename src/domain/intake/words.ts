/**
 * The words chat intake looks for, as data (`resources/intake/intake.<language>.json`), validated with zod
 * so a support lead can extend them without code (see resources/intake/README.md). Every file applies to
 * every chat, whatever its language: a Chinese user may write "iPhone" and an English one "10086".
 */
import { z } from 'zod'
import {
  BLOCKING_APPS,
  CARRIERS,
  CHANNELS,
  EMAIL_PROVIDERS,
  LANGUAGES,
  METHOD_IDS,
  OPERATIONS,
  PHONE_OSES,
  SYMPTOMS,
  type AttemptStatus,
  type BlockingApp,
  type Carrier,
  type Channel,
  type EmailProvider,
  type Language,
  type MethodId,
  type Operation,
  type PhoneOs,
  type Symptom,
} from '../model'
import { describeField } from '../playbook/content'
import { termKey } from './text'

/** The case fields whose values are recognised from words. */
export const WORD_FIELDS = ['carrier', 'phoneOs', 'blockingApp', 'channel', 'symptom', 'operation', 'emailProvider'] as const
export type WordField = (typeof WORD_FIELDS)[number]

export interface WordFieldValues {
  carrier: Carrier
  phoneOs: PhoneOs
  blockingApp: BlockingApp
  channel: Channel
  symptom: Symptom
  operation: Operation
  emailProvider: EmailProvider
}

/** The outcomes a user can report for a method on their own ("I already called 10086"). */
export const TRIED_OUTCOMES = ['failed', 'resolved', 'declined', 'not-applicable'] as const satisfies readonly AttemptStatus[]
export type TriedOutcome = (typeof TRIED_OUTCOMES)[number]

export interface WordEntry {
  words: string[]
  /** Longer phrases that contain a word but mean something else (移动数据 is not China Mobile). */
  not: string[]
}

export interface TriedEntry extends WordEntry {
  method: MethodId
  outcome: TriedOutcome
}

export type LabelKind = 'uid' | 'phone'

/** All files merged: what the extractor uses. */
export interface IntakeWords {
  /** One per file, e.g. `{ en: 1, 'zh-CN': 1 }`. */
  versions: Partial<Record<Language, number>>
  labels: Record<LabelKind, string[]>
  fillers: string[]
  joiners: string[]
  negations: string[]
  fields: { [F in WordField]: Array<{ value: WordFieldValues[F]; entry: WordEntry }> }
  tried: TriedEntry[]
}

export interface IntakeWordsIssue {
  file: string
  field: string
  message: string
}

export type IntakeWordsResult = { ok: true; value: IntakeWords } | { ok: false; issues: IntakeWordsIssue[] }

export const formatIntakeWordsIssue = (i: IntakeWordsIssue): string => `${i.file}: ${i.field}: ${i.message}`

// ---------------------------------------------------------------- schema

const term = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'at most 80 characters')
  .refine((s) => !s.startsWith('*') && !s.endsWith('*') && !s.includes('**'), '`*` goes between two parts of a phrase, once')
const terms = z.array(term).max(500, 'at most 500 words')

const entry = z.strictObject({ words: terms.min(1, 'needs at least one word'), not: terms.default([]) })
const valueMap = <T extends string>(values: readonly [T, ...T[]]) => z.partialRecord(z.enum(values), entry)

const fileSchema = z.strictObject({
  version: z.number().int().positive(),
  language: z.enum(LANGUAGES),
  labels: z.strictObject({ uid: terms, phone: terms }),
  fillers: terms,
  joiners: terms,
  negations: terms,
  fields: z.strictObject({
    carrier: valueMap(CARRIERS),
    phoneOs: valueMap(PHONE_OSES),
    blockingApp: valueMap(BLOCKING_APPS),
    channel: valueMap(CHANNELS),
    symptom: valueMap(SYMPTOMS),
    operation: valueMap(OPERATIONS),
    emailProvider: valueMap(EMAIL_PROVIDERS),
  }),
  tried: z
    .array(
      z.strictObject({
        method: z.enum(METHOD_IDS),
        outcome: z.enum(TRIED_OUTCOMES),
        words: terms.min(1, 'needs at least one word'),
        not: terms.default([]),
      }),
    )
    .max(200),
})
type IntakeFile = z.infer<typeof fileSchema>

export interface IntakeWordsSource {
  file: string
  data: unknown
}

function zodIssues(file: string, input: unknown, error: z.ZodError): IntakeWordsIssue[] {
  const out: IntakeWordsIssue[] = []
  for (const iss of error.issues) {
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys)
        out.push({ file, field: describeField(input, [...iss.path, key]), message: 'unknown field (check its spelling)' })
    } else out.push({ file, field: describeField(input, iss.path), message: iss.message })
  }
  return out
}

const uniq = (xs: readonly string[]): string[] => {
  const seen = new Set<string>()
  return xs.filter((x) => {
    const k = termKey(x)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/**
 * Validates and merges the words files (any number, one language each, no language twice). Fails with
 * every problem found, each naming its file and field: a schema problem, or one word given two different
 * values of one field (`"移动"` both China Mobile and China Unicom), which would make the result depend
 * on the order of the files.
 */
export function loadIntakeWords(sources: readonly IntakeWordsSource[]): IntakeWordsResult {
  const issues: IntakeWordsIssue[] = []
  const files: Array<{ file: string; data: IntakeFile }> = []
  const languages = new Map<Language, string>()
  for (const s of sources) {
    const r = fileSchema.safeParse(s.data)
    if (!r.success) {
      issues.push(...zodIssues(s.file, s.data, r.error))
      continue
    }
    const other = languages.get(r.data.language)
    if (other) issues.push({ file: s.file, field: 'language', message: `${other} is already the ${r.data.language} file` })
    languages.set(r.data.language, s.file)
    files.push({ file: s.file, data: r.data })
  }
  if (sources.length === 0) issues.push({ file: '(none)', field: '(file)', message: 'no words file' })

  const words: IntakeWords = {
    versions: {},
    labels: { uid: [], phone: [] },
    fillers: [],
    joiners: [],
    negations: [],
    fields: { carrier: [], phoneOs: [], blockingApp: [], channel: [], symptom: [], operation: [], emailProvider: [] },
    tried: [],
  }
  // field -> term key -> [value, where] of the first file that used it
  const owners = new Map<string, { value: string; where: string }>()
  for (const { file, data } of files) {
    words.versions[data.language] = data.version
    words.labels.uid.push(...data.labels.uid)
    words.labels.phone.push(...data.labels.phone)
    words.fillers.push(...data.fillers)
    words.joiners.push(...data.joiners)
    words.negations.push(...data.negations)
    for (const field of WORD_FIELDS) {
      const map = data.fields[field] as Partial<Record<string, { words: string[]; not: string[] }>>
      for (const [value, e] of Object.entries(map)) {
        if (!e) continue
        e.words.forEach((w, i) => {
          const key = `${field}\u0000${termKey(w)}`
          const seen = owners.get(key)
          if (seen && seen.value !== value) {
            issues.push({
              file,
              field: `fields.${field}.${value}.words[${i}]`,
              message: `"${w}" is already a word for ${field} "${seen.value}" (${seen.where}); a word may stand for one value only`,
            })
          } else if (!seen) owners.set(key, { value, where: file })
        })
        const list = words.fields[field] as Array<{ value: string; entry: WordEntry }>
        const existing = list.find((x) => x.value === value)
        if (existing) existing.entry = { words: uniq([...existing.entry.words, ...e.words]), not: uniq([...existing.entry.not, ...e.not]) }
        else list.push({ value, entry: { words: uniq(e.words), not: uniq(e.not) } })
      }
    }
    for (const t of data.tried) words.tried.push({ method: t.method, outcome: t.outcome, words: uniq(t.words), not: uniq(t.not) })
  }
  words.labels.uid = uniq(words.labels.uid)
  words.labels.phone = uniq(words.labels.phone)
  words.fillers = uniq(words.fillers)
  words.joiners = uniq(words.joiners)
  words.negations = uniq(words.negations)
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, value: words }
}
