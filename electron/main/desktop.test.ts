import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, KeyboardEvent, Menu, MenuItem, MenuItemConstructorOptions } from 'electron'
import { DesktopShell, type DesktopDeps } from './desktop'
import type { MenuOptions } from './menu'
import { DEFAULT_GLOBAL_SHORTCUT } from './shortcut'
import { FakeClipboard, FakeGlobalShortcut, FakeTray, FakeWindow } from './test-support/fakes'
import { DESKTOP_TEXT } from './text'

const ICONS = { normal: '/app/resources/icons/tray.png', alert: '/app/resources/icons/tray-alert.png' }

interface Harness {
  shell: DesktopShell
  deps: DesktopDeps
  shortcuts: FakeGlobalShortcut
  clipboard: FakeClipboard
  trays: FakeTray[]
  windows: FakeWindow[]
  menus: MenuOptions[]
  notes: Array<{ title: string; body: string }>
  front: FakeWindow[]
  quit: ReturnType<typeof vi.fn>
  current: () => FakeWindow | null
  setCurrent: (w: FakeWindow | null) => void
}

function harness(options: { isMac?: boolean; systemLocale?: string; trayFails?: boolean; noWindow?: boolean } = {}): Harness {
  const shortcuts = new FakeGlobalShortcut()
  const clipboard = new FakeClipboard()
  const trays: FakeTray[] = []
  const windows: FakeWindow[] = []
  const menus: MenuOptions[] = []
  const notes: Array<{ title: string; body: string }> = []
  const front: FakeWindow[] = []
  let current: FakeWindow | null = null
  const quit = vi.fn()
  const deps: DesktopDeps = {
    getWindow: () => current as unknown as BrowserWindow | null,
    openWindow: () => {
      const w = new FakeWindow()
      windows.push(w)
      current = w
      shell.attachWindow(w as unknown as BrowserWindow)
      return w as unknown as BrowserWindow
    },
    bringToFront: (w) => {
      const fake = w as unknown as FakeWindow
      fake.visible = true
      front.push(fake)
    },
    globalShortcut: shortcuts,
    clipboard,
    createTray: (icon) => {
      if (options.trayFails) throw new Error('no tray on this desktop')
      const tray = new FakeTray(icon)
      trays.push(tray)
      return tray
    },
    buildMenu: (template) => ({ template }) as unknown as Menu,
    installMenu: (o) => menus.push(o),
    notify: (title, body) => notes.push({ title, body }),
    quit,
    trayIcons: ICONS,
    isMac: options.isMac ?? false,
    devTools: false,
    systemLocale: options.systemLocale ?? 'en-US',
  }
  const shell = new DesktopShell(deps)
  shell.start()
  if (!options.noWindow) deps.openWindow()
  return {
    shell,
    deps,
    shortcuts,
    clipboard,
    trays,
    windows,
    menus,
    notes,
    front,
    quit,
    current: () => current,
    setCurrent: (w) => (current = w),
  }
}

const trayMenu = (tray: FakeTray | undefined): MenuItemConstructorOptions[] =>
  (tray?.menu as { template: MenuItemConstructorOptions[] } | null)?.template ?? []
const click = (item: MenuItemConstructorOptions | undefined): void => item?.click?.({} as MenuItem, undefined, {} as KeyboardEvent)
/** Lets the asynchronous clipboard read finish. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))
const lookups = (w: FakeWindow | undefined) => (w?.webContents.sent ?? []).filter((s) => s.channel === 'desktop:clipboard-lookup')

describe('global shortcut', () => {
  it('registers the default, shows it in the menu, and frees it on quit', () => {
    const h = harness()
    expect(h.shell.setShortcut(DEFAULT_GLOBAL_SHORTCUT)).toEqual({ state: 'registered', accelerator: DEFAULT_GLOBAL_SHORTCUT })
    expect(h.shortcuts.isRegistered(DEFAULT_GLOBAL_SHORTCUT)).toBe(true)
    expect(h.menus.at(-1)?.clipboardAccelerator).toBe(DEFAULT_GLOBAL_SHORTCUT)
    h.shell.dispose()
    expect(h.shortcuts.registered.size).toBe(0)
    expect(h.trays[0]?.destroyed).toBe(true)
  })

  it('brings the window to the front and sends the cleaned clipboard text to the page', async () => {
    const h = harness()
    h.shell.setShortcut(DEFAULT_GLOBAL_SHORTCUT)
    h.current()?.hide()
    h.clipboard.text = '  3500 1234 56\r\n'
    h.shortcuts.press(DEFAULT_GLOBAL_SHORTCUT)
    // at once, before the clipboard is read
    expect(h.front).toEqual([h.windows[0]])
    await settle()
    expect(h.windows[0]?.visible).toBe(true)
    expect(lookups(h.windows[0])).toEqual([{ channel: 'desktop:clipboard-lookup', args: [{ text: '3500 1234 56', truncated: false }] }])
  })

  it('never writes the clipboard to any log', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => undefined))
    try {
      const h = harness()
      h.shell.setShortcut(DEFAULT_GLOBAL_SHORTCUT)
      h.clipboard.text = 'li.wei@gmail.com 13800138000 UID 35001234'
      h.shortcuts.press(DEFAULT_GLOBAL_SHORTCUT)
      await settle()
      await h.shell.readClipboard()
      h.clipboard.failing = true
      h.shortcuts.press(DEFAULT_GLOBAL_SHORTCUT)
      await settle()
      for (const spy of spies) {
        for (const call of spy.mock.calls) expect(JSON.stringify(call)).not.toMatch(/35001234|13800138000|li\.wei/)
      }
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
  })

  it('sends an empty text when the clipboard cannot be read, so the page can say so', async () => {
    const h = harness()
    h.shell.setShortcut(DEFAULT_GLOBAL_SHORTCUT)
    h.clipboard.failing = true
    h.shortcuts.press(DEFAULT_GLOBAL_SHORTCUT)
    await settle()
    expect(lookups(h.windows[0])[0]?.args).toEqual([{ text: '', truncated: false }])
  })

  it('says so when another app holds the shortcut, and registers nothing', () => {
    const h = harness()
    h.shortcuts.heldElsewhere.add(DEFAULT_GLOBAL_SHORTCUT)
    expect(h.shell.setShortcut(DEFAULT_GLOBAL_SHORTCUT)).toEqual({ state: 'taken', accelerator: DEFAULT_GLOBAL_SHORTCUT })
    expect(h.shortcuts.registered.size).toBe(0)
    expect(h.menus.at(-1)?.clipboardAccelerator).toBeNull()
  })

  it('counts a shortcut the system accepted but did not give as taken', () => {
    const h = harness()
    h.shortcuts.silentlyRefused.add('Alt+Shift+V')
    expect(h.shell.setShortcut('Alt+Shift+V')).toEqual({ state: 'taken', accelerator: 'Alt+Shift+V' })
  })

  it.each(['Shift+K', 'K', 'Ctrl+Ctrl+K', 'Ctrl+Shift', 'Ctrl+Shift+KK', 'Ctrl + K', '', 'Hyper+K', 'Fn+F5'])(
    'refuses %j as invalid',
    (accelerator) => {
      const h = harness()
      expect(h.shell.setShortcut(accelerator)).toEqual({ state: 'invalid', accelerator })
      expect(h.shortcuts.registered.size).toBe(0)
    },
  )

  it('reports an accelerator Electron cannot convert as invalid, not as an error', () => {
    const h = harness()
    h.shortcuts.unparseable.add('Ctrl+Alt+PrintScreen')
    expect(h.shell.setShortcut('Ctrl+Alt+PrintScreen')).toEqual({ state: 'invalid', accelerator: 'Ctrl+Alt+PrintScreen' })
    expect(h.shortcuts.registered.size).toBe(0)
  })

  it('frees the old shortcut before taking a new one, and turns it off on request', () => {
    const h = harness()
    h.shell.setShortcut(DEFAULT_GLOBAL_SHORTCUT)
    expect(h.shell.setShortcut('Alt+Shift+L')).toEqual({ state: 'registered', accelerator: 'Alt+Shift+L' })
    expect([...h.shortcuts.registered.keys()]).toEqual(['Alt+Shift+L'])
    expect(h.shell.setShortcut(null)).toEqual({ state: 'off' })
    expect(h.shortcuts.registered.size).toBe(0)
  })

  it('a refused new shortcut leaves none registered (not the old one silently)', () => {
    const h = harness()
    h.shell.setShortcut(DEFAULT_GLOBAL_SHORTCUT)
    h.shortcuts.heldElsewhere.add('Alt+Shift+L')
    expect(h.shell.setShortcut('Alt+Shift+L').state).toBe('taken')
    expect(h.shortcuts.registered.size).toBe(0)
  })

  it('opens a window when there is none (macOS) and delivers the look-up once its page says it is ready', async () => {
    const h = harness({ isMac: true, noWindow: true })
    h.shell.setShortcut(DEFAULT_GLOBAL_SHORTCUT)
    h.clipboard.text = '13800138000'
    h.shortcuts.press(DEFAULT_GLOBAL_SHORTCUT)
    await settle()
    const win = h.windows[0]
    expect(win).toBeDefined()
    expect(lookups(win)).toEqual([])
    // another page's call does not take it
    h.shell.setPrefs({ locale: 'en', closeToTray: false }, new FakeWindow().webContents as never)
    expect(lookups(win)).toEqual([])
    h.shell.setPrefs({ locale: 'en', closeToTray: false }, win?.webContents as never)
    expect(lookups(win)).toEqual([{ channel: 'desktop:clipboard-lookup', args: [{ text: '13800138000', truncated: false }] }])
    // only once
    h.shell.setPrefs({ locale: 'en', closeToTray: false }, win?.webContents as never)
    expect(lookups(win)).toHaveLength(1)
  })
})

describe('tray icon', () => {
  it('starts with the app icon, the name and "no open reviews"', () => {
    const h = harness()
    expect(h.trays).toHaveLength(1)
    expect(h.trays[0]?.image).toBe(ICONS.normal)
    expect(h.trays[0]?.toolTip).toBe('Verification Code Console · No open reviews')
  })

  it('shows the counts the page sends, with a red dot while reviews need attention', () => {
    const h = harness()
    expect(h.shell.setTrayStatus({ openReviews: 12, atRisk: 2, overdue: 1 })).toBe(true)
    const tray = h.trays[0]
    expect(tray?.toolTip).toBe('Verification Code Console · 12 open reviews (2 at risk, 1 overdue)')
    expect(trayMenu(tray)[0]?.label).toBe('12 open reviews (2 at risk, 1 overdue)')
    expect(tray?.image).toBe(ICONS.alert)
    expect(tray?.title).toBe('')
    h.shell.setTrayStatus({ openReviews: 1, atRisk: 0, overdue: 0 })
    expect(tray?.toolTip).toBe('Verification Code Console · 1 open review')
    expect(tray?.image).toBe(ICONS.normal)
  })

  it('on macOS puts the count needing attention beside the menu-bar icon', () => {
    const h = harness({ isMac: true })
    h.shell.setTrayStatus({ openReviews: 5, atRisk: 1, overdue: 2 })
    expect(h.trays[0]?.title).toBe('3')
    h.shell.setTrayStatus({ openReviews: 5, atRisk: 0, overdue: 0 })
    expect(h.trays[0]?.title).toBe('')
  })

  it('its menu shows the console, starts a new case, opens the reviews and quits', () => {
    const h = harness()
    const menu = trayMenu(h.trays[0])
    const item = (label: string) => menu.find((i) => i.label === label)
    h.current()?.hide()
    click(item('Show the Console'))
    expect(h.windows[0]?.visible).toBe(true)
    click(item('New Case'))
    click(item('No open reviews'))
    expect(h.windows[0]?.webContents.sent).toEqual([
      { channel: 'menu:command', args: ['new-case'] },
      { channel: 'menu:command', args: ['open-reviews'] },
    ])
    click(item('Quit Verification Code Console'))
    expect(h.quit).toHaveBeenCalledTimes(1)
  })

  it('a click on the icon shows the console', () => {
    const h = harness()
    h.current()?.hide()
    h.trays[0]?.emit('click')
    expect(h.windows[0]?.visible).toBe(true)
  })

  it('follows the UI language the page chose, and so does the menu', () => {
    const h = harness()
    h.shell.setTrayStatus({ openReviews: 3, atRisk: 1, overdue: 0 })
    h.shell.setPrefs({ locale: 'zh-CN', closeToTray: false })
    expect(h.trays[0]?.toolTip).toBe('验证码支持控制台 · 3 个进行中的审核（1 个有逾期风险，0 个已逾期）')
    expect(trayMenu(h.trays[0]).map((i) => i.label)).toContain('新建工单')
    expect(h.menus.at(-1)?.text).toBe(DESKTOP_TEXT['zh-CN'])
  })

  it('speaks the system language until the page says otherwise', () => {
    const h = harness({ systemLocale: 'zh-CN' })
    expect(h.trays[0]?.toolTip).toBe('验证码支持控制台 · 没有进行中的审核')
    expect(h.menus[0]?.text).toBe(DESKTOP_TEXT['zh-CN'])
  })

  it('a desktop without a tray still gets the menu, and says there is no tray', () => {
    const h = harness({ trayFails: true })
    expect(h.menus).toHaveLength(1)
    expect(h.shell.setTrayStatus({ openReviews: 1, atRisk: 0, overdue: 0 })).toBe(false)
    expect(h.shell.setPrefs({ locale: 'en', closeToTray: true })).toBe(false)
  })
})

describe('look up the clipboard from the menu', () => {
  it('does what the global shortcut does', async () => {
    const h = harness()
    h.clipboard.text = 'li.wei@gmail.com'
    h.menus.at(-1)?.onLookUpClipboard()
    await settle()
    expect(lookups(h.windows[0])).toEqual([{ channel: 'desktop:clipboard-lookup', args: [{ text: 'li.wei@gmail.com', truncated: false }] }])
  })

  it('sends nothing to a window closed while the clipboard was read', async () => {
    const h = harness()
    h.clipboard.text = 'li.wei@gmail.com'
    h.menus.at(-1)?.onLookUpClipboard()
    h.windows[0]?.close()
    await settle()
    expect(lookups(h.windows[0])).toEqual([])
  })
})

describe('closing the window', () => {
  let h: Harness
  beforeEach(() => {
    h = harness()
  })
  afterEach(() => h.shell.dispose())

  it('closes it by default', () => {
    expect(h.windows[0]?.close()).toBe(true)
  })

  it('keeps the console in the tray when the agent chose so, and says once how to quit', () => {
    h.shell.setPrefs({ locale: 'en', closeToTray: true })
    const win = h.windows[0]
    expect(win?.close()).toBe(false)
    expect(win?.visible).toBe(false)
    expect(h.notes).toEqual([{ title: 'The console is still running', body: expect.stringContaining('press Ctrl+Q') }])
    win?.close()
    expect(h.notes).toHaveLength(1)
  })

  it('tells macOS users about the menu bar and ⌘Q', () => {
    const mac = harness({ isMac: true })
    mac.shell.setPrefs({ locale: 'zh-CN', closeToTray: true })
    mac.windows[0]?.close()
    expect(mac.notes[0]).toEqual({ title: '控制台仍在运行', body: expect.stringContaining('⌘Q') })
  })

  it('quitting closes it even so', () => {
    h.shell.setPrefs({ locale: 'en', closeToTray: true })
    h.shell.beforeQuit()
    expect(h.windows[0]?.close()).toBe(true)
  })

  it('a Windows log-off closes it even so', () => {
    h.shell.setPrefs({ locale: 'en', closeToTray: true })
    h.windows[0]?.emit('session-end')
    expect(h.windows[0]?.close()).toBe(true)
  })

  it('without a tray the window closes: it must never vanish with no way back', () => {
    const bare = harness({ trayFails: true })
    bare.shell.setPrefs({ locale: 'en', closeToTray: true })
    expect(bare.windows[0]?.close()).toBe(true)
  })
})
