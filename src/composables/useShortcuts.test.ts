import { beforeAll, describe, expect, it, vi } from 'vitest'

/** A key press as the window's keydown listener sees it (the unit tests run without a DOM). */
function press(key: string, mods: { alt?: boolean; ctrl?: boolean } = {}): Event {
  const e = new Event('keydown', { cancelable: true })
  Object.assign(e, { key, code: `Key${key.toUpperCase()}`, altKey: !!mods.alt, ctrlKey: !!mods.ctrl, metaKey: false, shiftKey: false })
  window.dispatchEvent(e)
  return e
}

beforeAll(() => {
  vi.stubGlobal('window', new EventTarget())
  vi.stubGlobal('HTMLElement', class {})
  vi.stubGlobal('navigator', { platform: 'Linux x86_64', userAgent: 'test' })
  // useShortcut ties each shortcut to its component's unmount; here there is no component (Vue warns)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})

describe('shortcuts held while part of a page mounts', () => {
  it('keeps a shortcut-like press nothing took, and hands it to the shortcut registered before the release', async () => {
    const { holdShortcuts, useShortcut } = await import('./useShortcuts')
    const failed = vi.fn()
    const global = vi.fn()
    useShortcut({ key: 'k', mod: true }, global)
    const release = holdShortcuts()
    press('k', { ctrl: true }) // a shortcut already there runs at once
    expect(global).toHaveBeenCalledTimes(1)
    press('j', { alt: true }) // its shortcut is not registered yet
    press('x') // plain typing is never kept
    press('Alt', { alt: true }) // nor a modifier on its own
    useShortcut({ key: 'j', alt: true }, failed)
    useShortcut({ key: 'x' }, failed)
    expect(failed).not.toHaveBeenCalled()
    release()
    expect(failed).toHaveBeenCalledTimes(1)
    expect((failed.mock.calls[0]![0] as KeyboardEvent).key).toBe('j')
    release() // a second call does nothing
    press('j', { alt: true })
    expect(failed).toHaveBeenCalledTimes(2)
  })

  it('waits for every hold, and a page leaving drops what it kept', async () => {
    const { holdShortcuts, useShortcut } = await import('./useShortcuts')
    const handler = vi.fn()
    const a = holdShortcuts()
    const b = holdShortcuts()
    press('r', { alt: true })
    useShortcut({ key: 'r', alt: true }, handler)
    a()
    expect(handler).not.toHaveBeenCalled()
    b(false)
    expect(handler).not.toHaveBeenCalled()
    // nothing is kept once no hold is left
    const c = holdShortcuts()
    c()
    press('q', { alt: true })
    const late = vi.fn()
    useShortcut({ key: 'q', alt: true }, late)
    const d = holdShortcuts()
    d()
    expect(late).not.toHaveBeenCalled()
  })
})
