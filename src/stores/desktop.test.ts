import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { DEFAULT_GLOBAL_SHORTCUT } from '@/domain/shortcut/accelerator'
import { setPlatform, type DesktopPrefs, type GlobalShortcutStatus, type Platform, type PlatformResult } from '@/platform'
import { createBrowserPlatform } from '@/platform/browser'
import { useDesktopStore } from './desktop'
import { parsePrefs, useSettingsStore } from './settings'

type Call = { prefs: DesktopPrefs } | { shortcut: string | null }

/** A desktop that records what it was told, in order, and answers as set. */
function fakeDesktop() {
  const calls: Call[] = []
  const answers = new Map<string | null, PlatformResult<GlobalShortcutStatus> | Error>()
  const delays = new Map<string | null, Promise<void>>()
  const platform = {
    kind: 'electron',
    setDesktopPrefs: async (prefs: DesktopPrefs) => {
      calls.push({ prefs })
      return true
    },
    setGlobalShortcut: async (accelerator: string | null) => {
      calls.push({ shortcut: accelerator })
      await delays.get(accelerator)
      const answer = answers.get(accelerator)
      if (answer instanceof Error) throw answer
      return answer ?? { ok: true, value: accelerator ? { state: 'registered', accelerator } : { state: 'off' } }
    },
  } as unknown as Platform
  return { platform, calls, answers, delays }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) {
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
  }
}

// the settings are changed in place here: update() also sets the page language, which needs a DOM
beforeEach(() => {
  setActivePinia(createPinia())
})
afterAll(() => setPlatform(null))

describe('desktop store', () => {
  it('tells the desktop the language and tray setting first (the page is ready), then registers the default shortcut', async () => {
    const d = fakeDesktop()
    setPlatform(d.platform)
    useSettingsStore().prefs.uiLocale = 'zh-CN'
    const desktop = useDesktopStore()
    desktop.start()
    await settle()
    expect(d.calls).toEqual([{ prefs: { locale: 'zh-CN', closeToTray: false } }, { shortcut: DEFAULT_GLOBAL_SHORTCUT }])
    expect(desktop.shortcut).toEqual({ state: 'registered', accelerator: DEFAULT_GLOBAL_SHORTCUT })
    expect(desktop.tray).toBe(true)
  })

  it('follows the settings: new keys, off, keep in tray, language', async () => {
    const d = fakeDesktop()
    setPlatform(d.platform)
    const settings = useSettingsStore()
    const desktop = useDesktopStore()
    desktop.start()
    await settle()
    d.calls.length = 0
    settings.prefs.globalShortcut = 'Alt+Shift+L'
    await settle()
    settings.prefs.globalShortcut = ''
    await settle()
    expect(desktop.shortcut).toEqual({ state: 'off' })
    settings.prefs.closeToTray = true
    settings.prefs.uiLocale = 'en'
    await settle()
    expect(d.calls).toEqual([{ shortcut: 'Alt+Shift+L' }, { shortcut: null }, { prefs: { locale: 'en', closeToTray: true } }])
  })

  it('keeps what the desktop answered: another app holds the keys', async () => {
    const d = fakeDesktop()
    d.answers.set(DEFAULT_GLOBAL_SHORTCUT, { ok: true, value: { state: 'taken', accelerator: DEFAULT_GLOBAL_SHORTCUT } })
    setPlatform(d.platform)
    const desktop = useDesktopStore()
    desktop.start()
    await settle()
    expect(desktop.shortcut).toEqual({ state: 'taken', accelerator: DEFAULT_GLOBAL_SHORTCUT })
  })

  it('says the request failed when the bridge answers an error or throws', async () => {
    for (const answer of [{ ok: false as const, error: { key: 'errors.ipc.invalidArguments' } }, new Error('bridge gone')]) {
      setActivePinia(createPinia())
      const d = fakeDesktop()
      d.answers.set(DEFAULT_GLOBAL_SHORTCUT, answer)
      setPlatform(d.platform)
      const desktop = useDesktopStore()
      desktop.start()
      await settle()
      expect(desktop.shortcut).toEqual({ state: 'failed' })
    }
  })

  it('an older answer arriving late does not overwrite the newest', async () => {
    const d = fakeDesktop()
    let release = (): void => undefined
    d.delays.set(DEFAULT_GLOBAL_SHORTCUT, new Promise<void>((r) => (release = r)))
    setPlatform(d.platform)
    const settings = useSettingsStore()
    const desktop = useDesktopStore()
    desktop.start()
    await settle()
    settings.prefs.globalShortcut = 'Alt+Shift+L'
    await settle()
    release()
    await settle()
    expect(desktop.shortcut).toEqual({ state: 'registered', accelerator: 'Alt+Shift+L' })
  })

  it('frees the keys while the agent records new ones, and takes the saved ones back after', async () => {
    const d = fakeDesktop()
    setPlatform(d.platform)
    const desktop = useDesktopStore()
    desktop.start()
    await settle()
    d.calls.length = 0
    desktop.suspend()
    await settle()
    expect(d.calls).toEqual([{ shortcut: null }])
    // the settings page still shows the saved keys' state while recording
    expect(desktop.shortcut).toEqual({ state: 'registered', accelerator: DEFAULT_GLOBAL_SHORTCUT })
    desktop.resume()
    await settle()
    expect(d.calls).toEqual([{ shortcut: null }, { shortcut: DEFAULT_GLOBAL_SHORTCUT }])
  })

  it('in browser mode everything is unavailable', async () => {
    setPlatform(createBrowserPlatform())
    const desktop = useDesktopStore()
    desktop.start()
    await settle()
    expect(desktop.shortcut).toEqual({ state: 'unavailable' })
    expect(desktop.tray).toBe(false)
  })
})

describe('desktop settings', () => {
  it('default to Ctrl/⌘+Shift+K and closing the window, also for settings saved before they existed', () => {
    expect(parsePrefs({ agentName: 'Lin', uiLocale: 'en', theme: 'dark' })).toMatchObject({
      agentName: 'Lin',
      globalShortcut: DEFAULT_GLOBAL_SHORTCUT,
      closeToTray: false,
    })
  })

  it('fall back to the defaults field by field when malformed', () => {
    expect(parsePrefs({ agentName: 'Lin', globalShortcut: 42, closeToTray: 'yes' })).toMatchObject({
      agentName: 'Lin',
      globalShortcut: DEFAULT_GLOBAL_SHORTCUT,
      closeToTray: false,
    })
    expect(parsePrefs({ globalShortcut: '', closeToTray: true })).toMatchObject({ globalShortcut: '', closeToTray: true })
  })
})
