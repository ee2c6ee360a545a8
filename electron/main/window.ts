import path from 'node:path'
import { BrowserWindow, screen, type WebPreferences } from 'electron'
import { DEFAULT_BOUNDS, MIN_SIZE, loadWindowState, saveWindowState } from './bounds'
import { mainLog } from './log'
import { hardenWebContents } from './security'

/** The one place the security flags are set. DevTools only in development (unpackaged) builds. */
export function secureWebPreferences(preloadPath: string, devTools = false): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  }
}

export interface MainWindowOptions {
  preloadPath: string
  stateFile: string
  url: string
  iconPath?: string
  /** Development builds only: the packaged app never opens DevTools. */
  devTools?: boolean
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea)
  const saved = loadWindowState(options.stateFile, workAreas)
  const win = new BrowserWindow({
    ...(saved ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : DEFAULT_BOUNDS),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Verification Code Console',
    backgroundColor: '#18181c',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath, options.devTools ?? false),
  })
  hardenWebContents(win.webContents)
  if (saved?.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  const persist = (): void => {
    if (win.isDestroyed() || win.isMinimized()) return
    const b = win.getNormalBounds()
    saveWindowState(options.stateFile, { ...b, maximized: win.isMaximized() })
  }
  win.on('close', persist)
  win.loadURL(options.url).catch((err: unknown) => {
    mainLog.error('window.load', err)
    // ready-to-show may never come: show the window rather than leave an invisible app running
    if (!win.isDestroyed()) win.show()
  })
  return win
}

export function focusWindow(win: BrowserWindow | null | undefined): void {
  if (!win || win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}

export const stateFileIn = (userData: string): string => path.join(userData, 'window-state.json')

/**
 * The window icon (Linux and Windows title bars, the taskbar before installation), rendered from
 * resources/icon.svg by `npm run icons`. `mainDir` is out/main, in the asar archive once packaged.
 */
export const windowIconPath = (mainDir: string): string => path.join(mainDir, '../../resources/icons/png/512x512.png')
