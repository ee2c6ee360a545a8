import type { Session, WebContents } from 'electron'
import { shell } from 'electron'
import { ALLOWED_PERMISSIONS, APP_ORIGIN, EXTERNAL_HOST_ALLOW_LIST } from './constants'
import { mainLog } from './log'

/** An https URL whose host is on the allow-list; anything else (other schemes, credentials, ports) is refused. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    EXTERNAL_HOST_ALLOW_LIST.includes(url.hostname)
  )
}

/** Origins allowed to talk to main: the app:// origin, and the electron-vite dev server in development. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN]
  if (devServerUrl) {
    try {
      const url = new URL(devServerUrl)
      // only an http(s) server has a real origin; file:, data: and the like share the opaque "null"
      if (url.protocol === 'http:' || url.protocol === 'https:') origins.push(url.origin)
    } catch {
      // an unparsable dev server URL trusts nothing extra
    }
  }
  return origins
}

export function isTrustedUrl(raw: string | undefined, origins: readonly string[]): boolean {
  if (!raw) return false
  try {
    const url = new URL(raw)
    // app:// is a standard scheme, so its origin is "app://console"
    const origin = url.protocol === 'app:' ? `app://${url.host}` : url.origin
    return origin !== 'null' && origins.includes(origin)
  } catch {
    return false
  }
}

export function isAllowedPermission(permission: string, requestingUrl: string, origins: readonly string[]): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && isTrustedUrl(requestingUrl, origins)
}

/** Deny-by-default permission table for the session. */
export function hardenSession(session: Session, origins: readonly string[]): void {
  // Judge the frame that asks (details.requestingUrl), not the page around it: a foreign sub-frame must
  // not borrow the app's permissions.
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = details.requestingUrl || (details.isMainFrame ? webContents.getURL() : '')
    callback(isAllowedPermission(permission, url, origins))
  })
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isAllowedPermission(permission, requestingOrigin, origins),
  )
  session.setDevicePermissionHandler(() => false)
}

/** Opens an allow-listed https link in the system browser. Returns whether it did. */
export function openExternalSafely(url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false
  // no system browser: noted, and no unhandled rejection in main (the URL is not logged)
  shell.openExternal(url).catch((err: unknown) => mainLog.warn('external.open', err))
  return true
}

const hardened = new WeakSet<WebContents>()

/**
 * No navigation, no new windows, no webviews. Allow-listed links go to the system browser.
 * Idempotent: the main window is hardened both by the window factory and by `web-contents-created`,
 * and doubled listeners would open every external link twice.
 */
export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return
  hardened.add(contents)
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    openExternalSafely(url)
  })
  // Sub-frames (none expected: CSP frame-src 'none'). The main frame is left to will-navigate, which
  // Electron does not emit at all once will-frame-navigate has been prevented.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url)
    return { action: 'deny' }
  })
  // Belt and braces: the handler above denies every window, so one that appears anyway is closed.
  contents.on('did-create-window', (win) => {
    win.close()
  })
}
