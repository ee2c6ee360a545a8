import { describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, KeyboardEvent, MenuItem, MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../shared/contract'
import { FakeWebContents } from './test-support/fakes'

const electron = vi.hoisted(() => ({ setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => ({ built: t })) }))
vi.mock('electron', () => ({ Menu: { setApplicationMenu: electron.setApplicationMenu, buildFromTemplate: electron.buildFromTemplate } }))

const { buildMenuTemplate, installMenu } = await import('./menu')

const fakeWindow = (destroyed = false) => {
  const webContents = new FakeWebContents()
  return {
    webContents,
    isDestroyed: () => destroyed,
    asWindow: () => ({ webContents, isDestroyed: () => destroyed }) as unknown as BrowserWindow,
  }
}
const submenu = (template: MenuItemConstructorOptions[], pick: (m: MenuItemConstructorOptions) => boolean) => {
  const menu = template.find(pick)
  expect(menu, 'menu present').toBeDefined()
  return (menu?.submenu ?? []) as MenuItemConstructorOptions[]
}
const allItems = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((m) => [m, ...(Array.isArray(m.submenu) ? allItems(m.submenu as MenuItemConstructorOptions[]) : [])])
const click = (item: MenuItemConstructorOptions | undefined): void => item?.click?.({} as MenuItem, undefined, {} as KeyboardEvent)

describe.each([false, true])('menu template (mac: %s)', (isMac) => {
  const win = fakeWindow()
  const template = buildMenuTemplate(() => win.asWindow(), isMac)

  it('has the standard Edit roles, so copy and paste work in every field', () => {
    const roles = submenu(template, (m) => m.label === 'Edit').map((i) => i.role)
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']))
  })

  it('has no DevTools item unless it is a development build', () => {
    const roles = (t: MenuItemConstructorOptions[]) => submenu(t, (m) => m.label === 'View').map((i) => i.role)
    expect(roles(template)).not.toContain('toggleDevTools')
    expect(roles(buildMenuTemplate(() => win.asWindow(), isMac, { devTools: true }))).toContain('toggleDevTools')
  })

  it('has View and Help menus', () => {
    expect(submenu(template, (m) => m.label === 'View').map((i) => i.role)).toEqual(
      expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    )
    expect(submenu(template, (m) => m.role === 'help').length).toBeGreaterThan(0)
  })

  it('uses each accelerator once', () => {
    const accelerators = allItems(template).flatMap((i) => (i.accelerator ? [String(i.accelerator)] : []))
    expect(new Set(accelerators).size).toBe(accelerators.length)
  })

  it.each([
    ['New Case', 'new-case', 'CmdOrCtrl+N'],
    ['Find Case…', 'focus-lookup', 'CmdOrCtrl+K'],
    ['Settings', 'open-settings', 'CmdOrCtrl+,'],
    ['Keyboard Shortcuts', 'show-shortcuts', 'F1'],
    ['About Verification Code Console', 'about', undefined],
  ] as Array<[string, MenuCommand, string | undefined]>)('%s sends %s to the window', (label, command, accelerator) => {
    win.webContents.sent.length = 0
    const item = allItems(template).find((i) => i.label === label)
    expect(item?.accelerator).toBe(accelerator)
    click(item)
    expect(win.webContents.sent).toEqual([{ channel: 'menu:command', args: [command] }])
  })

  it(isMac ? 'starts with the app menu and closes the window from File' : 'quits from File', () => {
    const fileRoles = submenu(template, (m) => m.label === 'File').map((i) => i.role)
    if (isMac) {
      expect(template[0]?.role).toBe('appMenu')
      expect(fileRoles).toContain('close')
    } else {
      expect(template.some((m) => m.role === 'appMenu')).toBe(false)
      expect(fileRoles).toContain('quit')
    }
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
    const item = allItems(buildMenuTemplate(() => current?.asWindow() ?? null, false)).find((i) => i.label === 'Settings')
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
