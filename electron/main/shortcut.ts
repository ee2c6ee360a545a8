import type { GlobalShortcutStatus } from '../shared/contract'

/** The default global shortcut: Ctrl+Shift+K on Windows and Linux, ⌘⇧K on macOS. */
export const DEFAULT_GLOBAL_SHORTCUT = 'CommandOrControl+Shift+K'

const MODIFIERS = new Map(
  ['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'].map((m) => [
    m.toLowerCase(),
    m,
  ]),
)
const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'PrintScreen',
  ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
  ...Array.from({ length: 10 }, (_, i) => `num${i}`),
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
].map((k) => k.toLowerCase())
const SINGLE_KEYS = /^[A-Za-z0-9)!@#$%^&*(:;<=>,_\-.?/~`[{\]}\\|'"]$/

const isFunctionKey = (key: string): boolean => /^f([1-9]|1\d|2[0-4])$/i.test(key)

/**
 * Whether `value` is an Electron accelerator fit for a global shortcut: modifiers then one key
 * (https://www.electronjs.org/docs/latest/api/accelerator). A global shortcut must not steal plain typing
 * from every other app, so it needs a modifier other than Shift, unless its key is a function key.
 */
export function isGlobalAccelerator(value: string): boolean {
  if (value.length === 0 || value.length > 100 || /\s/.test(value)) return false
  const parts = value.split('+')
  const key = parts.pop() ?? ''
  if (!(SINGLE_KEYS.test(key) || NAMED_KEYS.includes(key.toLowerCase()))) return false
  const modifiers = parts.map((p) => MODIFIERS.get(p.toLowerCase()))
  if (modifiers.some((m) => m === undefined)) return false
  if (new Set(modifiers).size !== modifiers.length) return false
  return isFunctionKey(key) || modifiers.some((m) => m !== 'Shift')
}

/** The parts of Electron's `globalShortcut` this module uses (faked in tests). */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean
  unregister(accelerator: string): void
  isRegistered(accelerator: string): boolean
}

/**
 * Holds at most one global shortcut. Registering a new one frees the old one first; a refused or
 * invalid accelerator leaves none registered and says why.
 */
export class GlobalShortcut {
  private current: string | null = null

  constructor(
    private readonly shortcuts: GlobalShortcutLike,
    private readonly onPress: () => void,
  ) {}

  /** The accelerator registered now, if any. */
  get accelerator(): string | null {
    return this.current
  }

  set(accelerator: string | null): GlobalShortcutStatus {
    this.clear()
    if (accelerator === null) return { state: 'off' }
    if (!isGlobalAccelerator(accelerator)) return { state: 'invalid', accelerator }
    let registered: boolean
    try {
      registered = this.shortcuts.register(accelerator, this.onPress)
    } catch {
      // Electron throws on accelerators it cannot parse
      return { state: 'invalid', accelerator }
    }
    // some systems accept the call yet leave the shortcut with the app that holds it
    if (!registered || !this.shortcuts.isRegistered(accelerator)) return { state: 'taken', accelerator }
    this.current = accelerator
    return { state: 'registered', accelerator }
  }

  /** Frees the shortcut (on quit, and before registering another). */
  clear(): void {
    if (this.current === null) return
    try {
      this.shortcuts.unregister(this.current)
    } finally {
      this.current = null
    }
  }
}
