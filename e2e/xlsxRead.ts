/**
 * Reads an .xlsx file for tests (unit and e2e): unzips it (fflate), parses every XML part strictly
 * (@xmldom/xmldom; any well-formedness error throws), and returns each sheet's cells typed as written:
 * numbers, dates (cells with a date number format, as wall-clock Dates in their UTC fields), text.
 * Also the sheet's frozen pane, auto-filter, column widths and which cells are bold.
 */
import { DOMParser } from '@xmldom/xmldom'
import { strFromU8, unzipSync } from 'fflate'

export type XlsxValue = string | number | Date | null

export interface XlsxSheet {
  name: string
  /** rows[r][c], 0-based; the header row is rows[0]. Missing cells are null. */
  rows: XlsxValue[][]
  /** Number formats by [row][column] for number cells (e.g. 'yyyy-mm-dd'). */
  formats: Map<string, string>
  bold: Set<string>
  frozen: { ySplit: number; state: string } | null
  autoFilter: string | null
  widths: number[]
}

export interface XlsxBook {
  parts: string[]
  sheets: XlsxSheet[]
  /** `<definedName>` texts by name. */
  definedNames: Array<{ name: string; text: string }>
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47])

/**
 * XML 1.0's end-of-line handling (§2.11: CR LF and CR become LF), as Excel reads these parts; xmldom's default
 * is XML 1.1's, which also turns U+0085 and U+2028 in cell text into LF. (An option xmldom 0.8 reads but
 * its type declarations do not list.)
 */
const XML_1_0_LINE_ENDS = { normalizeLineEndings: (text: string): string => text.replace(/\r\n?/g, '\n') }

function parse(xml: string, part: string): Document {
  const doc = new DOMParser({
    ...XML_1_0_LINE_ENDS,
    errorHandler: {
      warning: () => {},
      error: (msg: string) => {
        throw new Error(`${part}: ${msg}`)
      },
      fatalError: (msg: string) => {
        throw new Error(`${part}: ${msg}`)
      },
    },
  }).parseFromString(xml, 'application/xml')
  return doc as unknown as Document
}

/** Descendant elements named `name` (a plain walk: xmldom's live getElementsByTagName is slow on big sheets). */
function children(el: Element | Document, name: string): Element[] {
  const out: Element[] = []
  const walk = (node: Node): void => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue
      if ((n as Element).nodeName === name) out.push(n as Element)
      else walk(n)
    }
  }
  walk(el as unknown as Node)
  return out
}

/** `_xHHHH_` escapes back to characters (and `_x005F_` to `_`). */
const unescapeOoxml = (text: string): string => text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A'
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

export function readXlsx(bytes: Uint8Array): XlsxBook {
  const files = unzipSync(bytes)
  const text = (name: string): string => {
    const f = files[name]
    if (!f) throw new Error(`missing part ${name}`)
    return strFromU8(f)
  }
  // every XML part must be well-formed
  const docs = new Map<string, Document>()
  for (const name of Object.keys(files)) if (name.endsWith('.xml') || name.endsWith('.rels')) docs.set(name, parse(text(name), name))
  const doc = (name: string): Document => {
    const d = docs.get(name)
    if (!d) throw new Error(`missing part ${name}`)
    return d
  }

  const styles = doc('xl/styles.xml')
  const numFmts = new Map<number, string>()
  for (const f of children(styles, 'numFmt')) numFmts.set(Number(f.getAttribute('numFmtId')), f.getAttribute('formatCode') ?? '')
  const cellXfs = children(styles, 'cellXfs')[0]
  const xfs = cellXfs ? children(cellXfs, 'xf') : []
  const fonts = children(styles, 'font')
  const xfFormat = (s: number): string | null => {
    const id = Number(xfs[s]?.getAttribute('numFmtId') ?? 0)
    if (numFmts.has(id)) return numFmts.get(id) ?? null
    return BUILTIN_DATE_FORMATS.has(id) ? 'builtin-date' : null
  }
  const xfBold = (s: number): boolean => {
    const font = fonts[Number(xfs[s]?.getAttribute('fontId') ?? 0)]
    return !!font && children(font, 'b').length > 0
  }
  const isDateFormat = (f: string | null): boolean => !!f && (f === 'builtin-date' || /[yd]/i.test(f.replace(/"[^"]*"/g, '')))

  const shared: string[] = []
  if (docs.has('xl/sharedStrings.xml'))
    for (const si of children(doc('xl/sharedStrings.xml'), 'si'))
      shared.push(
        unescapeOoxml(
          children(si, 't')
            .map((t) => t.textContent ?? '')
            .join(''),
        ),
      )

  const workbook = doc('xl/workbook.xml')
  const rels = doc('xl/_rels/workbook.xml.rels')
  const target = new Map<string, string>()
  for (const r of children(rels, 'Relationship')) target.set(r.getAttribute('Id') ?? '', r.getAttribute('Target') ?? '')
  const definedNames = children(workbook, 'definedName').map((d) => ({ name: d.getAttribute('name') ?? '', text: d.textContent ?? '' }))

  const sheets = children(workbook, 'sheet').map((s): XlsxSheet => {
    const path = `xl/${(target.get(s.getAttribute('r:id') ?? '') ?? '').replace(/^\/?xl\//, '')}`
    const ws = doc(path)
    const rows: XlsxValue[][] = []
    const formats = new Map<string, string>()
    const bold = new Set<string>()
    for (const row of children(ws, 'row')) {
      const r = Number(row.getAttribute('r')) - 1
      const out: XlsxValue[] = []
      let col = -1
      for (const c of children(row, 'c')) {
        // a cell without r is the one after the previous cell (ECMA-376 makes r optional)
        const ref = c.getAttribute('r')
        col = ref ? columnIndex(ref) : col + 1
        const type = c.getAttribute('t')
        const style = Number(c.getAttribute('s') ?? 0)
        const v = children(c, 'v')[0]?.textContent ?? null
        let value: XlsxValue = null
        if (type === 'inlineStr')
          value = unescapeOoxml(
            children(c, 't')
              .map((t) => t.textContent ?? '')
              .join(''),
          )
        else if (type === 's') value = shared[Number(v)] ?? null
        else if (type === 'str') value = v
        else if (v !== null) {
          const n = Number(v)
          const fmt = xfFormat(style)
          if (isDateFormat(fmt)) {
            value = new Date(Math.round((n - 25_569) * 86_400_000))
            formats.set(`${r}:${col}`, fmt ?? '')
          } else value = n
        }
        if (xfBold(style)) bold.add(`${r}:${col}`)
        while (out.length < col) out.push(null)
        out[col] = value
      }
      rows[r] = out
    }
    for (let i = 0; i < rows.length; i++) rows[i] ??= []
    const pane = children(ws, 'pane')[0]
    return {
      name: s.getAttribute('name') ?? '',
      rows,
      formats,
      bold,
      frozen: pane ? { ySplit: Number(pane.getAttribute('ySplit') ?? 0), state: pane.getAttribute('state') ?? '' } : null,
      autoFilter: children(ws, 'autoFilter')[0]?.getAttribute('ref') ?? null,
      widths: children(ws, 'col').map((c) => Number(c.getAttribute('width'))),
    }
  })
  return { parts: Object.keys(files), sheets, definedNames }
}

/** Every text and number cell of every sheet, as strings (for "nothing leaks" checks). */
export function xlsxStrings(book: XlsxBook): string[] {
  const out: string[] = []
  for (const s of book.sheets) for (const row of s.rows) for (const v of row) if (v !== null && !(v instanceof Date)) out.push(String(v))
  return out
}
