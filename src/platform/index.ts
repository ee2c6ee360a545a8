import { createBrowserPlatform } from './browser'
import { createElectronPlatform } from './electron'
import { log, setLogSink } from './log'
import type { Platform } from './types'

export type { ClipboardText, DesktopPrefs, GlobalShortcutStatus, Platform, PlatformResult, SaveOutcome } from './types'
export { log, RING_SIZE as LOG_RING_SIZE } from './log'

let current: Platform | null = null

/** The one way the renderer reaches the desktop. */
export function platform(): Platform {
  current ??= window.api ? createElectronPlatform(window.api) : createBrowserPlatform()
  return current
}

/** Tests replace the platform edge here. */
export function setPlatform(p: Platform | null): void {
  current = p
}

/**
 * Sends log entries to the platform's log (main's log file, or the browser console) and logs what would
 * otherwise vanish: errors nobody caught and promises nobody handled.
 */
export function startLogging(target: Window = window): void {
  setLogSink((entry) => platform().writeLog(entry))
  target.addEventListener('error', (event) => {
    // the browser's own notice that a resize took two frames is harmless, and fires often
    if (!event.error && /^ResizeObserver loop/.test(event.message)) return
    log.error('window.error', event.error ?? event.message)
  })
  target.addEventListener('unhandledrejection', (event) => log.error('window.unhandled-rejection', event.reason))
}
