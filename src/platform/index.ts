import { createBrowserPlatform } from './browser'
import { createElectronPlatform } from './electron'
import type { Platform } from './types'

export type {
  ClipboardText,
  DesktopPrefs,
  GlobalShortcutStatus,
  Platform,
  PlatformResult,
  SaveOutcome,
  SaveRequest,
  TrayStatus,
} from './types'

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
