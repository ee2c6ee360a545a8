import type { WebContents } from 'electron'
import type { ClipboardText, DesktopPrefs, GlobalShortcutStatus, TrayStatus } from '../../shared/contract'
import { register, type IpcMainLike } from './register'

/** What the desktop messages act on (DesktopShell; a fake in tests). */
export interface DesktopIpc {
  setShortcut(accelerator: string | null): GlobalShortcutStatus
  setTrayStatus(status: TrayStatus): boolean
  setPrefs(prefs: DesktopPrefs, sender?: WebContents): boolean
  readClipboard(): Promise<ClipboardText>
}

/** The global shortcut, the tray, the settings main needs and the clipboard read for a look-up. */
export function registerDesktopIpc(ipc: IpcMainLike, desktop: DesktopIpc, origins: readonly string[]): void {
  register(ipc, 'shortcut:set', (_event, req) => desktop.setShortcut(req.accelerator), origins)
  register(ipc, 'tray:status', (_event, status) => desktop.setTrayStatus(status), origins)
  register(ipc, 'desktop:prefs', (event, prefs) => desktop.setPrefs(prefs, event.sender), origins)
  register(ipc, 'clipboard:read', () => desktop.readClipboard(), origins)
}
