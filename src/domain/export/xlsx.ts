/**
 * XLSX, streamed: SpreadsheetML written row by row into a zip stream (fflate's streaming `Zip` with
 * `ZipDeflate` entries), so memory stays flat whatever the row count. One sheet of cases plus optional
 * sheets of method attempts and reviews. The export worker gives the sheets entries of its own
 * (`sheetEntry`: deflated by the browser's zlib, see NativeDeflateEntry); the XML is the same.
 *
 * - Cells are typed: numbers as number cells, dates and date-times as real date cells (Excel serial
 *   numbers with a date or date-time number format), text as shared strings (`t="s"`) while its column
 *   has few distinct texts (labels: status, channel, carrier…; SHARED_PER_COLUMN at most, so the table
 *   stays small whatever the row count) and as inline strings (`t="inlineStr"`) otherwise. A text cell is
 *   never evaluated as a formula, so it gets no leading apostrophe (the CSV formula guard is for CSV
 *   only); see `xlsxText` for the escaping it does get.
 * - A cell carries its position (`r="C12"`) only after an empty cell it skipped (r is optional in
 *   SpreadsheetML): about 40 % less sheet XML to encode and deflate on a 100,000-case export.
 * - The rows are written as UTF-8 bytes straight into buffers (`SheetRows`), never as one big string per
 *   chunk: Chromium's TextEncoder took about a fifth of a 100,000-case export's time encoding those
 *   strings, and building them was most of the rest of the writer's own time.
 * - The header row is bold and frozen and carries an auto-filter over the written rows; columns have
 *   their widths.
 * - Output: `sink(bytes)` receives the zip file's bytes in order as they are produced (the export worker
 *   coalesces them and streams them to the file). The cases sheet streams as it is written; the attempts
 *   and reviews sheets, written in the same pass, are held compressed by the zip stream until the sheet
 *   before them ends (about 1 MB per 10,000 rows).
 *
 * Pure and synchronous: runs in the export worker and in unit tests alike.
 */
import { Zip, ZipDeflate, strToU8, type ZipInputFile } from 'fflate'
import { ProblemError } from '../result'
import type { ExportRow } from './cell'
import { xlsxText } from './cell'
import { TABLE_COLUMNS, TABLE_NAMES, headersOf, type ExportColumn, type ExportTable } from './columns'
import { RowShaper, type CaseExportInput, type ExportOptions } from './rows'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** Excel's row limit, header included. */
export const XLSX_MAX_ROWS = 1_048_576

export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss'
export const DATE_FORMAT = 'yyyy-mm-dd'

/** Style ids in styles.xml's cellXfs. */
const STYLE_HEADER = 1
const STYLE_DATE_TIME = 2
const STYLE_DATE = 3

export interface XlsxExportOptions extends ExportOptions {
  /** Sheets to write, in this order. Default: ['cases']. */
  tables?: readonly ExportTable[]
  /** Text for the workbook's creator property. */
  creator?: string
  /** Deflate level 1-9 for the zip entries. Default 1 (fastest; about 25 % larger than 6). */
  compressionLevel?: number
  /** Fixed modification time of the zip entries (tests); default: now. */
  modified?: Date
  /**
   * Makes the zip entry of a sheet (the worker's: deflated by the browser's zlib); default fflate's ZipDeflate
   * at `compressionLevel`. The writer adds it to the zip, sets its `mtime` and pushes the sheet's XML into it.
   */
  sheetEntry?: (name: string) => XlsxSheetEntry
}

/**
 * A sheet's zip entry: fflate's ZipDeflate or another ZipInputFile whose `push` copies what it is given
 * before it returns (the sheet writer reuses its buffer) and whose last chunk reaches the zip with `final`.
 */
export interface XlsxSheetEntry extends ZipInputFile {
  push(bytes: Uint8Array, final?: boolean): void
}

/** Thrown by `XlsxWriter.add` when a sheet would pass Excel's row limit; `problem` is for the view. */
export class XlsxRowLimitError extends ProblemError {
  constructor(readonly table: ExportTable) {
    super({ key: 'errors.export.tooManyRows', params: { table, max: XLSX_MAX_ROWS } })
    this.name = 'XlsxRowLimitError'
  }
}

/** Text for XML character data (`&`, `<`, `>`) and attribute values (also `"`). */
export function xmlEscape(text: string): string {
  return /[&<>"]/.test(text)
    ? text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
    : text
}

/** A1-style column letters for a 0-based column index (0 → A, 27 → AB). */
export function columnLetters(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/** Excel's serial day number (1900 date system) of a wall Date (its UTC fields are the local time). */
export function excelSerial(wall: Date): number {
  return wall.getTime() / 86_400_000 + 25_569
}

/** `<t>` for a string, keeping leading/trailing spaces. */
function textElement(text: string): string {
  const t = xmlEscape(xlsxText(text))
  const c0 = t.charCodeAt(0)
  const cn = t.charCodeAt(t.length - 1)
  const edges = c0 === 32 || c0 === 10 || c0 === 9 || cn === 32 || cn === 10 || cn === 9
  return edges ? `<t xml:space="preserve">${t}</t>` : `<t>${t}</t>`
}

/** `<is>` for an inline string. */
function inlineString(text: string): string {
  return `<is>${textElement(text)}</is>`
}

/**
 * Distinct texts a column may add to the shared-string table. Label columns (status, channel, carrier…)
 * repeat a few values on every row: as shared strings each cell is a short index, the sheet stays ASCII
 * (cheap to encode and deflate) and the workbook smaller. A column with more distinct texts than this
 * (case numbers, notes) writes its further texts inline, so the table stays small whatever the row count.
 */
export const SHARED_PER_COLUMN = 64

const utf8 = new TextEncoder()

/** Fixed pieces of the row XML, as UTF-8 bytes. */
const ROW_OPEN = utf8.encode('<row r="')
const TAG_END = utf8.encode('">')
const ROW_CLOSE = utf8.encode('</row>')
const CELL_OPEN = utf8.encode('<c')
const AT_OPEN = utf8.encode(' r="')
const QUOTE = utf8.encode('"')
const NUMBER_OPEN = utf8.encode('><v>')
const SHARED_OPEN = utf8.encode(' t="s"><v>')
const DATE_TIME_OPEN = utf8.encode(` s="${STYLE_DATE_TIME}"><v>`)
const DATE_OPEN = utf8.encode(` s="${STYLE_DATE}"><v>`)
const VALUE_CLOSE = utf8.encode('</v></c>')
const INLINE_OPEN = utf8.encode(' t="inlineStr"><is><t>')
const INLINE_OPEN_PRESERVE = utf8.encode(' t="inlineStr"><is><t xml:space="preserve">')
const INLINE_CLOSE = utf8.encode('</t></is></c>')
const AMP = utf8.encode('&amp;')
const LT = utf8.encode('&lt;')
const GT = utf8.encode('&gt;')
const QUOT = utf8.encode('&quot;')

/** Copies `bytes` into `buf` at `p`; the position after them. */
function put(buf: Uint8Array, p: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) buf[p++] = bytes[i]!
  return p
}

/**
 * Cases shaped at a time by XlsxWriter.add. A chunk's rows shaped all at once (2,000 cases: about 8,000 rows
 * of cells, dates and texts) were live whenever V8's major GC ran in the middle of a chunk, and V8 sizes
 * the next collection's threshold from what it found live (about 4× that, plus the young generation):
 * one such collection let the export worker's heap grow to about 140 MB before the next.
 */
const SHAPE_BATCH = 50

/** Bytes per buffer handed on (and the most a buffer holds before it is). */
const SHEET_BUFFER_BYTES = 1 << 18

/**
 * A sheet's rows as SpreadsheetML, written as UTF-8 straight into byte buffers, each handed to `out` once
 * full or on `flush()` (a fresh buffer follows, so `out` may keep what it gets). A cell is:
 * - a number: `<c><v>12</v></c>` (non-finite: empty);
 * - a date: its Excel serial with the column's date or date-time style; before 1900-03-01 (where Excel's
 *   serials are off by its fictional 1900-02-29) the date as inline text;
 * - text: a shared string (`t="s"`) while its column's `shared` look-up gives an index, else an inline
 *   string (`t="inlineStr"`), through `xlsxText` and XML escaping;
 * - empty (null, '', non-finite, invalid date): no element; the next cell then names its position (`r`).
 */
export class SheetRows {
  private buf: Uint8Array
  private pos = 0

  /**
   * `reuse`: `out` copies what it is given before it returns (fflate's ZipDeflate.push does), so one buffer
   * serves the whole sheet instead of a fresh one per flush (less garbage for the worker's GC to find).
   */
  constructor(
    private readonly out: (bytes: Uint8Array) => void,
    private readonly reuse = false,
  ) {
    this.buf = new Uint8Array(SHEET_BUFFER_BYTES)
  }

  /** Hands on what is buffered. */
  flush(): void {
    if (this.pos === 0) return
    const full = this.buf.subarray(0, this.pos)
    if (!this.reuse) this.buf = new Uint8Array(Math.max(SHEET_BUFFER_BYTES, this.buf.length))
    this.pos = 0
    this.out(full)
  }

  /** Room for n more bytes in the buffer. */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return
    this.flush()
    if (n > this.buf.length) this.buf = new Uint8Array(n)
  }

  private bytes(b: Uint8Array): void {
    this.room(b.length)
    this.pos = put(this.buf, this.pos, b)
  }

  /** A non-negative integer's decimal digits (as String(n) writes them). */
  private uint(n: number): void {
    this.room(16)
    const buf = this.buf
    let p = this.pos
    let d = 1
    while (d * 10 <= n) d *= 10
    for (; d >= 1; d /= 10) {
      const digit = Math.floor(n / d)
      buf[p++] = 48 + digit
      n -= digit * d
    }
    this.pos = p
  }

  /** A number as String(x) writes it (ASCII: copied here, a call into the encoder costs more than the copy). */
  private number(x: number): void {
    if (Number.isInteger(x) && x >= 0 && x < 1e15) {
      this.uint(x)
      return
    }
    const s = String(x)
    this.room(s.length)
    const buf = this.buf
    let p = this.pos
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i)
    this.pos = p
  }

  /** XML already escaped (any text; UTF-8 is at most 3 bytes per UTF-16 unit). */
  markup(xml: string): void {
    this.room(xml.length * 3)
    this.pos += utf8.encodeInto(xml, this.buf.subarray(this.pos)).written
  }

  /**
   * Character data as UTF-8, with `&`, `<`, `>` and `"` escaped (as xmlEscape), encoded here as TextEncoder
   * does (a lone surrogate as U+FFFD): per short text, a call into the encoder costs more than encoding it.
   */
  private escaped(text: string): void {
    const n = text.length
    // at most 6 bytes per UTF-16 unit (`&quot;`; UTF-8 needs at most 3, or 4 for a pair)
    this.room(n * 6)
    const buf = this.buf
    let p = this.pos
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      if (c < 0x80) {
        if (c === 38) p = put(buf, p, AMP)
        else if (c === 60) p = put(buf, p, LT)
        else if (c === 62) p = put(buf, p, GT)
        else if (c === 34) p = put(buf, p, QUOT)
        else buf[p++] = c
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6)
        buf[p++] = 0x80 | (c & 0x3f)
      } else {
        let cp = c
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = text.charCodeAt(i + 1)
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00)
            i++
          } else cp = 0xfffd
        }
        if (cp >= 0x10000) {
          buf[p++] = 0xf0 | (cp >> 18)
          buf[p++] = 0x80 | ((cp >> 12) & 0x3f)
        } else buf[p++] = 0xe0 | (cp >> 12)
        buf[p++] = 0x80 | ((cp >> 6) & 0x3f)
        buf[p++] = 0x80 | (cp & 0x3f)
      }
    }
    this.pos = p
  }

  /** An inline string cell's attributes and content (the `<c` and position are written). */
  private inline(text: string): void {
    const t = xlsxText(text)
    const c0 = t.charCodeAt(0)
    const cn = t.charCodeAt(t.length - 1)
    const edges = c0 === 32 || c0 === 10 || c0 === 9 || cn === 32 || cn === 10 || cn === 9
    this.bytes(edges ? INLINE_OPEN_PRESERVE : INLINE_OPEN)
    this.escaped(t)
    this.bytes(INLINE_CLOSE)
  }

  /**
   * One `<row>` numbered `r` (1-based). `letters` are the columns' A1 letters as bytes; `shared` a column's
   * look-up into the shared-string table (an index, or -1 for an inline string).
   */
  row(
    r: number,
    row: ExportRow,
    columns: readonly ExportColumn[],
    letters: readonly Uint8Array[],
    shared: ReadonlyArray<(text: string) => number>,
  ): void {
    this.bytes(ROW_OPEN)
    this.uint(r)
    this.bytes(TAG_END)
    // a cell names its position (r="C12") only after an empty cell it skipped; otherwise it is the next column
    let gap = false
    for (let c = 0; c < columns.length; c++) {
      const cell = row[c] ?? null
      let date: Date | null = null
      let serial = 0
      if (cell === null || cell === '') {
        gap = true
        continue
      }
      if (typeof cell === 'number') {
        if (!Number.isFinite(cell)) {
          gap = true
          continue
        }
      } else if (cell instanceof Date) {
        if (Number.isNaN(cell.getTime())) {
          gap = true
          continue
        }
        date = cell
        serial = excelSerial(cell)
      }
      this.bytes(CELL_OPEN)
      if (gap) {
        this.bytes(AT_OPEN)
        this.bytes(letters[c]!)
        this.uint(r)
        this.bytes(QUOTE)
        gap = false
      }
      const type = columns[c]!.type
      if (typeof cell === 'number') {
        this.bytes(NUMBER_OPEN)
        this.number(cell)
        this.bytes(VALUE_CLOSE)
      } else if (date) {
        // before 1900-03-01 Excel's serials are off by its fictional 1900-02-29; such dates are written as text
        if (serial < 61)
          this.inline(
            date
              .toISOString()
              .slice(0, type === 'date' ? 10 : 19)
              .replace('T', ' '),
          )
        else {
          this.bytes(type === 'date' ? DATE_OPEN : DATE_TIME_OPEN)
          this.number(serial)
          this.bytes(VALUE_CLOSE)
        }
      } else {
        const index = shared[c]!(cell as string)
        if (index >= 0) {
          this.bytes(SHARED_OPEN)
          this.uint(index)
          this.bytes(VALUE_CLOSE)
        } else this.inline(cell as string)
      }
    }
    this.bytes(ROW_CLOSE)
  }
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'

function contentTypes(sheets: number): string {
  let s = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
  s += '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  s += '<Default Extension="xml" ContentType="application/xml"/>'
  s += '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
  for (let i = 1; i <= sheets; i++)
    s += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
  s += '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
  s +=
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
  s += '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
  return `${s}</Types>`
}

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>'

function coreProps(creator: string, modified: Date): string {
  const when = modified.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${xmlEscape(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  )
}

function workbookRels(sheets: number): string {
  let s = `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">`
  for (let i = 1; i <= sheets; i++) s += `<Relationship Id="rId${i}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`
  s += `<Relationship Id="rId${sheets + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`
  s += `<Relationship Id="rId${sheets + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`
  return `${s}</Relationships>`
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  `<numFmts count="2"><numFmt numFmtId="164" formatCode="${DATE_TIME_FORMAT}"/><numFmt numFmtId="165" formatCode="${DATE_FORMAT}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

/** Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31)
}

interface SheetState {
  table: ExportTable
  name: string
  columns: readonly ExportColumn[]
  letters: string[]
  /** `letters` as UTF-8 bytes, for SheetRows. */
  letterBytes: Uint8Array[]
  entry: XlsxSheetEntry
  /** The sheet's XML bytes, handed to `entry` as its buffers fill and at the end of each add(). */
  xml: SheetRows
  rows: number
  /** Per column: its cell text → shared-string index (SHARED_PER_COLUMN at most; -1 past that). */
  shared: Array<(text: string) => number>
}

/**
 * An XLSX export in progress. Call `add()` with each slice of cases (in order; report progress and
 * check for cancellation between calls), then `finish()` once; the bytes reach `sink` as they are made.
 * To cancel, drop the writer (nothing else to clean up). With the default entries the file is complete when
 * finish() returns; with asynchronous ones (`sheetEntry`) once `done` resolves.
 */
export class XlsxWriter {
  private readonly shaper: RowShaper
  private readonly zip: Zip
  private readonly sheets: SheetState[]
  private readonly names: string[]
  private readonly whole: (name: string, text: string) => void
  private failure: Error | null = null
  private finished = false
  /** Resolves once the zip's last bytes reached the sink; rejects when the zip failed. */
  readonly done: Promise<void>
  /** The shared-string table (xl/sharedStrings.xml, written by finish): text → index, and the texts in order. */
  private readonly sharedIndex = new Map<string, number>()
  private readonly sharedTexts: string[] = []
  private sharedCells = 0
  /** Data rows added per table. */
  readonly rowCounts: Record<ExportTable, number> = { cases: 0, attempts: 0, reviews: 0 }

  constructor(
    readonly options: XlsxExportOptions,
    sink: (bytes: Uint8Array) => void,
  ) {
    this.shaper = new RowShaper(options)
    let resolveDone: () => void = () => {}
    let rejectDone: (err: Error) => void = () => {}
    this.done = new Promise<void>((resolve, reject) => {
      resolveDone = resolve
      rejectDone = reject
    })
    // awaited only by callers of asynchronous entries; a failure is also thrown by add() and finish()
    this.done.catch(() => {})
    this.zip = new Zip((err, data, final) => {
      if (err) {
        this.failure ??= err
        rejectDone(err)
      } else {
        if (data.length) sink(data)
        if (final) resolveDone()
      }
    })
    const tables = options.tables?.length ? [...new Set(options.tables)] : (['cases'] as const)
    const level = (options.compressionLevel ?? 1) as 1
    const mtime = options.modified ?? new Date()
    const entry = (name: string): ZipDeflate => {
      const e = new ZipDeflate(name, { level })
      e.mtime = mtime
      this.zip.add(e)
      return e
    }
    const whole = (name: string, text: string): void => entry(name).push(strToU8(text), true)
    this.whole = whole
    whole('[Content_Types].xml', contentTypes(tables.length))
    whole('_rels/.rels', ROOT_RELS)
    whole('docProps/core.xml', coreProps(options.creator ?? '', mtime))
    this.names = tables.map((t) => sheetName(TABLE_NAMES[t][options.language]))
    whole('xl/_rels/workbook.xml.rels', workbookRels(tables.length))
    whole('xl/styles.xml', STYLES)
    this.sheets = tables.map((table, i) => {
      const columns = TABLE_COLUMNS[table]
      const letters = columns.map((_, c) => columnLetters(c))
      const entryName = `xl/worksheets/sheet${i + 1}.xml`
      let sheetEntry: XlsxSheetEntry
      if (options.sheetEntry) {
        sheetEntry = options.sheetEntry(entryName)
        sheetEntry.mtime = mtime
        this.zip.add(sheetEntry)
      } else sheetEntry = entry(entryName)
      const sheet: SheetState = {
        table,
        name: this.names[i] ?? table,
        columns,
        letters,
        letterBytes: letters.map((l) => utf8.encode(l)),
        entry: sheetEntry,
        xml: new SheetRows((bytes) => sheetEntry.push(bytes), true),
        rows: 0,
        shared: columns.map(() => this.sharer()),
      }
      sheet.xml.markup(this.sheetHead(sheet))
      sheet.xml.flush()
      return sheet
    })
    this.check()
  }

  /** A column's look-up into the shared-string table: adds up to SHARED_PER_COLUMN new texts, then -1 (inline). */
  private sharer(): (text: string) => number {
    let added = 0
    return (text) => {
      let index = this.sharedIndex.get(text)
      if (index === undefined) {
        if (added >= SHARED_PER_COLUMN) return -1
        added++
        index = this.sharedTexts.length
        this.sharedIndex.set(text, index)
        this.sharedTexts.push(text)
      }
      this.sharedCells++
      return index
    }
  }

  private check(): void {
    if (this.failure) throw this.failure
  }

  private sheetHead(sheet: SheetState): string {
    let s = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`
    s += '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    s += '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    s += '<sheetFormatPr defaultRowHeight="15"/><cols>'
    sheet.columns.forEach((c, i) => {
      const style = c.type === 'datetime' ? ` style="${STYLE_DATE_TIME}"` : c.type === 'date' ? ` style="${STYLE_DATE}"` : ''
      s += `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${style}/>`
    })
    s += '</cols><sheetData><row r="1">'
    headersOf(sheet.columns, this.options.language).forEach((h, i) => {
      s += `<c r="${sheet.letters[i]}1" s="${STYLE_HEADER}" t="inlineStr">${inlineString(h)}</c>`
    })
    return `${s}</row>`
  }

  /** Shapes and appends one chunk of cases to every sheet. Throws XlsxRowLimitError past Excel's row limit. */
  add(inputs: readonly CaseExportInput[]): void {
    if (this.finished) throw new Error('XlsxWriter: add() after finish()')
    const tooMany = (table: ExportTable, n: number): XlsxRowLimitError | null =>
      this.rowCounts[table] + n + 1 > XLSX_MAX_ROWS ? new XlsxRowLimitError(table) : null
    // one case row per case: refuse before shaping anything
    const early = this.sheets.some((s) => s.table === 'cases') ? tooMany('cases', inputs.length) : null
    if (early) throw early
    for (const sheet of this.sheets) {
      // shaped and written a few cases at a time, so a chunk's shaped rows are never all live at once (see
      // SHAPE_BATCH); the sheet's bytes, and the shared strings' order, are those of shaping it whole
      const { columns, letterBytes, shared, xml } = sheet
      for (let from = 0; from < inputs.length; from += SHAPE_BATCH) {
        const rows = this.shaper.rows(sheet.table, inputs.slice(from, from + SHAPE_BATCH))
        const late = tooMany(sheet.table, rows.length)
        if (late) throw late
        for (let i = 0; i < rows.length; i++) {
          xml.row(sheet.rows + 2, rows[i]!, columns, letterBytes, shared)
          sheet.rows++
        }
        this.rowCounts[sheet.table] += rows.length
      }
      xml.flush()
    }
    this.check()
  }

  /** Ends every sheet (its auto-filter covers the written rows) and the zip; the last bytes reach the sink. */
  finish(): void {
    if (this.finished) return
    this.finished = true
    for (const sheet of this.sheets) {
      const last = `${sheet.letters[sheet.letters.length - 1]}${sheet.rows + 1}`
      sheet.xml.markup(
        `</sheetData><autoFilter ref="A1:${last}"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
      )
      sheet.xml.flush()
      sheet.entry.push(new Uint8Array(0), true)
    }
    let sst = `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.sharedCells}" uniqueCount="${this.sharedTexts.length}">`
    for (const text of this.sharedTexts) sst += `<si>${textElement(text)}</si>`
    this.whole('xl/sharedStrings.xml', `${sst}</sst>`)
    // the workbook comes last: its filter ranges name the row counts
    let workbook = `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets>`
    this.sheets.forEach((s, i) => (workbook += `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`))
    workbook += '</sheets><definedNames>'
    this.sheets.forEach((s, i) => {
      const last = `$${s.letters[s.letters.length - 1]}$${s.rows + 1}`
      const quoted = `'${s.name.replace(/'/g, "''")}'`
      workbook += `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlEscape(quoted)}!$A$1:${last}</definedName>`
    })
    this.whole('xl/workbook.xml', `${workbook}</definedNames></workbook>`)
    this.zip.end()
    this.check()
  }
}

/** A whole export in one call, as one byte array (small exports and tests). */
export function buildXlsx(inputs: readonly CaseExportInput[], options: XlsxExportOptions): Uint8Array {
  const parts: Uint8Array[] = []
  const writer = new XlsxWriter(options, (b) => parts.push(b))
  writer.add(inputs)
  writer.finish()
  let size = 0
  for (const p of parts) size += p.byteLength
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.byteLength
  }
  return out
}
