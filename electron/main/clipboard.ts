import type { ClipboardText } from '../shared/contract'
import { mainLog } from './log'

/**
 * Longest clipboard text handed to the renderer: a UID, phone or email is far shorter, and a pasted chat
 * of a few dozen messages fits. Anything longer is cut (and marked) rather than refused.
 */
export const MAX_CLIPBOARD_CHARS = 20_000

/** Control and bidi-override characters other than tab and line breaks: they hide or reorder text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu

/**
 * What the renderer gets from the clipboard: text with line breaks made `\n`, hidden characters removed,
 * trimmed and bounded. Never logged anywhere: it may hold a user's UID, phone, email or chat.
 */
export function clipboardText(raw: unknown): ClipboardText {
  if (typeof raw !== 'string') return { text: '', truncated: false }
  // cut before cleaning too, so a huge clipboard never costs a full scan
  const bounded = raw.length > MAX_CLIPBOARD_CHARS * 2 ? raw.slice(0, MAX_CLIPBOARD_CHARS * 2) : raw
  const clean = bounded.replace(/\r\n?/g, '\n').replace(HIDDEN, '').trim()
  if (clean.length <= MAX_CLIPBOARD_CHARS && bounded.length === raw.length) return { text: clean, truncated: false }
  // do not split a surrogate pair at the cut
  let cut = clean.slice(0, MAX_CLIPBOARD_CHARS)
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1)
  return { text: cut.trimEnd(), truncated: true }
}

/** The part of Electron's `clipboard` used here (faked in tests); Electron 45 reads asynchronously. */
export interface ClipboardLike {
  readText(): Promise<string> | string
}

/** Reads the clipboard's plain text; a clipboard that cannot be read counts as empty (the page says so). */
export async function readClipboardText(clipboard: ClipboardLike): Promise<ClipboardText> {
  try {
    return clipboardText(await clipboard.readText())
  } catch (err) {
    mainLog.warn('clipboard.read', err)
    return { text: '', truncated: false }
  }
}
