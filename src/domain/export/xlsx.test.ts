import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readXlsx, type XlsxSheet } from '../../../e2e/xlsxRead'
import { ATTEMPT_COLUMNS, CASE_COLUMNS, REVIEW_COLUMNS, TABLE_COLUMNS, headersOf, type ExportColumn } from './columns'
import { RowShaper } from './rows'
import { makeInput } from '@test/exportRecords'
import { strFromU8, unzipSync } from 'fflate'
import {
  DATE_FORMAT,
  DATE_TIME_FORMAT,
  SHARED_PER_COLUMN,
  SheetRows,
  XlsxRowLimitError,
  XlsxWriter,
  buildXlsx,
  columnLetters,
  excelSerial,
  xmlEscape,
  type XlsxExportOptions,
} from './xlsx'
import { xlsxText, type ExportCell, type ExportRow } from './cell'

const colIndex = (columns: readonly ExportColumn[], key: string): number => columns.findIndex((c) => c.key === key)

/** rows are 1-based as in Excel (1: the header). */
function cellValue(ws: XlsxSheet, row: number, columns: readonly ExportColumn[], key: string): unknown {
  return ws.rows[row - 1]?.[colIndex(columns, key)] ?? null
}

function writeAll(options: XlsxExportOptions, chunks: ReturnType<typeof makeInput>[][]): { bytes: Uint8Array; writer: XlsxWriter } {
  const parts: Uint8Array[] = []
  const writer = new XlsxWriter(options, (b) => parts.push(b))
  for (const c of chunks) writer.add(c)
  writer.finish()
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let at = 0
  for (const p of parts) {
    bytes.set(p, at)
    at += p.byteLength
  }
  return { bytes, writer }
}

describe('XLSX export', () => {
  it('writes the cases sheet with typed cells, a frozen bold header, an auto-filter and widths', () => {
    const bytes = buildXlsx([makeInput()], { language: 'en', timeZone: 'Asia/Shanghai' })
    expect(bytes).toBeInstanceOf(Uint8Array)
    // a zip file
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b])
    const wb = readXlsx(bytes)
    expect(wb.parts).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']),
    )
    expect(wb.sheets.map((w) => w.name)).toEqual(['Cases'])
    const ws = wb.sheets[0]!
    expect(ws.rows).toHaveLength(2)
    expect(ws.rows[0]).toEqual(headersOf(CASE_COLUMNS, 'en'))
    expect(ws.bold.has('0:0')).toBe(true)
    expect(ws.bold.has('1:0')).toBe(false)
    expect(ws.frozen).toEqual({ state: 'frozen', ySplit: 1 })
    const last = columnLetters(CASE_COLUMNS.length - 1)
    expect(ws.autoFilter).toBe(`A1:${last}2`)
    expect(wb.definedNames).toEqual([{ name: '_xlnm._FilterDatabase', text: `'Cases'!$A$1:$${last}$2` }])
    expect(ws.widths[colIndex(CASE_COLUMNS, 'notes')]).toBe(60)

    const created = cellValue(ws, 2, CASE_COLUMNS, 'createdAt')
    expect(created).toBeInstanceOf(Date)
    // wall-clock time of Asia/Shanghai in the UTC fields
    expect((created as Date).toISOString()).toBe('2026-11-24T14:03:05.000Z')
    expect(ws.formats.get(`1:${colIndex(CASE_COLUMNS, 'createdAt')}`)).toBe(DATE_TIME_FORMAT)
    const due = cellValue(ws, 2, CASE_COLUMNS, 'reviewDueBy')
    expect((due as Date).toISOString()).toBe('2026-12-03T00:00:00.000Z')
    expect(ws.formats.get(`1:${colIndex(CASE_COLUMNS, 'reviewDueBy')}`)).toBe(DATE_FORMAT)
    expect(cellValue(ws, 2, CASE_COLUMNS, 'methodsTriedCount')).toBe(2)
    expect(cellValue(ws, 2, CASE_COLUMNS, 'uid')).toBe('12****78')
    // a string cell is never evaluated: no formula-guard apostrophe in XLSX
    expect(cellValue(ws, 2, CASE_COLUMNS, 'phone')).toBe('+86 138****8000')
    // empty cells stay empty
    expect(cellValue(ws, 2, CASE_COLUMNS, 'reviewClosed')).toBeNull()
  })

  it('streams: bytes reach the sink while rows are added, and the row count is exact', () => {
    const parts: Uint8Array[] = []
    const w = new XlsxWriter({ language: 'en', timeZone: 'UTC' }, (b) => parts.push(b))
    const atStart = parts.length
    const chunk = Array.from({ length: 150 }, (_, i) =>
      makeInput({ id: i + 1, notes: `note ${i}: ${'the user tried again later today; '.repeat(6)}` }),
    )
    for (let i = 0; i < 3; i++) w.add(chunk)
    const before = parts.length
    // the cases sheet's compressed rows were handed on before the end
    expect(before).toBeGreaterThan(atStart)
    w.finish()
    expect(parts.length).toBeGreaterThan(before)
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
    let at = 0
    for (const p of parts) {
      bytes.set(p, at)
      at += p.byteLength
    }
    const ws = readXlsx(bytes).sheets[0]!
    expect(ws.rows).toHaveLength(451)
    expect(ws.rows.slice(1).every((r) => typeof r[0] === 'string' && r[1] instanceof Date)).toBe(true)
    expect(ws.autoFilter).toBe(`A1:${columnLetters(CASE_COLUMNS.length - 1)}451`)
  })

  it('shares the texts of label columns, keeps the shared table small, and positions a cell only after a gap', () => {
    // 300 cases: the status column repeats five labels, the notes column has 300 distinct texts
    const statuses = ['open', 'waiting', 'escalated', 'resolved', 'closed'] as const
    const inputs = Array.from({ length: 300 }, (_, i) =>
      makeInput({ id: i + 1, caseNumber: `VC-20261124-${String(i).padStart(4, '0')}`, status: statuses[i % 5]!, notes: `note ${i}` }),
    )
    const bytes = buildXlsx(inputs, { language: 'en', timeZone: 'UTC' })
    const files = unzipSync(bytes)
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!)
    const sst = strFromU8(files['xl/sharedStrings.xml']!)
    const unique = Number(/uniqueCount="(\d+)"/.exec(sst)?.[1])
    // each column adds SHARED_PER_COLUMN texts at most; the rest of a many-valued column is inline
    expect(unique).toBeLessThanOrEqual(CASE_COLUMNS.length * SHARED_PER_COLUMN)
    expect(sheet).toContain('t="s"')
    expect(sheet).toContain('t="inlineStr"><is><t>note 299</t></is>')
    // r only after a skipped (empty) cell: far fewer than one per cell
    expect((sheet.match(/<c r=/g) ?? []).length).toBeLessThan((sheet.match(/<c[ >]/g) ?? []).length / 4)
    const ws = readXlsx(bytes).sheets[0]!
    expect(ws.rows).toHaveLength(301)
    inputs.forEach((input, i) => {
      expect(cellValue(ws, i + 2, CASE_COLUMNS, 'caseNumber')).toBe(input.case.caseNumber)
      expect(cellValue(ws, i + 2, CASE_COLUMNS, 'status')).toBe(['Open', 'Waiting for user', 'Escalated', 'Resolved', 'Closed'][i % 5])
      expect(cellValue(ws, i + 2, CASE_COLUMNS, 'notes')).toBe(`note ${i}`)
      // the cell after an empty one lands in its own column
      expect(cellValue(ws, i + 2, CASE_COLUMNS, 'reviewClosed')).toBeNull()
      expect(cellValue(ws, i + 2, CASE_COLUMNS, 'phoneCountryCode')).toBe('86')
    })
  })

  it('writes optional attempt and review sheets, in Chinese', () => {
    const { bytes, writer: w } = writeAll(
      { language: 'zh-CN', timeZone: 'Asia/Shanghai', tables: ['cases', 'attempts', 'reviews'], attempts: 'history' },
      [[makeInput()], [makeInput({ id: 2, caseNumber: 'VC-20261125-BBBB' })]],
    )
    expect(w.rowCounts).toEqual({ cases: 2, attempts: 8, reviews: 2 })
    const wb = readXlsx(bytes)
    expect(wb.sheets.map((s) => s.name)).toEqual(['工单', '方法尝试', '审核'])
    const attempts = wb.sheets[1]!
    expect(attempts.rows[0]).toEqual(headersOf(ATTEMPT_COLUMNS, 'zh-CN'))
    expect(attempts.rows).toHaveLength(9)
    expect(cellValue(attempts, 2, ATTEMPT_COLUMNS, 'methodNumber')).toBe(1)
    expect(cellValue(attempts, 2, ATTEMPT_COLUMNS, 'status')).toBe('已建议')
    expect(cellValue(attempts, 2, ATTEMPT_COLUMNS, 'at')).toBeInstanceOf(Date)
    const reviews = wb.sheets[2]!
    expect(cellValue(reviews, 3, REVIEW_COLUMNS, 'caseNumber')).toBe('VC-20261125-BBBB')
    expect(cellValue(reviews, 2, REVIEW_COLUMNS, 'pauseCount')).toBe(0)
    expect(reviews.frozen).toEqual({ state: 'frozen', ySplit: 1 })
    expect(reviews.autoFilter).toBe(`A1:${columnLetters(REVIEW_COLUMNS.length - 1)}3`)
  })

  it('keeps every sheet in case order when a chunk is shaped a few cases at a time', () => {
    // more cases in one add() than the writer shapes at a time (50), every sheet in turn
    const inputs = Array.from({ length: 137 }, (_, i) => makeInput({ id: i + 1, caseNumber: `VC-20261125-${String(i).padStart(4, '0')}` }))
    const options: XlsxExportOptions = { language: 'en', timeZone: 'Asia/Shanghai', tables: ['cases', 'attempts', 'reviews'] }
    const { bytes, writer } = writeAll(options, [inputs.slice(0, 120), inputs.slice(120)])
    const shaper = new RowShaper(options)
    const wb = readXlsx(bytes)
    const tables = ['cases', 'attempts', 'reviews'] as const
    tables.forEach((table, s) => {
      const columns = TABLE_COLUMNS[table]
      const expected = shaper.rows(table, inputs).map((row) => row[colIndex(columns, 'caseNumber')])
      expect(writer.rowCounts[table]).toBe(expected.length)
      expect(wb.sheets[s]!.rows.slice(1).map((row) => row[colIndex(columns, 'caseNumber')])).toEqual(expected)
    })
    expect(writer.rowCounts.attempts).toBeGreaterThan(inputs.length)
  })

  it('text with line breaks, quotes, emoji, Chinese, control characters and leading = survives exactly', () => {
    const samples = [
      'line one\nline two\r\nline three\rend',
      '"quoted" and \'single\' <tag> & ampersand',
      '😀 emoji 👩‍👩‍👧 and 中文备注',
      '=HYPERLINK("http://evil")',
      '+86 138',
      '-1',
      '@SUM(A1)',
      '\tleading tab',
      '\nleading newline',
      '  spaces around  ',
      'bell\u0007 and nul\u0000 and del\u007f',
      '_x0041_ literal escape',
    ]
    const inputs = samples.map((notes, i) => makeInput({ id: i + 1, notes, agent: notes }))
    const ws = readXlsx(buildXlsx(inputs, { language: 'en', timeZone: 'UTC', fullDetails: true })).sheets[0]!
    samples.forEach((s, i) => {
      expect(cellValue(ws, i + 2, CASE_COLUMNS, 'notes')).toBe(s)
      expect(cellValue(ws, i + 2, CASE_COLUMNS, 'agent')).toBe(s)
    })
  })

  it('round-trips arbitrary well-formed text (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
      fc.string({
        unit: fc.constantFrom('\r', '\n', '"', '=', '+', '-', '@', '\t', '_x000D_', '中', '😀', '\u0001', ' ', 'a'),
        minLength: 1,
        maxLength: 12,
      }),
    )
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 10 }), (notes) => {
        const inputs = notes.map((n, i) => makeInput({ id: i + 1, notes: n }))
        const ws = readXlsx(buildXlsx(inputs, { language: 'en', timeZone: 'UTC', fullDetails: true })).sheets[0]!
        notes.forEach((n, i) => expect(cellValue(ws, i + 2, CASE_COLUMNS, 'notes')).toBe(n))
      }),
      // U+2028 and U+0085 are text in XML 1.0 (fast-check seed 1397516728 found the reader turning them into LF)
      { numRuns: 25, examples: [[['\u2028 ', '\r']], [['\u0085x', 'a\u2029b']]] },
    )
  })

  it('refuses more rows than Excel holds', () => {
    const w = new XlsxWriter({ language: 'en', timeZone: 'UTC' }, () => {})
    const many = new Array<ReturnType<typeof makeInput>>(1_048_576).fill(makeInput())
    expect(() => w.add(many)).toThrow(XlsxRowLimitError)
    expect(w.rowCounts.cases).toBe(0)
  })
})

/**
 * The rows as the writer built them before SheetRows (one string per cell, joined per row and chunk, then
 * encoded): the reference SheetRows' bytes must equal.
 */
function referenceRowsXml(
  rows: readonly ExportRow[],
  firstRow: number,
  columns: readonly ExportColumn[],
  shared: Array<(t: string) => number>,
): string {
  const textElement = (text: string): string => {
    const t = xmlEscape(xlsxText(text))
    const c0 = t.charCodeAt(0)
    const cn = t.charCodeAt(t.length - 1)
    const edges = c0 === 32 || c0 === 10 || c0 === 9 || cn === 32 || cn === 10 || cn === 9
    return edges ? `<t xml:space="preserve">${t}</t>` : `<t>${t}</t>`
  }
  const inlineString = (text: string): string => `<is>${textElement(text)}</is>`
  const cellXml = (at: string, cell: ExportCell, type: ExportColumn['type'], share: (text: string) => number): string => {
    if (cell === null) return ''
    if (typeof cell === 'number') return Number.isFinite(cell) ? `<c${at}><v>${cell}</v></c>` : ''
    if (cell instanceof Date) {
      if (Number.isNaN(cell.getTime())) return ''
      const serial = excelSerial(cell)
      if (serial < 61)
        return `<c${at} t="inlineStr">${inlineString(
          cell
            .toISOString()
            .slice(0, type === 'date' ? 10 : 19)
            .replace('T', ' '),
        )}</c>`
      return `<c${at} s="${type === 'date' ? 3 : 2}"><v>${serial}</v></c>`
    }
    if (cell === '') return ''
    const index = share(cell)
    return index >= 0 ? `<c${at} t="s"><v>${index}</v></c>` : `<c${at} t="inlineStr">${inlineString(cell)}</c>`
  }
  const letters = columns.map((_, c) => columnLetters(c))
  return rows
    .map((row, i) => {
      const r = firstRow + i
      let gap = false
      const cells = columns.map((col, c) => {
        const cell = cellXml(gap ? ` r="${letters[c]}${r}"` : '', row[c] ?? null, col.type, shared[c]!)
        gap = cell === ''
        return cell
      })
      return `<row r="${r}">${cells.join('')}</row>`
    })
    .join('')
}

function sheetRowsXml(
  rows: readonly ExportRow[],
  firstRow: number,
  columns: readonly ExportColumn[],
  shared: Array<(t: string) => number>,
): string {
  const parts: Uint8Array[] = []
  const xml = new SheetRows((b) => parts.push(b))
  const letters = columns.map((_, c) => new TextEncoder().encode(columnLetters(c)))
  rows.forEach((row, i) => xml.row(firstRow + i, row, columns, letters, shared))
  xml.flush()
  // every buffer handed on is its own (a fresh one follows): concatenating them later is safe
  return parts.map((p) => new TextDecoder('utf-8', { fatal: true }).decode(p)).join('')
}

/** A column look-up into a shared-string table that takes its first SHARED_PER_COLUMN texts (as the writer's). */
function sharer(): (t: string) => number {
  const index = new Map<string, number>()
  return (t) => {
    let i = index.get(t)
    if (i === undefined) {
      if (index.size >= SHARED_PER_COLUMN) return -1
      i = index.size
      index.set(t, i)
    }
    return i
  }
}

/** A column look-up sharing the texts in `sharedTexts`, -1 (inline) for the rest. */
const sharing = (sharedTexts: readonly string[]) => (t: string) => sharedTexts.indexOf(t)

describe('SheetRows (row XML as bytes)', () => {
  const columns: ExportColumn[] = [
    { key: 'a', type: 'text', width: 10 },
    { key: 'b', type: 'number', width: 10 },
    { key: 'c', type: 'datetime', width: 10 },
    { key: 'd', type: 'date', width: 10 },
    { key: 'e', type: 'text', width: 10 },
  ] as unknown as ExportColumn[]

  it('writes exactly the XML the string-built rows were, for real shaped rows', () => {
    const inputs = Array.from({ length: 150 }, (_, i) =>
      makeInput({ id: i + 1, caseNumber: `VC-20261124-${i}`, notes: i % 3 ? `note ${i} 中文 & <b> "q"` : ' padded ' }),
    )
    for (const options of [
      { language: 'zh-CN', timeZone: 'Asia/Shanghai' },
      { language: 'en', timeZone: 'UTC', fullDetails: true, attempts: 'history', values: 'codes' },
    ] as const) {
      const shaper = new RowShaper(options)
      for (const table of ['cases', 'attempts', 'reviews'] as const) {
        const rows = shaper.rows(table, inputs)
        const cols = TABLE_COLUMNS[table]
        // each side its own shared-string table, filled in the same order (64 texts a column, as the writer's)
        const bytes = sheetRowsXml(
          rows,
          2,
          cols,
          cols.map(() => sharer()),
        )
        expect(bytes).toContain('t="inlineStr"')
        expect(
          bytes ===
            referenceRowsXml(
              rows,
              2,
              cols,
              cols.map(() => sharer()),
            ),
        ).toBe(true)
      }
    }
  })

  it('writes exactly the XML the string-built rows were, for any cells (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({
        unit: fc.constantFrom('&', '<', '>', '"', "'", ' ', '\t', '\n', '\r', '\u0001', '_x0041_', '中', '😀', '\ud800', 'a'),
        maxLength: 12,
      }),
      fc.constantFrom('open', 'closed', '已结束'),
    )
    const cell: fc.Arbitrary<ExportCell> = fc.oneof(
      fc.constant(null),
      text,
      fc.integer(),
      fc.double(),
      fc.constantFrom(0, -0, 1e15, 1e21, 2 ** 53, -1, 0.1, NaN, Infinity, -Infinity),
      fc.date({ min: new Date(Date.UTC(1899, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: false }),
    )
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { maxLength: 8 }),
        fc.integer({ min: 2, max: 1_048_576 }),
        (rows, first) => {
          const shared = columns.map(() => sharing(['open', 'closed', '已结束']))
          expect(sheetRowsXml(rows, first, columns, shared)).toBe(referenceRowsXml(rows, first, columns, shared))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('can reuse one buffer for a consumer that copies what it is given', () => {
    const rows: ExportRow[] = Array.from({ length: 6000 }, (_, i) => [`row ${i} 中文`, i, null, null, 'x'])
    const shared = columns.map(() => sharing([]))
    const letters = columns.map((_, c) => new TextEncoder().encode(columnLetters(c)))
    const views: Uint8Array[] = []
    const copies: Uint8Array[] = []
    const xml = new SheetRows((b) => {
      views.push(b)
      copies.push(b.slice())
    }, true)
    rows.forEach((row, i) => xml.row(i + 2, row, columns, letters, shared))
    xml.flush()
    expect(views.length).toBeGreaterThan(1)
    expect(new Set(views.map((v) => v.buffer)).size).toBe(1)
    const decoded = copies.map((p) => new TextDecoder('utf-8', { fatal: true }).decode(p)).join('')
    expect(decoded).toBe(referenceRowsXml(rows, 2, columns, shared))
  })

  it('hands on full buffers as it goes, and a text longer than a buffer whole', () => {
    const parts: Uint8Array[] = []
    const xml = new SheetRows((b) => parts.push(b))
    const long = '中'.repeat(200_000)
    const rows: ExportRow[] = Array.from({ length: 3000 }, (_, i) => [`row ${i}`, i, null, null, i === 1500 ? long : 'x'])
    const shared = columns.map(() => sharing([]))
    const letters = columns.map((_, c) => new TextEncoder().encode(columnLetters(c)))
    rows.forEach((row, i) => xml.row(i + 2, row, columns, letters, shared))
    expect(parts.length).toBeGreaterThan(1)
    xml.flush()
    const decoded = parts.map((p) => new TextDecoder('utf-8', { fatal: true }).decode(p)).join('')
    expect(decoded).toBe(referenceRowsXml(rows, 2, columns, shared))
  })
})
