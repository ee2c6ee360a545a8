import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand, MenuCommandChannel } from '../shared/contract'
import { DESKTOP_TEXT, type DesktopText } from './text'

const channel: MenuCommandChannel = 'menu:command'

/** The app's own New case key (Alt+N in the renderer), so the menu and the page agree. */
export const NEW_CASE_ACCELERATOR = 'Alt+N'

export interface MenuOptions {
  /** Development builds only. */
  devTools: boolean
  /** The words, in the agent's UI language. */
  text: DesktopText
  /** The global shortcut registered now, shown beside "Look up the clipboard" (it works from any app). */
  clipboardAccelerator: string | null
  onLookUpClipboard: () => void
}

export const defaultMenuOptions = (): MenuOptions => ({
  devTools: false,
  text: DESKTOP_TEXT.en,
  clipboardAccelerator: null,
  onLookUpClipboard: () => undefined,
})

export function buildMenuTemplate(
  getWindow: () => BrowserWindow | null,
  isMac: boolean,
  options: MenuOptions = defaultMenuOptions(),
): MenuItemConstructorOptions[] {
  const send = (command: MenuCommand) => (): void => {
    const win = getWindow()
    if (win && !win.isDestroyed()) win.webContents.send(channel, command)
  }
  const t = options.text
  const settings: MenuItemConstructorOptions = { label: t.settings, accelerator: 'CmdOrCtrl+,', click: send('open-settings') }
  const about: MenuItemConstructorOptions = { label: t.about, click: send('about') }
  // Electron gives the quit role no key on Windows: say Ctrl+Q everywhere, as the tray notice does
  const quit: MenuItemConstructorOptions = { role: 'quit', label: isMac ? `${t.quit} ${t.appName}` : t.quit, accelerator: 'CmdOrCtrl+Q' }
  const lookUpClipboard: MenuItemConstructorOptions = {
    label: t.lookUpClipboard,
    click: options.onLookUpClipboard,
    // the global shortcut does the work; the menu only shows it
    ...(options.clipboardAccelerator ? { accelerator: options.clipboardAccelerator, registerAccelerator: false } : {}),
  }

  const template: MenuItemConstructorOptions[] = []
  if (isMac) {
    template.push({
      label: t.appName,
      submenu: [
        about,
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services', label: t.services },
        { type: 'separator' },
        { role: 'hide', label: t.hide },
        { role: 'hideOthers', label: t.hideOthers },
        { role: 'unhide', label: t.showAll },
        { type: 'separator' },
        quit,
      ],
    })
  }
  template.push(
    {
      label: t.file,
      submenu: [
        { label: t.newCase, accelerator: NEW_CASE_ACCELERATOR, click: send('new-case') },
        { label: t.findCase, accelerator: 'CmdOrCtrl+K', click: send('focus-lookup') },
        lookUpClipboard,
        { type: 'separator' },
        ...(isMac ? [{ role: 'close', label: t.closeWindow } as const] : [settings, { type: 'separator' } as const, quit]),
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'pasteAndMatchStyle', label: t.pasteAndMatchStyle },
        { role: 'delete', label: t.delete },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        { role: 'reload', label: t.reload },
        ...(options.devTools ? [{ role: 'toggleDevTools', label: t.toggleDevTools } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom', label: t.resetZoom },
        { role: 'zoomIn', label: t.zoomIn },
        { role: 'zoomOut', label: t.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.toggleFullScreen },
      ],
    },
    {
      label: t.window,
      role: 'window',
      submenu: [
        { role: 'minimize', label: t.minimize },
        { role: 'zoom', label: t.zoom },
        ...(isMac ? [{ type: 'separator' } as const, { role: 'front', label: t.bringAllToFront } as const] : []),
      ],
    },
    {
      label: t.help,
      role: 'help',
      submenu: [{ label: t.shortcuts, accelerator: 'F1', click: send('show-shortcuts') }, ...(isMac ? [] : [about])],
    },
  )
  return template
}

export function installMenu(getWindow: () => BrowserWindow | null, options: MenuOptions = defaultMenuOptions()): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(getWindow, process.platform === 'darwin', options)))
}
