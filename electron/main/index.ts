import path from 'node:path'
import { Menu, Notification, Tray, app, clipboard, globalShortcut, session, type BrowserWindow } from 'electron'
import { APP_ENTRY_URL } from './constants'
import { DesktopShell } from './desktop'
import { registerIpc } from './ipc'
import { mainLog, startMainLog } from './log'
import { installMenu } from './menu'
import { handleAppProtocol, registerAppScheme } from './protocol'
import { hardenSession, hardenWebContents, trustedOrigins } from './security'
import { trayIconsIn } from './tray'
import { createMainWindow, focusWindow, stateFileIn, windowIconPath } from './window'

/** Unpacked builds (npm start, npm run dev) are development builds: DevTools and their menu item only there. */
const isDevelopment = !app.isPackaged
const logFile = startMainLog(app.getPath('userData'), { echo: isDevelopment })
process.on('unhandledRejection', (reason) => mainLog.error('main.unhandled-rejection', reason))

const devServerUrl = isDevelopment ? process.env['ELECTRON_RENDERER_URL'] : undefined
const origins = trustedOrigins(devServerUrl)
const isMac = process.platform === 'darwin'
let mainWindow: BrowserWindow | null = null

// Every renderer sandboxed, whatever its web preferences say; then the app:// scheme (both before ready).
app.enableSandbox()
registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => focusWindow(mainWindow))

  // Every web contents, including any created later, gets the navigation and window-open guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, origins)
    handleAppProtocol(path.join(__dirname, '../renderer'))
    const open = (): BrowserWindow => {
      const win = createMainWindow({
        preloadPath: path.join(__dirname, '../preload/index.cjs'),
        stateFile: stateFileIn(app.getPath('userData')),
        url: devServerUrl ?? APP_ENTRY_URL,
        iconPath: windowIconPath(__dirname),
        devTools: isDevelopment,
      })
      mainWindow = win
      desktop.attachWindow(win)
      win.on('closed', () => {
        if (mainWindow === win) mainWindow = null
      })
      return win
    }
    const desktop = new DesktopShell({
      getWindow: () => mainWindow,
      openWindow: open,
      bringToFront: (win) => {
        focusWindow(win)
        // macOS activates the app only when asked to take focus from the one in front
        if (isMac) app.focus({ steal: true })
      },
      globalShortcut,
      clipboard,
      createTray: (icon) => new Tray(icon),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      installMenu: (options) => installMenu(() => mainWindow, options),
      notify: (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show()
      },
      quit: () => app.quit(),
      trayIcons: trayIconsIn(__dirname),
      isMac,
      devTools: isDevelopment,
      systemLocale: app.getLocale(),
    })
    registerIpc(origins, desktop, logFile)
    desktop.start()
    open()
    app.on('activate', () => {
      if (mainWindow) focusWindow(mainWindow)
      else open()
    })
    app.on('before-quit', () => desktop.beforeQuit())
    // the global shortcut is the system's: give it back whatever way the console ends
    app.on('will-quit', () => desktop.dispose())
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
