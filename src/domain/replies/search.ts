/**
 * Quick insert: rank templates for what the agent types after "/" (or in the command palette).
 * Shortcut matches rank first (exact, then prefix), then titles, tags, ids and bodies, in both
 * languages. Build the index once per library change; each search is a linear scan over short strings.
 */
import type { Language, TemplateRecord } from '../model'
import type { ReplyContext } from './context'
import { renderTemplate } from './engine'

export type MatchField = 'shortcut' | 'title' | 'tag' | 'id' | 'body'

export interface QuickResult {
  template: TemplateRecord
  score: number
  /** Where the best match was (null for an empty query). */
  matchedIn: MatchField | null
  /** One line, at most `previewChars` characters. */
  preview: string
}

export interface QuickSearchOptions {
  /** The language of the preview. */
  language: Language
  /** Default 20. */
  limit?: number
  /** With a context, previews are the rendered reply; without, the template text with placeholders shown as ‹name›. */
  context?: ReplyContext | null
  includeDisabled?: boolean
  /** Default 100. */
  previewChars?: number
}

interface Entry {
  template: TemplateRecord
  order: number
  shortcut: string
  id: string
  titles: string[]
  tags: string[]
  bodies: string[]
}

export interface QuickIndex {
  readonly entries: readonly Entry[]
}

export const normalizeQuery = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()

/** Template source as readable text: tags dropped, outputs shown as ‹name›. */
export function stripLiquid(source: string): string {
  return source
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, '')
    .replace(/\{%-?[\s\S]*?-?%\}/g, '')
    .replace(/\{\{-?\s*([\w.]+)[\s\S]*?-?\}\}/g, '‹$1›')
    .replace(/\{\{[\s\S]*?\}\}/g, '‹…›')
}

export function buildQuickIndex(templates: readonly TemplateRecord[]): QuickIndex {
  return {
    entries: templates.map((template, order) => ({
      template,
      order,
      shortcut: normalizeQuery(template.shortcut),
      id: normalizeQuery(template.id),
      titles: [normalizeQuery(template.title.en), normalizeQuery(template.title['zh-CN'])],
      tags: template.tags.map(normalizeQuery),
      bodies: [normalizeQuery(stripLiquid(template.body.en)), normalizeQuery(stripLiquid(template.body['zh-CN']))],
    })),
  }
}

const isWordStart = (text: string, index: number): boolean => index === 0 || /[\s\p{P}\p{S}]/u.test(text[index - 1] ?? ' ')

function wordStartIndex(text: string, token: string): number {
  for (let i = text.indexOf(token); i !== -1; i = text.indexOf(token, i + 1)) if (isWordStart(text, i)) return i
  return -1
}

function scoreToken(e: Entry, token: string): { score: number; field: MatchField } | null {
  if (e.shortcut === token) return { score: 1000, field: 'shortcut' }
  if (e.shortcut.startsWith(token)) return { score: 700 + Math.round((100 * token.length) / e.shortcut.length), field: 'shortcut' }
  let best: { score: number; field: MatchField } | null = null
  const consider = (score: number, field: MatchField): void => {
    if (!best || score > best.score) best = { score, field }
  }
  if (e.titles.some((t) => wordStartIndex(t, token) !== -1)) consider(500, 'title')
  else if (e.titles.some((t) => t.includes(token))) consider(350, 'title')
  if (e.tags.some((t) => t === token)) consider(450, 'tag')
  else if (e.tags.some((t) => t.startsWith(token))) consider(300, 'tag')
  else if (e.tags.some((t) => t.includes(token))) consider(200, 'tag')
  if (e.shortcut.includes(token)) consider(400, 'shortcut')
  if (e.id.includes(token)) consider(150, 'id')
  if (!best && e.bodies.some((b) => b.includes(token))) consider(100, 'body')
  return best
}

function previewOf(template: TemplateRecord, options: QuickSearchOptions): string {
  const max = options.previewChars ?? 100
  let text: string
  if (options.context) {
    const rendered = renderTemplate(template, options.context, options.language)
    text = rendered.ok ? rendered.text : stripLiquid(template.body[options.language])
  } else {
    text = stripLiquid(template.body[options.language])
  }
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
  // Skip a short salutation ("Hi Alice," / "您好！") so the preview shows what the reply is about.
  const first = paragraphs[0] ?? ''
  const chosen = paragraphs.length > 1 && [...first].length <= 30 ? (paragraphs[1] ?? '') : first
  const chars = [...chosen]
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chosen
}

/** Ranked templates for a query ("/sms", "carrier 10086", "邮箱"). A leading "/" is ignored. */
export function searchTemplates(index: QuickIndex, query: string, options: QuickSearchOptions): QuickResult[] {
  const limit = options.limit ?? 20
  const q = normalizeQuery(query.replace(/^\s*[/／]/, ''))
  const tokens = q === '' ? [] : q.split(' ')
  const scored: { e: Entry; score: number; field: MatchField | null }[] = []
  for (const e of index.entries) {
    if (!options.includeDisabled && !e.template.enabled) continue
    if (tokens.length === 0) {
      scored.push({ e, score: 0, field: null })
      continue
    }
    let total = 0
    let field: MatchField | null = null
    let bestToken = -1
    let all = true
    for (const token of tokens) {
      const s = scoreToken(e, token)
      if (!s) {
        all = false
        break
      }
      total += s.score
      if (s.score > bestToken) {
        bestToken = s.score
        field = s.field
      }
    }
    if (!all) continue
    if (tokens.length > 1 && e.titles.some((t) => t.includes(q))) total += 200
    scored.push({ e, score: total, field })
  }
  if (tokens.length === 0) scored.sort((a, b) => a.e.order - b.e.order)
  else scored.sort((a, b) => b.score - a.score || a.e.shortcut.length - b.e.shortcut.length || a.e.order - b.e.order)
  return scored.slice(0, limit).map(({ e, score, field }) => ({
    template: e.template,
    score,
    matchedIn: field,
    preview: previewOf(e.template, options),
  }))
}
