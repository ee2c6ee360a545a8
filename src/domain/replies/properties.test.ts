/** Property tests: rendering never throws and never leaks template code, for any case context or template. */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  ATTEMPT_STATUSES,
  BLOCKING_APPS,
  BOUND_METHODS,
  CARRIERS,
  CHANNELS,
  EMAIL_PROVIDERS,
  LANGUAGES,
  METHOD_IDS,
  OPERATIONS,
  PHONE_OSES,
  SYMPTOMS,
} from '../model'
import { buildReplyContext, type ReplyContextInput, type ReviewStatusId } from './context'
import { MAX_BODY_CHARS, renderBody, renderTemplate, validateTemplateBody } from './engine'
import { defaultTemplateRecords } from './library'
import { checkBeforeSend, findLeftoverDelimiters } from './presend'
import { baseInput } from '@test/replyCase'

const templates = defaultTemplateRecords(0)

const NASTY = [
  '{{ uid }}',
  '{% include "/etc/passwd" %}',
  '}}{{',
  '{%- raw -%}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'undefined',
  'null',
  '[object Object]',
  '\u202egnp.exe',
  'a\nb\r\nc\u0000d',
  '  ',
  '__proto__',
  'constructor',
]
const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 400 }),
)
const optText = fc.option(text, { nil: null })
const opt = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: null })

const NOTES_MARKER = 'NOTES-MUST-NOT-LEAK-'

const caseInput: fc.Arbitrary<ReplyContextInput> = fc.record({
  case: fc.record({
    caseNumber: text,
    uid: optText,
    phoneE164: fc.option(fc.oneof(text, fc.constantFrom('+8613800138000', '+1', '+', '+86abc')), { nil: null }),
    email: optText,
    symptom: fc.constantFrom(...SYMPTOMS),
    operation: opt(OPERATIONS),
    phoneOs: opt(PHONE_OSES),
    blockingApp: opt(BLOCKING_APPS),
    carrier: opt(CARRIERS),
    emailProvider: opt(EMAIL_PROVIDERS),
    boundMethods: fc.subarray([...BOUND_METHODS]),
    channels: fc.subarray([...CHANNELS]),
    language: fc.constantFrom(...LANGUAGES),
    notes: text.map((s) => NOTES_MARKER + s),
    resolvedBy: opt(METHOD_IDS),
  }),
  agentName: optText,
  customerName: optText,
  attempts: fc.array(
    fc.record({
      methodId: fc.constantFrom(...METHOD_IDS),
      status: fc.constantFrom(...ATTEMPT_STATUSES),
      at: fc.option(fc.integer(), { nil: undefined }),
    }),
    { maxLength: 12 },
  ),
  next: fc.option(fc.record({ methodId: fc.constantFrom(...METHOD_IDS), variantId: optText }), { nil: null }),
  review: fc.option(
    fc.record(
      {
        submitted: text,
        expectedFrom: text,
        dueBy: text,
        status: fc.constantFrom<ReviewStatusId>('pending', 'inWindow', 'atRisk', 'overdue', 'paused'),
        expectedDays: fc.integer({ min: 1, max: 30 }),
        dueDays: fc.integer({ min: 1, max: 60 }),
      },
      { requiredKeys: ['submitted', 'expectedFrom', 'dueBy'] },
    ),
    { nil: null },
  ),
})

describe('default templates under any case context', () => {
  it('render in both languages without throwing, raw template code, empty slots or leaked notes', () => {
    fc.assert(
      fc.property(caseInput, (input) => {
        for (const language of LANGUAGES) {
          const ctx = buildReplyContext({ ...input, language })
          for (const t of templates) {
            const r = renderTemplate(t, ctx)
            if (!r.ok) throw new Error(`${t.id}: ${JSON.stringify(r.error)}`)
            expect(findLeftoverDelimiters(r.value.text)).toEqual([])
            expect(r.value.emptySlots).toEqual([])
            expect(r.value.text).not.toContain(NOTES_MARKER)
            expect(
              checkBeforeSend({ text: r.value.text, language, template: t, context: ctx }).filter(
                (p) => p.key === 'replies.problem.leftoverDelimiter',
              ),
            ).toEqual([])
          }
        }
      }),
      { numRuns: 120 },
    )
  })

  it('keep HTML and script in user data as inert, unescaped text', () => {
    const greeting = templates.find((t) => t.id === 'greeting')!
    fc.assert(
      fc.property(
        fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<b>Bob</b> & "Co"', "javascript:alert('x')"),
        fc.constantFrom(...LANGUAGES),
        (payload, language) => {
          const ctx = buildReplyContext(baseInput({ customerName: payload, language }, { notes: `${NOTES_MARKER}${payload}` }))
          const r = renderTemplate(greeting, ctx)
          expect(r.ok && r.value.text).toContain(payload)
          expect(r.ok && r.value.text).not.toMatch(/&lt;|&gt;|&amp;|&quot;/)
          expect(r.ok && r.value.text).not.toContain(NOTES_MARKER)
        },
      ),
    )
  })
})

describe('any template source', () => {
  const FRAGMENTS = [
    '{{',
    '}}',
    '{%',
    '%}',
    '-',
    ' ',
    '\n',
    'if',
    'endif',
    'for',
    'in',
    'endfor',
    'unless',
    'case',
    'when',
    'raw',
    'endraw',
    'assign',
    '=',
    'capture',
    'include',
    'uid',
    'customer_name',
    'tried_method_ids',
    '|',
    'default',
    ':',
    '"x"',
    "'",
    'upcase',
    'nope',
    '(1..5)',
    '.',
    '[0]',
    'contains',
    'or',
    'and',
    'Hello',
    '您好',
  ]
  const ctx = buildReplyContext(baseInput())
  const KNOWN_ERRORS = new Set([
    'replies.problem.syntax',
    'replies.problem.renderFailed',
    'replies.problem.renderLimit',
    'replies.problem.tooLong',
    'replies.problem.outputTooLong',
  ])

  it('renders or is refused cleanly, never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }).map((a) => a.join('')),
          fc.string({ maxLength: 200 }),
        ),
        (source) => {
          const r = renderBody(source, ctx)
          if (!r.ok) expect(KNOWN_ERRORS.has(r.error.key), JSON.stringify(r.error)).toBe(true)
          const problems = validateTemplateBody(source)
          for (const p of problems) expect(['replies.problem.unknownPlaceholder', ...KNOWN_ERRORS]).toContain(p.key)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('handles 100 KB templates: refused over the limit, rendered under it', () => {
    const unit = 'Dear {{ customer_name | default: "user" }}, {% if uid %}UID {{ uid }}{% endif %}\n'
    const huge = unit.repeat(Math.ceil((100 * 1024) / unit.length))
    expect(huge.length).toBeGreaterThanOrEqual(100 * 1024)
    expect(renderBody(huge, ctx)).toMatchObject({ ok: false, error: { key: 'replies.problem.tooLong' } })
    const big = unit.repeat(Math.floor(MAX_BODY_CHARS / unit.length))
    const r = renderBody(big, ctx)
    expect(r.ok && r.value.text.split('\n')).toHaveLength(Math.floor(MAX_BODY_CHARS / unit.length))
  })
})
