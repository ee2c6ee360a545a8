/**
 * Reply rendering with LiquidJS, configured as a sandbox for plain text:
 * - no file system: `include`, `render`, `layout` and `block` are refused at parse time, and the
 *   template lookup is an empty in-memory map;
 * - unknown filters are parse errors (`strictFilters`), scope objects expose only own properties;
 * - limits on template length, render time and allocations, so a hostile template fails cleanly;
 * - output is never HTML-escaped (it goes to a textarea as text) and never evaluated.
 * Parsed templates are cached by id + version + language (and re-parsed if the body changed anyway).
 */
import {
  EchoTag,
  Liquid,
  LiquidError,
  Output,
  Tag,
  analyzeSync,
  toValueSync,
  type Context,
  type Emitter,
  type Template,
  type TagToken,
  type TopLevelToken,
} from 'liquidjs'
import type { Language, TemplateRecord } from '../model'
import type { Problem, Result } from '../result'
import type { ReplyContext } from './context'
import { PLACEHOLDER_NAMES } from './placeholders'

/** Longest template body accepted (characters, per language). */
export const MAX_BODY_CHARS = 20_000
/** Longest rendered reply accepted. */
export const MAX_OUTPUT_CHARS = 50_000
/** Time budget for one render, in milliseconds. */
export const RENDER_LIMIT_MS = 250
/** Allocation budget for one render (LiquidJS counts characters/items created by filters and ranges). */
export const MEMORY_LIMIT = 2_000_000

export const FORBIDDEN_TAGS = ['include', 'render', 'layout', 'block'] as const

export interface SourceLocation {
  line: number
  column: number
}
/** A variable read by a template, where it first appears. */
export interface PlaceholderUse extends SourceLocation {
  name: string
}
/** An output (`{{ … }}` or `echo`) that rendered as nothing. */
export interface EmptySlot extends SourceLocation {
  name: string
}

export interface CompiledTemplate {
  source: string
  templates: Template[]
  /** Global variables read by the template (locals from assign/capture/for excluded). */
  placeholders: PlaceholderUse[]
  /** Those not in the placeholder catalogue. */
  unknownPlaceholders: PlaceholderUse[]
}

export type CompileResult = Result<CompiledTemplate>
/** A rendered reply and the placeholders that rendered empty. */
export interface Rendered {
  text: string
  emptySlots: EmptySlot[]
}
export type RenderResult = Result<Rendered>

/** What rendering needs from a template record. */
export type RenderableTemplate = Pick<TemplateRecord, 'id' | 'version' | 'body'>

// ---------------------------------------------------------------------------------------------
// Output tracking: every `{{ }}`/`echo` passes through `outputEscape`; during a render we note the
// outputs that came out empty. Rendering is synchronous, so one module-level collector is safe.

const slotLabels = new WeakMap<object, EmptySlot>()
let collector: EmptySlot[] | null = null

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  return false
}

function trackOutput(this: { token?: object } | undefined, value: unknown): unknown {
  if (collector && isEmptyValue(value)) {
    const token = this?.token
    collector.push((token && slotLabels.get(token)) ?? { name: '?', line: 0, column: 0 })
  }
  // Lists print as "a, b" rather than LiquidJS's default "ab".
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ')
  return value
}

class ForbiddenTag extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid)
    throw new Error(`tag "${token.name}" is not allowed in reply templates`)
  }
  render(_ctx: Context, _emitter: Emitter): void {}
}

function createEngine(): Liquid {
  const engine = new Liquid({
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    jsTruthy: true,
    templates: {},
    relativeReference: false,
    dynamicPartials: false,
    cache: false,
    outputEscape: trackOutput as (value: unknown) => string,
    parseLimit: MAX_BODY_CHARS,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    locale: 'en-US',
    timezoneOffset: 0,
  })
  for (const name of FORBIDDEN_TAGS) engine.registerTag(name, ForbiddenTag)
  return engine
}

const engine = createEngine()

// ---------------------------------------------------------------------------------------------

const position = (token: { getPosition(): number[] }): SourceLocation => {
  const [line = 0, column = 0] = token.getPosition()
  return { line, column }
}

/** Every Output/echo in the tree, with the token its escape filter will see, labelled by its variable. */
function labelOutputs(templates: Template[]): void {
  const visit = (tpl: Template): void => {
    if (tpl instanceof Output) {
      const last = tpl.value.filters[tpl.value.filters.length - 1]
      // The escape filter LiquidJS appended to this output gets its own token (private in the typings).
      const escapeToken = (last as unknown as { token?: object } | undefined)?.token
      if (last && !last.raw && escapeToken) slotLabels.set(escapeToken, { name: outputName(tpl), ...position(tpl.token) })
    } else if (tpl instanceof EchoTag) {
      slotLabels.set(tpl.token, { name: outputName(tpl), ...position(tpl.token) })
    }
    if (tpl.children) for (const child of toValueSync(tpl.children(false, true))) visit(child)
  }
  templates.forEach(visit)
}

function outputName(tpl: Template): string {
  const names = Object.keys(analyzeSync([tpl], { partials: false }).globals)
  return names[0] ?? tpl.token.getText().trim()
}

function stripPosition(message: string): string {
  return message.replace(/, (?:file:[^,]*, )?line:\d+, col:\d+$/, '').trim()
}

/** Converts a LiquidJS (or limit) error into a Problem with line and column. */
export function liquidErrorToProblem(err: unknown, phase: 'parse' | 'render'): Problem {
  const message = err instanceof Error ? err.message : String(err)
  const at = LiquidError.is(err) ? position(err.token) : { line: 0, column: 0 }
  if (/limit exceeded/.test(message)) {
    return phase === 'parse'
      ? { key: 'replies.problem.tooLong', params: { max: MAX_BODY_CHARS } }
      : { key: 'replies.problem.renderLimit', params: { ms: RENDER_LIMIT_MS, ...at } }
  }
  return {
    key: phase === 'parse' ? 'replies.problem.syntax' : 'replies.problem.renderFailed',
    params: { ...at, message: stripPosition(message) },
  }
}

function compileUncached(source: string): CompileResult {
  if (source.length > MAX_BODY_CHARS) {
    return { ok: false, error: { key: 'replies.problem.tooLong', params: { max: MAX_BODY_CHARS, length: source.length } } }
  }
  let templates: Template[]
  try {
    templates = engine.parse(source)
  } catch (err) {
    return { ok: false, error: liquidErrorToProblem(err, 'parse') }
  }
  const globals = analyzeSync(templates, { partials: false }).globals
  const placeholders: PlaceholderUse[] = Object.entries(globals).map(([name, uses]) => {
    const loc = uses[0]?.location
    return { name, line: loc?.row ?? 0, column: loc?.col ?? 0 }
  })
  labelOutputs(templates)
  return {
    ok: true,
    value: { source, templates, placeholders, unknownPlaceholders: placeholders.filter((p) => !PLACEHOLDER_NAMES.has(p.name)) },
  }
}

const CACHE_MAX = 1000
const cache = new Map<string, CompiledTemplate>()

/** Parses a template body; with a cache key (see `templateCacheKey`) the parse is reused. */
export function compileBody(source: string, cacheKey?: string): CompileResult {
  if (cacheKey !== undefined) {
    const hit = cache.get(cacheKey)
    if (hit && hit.source === source) return { ok: true, value: hit }
  }
  const result = compileUncached(source)
  if (result.ok && cacheKey !== undefined) {
    if (cache.size >= CACHE_MAX) {
      const oldest = cache.keys().next()
      if (!oldest.done) cache.delete(oldest.value)
    }
    cache.set(cacheKey, result.value)
  }
  return result
}

export const templateCacheKey = (id: string, version: number, language: Language): string => `${id}@${version}:${language}`

export function clearTemplateCache(): void {
  cache.clear()
  overLimit.clear()
}

/** Plain-text tidy-up: unify newlines, drop trailing spaces, at most one blank line in a row, trim. */
export function normalizeOutput(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u3000]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/**
 * Renders a parsed template. `limitMs` lowers the time limit for this render (never above
 * RENDER_LIMIT_MS), e.g. to what is left of a palette's budget.
 */
export function renderCompiled(compiled: CompiledTemplate, context: ReplyContext, limitMs: number = RENDER_LIMIT_MS): RenderResult {
  const slots: EmptySlot[] = []
  collector = slots
  let raw: unknown
  try {
    raw = engine.renderSync(compiled.templates, { ...context }, { renderLimit: Math.max(0, Math.min(RENDER_LIMIT_MS, limitMs)) })
  } catch (err) {
    return { ok: false, error: liquidErrorToProblem(err, 'render') }
  } finally {
    collector = null
  }
  const text = normalizeOutput(String(raw))
  if (text.length > MAX_OUTPUT_CHARS) {
    return { ok: false, error: { key: 'replies.problem.outputTooLong', params: { max: MAX_OUTPUT_CHARS, length: text.length } } }
  }
  return { ok: true, value: { text, emptySlots: slots } }
}

/** Renders a body that is not (or not yet) a saved template, e.g. the live preview while editing. */
export function renderBody(source: string, context: ReplyContext, cacheKey?: string, limitMs?: number): RenderResult {
  const compiled = compileBody(source, cacheKey)
  return compiled.ok ? renderCompiled(compiled.value, context, limitMs) : compiled
}

/**
 * Saved templates (id@version:language) whose render ran into the full render limit twice in a row (once
 * may be a stalled machine): rendering them again would cost the whole limit again (a palette listing 25
 * of them froze for seconds), so they are answered with the same problem at once until their next
 * version. Templates are trial-rendered when imported or saved (`trialRenderProblem`), so only older data
 * or an unusual case lands here.
 */
const overLimit = new Map<string, { strikes: number; problem: Problem }>()
const STRIKES = 2

const isLimitProblem = (p: Problem): boolean => p.key === 'replies.problem.renderLimit'

export interface RenderOptions {
  /** A lower time limit for this render (what is left of a caller's budget). */
  limitMs?: number
}

/** Renders a saved template in `language` (default: the context's language). Never throws. */
export function renderTemplate(
  template: RenderableTemplate,
  context: ReplyContext,
  language: Language = context.language,
  options: RenderOptions = {},
): RenderResult {
  const body = template.body[language]
  if (typeof body !== 'string' || body.trim() === '') {
    return { ok: false, error: { key: 'replies.problem.missingLanguage', params: { language, template: template.id } } }
  }
  const key = templateCacheKey(template.id, template.version, language)
  const known = overLimit.get(key)
  if (known && known.strikes >= STRIKES) return { ok: false, error: known.problem }
  const limitMs = Math.min(RENDER_LIMIT_MS, options.limitMs ?? RENDER_LIMIT_MS)
  let strikes = known?.strikes ?? 0
  for (;;) {
    const result = renderBody(body, context, key, limitMs)
    if (result.ok) {
      overLimit.delete(key)
      return result
    }
    // only a render given the full limit tells that the template itself is too slow
    if (!isLimitProblem(result.error) || limitMs < RENDER_LIMIT_MS) return result
    strikes++
    if (overLimit.size >= CACHE_MAX) overLimit.clear()
    overLimit.set(key, { strikes, problem: result.error })
    // a first strike may be a stalled machine (a GC pause, a busy CPU): try once more at once, so an
    // ordinary template is not refused (and a reply not blocked) because the machine hiccupped
    if (strikes >= STRIKES) return result
  }
}

/** True when a saved template is known to run into the render limit (see `renderTemplate`). */
export function isOverRenderLimit(template: Pick<TemplateRecord, 'id' | 'version'>, language: Language): boolean {
  return (overLimit.get(templateCacheKey(template.id, template.version, language))?.strikes ?? 0) >= STRIKES
}

/** The variables a body reads (its placeholders), or the syntax problem that stops it parsing. */
export function placeholdersUsed(source: string): Result<PlaceholderUse[]> {
  const compiled = compileBody(source)
  return compiled.ok ? { ok: true, value: compiled.value.placeholders } : compiled
}

/**
 * Checks one body for the template editor: syntax (with line and column), length, and placeholders
 * that are not in the catalogue. Empty list = valid.
 */
export function validateTemplateBody(source: string): Problem[] {
  const compiled = compileBody(source)
  if (!compiled.ok) return [compiled.error]
  return compiled.value.unknownPlaceholders.map((p) => ({
    key: 'replies.problem.unknownPlaceholder',
    params: { name: p.name, line: p.line, column: p.column },
  }))
}
