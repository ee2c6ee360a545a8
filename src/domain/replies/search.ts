/**
 * Quick insert: rank templates for what the agent types after "/" (or in the command palette).
 * Shortcut matches rank first (exact, then prefix), then titles, tags, ids and bodies, in both
 * languages. Build the index once per library change; each search is a linear scan over short strings.
 *
 * Previews rendered for a case cost a render each, and a render may take up to the render limit: each
 * search gets a total render budget (`renderBudget`, measured by the caller's clock). Once it is spent,
 * the remaining previews show the template text instead; previews already rendered for the same context
 * are reused (a keystroke re-renders nothing it rendered before), and templates known to hit the render
 * limit are not rendered again (see `renderTemplate`).
 */
import type { Language, TemplateRecord } from '../model'
import type { ReplyContext } from './context'
import { isOverRenderLimit, RENDER_LIMIT_MS, renderTemplate, templateCacheKey } from './engine'

export type MatchField = 'shortcut' | 'title' | 'tag' | 'id' | 'body'

export interface QuickResult {
  template: TemplateRecord
  score: number
  /** Where the best match was (null for an empty query). */
  matchedIn: MatchField | null
  /** One line, at most `previewChars` characters. */
  preview: string
  /** True when the preview is the rendered reply (false: the template text, placeholders shown as ‹name›). */
  previewRendered: boolean
}

/** What the palette and the quick-insert list spend on rendering previews per keystroke (ms). */
export const PREVIEW_RENDER_BUDGET_MS = 100

/** A total time for rendering the previews of one search, read from the caller's clock (ms). */
export interface RenderBudget {
  ms: number
  now: () => number
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
  /** Without one, every preview with a context is rendered (each within the render limit). */
  renderBudget?: RenderBudget
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

/** Previews already rendered, per context object (a new context, e.g. another case, starts afresh). */
const renderedPreviews = new WeakMap<ReplyContext, Map<string, string>>()
const PREVIEWS_PER_CONTEXT = 2000

interface BudgetState {
  budget: RenderBudget
  start: number
}

/** The reply text for a preview, or null when it is not rendered (no context, no budget left, or it fails). */
function renderedText(template: TemplateRecord, options: QuickSearchOptions, state: BudgetState | null): string | null {
  const context = options.context
  if (!context) return null
  const key = templateCacheKey(template.id, template.version, options.language)
  let cached = renderedPreviews.get(context)
  const hit = cached?.get(key)
  if (hit !== undefined) return hit
  if (isOverRenderLimit(template, options.language)) return null
  let limitMs = RENDER_LIMIT_MS
  if (state) {
    limitMs = state.budget.ms - (state.budget.now() - state.start)
    if (limitMs <= 0) return null
  }
  const rendered = renderTemplate(template, context, options.language, { limitMs })
  if (!rendered.ok) return null
  if (!cached) renderedPreviews.set(context, (cached = new Map()))
  if (cached.size >= PREVIEWS_PER_CONTEXT) cached.clear()
  cached.set(key, rendered.value.text)
  return rendered.value.text
}

function previewOf(
  template: TemplateRecord,
  options: QuickSearchOptions,
  state: BudgetState | null,
): { preview: string; previewRendered: boolean } {
  const max = options.previewChars ?? 100
  const rendered = renderedText(template, options, state)
  const text = rendered ?? stripLiquid(template.body[options.language])
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
  // Skip a short salutation ("Hi Alice," / "您好！") so the preview shows what the reply is about.
  const first = paragraphs[0] ?? ''
  const chosen = paragraphs.length > 1 && [...first].length <= 30 ? (paragraphs[1] ?? '') : first
  const chars = [...chosen]
  return { preview: chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chosen, previewRendered: rendered !== null }
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
  const state = options.renderBudget ? { budget: options.renderBudget, start: options.renderBudget.now() } : null
  return scored.slice(0, limit).map(({ e, score, field }) => ({
    template: e.template,
    score,
    matchedIn: field,
    ...previewOf(e.template, options, state),
  }))
}
