import { describe, expect, it } from 'vitest'
import { DEFAULT_GLOBAL_SHORTCUT, acceleratorLabel, comboFromAccelerator, recordAccelerator, type KeyPress } from './accelerator'

const press = (code: string, mods: Partial<KeyPress> = {}, key = code.replace(/^Key/, '').toLowerCase()): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
})

describe('recordAccelerator', () => {
  it('records Ctrl+Shift+K as CommandOrControl+Shift+K on Windows and Linux, and ⌘⇧K the same on macOS', () => {
    expect(recordAccelerator(press('KeyK', { ctrlKey: true, shiftKey: true }), false)).toEqual({
      kind: 'done',
      accelerator: DEFAULT_GLOBAL_SHORTCUT,
    })
    expect(recordAccelerator(press('KeyK', { metaKey: true, shiftKey: true }), true)).toEqual({
      kind: 'done',
      accelerator: DEFAULT_GLOBAL_SHORTCUT,
    })
  })

  it('keeps Control apart from ⌘ on macOS, and the Windows key as Super elsewhere', () => {
    expect(recordAccelerator(press('KeyL', { ctrlKey: true, altKey: true }), true)).toEqual({ kind: 'done', accelerator: 'Control+Alt+L' })
    expect(recordAccelerator(press('KeyL', { metaKey: true, altKey: true }), false)).toEqual({ kind: 'done', accelerator: 'Alt+Super+L' })
  })

  it('reads the physical key, so Option on macOS and other layouts do not change it', () => {
    expect(recordAccelerator(press('KeyJ', { altKey: true, shiftKey: true }, '∆'), true)).toEqual({
      kind: 'done',
      accelerator: 'Alt+Shift+J',
    })
    expect(recordAccelerator(press('Digit1', { ctrlKey: true, shiftKey: true }, '!'), false)).toEqual({
      kind: 'done',
      accelerator: 'CommandOrControl+Shift+1',
    })
  })

  it('takes a function key alone, and names space, arrows, punctuation and the number pad', () => {
    expect(recordAccelerator(press('F9', {}, 'F9'), false)).toEqual({ kind: 'done', accelerator: 'F9' })
    expect(recordAccelerator(press('Space', { altKey: true }, ' '), false)).toEqual({ kind: 'done', accelerator: 'Alt+Space' })
    expect(recordAccelerator(press('ArrowUp', { ctrlKey: true, altKey: true }), false)).toEqual({
      kind: 'done',
      accelerator: 'CommandOrControl+Alt+Up',
    })
    expect(recordAccelerator(press('Period', { ctrlKey: true }, '.'), false)).toEqual({ kind: 'done', accelerator: 'CommandOrControl+.' })
    expect(recordAccelerator(press('Numpad5', { ctrlKey: true }, '5'), false)).toEqual({
      kind: 'done',
      accelerator: 'CommandOrControl+num5',
    })
  })

  it('keeps listening while only modifiers are down', () => {
    expect(recordAccelerator(press('ControlLeft', { ctrlKey: true }, 'Control'), false)).toEqual({ kind: 'partial' })
    expect(recordAccelerator(press('ShiftRight', { shiftKey: true }, 'Shift'), false)).toEqual({ kind: 'partial' })
  })

  it('refuses a plain key or Shift+key (they would take typing from every app), and keys without a name', () => {
    expect(recordAccelerator(press('KeyK'), false)).toEqual({ kind: 'needs-modifier' })
    expect(recordAccelerator(press('KeyK', { shiftKey: true }), false)).toEqual({ kind: 'needs-modifier' })
    expect(recordAccelerator(press('IntlRo', { ctrlKey: true }, 'ろ'), false)).toEqual({ kind: 'unsupported' })
  })
})

describe('acceleratorLabel', () => {
  it.each([
    [DEFAULT_GLOBAL_SHORTCUT, false, 'Ctrl+Shift+K'],
    [DEFAULT_GLOBAL_SHORTCUT, true, '⌘⇧K'],
    ['Control+Alt+L', true, '⌃⌥L'],
    ['Alt+Super+L', false, 'Alt+Win+L'],
    ['F9', false, 'F9'],
    ['CommandOrControl+num5', false, 'Ctrl+num5'],
  ])('%s (mac: %s) reads %s', (accelerator, mac, label) => {
    expect(acceleratorLabel(accelerator, mac)).toBe(label)
  })
})

describe('comboFromAccelerator', () => {
  it('gives the in-app twin of the default on both systems', () => {
    expect(comboFromAccelerator(DEFAULT_GLOBAL_SHORTCUT, false)).toEqual({ key: 'k', mod: true, alt: false, shift: true })
    expect(comboFromAccelerator(DEFAULT_GLOBAL_SHORTCUT, true)).toEqual({ key: 'k', mod: true, alt: false, shift: true })
  })

  it('maps Ctrl to the app’s Ctrl off macOS, Alt and function keys', () => {
    expect(comboFromAccelerator('Ctrl+Alt+L', false)).toEqual({ key: 'l', mod: true, alt: true, shift: false })
    expect(comboFromAccelerator('Shift+F9', false)).toEqual({ key: 'F9', mod: false, alt: false, shift: true })
  })

  it('has none for keys the page cannot match the same way', () => {
    expect(comboFromAccelerator('Control+Alt+L', true)).toBeNull()
    expect(comboFromAccelerator('Super+L', false)).toBeNull()
    expect(comboFromAccelerator('CommandOrControl+Up', false)).toBeNull()
  })
})
