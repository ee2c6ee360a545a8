import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { neutraliseFormula } from './cell'
import { ATTEMPT_COLUMNS, CASE_COLUMNS, REVIEW_COLUMNS, headersOf, type ExportColumn } from './columns'
import { makeInput } from './testFixtures'
import { DATE_FORMAT, DATE_TIME_FORMAT, XlsxRowLimitError, XlsxWriter, buildXlsx } from './xlsx'

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return wb
}

const colIndex = (columns: readonly ExportColumn[], key: string): number => columns.findIndex((c) => c.key === key) + 1

function cellValue(ws: ExcelJS.Worksheet, row: number, columns: readonly ExportColumn[], key: string): unknown {
  return ws.getRow(row).getCell(colIndex(columns, key)).value
}

describe('XLSX export', () => {
  it('writes the cases sheet with typed cells, a frozen bold header and widths', async () => {
    const bytes = await buildXlsx([makeInput()], { language: 'en', timeZone: 'Asia/Shanghai' })
    expect(bytes).toBeInstanceOf(Uint8Array)
    // a zip file
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b])
    const wb = await load(bytes)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cases'])
    const ws = wb.worksheets[0]!
    expect(ws.getRow(1).values).toEqual([undefined, ...headersOf(CASE_COLUMNS, 'en')])
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.getColumn(colIndex(CASE_COLUMNS, 'notes')).width).toBe(60)

    const created = cellValue(ws, 2, CASE_COLUMNS, 'createdAt')
    expect(created).toBeInstanceOf(Date)
    // wall-clock time of Asia/Shanghai in the UTC fields
    expect((created as Date).toISOString()).toBe('2026-11-24T14:03:05.000Z')
    expect(ws.getRow(2).getCell(colIndex(CASE_COLUMNS, 'createdAt')).numFmt).toBe(DATE_TIME_FORMAT)
    const due = cellValue(ws, 2, CASE_COLUMNS, 'reviewDueBy')
    expect((due as Date).toISOString()).toBe('2026-12-03T00:00:00.000Z')
    expect(ws.getRow(2).getCell(colIndex(CASE_COLUMNS, 'reviewDueBy')).numFmt).toBe(DATE_FORMAT)
    expect(cellValue(ws, 2, CASE_COLUMNS, 'methodsTriedCount')).toBe(2)
    expect(cellValue(ws, 2, CASE_COLUMNS, 'uid')).toBe('12****78')
    expect(cellValue(ws, 2, CASE_COLUMNS, 'phone')).toBe("'+86 138****8000")
    // empty cells stay empty
    expect(cellValue(ws, 2, CASE_COLUMNS, 'reviewClosed')).toBeNull()
  })

  it('writes optional attempt and review sheets, in Chinese', async () => {
    const w = new XlsxWriter({
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      tables: ['cases', 'attempts', 'reviews'],
      attempts: 'history',
    })
    w.add([makeInput()])
    w.add([makeInput({ id: 2, caseNumber: 'VC-20261125-BBBB' })])
    expect(w.rowCounts).toEqual({ cases: 2, attempts: 8, reviews: 2 })
    const wb = await load(await w.finish())
    expect(wb.worksheets.map((s) => s.name)).toEqual(['工单', '方法尝试', '审核'])
    const attempts = wb.getWorksheet('方法尝试')!
    expect(attempts.getRow(1).values).toEqual([undefined, ...headersOf(ATTEMPT_COLUMNS, 'zh-CN')])
    expect(attempts.rowCount).toBe(9)
    expect(cellValue(attempts, 2, ATTEMPT_COLUMNS, 'methodNumber')).toBe(1)
    expect(cellValue(attempts, 2, ATTEMPT_COLUMNS, 'status')).toBe('已建议')
    expect(cellValue(attempts, 2, ATTEMPT_COLUMNS, 'at')).toBeInstanceOf(Date)
    const reviews = wb.getWorksheet('审核')!
    expect(cellValue(reviews, 3, REVIEW_COLUMNS, 'caseNumber')).toBe('VC-20261125-BBBB')
    expect(cellValue(reviews, 2, REVIEW_COLUMNS, 'pauseCount')).toBe(0)
    expect(reviews.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  })

  it('text with line breaks, quotes, emoji, Chinese, control characters and leading = survives exactly (apart from the prefix)', async () => {
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
    const wb = await load(await buildXlsx(inputs, { language: 'en', timeZone: 'UTC', fullDetails: true }))
    const ws = wb.worksheets[0]!
    samples.forEach((s, i) => {
      expect(cellValue(ws, i + 2, CASE_COLUMNS, 'notes')).toBe(neutraliseFormula(s))
      expect(cellValue(ws, i + 2, CASE_COLUMNS, 'agent')).toBe(neutraliseFormula(s))
    })
  })

  it('round-trips arbitrary well-formed text (property)', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
      fc.string({
        unit: fc.constantFrom('\r', '\n', '"', '=', '+', '-', '@', '\t', '_x000D_', '中', '😀', '\u0001', ' ', 'a'),
        minLength: 1,
        maxLength: 12,
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 10 }), async (notes) => {
        const inputs = notes.map((n, i) => makeInput({ id: i + 1, notes: n }))
        const wb = await load(await buildXlsx(inputs, { language: 'en', timeZone: 'UTC', fullDetails: true }))
        const ws = wb.worksheets[0]!
        notes.forEach((n, i) => expect(cellValue(ws, i + 2, CASE_COLUMNS, 'notes')).toBe(neutraliseFormula(n)))
      }),
      { numRuns: 25 },
    )
  })

  it('refuses more rows than Excel holds', () => {
    const w = new XlsxWriter({ language: 'en', timeZone: 'UTC' })
    const many = new Array<ReturnType<typeof makeInput>>(1_048_576).fill(makeInput())
    expect(() => w.add(many)).toThrow(XlsxRowLimitError)
    expect(w.rowCounts.cases).toBe(0)
  })
})
