/**
 * XLSX via exceljs: one sheet of cases plus optional sheets of method attempts and reviews. Dates are
 * real date cells (number format from the column), counts are number cells, text is shared strings
 * that read back exactly (see `xlsxText`). The header row is bold, frozen and has an auto-filter.
 *
 * Runs in a Web Worker: under Vite (browser and worker builds) `exceljs` resolves to its browser bundle
 * (package.json "browser": dist/exceljs.min.js, an in-memory Workbook only, no streaming writer); under
 * Node/vitest to its Node build. Both expose the same Workbook API used here, and `writeBuffer()`.
 * Import this module lazily (inside the export worker): exceljs is about 1 MB.
 *
 * Memory and time: rows are added chunk by chunk as plain value arrays; styles are set once per column
 * (numFmt for dates) and once for the header row, never per cell. The whole workbook lives in memory
 * until `finish()`; see the report for measured figures.
 */
import * as ExcelJSModule from 'exceljs'
import type { Style, Worksheet } from 'exceljs'
import type { Problem } from '../result'
import type { ExportCell } from './cell'
import { xlsxText } from './cell'
import { TABLE_COLUMNS, TABLE_NAMES, headersOf, type ExportColumn, type ExportTable } from './columns'
import { RowShaper, type CaseExportInput, type ExportOptions } from './rows'

type ExcelJSNamespace = typeof ExcelJSModule
// CommonJS/UMD interop: the namespace's default export is module.exports under Vite and Node ESM
const ExcelJS: ExcelJSNamespace = (ExcelJSModule as unknown as { default?: ExcelJSNamespace }).default ?? ExcelJSModule

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** Excel's row limit, header included. */
export const XLSX_MAX_ROWS = 1_048_576

export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss'
export const DATE_FORMAT = 'yyyy-mm-dd'

export interface XlsxExportOptions extends ExportOptions {
  /** Sheets to write, in this order. Default: ['cases']. */
  tables?: readonly ExportTable[]
  /** Text for the workbook's creator property. */
  creator?: string
  /**
   * Deflate level 1-9 for the zip container. Default 1: about 20 % faster to write than 6 (JSZip's
   * default) for about 25 % larger files (100,000 cases: about 14 MB instead of 11 MB).
   */
  compressionLevel?: number
}

/** Thrown by `XlsxWriter.add` when a sheet would pass Excel's row limit; `problem` is for the view. */
export class XlsxRowLimitError extends RangeError {
  readonly problem: Problem
  constructor(readonly table: ExportTable) {
    super(`The ${table} sheet would exceed Excel's ${XLSX_MAX_ROWS} rows`)
    this.name = 'XlsxRowLimitError'
    this.problem = { key: 'export.tooManyRows', params: { table, max: XLSX_MAX_ROWS } }
  }
}

/** Empty cells are left undefined so exceljs creates no cell object for them. */
function xlsxCell(cell: ExportCell): string | number | Date | undefined {
  if (cell === null) return undefined
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell
  return cell === '' ? undefined : xlsxText(cell)
}

/** Sets columns (width, number format), the bold frozen header row and its filter; returns the column styles. */
function setUpSheet(ws: Worksheet, columns: readonly ExportColumn[], options: ExportOptions): Array<Partial<Style>> {
  const headers = headersOf(columns, options.language)
  const styles: Array<Partial<Style>> = columns.map((c) =>
    c.type === 'datetime' ? { numFmt: DATE_TIME_FORMAT } : c.type === 'date' ? { numFmt: DATE_FORMAT } : {},
  )
  ws.columns = columns.map((c, i) => ({
    key: c.key,
    width: c.width,
    style: styles[i] ?? {},
    header: xlsxText(headers[i] ?? c.key),
  }))
  const header = ws.getRow(1)
  header.font = { bold: true }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }]
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  return styles
}

/**
 * An XLSX export in progress. Call `add()` with each slice of cases (in order; report progress and
 * check for cancellation between calls), then `finish()` once for the file's bytes. To cancel, drop
 * the writer (or terminate the worker: `finish()` itself cannot be interrupted).
 */
export class XlsxWriter {
  private readonly workbook: InstanceType<ExcelJSNamespace['Workbook']>
  private readonly shaper: RowShaper
  private readonly sheets: Array<{ table: ExportTable; ws: Worksheet; styles: Array<Partial<Style>> }>
  /** Data rows added per table. */
  readonly rowCounts: Record<ExportTable, number> = { cases: 0, attempts: 0, reviews: 0 }

  constructor(readonly options: XlsxExportOptions) {
    this.shaper = new RowShaper(options)
    this.workbook = new ExcelJS.Workbook()
    this.workbook.creator = options.creator ?? ''
    const tables = options.tables?.length ? [...new Set(options.tables)] : (['cases'] as const)
    this.sheets = tables.map((table) => {
      const ws = this.workbook.addWorksheet(TABLE_NAMES[table][options.language])
      const styles = setUpSheet(ws, TABLE_COLUMNS[table], options)
      return { table, ws, styles }
    })
  }

  /** Shapes and appends one chunk of cases to every sheet. Throws XlsxRowLimitError past Excel's row limit. */
  add(inputs: readonly CaseExportInput[]): void {
    const tooMany = (table: ExportTable, n: number): XlsxRowLimitError | null =>
      this.rowCounts[table] + n + 1 > XLSX_MAX_ROWS ? new XlsxRowLimitError(table) : null
    // one case row per case: refuse before shaping anything
    const early = this.sheets.some((s) => s.table === 'cases') ? tooMany('cases', inputs.length) : null
    if (early) throw early
    for (const { table, ws, styles } of this.sheets) {
      const rows = this.shaper.rows(table, inputs)
      const late = tooMany(table, rows.length)
      if (late) throw late
      const added = ws.addRows(rows.map((row) => row.map(xlsxCell)))
      // exceljs gives every new cell its own copy of the column style; one shared object per column
      // holds the same style, frees that memory and lets writeBuffer resolve each style id once
      for (const row of added) row.eachCell((cell, col) => (cell.style = styles[col - 1] ?? {}))
      this.rowCounts[table] += rows.length
    }
  }

  /** The .xlsx file's bytes. */
  async finish(): Promise<Uint8Array> {
    const buffer = await this.workbook.xlsx.writeBuffer({
      useSharedStrings: true,
      useStyles: true,
      zip: { compression: 'DEFLATE', compressionOptions: { level: this.options.compressionLevel ?? 1 } },
    })
    // Node gives a Buffer (a Uint8Array view), the browser build an ArrayBuffer-backed buffer
    const view = buffer as unknown as ArrayBuffer | Uint8Array
    return view instanceof Uint8Array ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength) : new Uint8Array(view)
  }
}

/** A whole export in one call (small exports and tests). */
export async function buildXlsx(inputs: readonly CaseExportInput[], options: XlsxExportOptions): Promise<Uint8Array> {
  const writer = new XlsxWriter(options)
  writer.add(inputs)
  return writer.finish()
}
