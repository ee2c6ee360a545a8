/**
 * CSV: UTF-8 with a byte-order mark (so Excel opens Chinese text correctly), RFC 4180 quoting by
 * Papa.unparse, CRLF line ends, one table per file. Written chunk by chunk: the first chunk carries the
 * BOM and the header line, every chunk ends with CRLF, so the chunks simply concatenate (in a worker:
 * post each chunk's text, or encode it with TextEncoder and write/append the bytes).
 */
import Papa from 'papaparse'
import type { ExportCell, ExportRow } from './cell'
import { neutraliseFormula } from './cell'
import { TABLE_COLUMNS, headersOf, type ExportColumn, type ExportTable } from './columns'
import { RowShaper, type CaseExportInput, type ExportOptions } from './rows'
import { formatWallDate, formatWallDateTime } from './time'

export const UTF8_BOM = '\ufeff'
export const CSV_NEWLINE = '\r\n'

function csvCell(cell: ExportCell, type: ExportColumn['type']): string | number {
  if (cell === null) return ''
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : ''
  if (cell instanceof Date) return type === 'date' ? formatWallDate(cell) : formatWallDateTime(cell)
  return neutraliseFormula(cell)
}

export interface CsvChunkOptions {
  /** The first chunk of the file: starts with the BOM and the header line. */
  first: boolean
  /** Header labels (by default the columns' headers in `language`). */
  headers?: readonly string[]
  language?: ExportOptions['language']
}

/**
 * CSV text for a chunk of shaped rows. The first chunk starts with BOM + header line; every non-empty
 * chunk ends with CRLF; a later chunk with no rows is the empty string.
 */
export function csvChunk(columns: readonly ExportColumn[], rows: readonly ExportRow[], options: CsvChunkOptions): string {
  const data = rows.map((row) => columns.map((c, i) => csvCell(row[i] ?? null, c.type)))
  if (!options.first && data.length === 0) return ''
  const fields = [...(options.headers ?? headersOf(columns, options.language ?? 'en'))].map(neutraliseFormula)
  let body = Papa.unparse({ fields, data }, { header: options.first, newline: CSV_NEWLINE, delimiter: ',', quoteChar: '"' })
  // with no data rows Papa already ends the header line
  if (data.length === 0 && body.endsWith(CSV_NEWLINE)) body = body.slice(0, -CSV_NEWLINE.length)
  return (options.first ? UTF8_BOM : '') + body + CSV_NEWLINE
}

/**
 * A CSV writer for one table of one export run: call `chunk()` with each slice of cases in order;
 * the first call writes the header. Cancel by simply not calling it again.
 */
export class CsvTableWriter {
  private readonly shaper: RowShaper
  private started = false
  /** Data rows written so far. */
  rowCount = 0

  constructor(
    readonly table: ExportTable,
    readonly options: ExportOptions,
  ) {
    // phones as national digits (country code in its own column): no formula-guard apostrophe needed
    this.shaper = new RowShaper({ ...options, phones: 'national' })
  }

  chunk(inputs: readonly CaseExportInput[]): string {
    const rows = this.shaper.rows(this.table, inputs)
    const text = csvChunk(TABLE_COLUMNS[this.table], rows, { first: !this.started, language: this.options.language })
    this.started = true
    this.rowCount += rows.length
    return text
  }
}

/** A whole table as one CSV string (small exports and tests). */
export function tableToCsv(table: ExportTable, inputs: readonly CaseExportInput[], options: ExportOptions): string {
  return new CsvTableWriter(table, options).chunk(inputs)
}
