import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_GLOBAL_SHORTCUT, GlobalShortcut, isGlobalAccelerator } from './shortcut'
import { FakeGlobalShortcut } from './test-support/fakes'

describe('isGlobalAccelerator', () => {
  it.each([
    DEFAULT_GLOBAL_SHORTCUT,
    'CmdOrCtrl+Shift+K',
    'Control+Alt+L',
    'Ctrl+Shift+1',
    'Alt+Shift+V',
    'Super+K',
    'Command+Option+Space',
    'F9',
    'Shift+F12',
    'Ctrl+Shift+Plus',
    'Alt+num5',
    'ctrl+shift+k',
  ])('accepts %s', (accelerator) => {
    expect(isGlobalAccelerator(accelerator)).toBe(true)
  })

  it.each([
    ['a plain key, which would steal typing in every app', 'K'],
    ['Shift and a letter, the same', 'Shift+K'],
    ['modifiers only', 'Ctrl+Shift'],
    ['two keys', 'Ctrl+K+L'],
    ['a repeated modifier', 'Ctrl+Ctrl+K'],
    ['an unknown modifier', 'Hyper+K'],
    ['an unknown key', 'Ctrl+Banana'],
    ['spaces', 'Ctrl + K'],
    ['nothing', ''],
    ['a trailing plus', 'Ctrl+'],
    ['F25', 'Ctrl+F25'],
  ])('refuses %s', (_label, accelerator) => {
    expect(isGlobalAccelerator(accelerator)).toBe(false)
  })

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => typeof isGlobalAccelerator(s) === 'boolean'))
  })
})

describe('GlobalShortcut', () => {
  it('holds at most one shortcut and calls back on press', () => {
    const system = new FakeGlobalShortcut()
    let pressed = 0
    const shortcut = new GlobalShortcut(system, () => pressed++)
    shortcut.set('Alt+Shift+K')
    shortcut.set('Alt+Shift+L')
    expect([...system.registered.keys()]).toEqual(['Alt+Shift+L'])
    system.press('Alt+Shift+K')
    system.press('Alt+Shift+L')
    expect(pressed).toBe(1)
    expect(shortcut.accelerator).toBe('Alt+Shift+L')
    shortcut.clear()
    expect(system.registered.size).toBe(0)
    expect(shortcut.accelerator).toBeNull()
  })
})
