import path from 'node:path'
import { app, session, type BrowserWindow } from 'electron'
import { APP_ENTRY_URL } from './constants'
import { registerIpc } from './ipc'
import { installMenu } from './menu'
import { handleAppProtocol, registerAppScheme } from './protocol'
import { hardenSession, hardenWebContents, trustedOrigins } from './security'
import { createMainWindow, focusWindow, stateFileIn, windowIconPath } from './window'

/** Unpacked builds (npm start, npm run dev) are development builds: DevTools and their menu item only there. */
const isDevelopment = !app.isPackaged
const devServerUrl = isDevelopment ? process.env['ELECTRON_RENDERER_URL'] : undefined
const origins = trustedOrigins(devServerUrl)
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
    registerIpc(origins)
    installMenu(() => mainWindow, { devTools: isDevelopment })
    const open = (): void => {
      mainWindow = createMainWindow({
        preloadPath: path.join(__dirname, '../preload/index.cjs'),
        stateFile: stateFileIn(app.getPath('userData')),
        url: devServerUrl ?? APP_ENTRY_URL,
        iconPath: windowIconPath(__dirname),
        devTools: isDevelopment,
      })
      mainWindow.on('closed', () => {
        mainWindow = null
      })
    }
    open()
    app.on('activate', () => {
      if (!mainWindow) open()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
