import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, KeyboardEvent, MenuItem, MenuItemConstructorOptions } from 'electron'
import type { DesktopLocale, MenuCommand } from '../shared/contract'
import { FakeWebContents } from './test-support/fakes'
import { DESKTOP_TEXT } from './text'

const electron = vi.hoisted(() => ({ setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => ({ built: t })) }))
vi.mock('electron', () => ({ Menu: { setApplicationMenu: electron.setApplicationMenu, buildFromTemplate: electron.buildFromTemplate } }))

const { NEW_CASE_ACCELERATOR, buildMenuTemplate, defaultMenuOptions, installMenu } = await import('./menu')

const fakeWindow = (destroyed = false) => {
  const webContents = new FakeWebContents()
  return {
    webContents,
    isDestroyed: () => destroyed,
    asWindow: () => ({ webContents, isDestroyed: () => destroyed }) as unknown as BrowserWindow,
  }
}
const submenu = (template: MenuItemConstructorOptions[], label: string) => {
  const menu = template.find((m) => m.label === label)
  expect(menu, `menu ${label} present`).toBeDefined()
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[]
}
const allItems = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? allItems(m.submenu as MenuItemConstructorOptions[]) : [])])
const click = (item: MenuItemConstructorOptions | undefined): void => item?.click?.({} as MenuItem, undefined, {} as KeyboardEvent)
const options = (locale: DesktopLocale, over: Partial<ReturnType<typeof defaultMenuOptions>> = {}) => ({
  ...defaultMenuOptions(),
  text: DESKTOP_TEXT[locale],
  ...over,
})

describe.each([
  [false, 'en'],
  [true, 'en'],
  [false, 'zh-CN'],
  [true, 'zh-CN'],
] as Array<[boolean, DesktopLocale]>)('menu template (mac: %s, %s)', (isMac, locale) => {
  const t = DESKTOP_TEXT[locale]
  const win = fakeWindow()
  const template = buildMenuTemplate(() => win.asWindow(), isMac, options(locale))

  it('has the standard Edit roles, each labelled in the UI language, so copy and paste work in every field', () => {
    const edit = submenu(template, t.edit)
    expect(edit.map((i) => i.role)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']))
    expect(edit.find((i) => i.role === 'paste')?.label).toBe(t.paste)
  })

  it('labels every item in the UI language', () => {
    for (const item of allItems(template)) {
      if (item.type === 'separator') continue
      expect(item.label, `${item.role ?? 'item'} has a label`).toBeTruthy()
      if (locale === 'zh-CN') expect(item.label, String(item.role)).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('has View, Window and Help menus', () => {
    expect(submenu(template, t.view).map((i) => i.role)).toEqual(
      expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    )
    expect(submenu(template, t.window).map((i) => i.role)).toContain('minimize')
    expect(template.find((m) => m.label === t.help)?.role).toBe('help')
  })

  it('has no DevTools item unless it is a development build', () => {
    const roles = (tpl: MenuItemConstructorOptions[]) => submenu(tpl, t.view).map((i) => i.role)
    expect(roles(template)).not.toContain('toggleDevTools')
    expect(roles(buildMenuTemplate(() => win.asWindow(), isMac, options(locale, { devTools: true })))).toContain('toggleDevTools')
  })

  it('uses each accelerator once', () => {
    const accelerators = allItems(template).flatMap((i) => (i.accelerator ? [String(i.accelerator)] : []))
    expect(new Set(accelerators).size).toBe(accelerators.length)
  })

  it('opens New case with the app’s own key, Alt+N', () => {
    expect(NEW_CASE_ACCELERATOR).toBe('Alt+N')
    expect(allItems(template).find((i) => i.label === t.newCase)?.accelerator).toBe('Alt+N')
  })

  it.each([
    ['newCase', 'new-case', 'Alt+N'],
    ['findCase', 'focus-lookup', 'CmdOrCtrl+K'],
    ['settings', 'open-settings', 'CmdOrCtrl+,'],
    ['shortcuts', 'show-shortcuts', 'F1'],
    ['about', 'about', undefined],
  ] as Array<[keyof typeof t, MenuCommand, string | undefined]>)('%s sends %s to the window', (key, command, accelerator) => {
    win.webContents.sent.length = 0
    const item = allItems(template).find((i) => i.label === t[key])
    expect(item?.accelerator).toBe(accelerator)
    click(item)
    expect(win.webContents.sent).toEqual([{ channel: 'menu:command', args: [command] }])
  })

  it('quits with Ctrl/⌘+Q on every system (Electron gives Windows no key for it)', () => {
    const quit = allItems(template).find((i) => i.role === 'quit')
    expect(quit?.accelerator).toBe('CmdOrCtrl+Q')
  })

  it(isMac ? 'starts with the app menu and closes the window from File' : 'quits from File', () => {
    const fileRoles = submenu(template, t.file).map((i) => i.role)
    if (isMac) {
      expect(template[0]?.label).toBe(t.appName)
      expect(submenu(template, t.appName).map((i) => i.role)).toEqual(expect.arrayContaining(['services', 'hide', 'quit']))
      expect(fileRoles).toContain('close')
    } else {
      expect(template[0]?.label).toBe(t.file)
      expect(fileRoles).toContain('quit')
    }
  })
})

describe('look up the clipboard', () => {
  it('shows the global shortcut without registering it as a menu key, and looks up on click', () => {
    const onLookUpClipboard = vi.fn()
    const template = buildMenuTemplate(
      () => null,
      false,
      options('en', { clipboardAccelerator: 'CommandOrControl+Shift+K', onLookUpClipboard }),
    )
    const item = allItems(template).find((i) => i.label === DESKTOP_TEXT.en.lookUpClipboard)
    expect(item).toMatchObject({ accelerator: 'CommandOrControl+Shift+K', registerAccelerator: false })
    click(item)
    expect(onLookUpClipboard).toHaveBeenCalledTimes(1)
  })

  it('shows no key while the global shortcut is off or refused', () => {
    const template = buildMenuTemplate(() => null, false, options('en'))
    expect(allItems(template).find((i) => i.label === DESKTOP_TEXT.en.lookUpClipboard)?.accelerator).toBeUndefined()
  })
})

describe('menu commands without a window', () => {
  it('does nothing when there is no window or it was destroyed', () => {
    const gone = fakeWindow(true)
    for (const getWindow of [() => null, () => gone.asWindow()]) {
      const item = allItems(buildMenuTemplate(getWindow, false)).find((i) => i.label === 'New Case')
      expect(() => click(item)).not.toThrow()
    }
    expect(gone.webContents.sent).toEqual([])
  })

  it('sends to the window current at click time, not at build time', () => {
    let current: ReturnType<typeof fakeWindow> | null = null
    const item = allItems(buildMenuTemplate(() => current?.asWindow() ?? null, false)).find((i) => i.label === 'Settings…')
    current = fakeWindow()
    click(item)
    expect(current.webContents.sent).toEqual([{ channel: 'menu:command', args: ['open-settings'] }])
  })
})

describe('installMenu', () => {
  it('builds the template and sets it as the application menu', () => {
    installMenu(() => null)
    expect(electron.buildFromTemplate).toHaveBeenCalledTimes(1)
    const template = electron.buildFromTemplate.mock.calls[0]?.[0] as MenuItemConstructorOptions[]
    expect(template.some((m) => m.label === 'Edit')).toBe(true)
    expect(electron.setApplicationMenu).toHaveBeenCalledWith({ built: template })
  })
})
