/**
 * The template editor's form logic, free of Vue: the autosaved draft's shape, the draft ↔ record mapping,
 * which domain problem is shown at which field, and inserting a snippet at the cursor.
 */
import { z } from 'zod'
import { normaliseShortcut, SHORTCUT_PATTERN, type RenderResult, type TemplateData } from '@/domain/replies'
import { METHOD_LABELS, variantLabelOf } from '@/domain/export/labels'
import { METHOD_IDS, METHOD_VARIANTS, type Language, type MethodId, type TemplateRecord } from '@/domain/model'
import type { Problem } from '@/domain/result'

export const templateDraftSchema = z.object({
  baseVersion: z.number().int().nullable(),
  shortcut: z.string().max(200),
  titleEn: z.string().max(1000),
  titleZh: z.string().max(1000),
  tags: z.string().max(5000),
  bodyEn: z.string().max(300_000),
  bodyZh: z.string().max(300_000),
  methodId: z.enum(METHOD_IDS).nullable(),
  variantId: z.string().max(80).nullable(),
})
export type TemplateDraft = z.infer<typeof templateDraftSchema>

/** The draft a saved template (or a new one, `null`) starts from. */
export const draftFromRecord = (r: TemplateRecord | null): TemplateDraft =>
  r
    ? {
        baseVersion: r.version,
        shortcut: r.shortcut,
        titleEn: r.title.en,
        titleZh: r.title['zh-CN'],
        tags: r.tags.join(', '),
        bodyEn: r.body.en,
        bodyZh: r.body['zh-CN'],
        methodId: r.methodId,
        variantId: r.variantId,
      }
    : { baseVersion: null, shortcut: '', titleEn: '', titleZh: '', tags: '', bodyEn: '', bodyZh: '', methodId: null, variantId: null }

/** The content of a draft, without the version it started from: equal strings mean nothing was changed. */
export const draftContent = (d: TemplateDraft): string => JSON.stringify({ ...d, baseVersion: null })

/** Tags as typed: separated by an ASCII or a full-width comma, trimmed, empty ones dropped. */
export const parseTags = (s: string): string[] =>
  s
    .split(/[,，]/)
    .map((x) => x.trim())
    .filter((x) => x !== '')

/** The template the draft describes; a method without a chosen variant takes the method's first variant. */
export function draftToTemplate(d: TemplateDraft, template: TemplateRecord | null): TemplateData {
  return {
    id: template?.id ?? 'custom.new',
    shortcut: normaliseShortcut(d.shortcut),
    title: { en: d.titleEn.trim(), 'zh-CN': d.titleZh.trim() },
    tags: parseTags(d.tags),
    body: { en: d.bodyEn, 'zh-CN': d.bodyZh },
    methodId: d.methodId,
    variantId: d.methodId ? (d.variantId ?? METHOD_VARIANTS[d.methodId][0]) : null,
    version: template?.version ?? 1,
  }
}

export type FieldName = 'shortcut' | 'titleEn' | 'titleZh' | 'tags'

/** The editor's own words for the simple fields (the domain's problems say the rest). */
export interface FieldWords {
  shortcut: string
  title: string
  tags: string
}

/**
 * The error shown at each simple field, or null: our own words for a malformed value first, then the
 * domain's (shortcut taken, a secret the guard refuses to store in that field).
 */
export function fieldErrors(
  d: TemplateData,
  problems: readonly Problem[],
  words: FieldWords,
  problemText: (p: Problem) => string,
): Record<FieldName, string | null> {
  /** The secret guard's refusal for one field (`shortcut`, `title.en`, `tags`…), in words, or null. */
  const secretIn = (field: string): string | null => {
    const p = problems.find((x) => x.key === 'errors.guard.stored' && String(x.params?.['path']).startsWith(`templates.${field}`))
    return p ? problemText(p) : null
  }
  const taken = problems.find((p) => p.key === 'replies.template.shortcutTaken')
  const badTitle = (s: string): boolean => s === '' || s.length > 120
  return {
    shortcut: !SHORTCUT_PATTERN.test(d.shortcut) ? words.shortcut : (taken && problemText(taken)) || secretIn('shortcut'),
    titleEn: badTitle(d.title.en) ? words.title : secretIn('title.en'),
    titleZh: badTitle(d.title['zh-CN']) ? words.title : secretIn('title.zh-CN'),
    tags: d.tags.length > 30 || d.tags.some((x) => x.length > 40) ? words.tags : secretIn('tags'),
  }
}

/** The problems shown under one language's body. */
export const bodyProblems = (problems: readonly Problem[], language: Language): Problem[] =>
  problems.filter(
    (p) =>
      p.params?.['language'] === language ||
      (p.key === 'replies.template.invalidField' && String(p.params?.['path']) === `body.${language}`),
  )

const COVERED = /^(shortcut|title|tags)/
/** The problems no field shows (listed above the buttons). */
export const otherProblems = (problems: readonly Problem[]): Problem[] =>
  problems.filter(
    (p) =>
      p.params?.['language'] === undefined &&
      p.key !== 'replies.template.shortcutTaken' &&
      p.key !== 'errors.guard.stored' &&
      !(
        p.key === 'replies.template.invalidField' &&
        (COVERED.test(String(p.params?.['path'])) || /^body\./.test(String(p.params?.['path'])))
      ),
  )

/** The placeholders a preview left empty, each once, comma-separated ('' when none or the preview failed). */
export const emptySlotNames = (r: RenderResult): string => (r.ok ? [...new Set(r.value.emptySlots.map((s) => s.name))].join(', ') : '')

/** `text` with `snippet` replacing the selection start…end, and where the caret goes after it. */
export function insertAt(text: string, start: number, end: number, snippet: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length))
  const to = Math.max(from, Math.min(end, text.length))
  return { text: text.slice(0, from) + snippet + text.slice(to), caret: from + snippet.length }
}

/** The method choices in words: "<Method n> · <title>" (`methodWord(n)` says "Method n" in the UI's language). */
export const methodOptions = (language: Language, methodWord: (n: number) => string): { value: MethodId; label: string }[] =>
  METHOD_IDS.map((m, i) => ({ value: m, label: `${methodWord(i + 1)} · ${METHOD_LABELS[m][language]}` }))

/** A method's variants in words (never their ids). */
export const variantOptions = (methodId: MethodId | null, language: Language): { value: string; label: string }[] =>
  methodId ? METHOD_VARIANTS[methodId].map((v) => ({ value: v, label: variantLabelOf(methodId, v, language) })) : []
