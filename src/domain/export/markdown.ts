/**
 * Markdown escaping for user text (notes, replies, descriptions) so it renders as the same plain text
 * under CommonMark/GFM and never as markup, HTML or script:
 * - everywhere: \ ` * _ [ ] | ~ are backslash-escaped, except that a word holding "*" is a code span (so
 *   a masked 138****8000 reads as written); < becomes &lt; (so no HTML and no autolinks in angle brackets), and & only where it would start a character reference (`&amp;` typed by the user
 *   shows literally): "a > b & c" stays as written, for whoever reads the file as plain text. A ">" is
 *   markup only at a line's start (a block quote) or inside HTML/autolinks, which need the escaped "<";
 * - at the start of a line: # + - = > and the "." or ")" after digits are escaped (headings, lists,
 *   setext underlines, block quotes), and leading spaces/tabs become character references (no indented
 *   code block: references never count as block structure).
 * Bare URLs may still be auto-linked by GFM renderers (as the text itself says).
 */

/** Backslash-escaped punctuation, "<", and an "&" that starts a character reference (`&amp;`, `&#32;`, `&#x41;`). */
const INLINE = /[\\`*_[\]|~<]|&(?=#|[A-Za-z][A-Za-z0-9]*;)/g
const ENTITIES: Record<string, string> = { '<': '&lt;', '&': '&amp;' }

/**
 * A word holding "*" (a masked value such as 138****8000, or *typed stars*): written as a code span, which
 * shows it literally in a renderer and reads as typed in plain text, instead of one backslash per star.
 * Words hold no space, backtick or "|" (a "|" would end a table cell even inside a code span) and touch no
 * backtick (an escaped one beside the span's own would read as a longer backtick run); punctuation that ends
 * a sentence after the word stays outside the span.
 */
const STARRED = /(?<=^|[\s|])[^\s`|]*\*(?:[^\s`|]*[^\s`|.,;:!?)）。，、；：！？])?(?=[.,;:!?)）。，、；：！？]*(?:$|[\s|]))/g

/** Inline escapes only: enough inside a table cell, where no block structure starts. */
function escapeInline(line: string): string {
  let out = ''
  let from = 0
  for (const m of line.matchAll(STARRED)) {
    out += escapePlain(line.slice(from, m.index)) + '`' + m[0] + '`'
    from = m.index + m[0].length
  }
  return out + escapePlain(line.slice(from))
}

function escapePlain(text: string): string {
  return text.replace(INLINE, (c) => ENTITIES[c] ?? `\\${c}`)
}

/** Inline escapes plus the line-start rules (for text that begins a line). */
function escapeLine(line: string): string {
  let out = escapeInline(line)
  // leading whitespace: keep it visible without starting a code block
  out = out.replace(/^[ \t]+/, (ws) => ws.replace(/ /g, '&#32;').replace(/\t/g, '&#9;'))
  // block markers at the start of a line (after any leading whitespace references)
  out = out.replace(/^((?:&#32;|&#9;)*)([#+\-=>])/, '$1\\$2')
  out = out.replace(/^((?:&#32;|&#9;)*\d{1,9})([.)])/, '$1\\$2')
  return out
}

/** One line of inline text (line breaks become spaces). */
export function mdInline(text: string): string {
  return escapeLine(text.replace(/\r\n|\r|\n/g, ' '))
}

/** Lines of user text, each escaped; line ends kept as separate lines (CRLF and CR read as LF). */
export function mdLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map(escapeLine)
}

/**
 * Multi-line user text as a block quote: every line (blank ones too) starts with ">", so nothing in the
 * text can end the quote or start another block; lines are joined with hard breaks.
 */
export function mdQuote(text: string): string {
  const lines = mdLines(text)
  // a hard break only between two non-blank lines (at a paragraph's end a backslash would show)
  const hardBreak = (i: number): boolean => lines[i] !== '' && (lines[i + 1] ?? '') !== ''
  return lines.map((l, i) => (l === '' ? '>' : `> ${l}${hardBreak(i) ? '\\' : ''}`)).join('\n')
}

/**
 * A GFM table cell: inline-escaped (cells hold no block structure; leading spaces, which GFM would trim,
 * are kept as references), line breaks as <br> (the only HTML the report itself writes).
 */
export function mdCell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => escapeInline(l).replace(/^[ \t]+/, (ws) => ws.replace(/ /g, '&#32;').replace(/\t/g, '&#9;')))
    .join('<br>')
}

/** A GFM table with a header row; every cell is escaped with mdCell. */
export function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  return [line(header.map(mdCell)), line(header.map(() => '---')), ...rows.map((r) => line(r.map(mdCell)))].join('\n')
}
