/**
 * Text helpers for chat intake. Matching runs on a folded copy of the chat in which every UTF-16 unit
 * stands for the unit at the same offset in the original, so an offset found in the copy is an offset
 * in what the agent pasted (and highlighted in the preview).
 */

/**
 * Full-width ASCII (U+FF01-U+FF5E) to ASCII, odd spaces (ideographic, no-break, thin, zero-width) to a
 * plain space, curly apostrophes to `'`, then ASCII letters to lower case. One unit for one unit.
 */
export function foldForMatching(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0\u2000-\u200d\u202f\u205f\u2060\ufeff]/g, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[A-Z]/g, (c) => c.toLowerCase())
}

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/** What a `*` gap in a term may hold: up to 20 characters, never across a line, sentence or comma (after folding). */
const GAP = '[^\\n.!?;,。]{0,20}?'

/**
 * The regular-expression source of one term of the words files, for the folded text: letters are
 * matched case-insensitively (the text is folded), spaces inside a term match any spacing (or none), `'`
 * may be left out, `*` stands for up to 20 characters within one clause. A term that starts with a
 * Latin letter or digit must start a word; one that ends with a digit must end the number; one that ends
 * with a letter must end the word, allowing a plural or verb ending (s, es, d, ed, ing).
 */
export function termSource(term: string): string {
  const t = foldForMatching(term.trim())
  const body = t
    .split('*')
    .map((part) =>
      part
        .trim()
        .split(/\s+/)
        .map((w) => escapeRegExp(w).replace(/'/g, "'?"))
        .join('\\s*'),
    )
    .join(GAP)
  const first = t.charAt(0)
  const last = t.charAt(t.length - 1)
  const lead = /[a-z0-9]/.test(first) ? '(?<![a-z0-9])' : ''
  const tail = /[0-9]/.test(last) ? '(?![0-9])' : /[a-z]/.test(last) ? '(?:s|es|d|ed|ing)?(?![a-z0-9])' : ''
  return lead + body + tail
}

/** The key by which two spellings of one term are the same term (for the duplicate checks of the loader). */
export const termKey = (term: string): string => foldForMatching(term.trim()).replace(/\s+/g, ' ')

export interface Range {
  start: number
  end: number
}

export const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end
export const overlapsAny = (a: Range, list: readonly Range[]): boolean => list.some((b) => overlaps(a, b))
