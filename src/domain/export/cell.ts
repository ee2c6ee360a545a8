/**
 * Cell values shared by the CSV and XLSX writers, and the escaping every text cell gets.
 *
 * A shaped row is an array of cells in its table's column order:
 * - string: text (CSV: written through `neutraliseFormula`; XLSX: an inline string cell, never evaluated);
 * - number: a number cell (finite numbers only; others are written empty);
 * - Date: a date or date-time whose UTC fields hold the wall-clock time in the export's time zone
 *   (see time.ts); the column type says whether the time of day is shown;
 * - null: empty.
 */

export type ExportCell = string | number | Date | null
export type ExportRow = ExportCell[]

/** Characters that make a spreadsheet read a cell as a formula (or smuggle one in after a control character). */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n'] as const

/**
 * Formula-injection safety (OWASP "CSV injection"): a text starting with = + - @ tab CR or LF gets a
 * leading apostrophe; any other text is returned unchanged. Applied to the text cells of CSV exports, where
 * a spreadsheet guesses each cell's type. XLSX text cells are typed string cells, which Excel never
 * evaluates: they get no apostrophe.
 * Papa.unparse's own `escapeFormulae` is not used: it misses multi-line values and leading LF.
 */
export function neutraliseFormula(text: string): string {
  // by code unit: charAt makes a new one-character string for every non-Latin-1 first character (a
  // Chinese label), millions of them on a large export
  const c = text.charCodeAt(0)
  // = + - @ tab CR LF
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 10 ? `'${text}` : text
}

/** Excel's limit of characters in one cell. */
export const XLSX_MAX_CELL_CHARS = 32_767

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
// CR (XML parsers turn it into LF), control characters (not allowed in XML 1.0),
// DEL (some readers drop it) and a literal "_xHHHH_" (which spreadsheet readers would decode)
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_OOXML_ESCAPE = /[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\u007f]|_(?=x[0-9A-Fa-f]{4}_)/g

const SURROGATE = /[\ud800-\udfff]/
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MAY_NEED_OOXML_ESCAPE = /[\u0000-\u001f\u007f]|_x/

/**
 * Text for an XLSX string cell, so that it reads back exactly (no formula guard: a string cell is never
 * evaluated): cut to Excel's 32,767 characters, lone UTF-16 surrogates replaced by U+FFFD (they cannot be
 * written as UTF-8), and CR, control characters and literal `_xHHHH_` written as OOXML `_xHHHH_` escapes,
 * which Excel and other readers decode back to the original character. XML escaping is the writer's.
 */
export function xlsxText(text: string): string {
  let t = text
  if (t.length > XLSX_MAX_CELL_CHARS) {
    t = t.slice(0, XLSX_MAX_CELL_CHARS)
    // do not cut a surrogate pair in half
    if (/[\ud800-\udbff]$/.test(t)) t = t.slice(0, -1)
  }
  // the look-behind regexes cost more than these tests, and most texts need neither
  if (SURROGATE.test(t)) t = t.replace(LONE_SURROGATE, '\ufffd')
  if (!MAY_NEED_OOXML_ESCAPE.test(t)) return t
  return t.replace(NEEDS_OOXML_ESCAPE, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
}
