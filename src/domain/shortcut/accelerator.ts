/**
 * Electron accelerators (`CommandOrControl+Shift+K`) as the Settings page records them from key presses,
 * shows them, and turns them into the in-app shortcut. The main process checks them again before
 * registering (electron/main/shortcut.ts): this side only gives the agent quick feedback.
 */
/** Keys as the app's in-app shortcuts describe them (the shape of useShortcuts' Combo). */
export interface KeyCombo {
  /** KeyboardEvent.key, lower case for letters. */
  key: string
  /** Ctrl on Windows/Linux, ⌘ on macOS. */
  mod: boolean
  alt: boolean
  shift: boolean
}

export const DEFAULT_GLOBAL_SHORTCUT = 'CommandOrControl+Shift+K'

/** What a KeyboardEvent carries that matters here (tests pass plain objects). */
export interface KeyPress {
  key: string
  code: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

export type Recorded =
  /** A complete accelerator, fit for a global shortcut. */
  | { kind: 'done'; accelerator: string }
  /** Only modifiers so far: keep listening. */
  | { kind: 'partial' }
  /** A key that cannot be a global shortcut on its own (no modifier other than Shift). */
  | { kind: 'needs-modifier' }
  /** A key Electron has no name for. */
  | { kind: 'unsupported' }

const PUNCTUATION: Record<string, string> = {
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
}
const NAMED: Record<string, string> = {
  Space: 'Space',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
  Delete: 'Delete',
}
const MODIFIER_CODES = /^(Control|Shift|Alt|Meta|OS)(Left|Right)?$/

/** Electron's name for the physical key (by code, so the keyboard layout and Option on macOS do not matter). */
function keyName(code: string): string | null {
  let m = /^Key([A-Z])$/.exec(code)
  if (m) return m[1]!
  m = /^Digit(\d)$/.exec(code)
  if (m) return m[1]!
  m = /^Numpad(\d)$/.exec(code)
  if (m) return `num${m[1]}`
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code
  return PUNCTUATION[code] ?? NAMED[code] ?? null
}

const isFunctionKey = (key: string): boolean => /^F([1-9]|1\d|2[0-4])$/.test(key)

/** Turns a key press into an accelerator: Ctrl (⌘ on macOS) becomes CommandOrControl, so it works on every system. */
export function recordAccelerator(e: KeyPress, mac: boolean): Recorded {
  if (MODIFIER_CODES.test(e.code) || ['Control', 'Shift', 'Alt', 'Meta', 'OS'].includes(e.key)) return { kind: 'partial' }
  const key = keyName(e.code)
  if (!key) return { kind: 'unsupported' }
  const mods: string[] = []
  if (mac ? e.metaKey : e.ctrlKey) mods.push('CommandOrControl')
  if (mac && e.ctrlKey) mods.push('Control')
  if (e.altKey) mods.push('Alt')
  if (e.shiftKey) mods.push('Shift')
  if (!mac && e.metaKey) mods.push('Super')
  if (!isFunctionKey(key) && !mods.some((m) => m !== 'Shift')) return { kind: 'needs-modifier' }
  return { kind: 'done', accelerator: [...mods, key].join('+') }
}

const MOD_LABELS: Record<string, [mac: string, other: string]> = {
  commandorcontrol: ['⌘', 'Ctrl'],
  cmdorctrl: ['⌘', 'Ctrl'],
  command: ['⌘', 'Cmd'],
  cmd: ['⌘', 'Cmd'],
  control: ['⌃', 'Ctrl'],
  ctrl: ['⌃', 'Ctrl'],
  alt: ['⌥', 'Alt'],
  option: ['⌥', 'Alt'],
  altgr: ['AltGr', 'AltGr'],
  shift: ['⇧', 'Shift'],
  super: ['⌘', 'Win'],
  meta: ['⌘', 'Win'],
}

/** How the keys read on this system: `Ctrl+Shift+K`, or `⌘⇧K` on macOS. */
export function acceleratorLabel(accelerator: string, mac: boolean): string {
  const parts = accelerator.split('+')
  const key = parts.pop() ?? ''
  const mods = parts.map((p) => MOD_LABELS[p.toLowerCase()]?.[mac ? 0 : 1] ?? p)
  const keyText = key.length === 1 ? key.toUpperCase() : key
  return mac ? [...mods, keyText].join('') : [...mods, keyText].join('+')
}

/**
 * The same keys as an in-app shortcut (browser mode, or when the global one is off or refused), or null
 * when they cannot be one (keys the page cannot tell apart from its own Ctrl/⌘, or an unusual key).
 */
export function comboFromAccelerator(accelerator: string, mac: boolean): KeyCombo | null {
  const parts = accelerator.split('+')
  const key = parts.pop() ?? ''
  const combo: KeyCombo = { key: '', mod: false, alt: false, shift: false }
  for (const p of parts.map((x) => x.toLowerCase())) {
    if (p === 'commandorcontrol' || p === 'cmdorctrl' || (mac ? p === 'command' || p === 'cmd' : p === 'control' || p === 'ctrl'))
      combo.mod = true
    else if (p === 'alt' || p === 'option') combo.alt = true
    else if (p === 'shift') combo.shift = true
    else return null
  }
  if (/^[A-Za-z0-9]$/.test(key)) combo.key = key.toLowerCase()
  else if (isFunctionKey(key)) combo.key = key
  else return null
  return combo
}
