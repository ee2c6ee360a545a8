/**
 * The pre-send check: what must never reach a user ("undefined", an empty slot, raw `{{ }}`), and what
 * deserves a second look. Pure; run it on Ctrl+Enter before copying, and show the problems inline.
 */
import { findSecrets, secretProblem } from '../guard/secrets'
import type { Language } from '../model'
import type { Problem } from '../result'
import type { ReplyContext } from './context'
import { compileBody, normalizeOutput, renderCompiled, templateCacheKey, type RenderableTemplate } from './engine'

export type ProblemSeverity = 'error' | 'warning'
/** A Problem with a severity: errors block sending, warnings are shown. */
export interface PreSendProblem extends Problem {
  severity: ProblemSeverity
}

export interface PreSendInput {
  /** The text about to be sent (rendered, possibly edited by the agent). */
  text: string
  /** The language the reply must be in (usually the case's). */
  language: Language
  /** The template the text was composed from, if any. */
  template?: RenderableTemplate | null
  /** The context it was rendered with; with it, empty slots can be found. */
  context?: ReplyContext | null
}

export interface Leftover {
  found: string
  line: number
  column: number
}

const DELIMITERS = /\{\{|\}\}|\{%|%\}/g
const WORDS = /(?<![\w@./-])(undefined|null|NaN)(?![\w@/-]|\.\w)|\[object \w+\]/g

function locate(text: string, index: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { line, column: index - lineStart + 1 }
}

/** Raw Liquid delimiters left in a text. */
export function findLeftoverDelimiters(text: string): Leftover[] {
  return [...text.matchAll(DELIMITERS)].map((m) => ({ found: m[0], ...locate(text, m.index) }))
}

/** "undefined", "null", "NaN" as words, and "[object Object]"-like strings left in a text. */
export function findLeftoverWords(text: string): Leftover[] {
  return [...text.matchAll(WORDS)].map((m) => ({ found: m[0], ...locate(text, m.index) }))
}

/** A rough script check: an English reply that is mostly Chinese, or a Chinese reply with no Chinese at all. */
export function looksLikeWrongLanguage(text: string, language: Language): boolean {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length
  const latin = (text.match(/[A-Za-z]/g) ?? []).length
  return language === 'en' ? han > latin : han === 0 && latin >= 20
}

const withSeverity = (p: Problem, severity: ProblemSeverity): PreSendProblem => ({ ...p, severity })

/** Placeholders that only an open review fills (the SLA's day counts are settings, filled without one). */
const OPEN_REVIEW_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'review_submitted_date',
  'review_expected_date',
  'review_due_date',
  'review_status',
])

/**
 * All problems with a reply before it is sent. Text leftovers and an empty text are always errors.
 * Template findings (missing language version, syntax, unknown placeholder, empty value without a
 * fallback) are errors while the text is the template's output, and warnings once the agent has
 * edited the text (the agent may have filled the gap by hand).
 */
export function checkBeforeSend(input: PreSendInput): PreSendProblem[] {
  const problems: PreSendProblem[] = []
  const text = input.text
  if (text.trim() === '') problems.push({ key: 'replies.problem.emptyText', severity: 'error' })
  // a reply is stored when sent: it must never carry a verification code, an authenticator key or an ID number
  const secret = secretProblem(findSecrets(text))
  if (secret) problems.push({ key: secret.key, params: secret.params, severity: 'error' })

  if (input.template) {
    const found: Problem[] = []
    let edited = false
    const body = input.template.body[input.language]
    if (typeof body !== 'string' || body.trim() === '') {
      found.push({ key: 'replies.problem.missingLanguage', params: { language: input.language, template: input.template.id } })
    } else {
      const compiled = compileBody(body, templateCacheKey(input.template.id, input.template.version, input.language))
      if (!compiled.ok) {
        found.push(compiled.error)
      } else {
        for (const p of compiled.value.unknownPlaceholders) {
          found.push({ key: 'replies.problem.unknownPlaceholder', params: { name: p.name, line: p.line, column: p.column } })
        }
        if (input.context) {
          const rendered = renderCompiled(compiled.value, input.context)
          if (!rendered.ok) {
            found.push(rendered.error)
          } else {
            edited = normalizeOutput(text) !== rendered.value.text
            // a reply about the review's progress, on a case with no open review: it would tell the user a
            // review is under way (shown whether or not the text was edited, never blocking)
            if (
              input.context.review_submitted_date === null &&
              compiled.value.placeholders.some((p) => OPEN_REVIEW_PLACEHOLDERS.has(p.name))
            )
              problems.push({ key: 'replies.problem.noOpenReview', severity: 'warning' })
            const unknown = new Set(compiled.value.unknownPlaceholders.map((p) => p.name))
            const seen = new Set<string>()
            for (const slot of rendered.value.emptySlots) {
              const id = `${slot.name}@${slot.line}:${slot.column}`
              if (seen.has(id) || unknown.has(slot.name)) continue
              seen.add(id)
              found.push({ key: 'replies.problem.emptySlot', params: { name: slot.name, line: slot.line, column: slot.column } })
            }
          }
        }
      }
    }
    problems.push(...found.map((p) => withSeverity(p, edited ? 'warning' : 'error')))
  }

  for (const l of findLeftoverDelimiters(text)) {
    problems.push({
      key: 'replies.problem.leftoverDelimiter',
      params: { found: l.found, line: l.line, column: l.column },
      severity: 'error',
    })
  }
  for (const l of findLeftoverWords(text)) {
    problems.push({ key: 'replies.problem.leftoverWord', params: { found: l.found, line: l.line, column: l.column }, severity: 'error' })
  }
  if (text.trim() !== '' && looksLikeWrongLanguage(text, input.language)) {
    problems.push({ key: 'replies.problem.languageMismatch', params: { language: input.language }, severity: 'warning' })
  }
  return problems
}

/** True when nothing blocks sending. */
export const canSend = (problems: readonly PreSendProblem[]): boolean => problems.every((p) => p.severity !== 'error')
