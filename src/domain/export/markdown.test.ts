import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mdCell, mdInline, mdLines, mdQuote, mdTable } from './markdown'

/** Undoes the escaping (backslash escapes and the entities markdown.ts writes), as a renderer would. */
const unescape = (s: string): string =>
  s.replace(
    /\\([!-/:-@[-`{-~])|&(lt|gt|amp|#32|#9);|`([^`]+)`/g,
    (_m, ch: string | undefined, ent: string | undefined, code: string | undefined) =>
      ch ?? code ?? ({ lt: '<', gt: '>', amp: '&', '#32': ' ', '#9': '\t' } as Record<string, string>)[ent ?? ''] ?? '',
  )

/** What is left once escapes are replaced by a placeholder (§, which no rule reads): must hold no live Markdown or HTML. */
const live = (s: string): string =>
  s.replace(/\\[!-/:-@[-`{-~]|&(?:lt|gt|amp|#32|#9);|`([^`]+)`/g, (_m, code: string | undefined) => {
    // a code span shows its text literally: it holds no backtick, "|" or space (which a renderer would trim)
    if (code !== undefined) expect(code).not.toMatch(/[`|\s]/)
    return '§'
  })

describe('Markdown escaping', () => {
  it.each([
    ['# not a heading', '\\# not a heading'],
    ['* not a list', '`*` not a list'],
    ['- not a list', '\\- not a list'],
    ['+ not a list', '\\+ not a list'],
    ['1. not a list', '1\\. not a list'],
    ['> not a quote', '\\> not a quote'],
    ['  > not a quote', '&#32;&#32;\\> not a quote'],
    ['---', '\\---'],
    ['    not code', '&#32;&#32;&#32;&#32;not code'],
    ['<script>alert(1)</script>', '&lt;script>alert(1)&lt;/script>'],
    ['&amp; stays literal', '&amp;amp; stays literal'],
    ['&#60; and &#x3C; too', '&amp;#60; and &amp;#x3C; too'],
    // plain text stays plain where nothing could be read as markup: no &gt; or &amp; for a reader to decode
    ['a > b & c, R&D, 3 >= 2', 'a > b & c, R&D, 3 >= 2'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['| a | b |', '\\| a \\| b \\|'],
    ['**bold** _it_ `code` ~~x~~', '`**bold**` \\_it\\_ \\`code\\` \\~\\~x\\~\\~'],
    // a masked value reads as written (a code span), not one backslash per star
    ['call 138****8000 or a***e@gmail.com', 'call `138****8000` or `a***e@gmail.com`'],
    ['|138****8000|', '\\|`138****8000`\\|'],
    ['a*`b `c*', 'a\\*\\`b \\`c\\*'],
    ['C:\\path', 'C:\\\\path'],
    ['中文 😀 a.b-c', '中文 😀 a.b-c'],
  ])('%j', (input, expected) => {
    expect(mdLines(input)).toEqual([expected])
  })
  it('is lossless and leaves nothing live, for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({
          unit: fc.constantFrom(
            '#',
            '*',
            '-',
            '+',
            '1',
            '.',
            ')',
            '|',
            '<',
            '>',
            '&',
            '\\',
            '`',
            '[',
            ']',
            '_',
            '~',
            ' ',
            '\t',
            '\n',
            '=',
            'a',
            '#',
            ';',
            'x',
            '3',
          ),
          maxLength: 30,
        }),
        (a, b) => {
          for (const text of [a, b, a + b, b + a]) {
            const lines = mdLines(text)
            expect(lines.map(unescape).join('\n')).toBe(text.replace(/\r\n|\r/g, '\n'))
            for (const line of lines) {
              const rest = live(line)
              expect(rest).not.toMatch(/[\\`*_[\]|~<]/)
              // an & left as typed starts no character reference; a > left as typed starts no block quote
              expect(rest).not.toMatch(/&(?:#|[A-Za-z][A-Za-z0-9]*;)/)
              expect(rest).not.toMatch(/^(?:[#+\-=>]|\d+[.)]|[ \t])/)
            }
          }
        },
      ),
      { numRuns: 500 },
    )
  })
  it('quotes keep every line inside the quote', () => {
    expect(mdQuote('a\nb\n\n# c')).toBe('> a\\\n> b\n>\n> \\# c')
  })
  it('inline and cells put line breaks as space / <br>', () => {
    expect(mdInline('a\nb')).toBe('a b')
    expect(mdCell('a|b\r\nc')).toBe('a\\|b<br>c')
    expect(mdTable(['F', 'V'], [['x', 'y|z']])).toBe('| F | V |\n| --- | --- |\n| x | y\\|z |')
    expect(mdCell('+86 # 1. <b>')).toBe('+86 # 1. &lt;b>')
    expect(mdCell('  indented')).toBe('&#32;&#32;indented')
  })
})
