import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FORMULA_TRIGGERS, XLSX_MAX_CELL_CHARS, neutraliseFormula, xlsxText } from './cell'

describe('neutraliseFormula', () => {
  it.each(FORMULA_TRIGGERS.map((c) => [JSON.stringify(c), c] as const))('prefixes text starting with %s', (_name, c) => {
    expect(neutraliseFormula(`${c}SUM(A1:A9)`)).toBe(`'${c}SUM(A1:A9)`)
    expect(neutraliseFormula(c)).toBe(`'${c}`)
  })
  it.each(['', 'plain', ' =1+1', "'=already", '1+1', '中文=1', '😀', 'a\n=1', '=', '+86 138****8000'].map((s) => [s]))('%j', (s) => {
    const expected = /^[=+\-@\t\r\n]/.test(s) ? `'${s}` : s
    expect(neutraliseFormula(s)).toBe(expected)
  })
  it('changes nothing but the first character position', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = neutraliseFormula(s)
        const trigger = (FORMULA_TRIGGERS as readonly string[]).includes(s.charAt(0))
        expect(out).toBe(trigger ? `'${s}` : s)
      }),
    )
  })
})

describe('xlsxText', () => {
  it('escapes CR, control characters and literal _xHHHH_ as OOXML escapes', () => {
    expect(xlsxText('a\r\nb')).toBe('a_x000D_\nb')
    expect(xlsxText('a\u0001b\u007f')).toBe('a_x0001_b_x007F_')
    expect(xlsxText('_x0041_ and _x00ab_')).toBe('_x005F_x0041_ and _x005F_x00ab_')
    expect(xlsxText('tab\tand\nnewline')).toBe('tab\tand\nnewline')
  })
  it('neutralises formulas and replaces lone surrogates', () => {
    // a string cell is never evaluated: no formula guard
    expect(xlsxText('=1+1')).toBe('=1+1')
    expect(xlsxText('+86 138****8000')).toBe('+86 138****8000')
    expect(xlsxText('a\ud800b')).toBe('a\ufffdb')
    expect(xlsxText('😀')).toBe('😀')
  })
  it('cuts at 32,767 characters without splitting a surrogate pair', () => {
    expect(xlsxText('x'.repeat(40_000))).toHaveLength(XLSX_MAX_CELL_CHARS)
    const t = xlsxText('x'.repeat(XLSX_MAX_CELL_CHARS - 1) + '😀')
    expect(t).toHaveLength(XLSX_MAX_CELL_CHARS - 1)
  })
})

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const OOXML_ESCAPED = /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\u007f]|_(?=x[0-9A-Fa-f]{4}_)/g

describe('xlsxText fast path', () => {
  /** The escaping as it was before the quick tests that skip it for most texts. */
  function reference(text: string): string {
    let t = text
    if (t.length > XLSX_MAX_CELL_CHARS) {
      t = t.slice(0, XLSX_MAX_CELL_CHARS)
      if (/[\ud800-\udbff]$/.test(t)) t = t.slice(0, -1)
    }
    t = t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    return t.replace(OOXML_ESCAPED, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
  }
  it('gives the same text as the full escaping, for any text', () => {
    const unit = fc.constantFrom(
      'a',
      '中',
      '_',
      'x',
      '0',
      'F',
      '_x0041_',
      '\t',
      '\n',
      '\r',
      '\u0001',
      '\u007f',
      '\ud83d',
      '\ude00',
      '😀',
      ' ',
    )
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 })), (text) => {
        expect(xlsxText(text)).toBe(reference(text))
      }),
      { numRuns: 1000 },
    )
  })
})
