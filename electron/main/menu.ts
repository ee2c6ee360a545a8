import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand, MenuCommandChannel } from '../shared/contract'

const channel: MenuCommandChannel = 'menu:command'

export interface MenuOptions {
  /** Development builds only. */
  devTools: boolean
}

export function buildMenuTemplate(
  getWindow: () => BrowserWindow | null,
  isMac: boolean,
  options: MenuOptions = { devTools: false },
): MenuItemConstructorOptions[] {
  const send = (command: MenuCommand) => (): void => {
    const win = getWindow()
    if (win && !win.isDestroyed()) win.webContents.send(channel, command)
  }
  const template: MenuItemConstructorOptions[] = []
  if (isMac) template.push({ role: 'appMenu' })
  template.push(
    {
      label: 'File',
      submenu: [
        { label: 'New Case', accelerator: 'CmdOrCtrl+N', click: send('new-case') },
        { label: 'Find Case…', accelerator: 'CmdOrCtrl+K', click: send('focus-lookup') },
        { type: 'separator' },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: send('open-settings') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(options.devTools ? [{ role: 'toggleDevTools' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: 'F1', click: send('show-shortcuts') },
        { label: 'About Verification Code Console', click: send('about') },
      ],
    },
  )
  return template
}

export function installMenu(getWindow: () => BrowserWindow | null, options: MenuOptions = { devTools: false }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(getWindow, process.platform === 'darwin', options)))
}
