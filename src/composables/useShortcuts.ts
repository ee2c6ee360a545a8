import { onBeforeUnmount } from 'vue'

export interface Combo {
  /** KeyboardEvent.key, case-insensitive (e.g. "k", "Enter", "F1", "?"). */
  key: string
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  mod?: boolean
  alt?: boolean
  shift?: boolean
}

interface Entry {
  /** Fixed keys, or keys read at each press (a setting); null: no keys now. */
  combo: Combo | (() => Combo | null)
  handler: (e: KeyboardEvent) => void
  allowInInputs: boolean
}

const entries: Entry[] = []
let installed = false

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

function matches(c: Combo, e: KeyboardEvent): boolean {
  const mod = isMac() ? e.metaKey : e.ctrlKey
  // with Option held, macOS reports the typed character (Option+J gives "∆"): match the physical key then
  const key = e.key.toLowerCase() === c.key.toLowerCase() || (!!c.alt && /^[a-z]$/i.test(c.key) && e.code === `Key${c.key.toUpperCase()}`)
  return key && !!c.mod === mod && !!c.alt === e.altKey && (c.shift === undefined || c.shift === e.shiftKey)
}

/** Whether a key press goes into text (a field, a text area, a select, an editable element). */
export const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))

/** Runs the shortcut the key press matches, if any; whether one did. */
function dispatch(e: KeyboardEvent): boolean {
  // newest registration wins, so a page can override a global shortcut
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!
    const combo = typeof entry.combo === 'function' ? entry.combo() : entry.combo
    if (!combo || !matches(combo, e)) continue
    if (!entry.allowInInputs && isTyping(e.target)) continue
    e.preventDefault()
    entry.handler(e)
    return true
  }
  return false
}

let holds = 0
let held: KeyboardEvent[] = []
const MODIFIER_KEYS = new Set(['Alt', 'Control', 'Meta', 'Shift', 'AltGraph'])

function onKeydown(e: KeyboardEvent): void {
  if (dispatch(e)) return
  // part of a page is still mounting: a shortcut-like press nothing took is kept for the shortcuts it brings
  if (holds > 0 && (e.altKey || e.ctrlKey || e.metaKey) && !MODIFIER_KEYS.has(e.key)) held.push(e)
}

function install(): void {
  if (installed) return
  window.addEventListener('keydown', onKeydown)
  installed = true
}

/**
 * For a page that mounts part of itself a moment later (after its first paint): key presses with Alt, Ctrl
 * or Cmd that no shortcut took meanwhile are kept, and handled by the shortcuts registered by then once every
 * hold is released. Returns the release (safe to call twice); `replay: false` (the page is leaving) drops
 * the kept presses instead.
 */
export function holdShortcuts(): (replay?: boolean) => void {
  install()
  holds++
  let released = false
  return (replay = true) => {
    if (released) return
    released = true
    if (--holds > 0) return
    const keys = held
    held = []
    if (replay) for (const e of keys) dispatch(e)
  }
}

/** Registers a keyboard shortcut for as long as the calling component lives; `combo` may be a getter (keys from a setting). */
export function useShortcut(
  combo: Combo | (() => Combo | null),
  handler: (e: KeyboardEvent) => void,
  opts: { allowInInputs?: boolean } = {},
): void {
  install()
  const entry: Entry = { combo, handler, allowInInputs: opts.allowInInputs ?? false }
  entries.push(entry)
  onBeforeUnmount(() => {
    const i = entries.indexOf(entry)
    if (i >= 0) entries.splice(i, 1)
  })
}

/** "Ctrl+K" or "⌘K" for display. */
export function comboLabel(c: Combo): string {
  const mac = isMac()
  const parts: string[] = []
  if (c.mod) parts.push(mac ? '⌘' : 'Ctrl')
  if (c.alt) parts.push(mac ? '⌥' : 'Alt')
  if (c.shift) parts.push(mac ? '⇧' : 'Shift')
  parts.push(c.key.length === 1 ? c.key.toUpperCase() : c.key)
  return parts.join(mac ? '' : '+')
}
