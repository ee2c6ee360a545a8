import fc from 'fast-check'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { neutraliseFormula, type ExportCell, type ExportRow } from './cell'
import { CASE_COLUMNS, REVIEW_COLUMNS, TABLE_COLUMNS, headersOf, type ColumnType, type ExportColumn } from './columns'
import { CsvTableWriter, UTF8_BOM, csvChunk, csvField, tableToCsv } from './csv'
import { makeInput, makeReviewInput } from '@test/exportRecords'

const testColumn = (key: string, type: ColumnType = 'text'): ExportColumn => ({
  key,
  type,
  header: { en: key, 'zh-CN': key },
  width: 10,
  doc: 'test',
})
const TEXT_COLUMNS: ExportColumn[] = ['a', 'b', 'c'].map((k) => testColumn(k))

/** Parses like a consumer would: Papa's defaults (it strips the BOM, guesses newline and delimiter). */
function parse(text: string): string[][] {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: ',' })
  expect(result.errors).toEqual([])
  const rows = result.data
  // the file ends with CRLF, which Papa reports as one last empty row
  expect(rows.at(-1)).toEqual([''])
  return rows.slice(0, -1)
}

const tricky = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      '"',
      ',',
      '\r',
      '\n',
      '\r\n',
      ' ',
      '\t',
      '=',
      '+',
      '-',
      '@',
      "'",
      '中',
      '文',
      '😀',
      '👩‍👩‍👧',
      'a',
      ';',
      '\u00a0',
      '\ufeff',
    ),
    maxLength: 20,
  }),
)

describe('csvChunk', () => {
  it('first chunk: BOM, header, CRLF line ends; later chunks: rows only', () => {
    const first = csvChunk(TEXT_COLUMNS, [['1', '2', '3']], { first: true, headers: ['A', 'B', 'C'] })
    expect(first).toBe(`${UTF8_BOM}A,B,C\r\n1,2,3\r\n`)
    expect(csvChunk(TEXT_COLUMNS, [['4', '5', '6']], { first: false })).toBe('4,5,6\r\n')
    expect(csvChunk(TEXT_COLUMNS, [], { first: false })).toBe('')
    expect(csvChunk(TEXT_COLUMNS, [], { first: true, headers: ['A', 'B', 'C'] })).toBe(`${UTF8_BOM}A,B,C\r\n`)
  })
  it('quotes per RFC 4180 and neutralises formulas', () => {
    const out = csvChunk(
      TEXT_COLUMNS,
      [
        ['a,b', 'say "hi"', 'line\nbreak'],
        ['=1+1', '@x', '-3'],
      ],
      { first: false },
    )
    expect(out).toBe('"a,b","say ""hi""","line\nbreak"\r\n\'=1+1,\'@x,\'-3\r\n')
  })
  it('writes numbers as numbers and dates in the column format, empty for null', () => {
    const cols: ExportColumn[] = [testColumn('n', 'number'), testColumn('d', 'date'), testColumn('t', 'datetime'), testColumn('x')]
    const wall = new Date(Date.UTC(2026, 10, 24, 14, 3, 5))
    expect(csvChunk(cols, [[-5, wall, wall, null]], { first: false })).toBe('-5,2026-11-24,2026-11-24 14:03:05,\r\n')
  })
  it('round-trips arbitrary text through Papa.parse exactly, apart from the injection prefix', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(tricky, tricky, tricky), { minLength: 1, maxLength: 8 }), (rows) => {
        const text = csvChunk(TEXT_COLUMNS, rows, { first: true, headers: ['A', 'B', 'C'] })
        const parsed = parse(text)
        expect(parsed[0]).toEqual(['A', 'B', 'C'])
        expect(parsed.slice(1)).toEqual(rows.map((r) => r.map(neutraliseFormula)))
      }),
      { numRuns: 500 },
    )
  })
  it('concatenated chunks equal one big chunk', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(tricky, tricky, tricky), { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (rows, size) => {
        let joined = ''
        for (let i = 0; i === 0 || i < rows.length; i += size)
          joined += csvChunk(TEXT_COLUMNS, rows.slice(i, i + size), { first: i === 0, headers: ['A', 'B', 'C'] })
        expect(joined).toBe(csvChunk(TEXT_COLUMNS, rows, { first: true, headers: ['A', 'B', 'C'] }))
      }),
    )
  })
})

/**
 * The writer csvChunk replaced, kept as the reference: Papa.unparse over the cells, dates formatted by
 * toISOString. The typed writer must write exactly the same bytes.
 */
function papaChunk(
  columns: readonly ExportColumn[],
  rows: readonly ExportRow[],
  options: { first: boolean; headers?: readonly string[] },
): string {
  const cell = (c: ExportCell, type: ColumnType): string | number => {
    if (c === null) return ''
    if (typeof c === 'number') return Number.isFinite(c) ? c : ''
    if (c instanceof Date) return type === 'date' ? c.toISOString().slice(0, 10) : c.toISOString().slice(0, 19).replace('T', ' ')
    return neutraliseFormula(c)
  }
  const data = rows.map((row) => columns.map((c, i) => cell(row[i] ?? null, c.type)))
  if (!options.first && data.length === 0) return ''
  const fields = [...(options.headers ?? headersOf(columns, 'en'))].map(neutraliseFormula)
  let body = Papa.unparse({ fields, data }, { header: options.first, newline: '\r\n', delimiter: ',', quoteChar: '"' })
  if (data.length === 0 && body.endsWith('\r\n')) body = body.slice(0, -2)
  return (options.first ? UTF8_BOM : '') + body + '\r\n'
}

/** Any cell a shaped row can hold, weighted toward what needs quoting or a formula guard. */
const anyCell: fc.Arbitrary<ExportCell> = fc.oneof(
  tricky,
  fc.constant(null),
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(0, -0, 1e21, -1e-7, Number.MAX_SAFE_INTEGER),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }),
  fc.date({ min: new Date('1999-12-31T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
)

describe('typed CSV writer', () => {
  it('writes the same bytes as Papa.unparse did, for every table, chunk and kind of cell', () => {
    const tables = Object.values(TABLE_COLUMNS)
    fc.assert(
      fc.property(
        fc.constantFrom(...tables),
        fc.array(fc.array(anyCell, { minLength: 40, maxLength: 40 }), { maxLength: 6 }),
        fc.boolean(),
        fc.option(fc.array(tricky, { minLength: 1, maxLength: 40 }), { nil: undefined }),
        (columns, rows, first, headers) => {
          const shaped = rows.map((r) => r.slice(0, columns.length))
          const options = headers ? { first, headers: headers.slice(0, columns.length) } : { first }
          expect(csvChunk(columns, shaped, { ...options, language: 'en' })).toBe(papaChunk(columns, shaped, options))
        },
      ),
      { numRuns: 1000 },
    )
  })
  it('quotes a field exactly when Papa did', () => {
    expect(csvField('')).toBe('')
    expect(csvField('plain 中文')).toBe('plain 中文')
    expect(csvField(' lead')).toBe('" lead"')
    expect(csvField('trail ')).toBe('"trail "')
    expect(csvField('a"b')).toBe('"a""b"')
    expect(csvField('\ufeffx')).toBe('"\ufeffx"')
    expect(csvField('tab\tinside')).toBe('tab\tinside')
  })
})

describe('case table CSV', () => {
  it('header in the export language and notes surviving the round trip', () => {
    const notes = '第一行 "引号", 逗号\r\n=HYPERLINK("http://x") 😀 | # *'
    const text = tableToCsv('cases', [makeInput({ notes })], { language: 'zh-CN', timeZone: 'Asia/Shanghai', fullDetails: true })
    const [header, row] = parse(text)
    expect(header).toEqual(headersOf(CASE_COLUMNS, 'zh-CN'))
    expect(row?.[CASE_COLUMNS.findIndex((c) => c.key === 'notes')]).toBe(notes)
    expect(row?.[CASE_COLUMNS.findIndex((c) => c.key === 'createdAt')]).toBe('2026-11-24 14:03:05')
    // phones as national digits with the country code in its own column: readable, and no apostrophe needed
    expect(row?.[CASE_COLUMNS.findIndex((c) => c.key === 'phone')]).toBe('13800138000')
    expect(row?.[CASE_COLUMNS.findIndex((c) => c.key === 'phoneCountryCode')]).toBe('86')
    const [, masked] = parse(tableToCsv('cases', [makeInput()], { language: 'en', timeZone: 'UTC' }))
    expect(masked?.[CASE_COLUMNS.findIndex((c) => c.key === 'phone')]).toBe('138****8000')
    expect(masked?.[CASE_COLUMNS.findIndex((c) => c.key === 'phoneCountryCode')]).toBe('86')
  })
  it('a registered contact phone is its national digits with the country code in its own column (no apostrophe)', () => {
    const input = { ...makeInput(), reviews: [makeReviewInput({ registeredContact: '+86 138-0013-8000' })] }
    const col = (key: string): number => REVIEW_COLUMNS.findIndex((c) => c.key === key)
    const [, full] = parse(tableToCsv('reviews', [input], { language: 'en', timeZone: 'UTC', fullDetails: true }))
    expect(full?.[col('registeredContact')]).toBe('13800138000')
    expect(full?.[col('registeredContactCountryCode')]).toBe('86')
    const [, masked] = parse(tableToCsv('reviews', [input], { language: 'en', timeZone: 'UTC' }))
    expect(masked?.[col('registeredContact')]).toBe('138****8000')
    expect(masked?.[col('registeredContactCountryCode')]).toBe('86')
    // an email stays as it is, with no country code
    const mail = { ...makeInput(), reviews: [makeReviewInput({ registeredContact: 'li.wei@163.com' })] }
    const [, m] = parse(tableToCsv('reviews', [mail], { language: 'en', timeZone: 'UTC', fullDetails: true }))
    expect(m?.[col('registeredContact')]).toBe('li.wei@163.com')
    expect(m?.[col('registeredContactCountryCode')]).toBe('')
  })
  it('the writer puts the header on the first chunk only and counts rows', () => {
    const w = new CsvTableWriter('attempts', { language: 'en', timeZone: 'UTC' })
    const a = w.chunk([makeInput()])
    const b = w.chunk([makeInput({ caseNumber: 'VC-20261124-BBBB' })])
    expect(a.startsWith(`${UTF8_BOM}Case number,`)).toBe(true)
    expect(b.startsWith('VC-20261124-BBBB,')).toBe(true)
    expect(w.rowCount).toBe(6)
    expect(parse(a + b)).toHaveLength(7)
  })
})
