/**
 * The troubleshooting playbook as data: the seven methods with their variants, in one file per language
 * (`resources/playbook/playbook.<language>.json`), validated with zod so a support lead can edit the text
 * without touching code. A broken file is reported with the file and the field (e.g.
 * `playbook.zh-CN.json: methods[1](carrier-sms).variants[0](china-mobile).steps[0].id: must not be empty`).
 */
import { z } from 'zod'
import { LANGUAGES, METHOD_IDS, METHOD_VARIANTS, type Language, type MethodId } from '../model'
import type { Result } from '../result'

export interface PlaybookStep {
  /** Stable across languages and versions: attempt records store ticked step ids. */
  id: string
  text: string
}

export interface PlaybookNote {
  id: string
  /** warning: must be shown prominently (e.g. the authenticator key backup). */
  kind: 'tip' | 'warning'
  text: string
}

export interface PlaybookVariant {
  /** One of METHOD_VARIANTS[method]. */
  id: string
  label: string
  /** Steps specific to this variant (may be empty when the method has a single `default` variant). */
  steps: PlaybookStep[]
}

export type StepOrder = 'variant-first' | 'common-first'

export interface PlaybookMethod {
  id: MethodId
  title: string
  summary: string
  whenItApplies: string
  /** Whether the variant's steps come before or after the method's common steps in the checklist. */
  stepOrder: StepOrder
  /** Steps common to every variant. */
  steps: PlaybookStep[]
  /** In METHOD_VARIANTS order (the loader sorts them). */
  variants: PlaybookVariant[]
  notes: PlaybookNote[]
}

export interface PlaybookPrevention {
  title: string
  intro: string
  tips: PlaybookStep[]
}

export interface Playbook {
  /** Content version, a positive integer; both language files must carry the same one. */
  version: number
  language: Language
  /** In METHOD_IDS order (the loader sorts them). */
  methods: PlaybookMethod[]
  prevention: PlaybookPrevention
}

export type PlaybookSet = Record<Language, Playbook>

/** One problem in one playbook file. `field` is a readable path such as `methods[2](email-code).variants[3](qq).label`. */
export interface PlaybookIssue {
  file: string
  field: string
  message: string
}

/**
 * Playbook files are checked for the support lead who edits them: a failure lists every issue (file,
 * field, message in plain English about the file's content), not one translated Problem.
 */
export type PlaybookResult<T> = Result<T, PlaybookIssue[]>

export const formatPlaybookIssue = (i: PlaybookIssue): string => `${i.file}: ${i.field}: ${i.message}`

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const quoteList = (xs: readonly string[]): string => xs.map((x) => JSON.stringify(x)).join(', ')

const text = z.string().trim().min(1, { error: 'must not be empty' })
const id = z
  .string()
  .min(1, { error: 'must not be empty' })
  .regex(ID_PATTERN, { error: 'must be lower-case letters, digits and single hyphens (e.g. "check-spam-folder")' })

const oneOf = <T extends readonly [string, ...string[]]>(list: T, what: string) =>
  z.enum(list, {
    error: (iss) =>
      iss.input === undefined
        ? `missing ${what} (expected one of ${quoteList(list)})`
        : `unknown ${what} ${JSON.stringify(iss.input)} (expected one of ${quoteList(list)})`,
  })

const stepSchema = z.strictObject({ id, text })
const noteSchema = z.strictObject({ id, kind: oneOf(['tip', 'warning'] as const, 'note kind'), text })
const variantSchema = z.strictObject({ id, label: text, steps: z.array(stepSchema) })
const methodSchema = z.strictObject({
  id: oneOf(METHOD_IDS, 'method id'),
  title: text,
  summary: text,
  whenItApplies: text,
  stepOrder: oneOf(['variant-first', 'common-first'] as const, 'step order').default('variant-first'),
  steps: z.array(stepSchema),
  variants: z.array(variantSchema).min(1, { error: 'needs at least one variant' }),
  notes: z.array(noteSchema).default([]),
})

type Path = (string | number)[]
type AddIssue = (path: Path, message: string) => void

function duplicates(ids: readonly string[], at: (index: number) => Path, what: string, add: AddIssue): void {
  const seen = new Set<string>()
  ids.forEach((x, i) => {
    if (seen.has(x)) add(at(i), `duplicate ${what} ${JSON.stringify(x)}`)
    seen.add(x)
  })
}

const playbookSchema = z
  .strictObject({
    version: z
      .int({ error: (iss) => (iss.input === undefined ? 'missing version (a positive whole number)' : 'must be a positive whole number') })
      .min(1, { error: 'must be a positive whole number' }),
    language: oneOf(LANGUAGES, 'language'),
    methods: z.array(methodSchema),
    prevention: z.strictObject({ title: text, intro: text, tips: z.array(stepSchema).min(1, { error: 'needs at least one tip' }) }),
  })
  .superRefine((pb, ctx) => {
    const add: AddIssue = (path, message) => ctx.addIssue({ code: 'custom', path, message })
    duplicates(
      pb.methods.map((m) => m.id),
      (i) => ['methods', i, 'id'],
      'method id',
      add,
    )
    for (const m of METHOD_IDS) {
      if (!pb.methods.some((x) => x.id === m)) add(['methods'], `missing method ${JSON.stringify(m)}`)
    }
    pb.methods.forEach((method, mi) => {
      const allowed: readonly string[] = METHOD_VARIANTS[method.id]
      method.variants.forEach((v, vi) => {
        if (!allowed.includes(v.id))
          add(
            ['methods', mi, 'variants', vi, 'id'],
            `unknown variant id ${JSON.stringify(v.id)} for method ${JSON.stringify(method.id)} (expected one of ${quoteList(allowed)})`,
          )
      })
      duplicates(
        method.variants.map((v) => v.id),
        (vi) => ['methods', mi, 'variants', vi, 'id'],
        'variant id',
        add,
      )
      for (const v of allowed) {
        if (!method.variants.some((x) => x.id === v))
          add(['methods', mi, 'variants'], `missing variant ${JSON.stringify(v)} of method ${JSON.stringify(method.id)}`)
      }
      const common = method.steps.map((s) => s.id)
      duplicates(common, (si) => ['methods', mi, 'steps', si, 'id'], 'step id', add)
      method.variants.forEach((v, vi) => {
        duplicates(
          v.steps.map((s) => s.id),
          (si) => ['methods', mi, 'variants', vi, 'steps', si, 'id'],
          'step id',
          add,
        )
        v.steps.forEach((s, si) => {
          if (common.includes(s.id))
            add(
              ['methods', mi, 'variants', vi, 'steps', si, 'id'],
              `step id ${JSON.stringify(s.id)} is already a common step of this method`,
            )
        })
        if (v.steps.length + method.steps.length === 0)
          add(['methods', mi, 'variants', vi, 'steps'], 'the method has no steps for this variant')
      })
      duplicates(
        method.notes.map((n) => n.id),
        (ni) => ['methods', mi, 'notes', ni, 'id'],
        'note id',
        add,
      )
    })
    duplicates(
      pb.prevention.tips.map((t) => t.id),
      (ti) => ['prevention', 'tips', ti, 'id'],
      'tip id',
      add,
    )
  })

/** The value at `path` inside the raw input, or undefined. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<PropertyKey, unknown>)[k]
  }
  return cur
}

/** `methods[1](carrier-sms).variants[0](china-mobile).steps[0].text`: array items are labelled with their id when they have one. */
export function describeField(root: unknown, path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)'
  let out = ''
  path.forEach((k, i) => {
    if (typeof k === 'number') {
      out += `[${k}]`
      const item = valueAt(root, path.slice(0, i + 1))
      const itemId = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined
      if (typeof itemId === 'string' && itemId !== '' && path[i + 1] !== undefined) out += `(${itemId})`
    } else out += (out === '' ? '' : '.') + String(k)
  })
  return out
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v)

function issuesFromZod(file: string, input: unknown, error: z.ZodError): PlaybookIssue[] {
  const out: PlaybookIssue[] = []
  for (const iss of error.issues) {
    const value = valueAt(input, iss.path)
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys)
        out.push({ file, field: describeField(input, [...iss.path, key]), message: 'unknown field (check its spelling)' })
      continue
    }
    let message = iss.message
    if (iss.code === 'invalid_type') {
      const expected = iss.expected === 'array' ? 'a list' : iss.expected === 'object' ? 'an object' : `a ${iss.expected}`
      message = value === undefined ? `missing (expected ${expected})` : `expected ${expected}, found ${kindOf(value)}`
      if (/^missing (version|language)/.test(iss.message)) message = iss.message
    }
    out.push({ file, field: describeField(input, iss.path), message })
  }
  return out
}

const sortBy = <T extends { id: string }>(items: readonly T[], order: readonly string[]): T[] =>
  [...items].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))

/**
 * Validates one playbook file's parsed JSON. `file` names it in errors. When `expectedLanguage` is given
 * (the loader infers it from a `playbook.<language>.json` name), the file's `language` must match.
 * Methods and variants come back sorted in the article's order (METHOD_IDS / METHOD_VARIANTS).
 */
export function parsePlaybook(input: unknown, file: string, expectedLanguage?: Language): PlaybookResult<Playbook> {
  const parsed = playbookSchema.safeParse(input)
  if (!parsed.success) return { ok: false, error: issuesFromZod(file, input, parsed.error) }
  const pb = parsed.data
  if (expectedLanguage !== undefined && pb.language !== expectedLanguage) {
    return {
      ok: false,
      error: [
        { file, field: 'language', message: `is ${JSON.stringify(pb.language)} but this file must be ${JSON.stringify(expectedLanguage)}` },
      ],
    }
  }
  const value: Playbook = {
    version: pb.version,
    language: pb.language,
    methods: sortBy(pb.methods, METHOD_IDS).map((m) => ({ ...m, variants: sortBy(m.variants, METHOD_VARIANTS[m.id]) })),
    prevention: pb.prevention,
  }
  return { ok: true, value }
}

/** Like parsePlaybook, from the file's text (reports JSON syntax errors too). */
export function parsePlaybookText(source: string, file: string, expectedLanguage?: Language): PlaybookResult<Playbook> {
  let input: unknown
  try {
    input = JSON.parse(source)
  } catch (e) {
    return {
      ok: false,
      error: [{ file, field: '(file)', message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }],
    }
  }
  return parsePlaybook(input, file, expectedLanguage)
}

/** `playbook.zh-CN.json` → 'zh-CN'; undefined when the name does not follow that pattern. */
export function languageFromFileName(file: string): Language | undefined {
  const base = file.split(/[\\/]/).pop() ?? file
  const m = /^playbook\.(.+)\.json$/.exec(base)
  return LANGUAGES.find((l) => l === m?.[1])
}

function sameIds(a: readonly { id: string }[], b: readonly { id: string }[]): string | null {
  const ai = a.map((x) => x.id)
  const bi = b.map((x) => x.id)
  if (ai.join('\n') === bi.join('\n')) return null
  const missing = ai.filter((x) => !bi.includes(x))
  const extra = bi.filter((x) => !ai.includes(x))
  const parts: string[] = []
  if (missing.length) parts.push(`missing ${quoteList(missing)}`)
  if (extra.length) parts.push(`extra ${quoteList(extra)}`)
  if (parts.length === 0) parts.push(`different order (expected ${quoteList(ai)})`)
  return parts.join('; ')
}

/**
 * Checks that two languages' playbooks have the same structure: version, step order, and the same
 * step, note and tip ids in the same order (attempt records store step ids, so they must not drift).
 * Issues are reported against `other`'s file.
 */
export function comparePlaybooks(
  reference: { file: string; playbook: Playbook },
  other: { file: string; playbook: Playbook },
): PlaybookIssue[] {
  const out: PlaybookIssue[] = []
  const a = reference.playbook
  const b = other.playbook
  const add = (field: string, message: string): void => {
    out.push({ file: other.file, field, message })
  }
  if (a.version !== b.version) add('version', `is ${b.version} but ${reference.file} has ${a.version}: update both files together`)
  b.methods.forEach((mb, mi) => {
    const ma = a.methods.find((m) => m.id === mb.id)
    if (!ma) return
    const at = `methods[${mi}](${mb.id})`
    if (ma.stepOrder !== mb.stepOrder)
      add(`${at}.stepOrder`, `is ${JSON.stringify(mb.stepOrder)} but ${reference.file} has ${JSON.stringify(ma.stepOrder)}`)
    const steps = sameIds(ma.steps, mb.steps)
    if (steps) add(`${at}.steps`, `step ids differ from ${reference.file}: ${steps}`)
    const notes = sameIds(ma.notes, mb.notes)
    if (notes) add(`${at}.notes`, `note ids differ from ${reference.file}: ${notes}`)
    mb.variants.forEach((vb, vi) => {
      const va = ma.variants.find((v) => v.id === vb.id)
      if (!va) return
      const d = sameIds(va.steps, vb.steps)
      if (d) add(`${at}.variants[${vi}](${vb.id}).steps`, `step ids differ from ${reference.file}: ${d}`)
    })
  })
  const tips = sameIds(a.prevention.tips, b.prevention.tips)
  if (tips) add('prevention.tips', `tip ids differ from ${reference.file}: ${tips}`)
  return out
}

export interface PlaybookSource {
  /** File name, e.g. `playbook.en.json`; used in errors and to infer the expected language. */
  file: string
  /** Parsed JSON. */
  data: unknown
}

/**
 * Validates one file per language and cross-checks them (see comparePlaybooks; `en` is the reference).
 * Fails with every issue found, each naming its file and field.
 */
export function loadPlaybooks(sources: readonly PlaybookSource[]): PlaybookResult<PlaybookSet> {
  const issues: PlaybookIssue[] = []
  const found: Partial<Record<Language, { file: string; playbook: Playbook }>> = {}
  for (const src of sources) {
    const r = parsePlaybook(src.data, src.file, languageFromFileName(src.file))
    if (!r.ok) {
      issues.push(...r.error)
      continue
    }
    const prior = found[r.value.language]
    if (prior)
      issues.push({
        file: src.file,
        field: 'language',
        message: `${JSON.stringify(r.value.language)} is already provided by ${prior.file}`,
      })
    else found[r.value.language] = { file: src.file, playbook: r.value }
  }
  if (issues.length > 0) return { ok: false, error: issues }
  for (const lang of LANGUAGES) {
    if (!found[lang])
      issues.push({ file: `playbook.${lang}.json`, field: '(file)', message: `no playbook for language ${JSON.stringify(lang)}` })
  }
  const ref = found.en
  if (ref) {
    for (const lang of LANGUAGES) {
      const other = found[lang]
      if (lang !== 'en' && other) issues.push(...comparePlaybooks(ref, other))
    }
  }
  if (issues.length > 0 || !found.en || !found['zh-CN']) return { ok: false, error: issues }
  return { ok: true, value: { en: found.en.playbook, 'zh-CN': found['zh-CN'].playbook } }
}

/** The method's content (always present in a validated playbook). */
export function playbookMethod(pb: Playbook, methodId: MethodId): PlaybookMethod {
  const m = pb.methods.find((x) => x.id === methodId)
  if (!m) throw new Error(`playbook ${pb.language} v${pb.version} has no method ${methodId}`)
  return m
}

/**
 * The checklist the agent ticks for a method and variant: the variant's steps and the common steps in the
 * method's stepOrder. An unknown or null variant gives the common steps only.
 */
export function checklistSteps(pb: Playbook, methodId: MethodId, variantId: string | null): PlaybookStep[] {
  const m = playbookMethod(pb, methodId)
  const v = m.variants.find((x) => x.id === variantId)
  const own = v ? v.steps : []
  return m.stepOrder === 'variant-first' ? [...own, ...m.steps] : [...m.steps, ...own]
}
