import type {
  AppInfo,
  AutoBackupResult,
  ClipboardText,
  DesktopPrefs,
  FileFilter,
  GlobalShortcutStatus,
  MenuCommand,
  TeamSession,
  TeamSessionState,
  TrayStatus,
} from '@shared/contract'

export type { ClipboardText, DesktopPrefs, GlobalShortcutStatus, TeamSession, TeamSessionState, TrayStatus }
import type { LogEntry } from '@shared/log'
import type { Result } from '@/domain/result'

/** Every platform call that can fail answers with the console's Result (a Problem with a full i18n key). */
export type PlatformResult<T> = Result<T>

export interface SaveRequest {
  defaultName: string
  filters: FileFilter[]
  /** Text is written as UTF-8; bytes and Blobs as they are. */
  data: string | Uint8Array | Blob
  mimeType: string
}

/**
 * `where`: the path the user chose. `downloaded`: handed to the browser as a download (browser mode), which
 * decides where it goes (usually the Downloads folder, or it asks): `where` is then only the file name.
 */
export type SaveOutcome = { saved: true; where: string; downloaded?: boolean } | { saved: false }

/**
 * Everything the renderer needs from the desktop. The Electron implementation calls the preload
 * bridge; the browser implementation uses downloads, window.print() and the Notification API.
 */
export interface Platform {
  readonly kind: 'electron' | 'browser'
  appInfo(): Promise<AppInfo>
  /** Writes a file only where the user chooses (save dialog), or as a download in the browser. */
  saveFile(req: SaveRequest): Promise<PlatformResult<SaveOutcome>>
  /** Saves the current page as PDF (Electron) or opens the print dialog (browser). */
  savePdf(defaultName: string): Promise<PlatformResult<SaveOutcome>>
  /** Daily automatic backup into the user-data folder (desktop only; main dates, checks and rotates it). */
  autoBackup(json: string): Promise<PlatformResult<AutoBackupResult>>
  notify(title: string, body: string): Promise<boolean>
  setBadge(count: number): Promise<void>
  openExternal(url: string): Promise<boolean>
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
  /**
   * The global shortcut (desktop only): registers `accelerator` system-wide, or turns it off (null).
   * Browser mode answers `{ state: 'unavailable' }`.
   */
  setGlobalShortcut(accelerator: string | null): Promise<PlatformResult<GlobalShortcutStatus>>
  /** Tells the tray icon the review counts; false where there is no tray (browser mode). */
  setTrayStatus(status: TrayStatus): Promise<boolean>
  /** Tells the desktop the UI language (menus, tray) and whether closing keeps it in the tray; false in browser mode. */
  setDesktopPrefs(prefs: DesktopPrefs): Promise<boolean>
  /** The clipboard's text, read by the main process (desktop) or with the page's permission (browser). */
  readClipboard(): Promise<PlatformResult<ClipboardText>>
  /** The global shortcut was pressed in another app: look up this clipboard text. Never fires in browser mode. */
  onClipboardLookup(listener: (clipboard: ClipboardText) => void): () => void
  /** Hands one (already scrubbed) log entry to the log: main's log file, or the browser console. */
  writeLog(entry: LogEntry): void
  /** Where the log is, for Settings: the log file's path, or null in browser mode (the console). */
  logLocation(): Promise<string | null>
  /** Saves the log for support: the log files (desktop), or the recent entries as a download (browser). */
  exportLog(defaultName: string): Promise<PlatformResult<SaveOutcome>>
  /**
   * The team sign-in kept from an earlier run: decrypted by the main process with the system's key
   * (Electron safeStorage). Browser mode keeps nothing (`secure: false`): never localStorage.
   */
  loadTeamSession(): Promise<PlatformResult<TeamSessionState>>
  /** Keeps (or, with null, forgets) the team sign-in; `secure: false` when nothing could be kept. */
  saveTeamSession(session: TeamSession | null): Promise<PlatformResult<{ secure: boolean }>>
}
