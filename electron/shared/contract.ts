/**
 * The one IPC contract between the renderer (through the preload bridge) and the main process.
 * Types only: channel names, argument and result shapes. Main validates every argument with zod
 * (electron/main/ipc/schemas.ts) and every handler answers with an IpcResult envelope.
 */
import type { LogEntry } from './log'

/**
 * What went wrong, as a full i18n key of the renderer (`errors.ipc.failed`) with parameters: the same
 * shape as the renderer's Problem (src/domain/result.ts), so IPC results are the renderer's Result.
 */
export interface IpcProblem {
  key: string
  params?: Record<string, string | number>
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcProblem }

export interface AppInfo {
  version: string
  platform: string
  /** Folder holding the automatic daily backups. */
  backupDir: string
  /** The current log file (older ones beside it: console.1.log, …). */
  logFile: string
}

export interface FileFilter {
  name: string
  extensions: string[]
}

export type FilePayload = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array }

export interface SaveFileRequest {
  /** Suggested file name, no folders, for example `cases-2026-11-01_2026-11-30.csv`. */
  defaultName: string
  filters: FileFilter[]
  payload: FilePayload
}

export type SaveFileResult = { saved: true; path: string } | { saved: false }

export interface PrintPdfRequest {
  defaultName: string
}

export interface AutoBackupRequest {
  /** The backup's JSON text. Main checks it, dates it by its own clock (one file per day) and rotates. */
  json: string
}

export interface AutoBackupResult {
  /** The day's backup file. */
  path: string
  /** False when the backup held no cases and the day's file holds some: that file was kept. */
  written: boolean
  /** The backup files kept after rotation. */
  kept: string[]
}

export interface NotifyRequest {
  title: string
  body: string
}

export interface OpenExternalRequest {
  url: string
}

/** Commands the application menu and the tray menu send to the renderer. */
export type MenuCommand = 'focus-lookup' | 'new-case' | 'open-settings' | 'open-reviews' | 'show-shortcuts' | 'about'

/** The console's UI language, which the native menus and the tray follow. */
export type DesktopLocale = 'en' | 'zh-CN'

/** What the main process needs to know of the agent's settings. */
export interface DesktopPrefs {
  locale: DesktopLocale
  /** Closing the window keeps the console running in the tray / menu bar. */
  closeToTray: boolean
}

/** An Electron accelerator such as `CommandOrControl+Shift+K`, or null to turn the global shortcut off. */
export interface GlobalShortcutRequest {
  accelerator: string | null
}

/**
 * Where the global shortcut stands: working; turned off; refused by the system (another app holds it);
 * not an accelerator at all; or impossible here (browser mode, never sent by the main process).
 */
export type GlobalShortcutStatus =
  | { state: 'registered'; accelerator: string }
  | { state: 'off' }
  | { state: 'taken'; accelerator: string }
  | { state: 'invalid'; accelerator: string }
  | { state: 'unavailable' }

/** Counts only, never personal data: the tray shows them. */
export interface TrayStatus {
  openReviews: number
  atRisk: number
  overdue: number
}

/**
 * The clipboard's text for a look-up, read by the main process: trimmed, control characters removed,
 * cut to a bounded length (`truncated` says so). Empty when the clipboard holds no text.
 */
export interface ClipboardText {
  text: string
  truncated: boolean
}

/** The team sign-in kept between runs (docs/team-sync.md, "Client"): the refresh token and who it is for. */
export interface TeamSession {
  refreshToken: string
  refreshTokenExpiresAt: number
  user: { id: string; username: string; displayName: string; role: 'agent' | 'lead' | 'admin' }
}

/**
 * What main holds of the team sign-in. `secure: false`: the system offers no secure storage (no
 * keychain / secret service; Linux's hard-coded "basic_text" key counts as none), so nothing is written to
 * disk and the renderer keeps the sign-in in memory only.
 */
export interface TeamSessionState {
  secure: boolean
  session: TeamSession | null
}

/** channel → [argument tuple, result value] */
export interface IpcContract {
  'app:info': { args: []; result: AppInfo }
  'file:save': { args: [SaveFileRequest]; result: SaveFileResult }
  'pdf:save': { args: [PrintPdfRequest]; result: SaveFileResult }
  'backup:auto': { args: [AutoBackupRequest]; result: AutoBackupResult }
  'notify:show': { args: [NotifyRequest]; result: boolean }
  'app:badge': { args: [number]; result: boolean }
  'shell:open-external': { args: [OpenExternalRequest]; result: boolean }
  'shortcut:set': { args: [GlobalShortcutRequest]; result: GlobalShortcutStatus }
  'tray:status': { args: [TrayStatus]; result: boolean }
  'desktop:prefs': { args: [DesktopPrefs]; result: boolean }
  'clipboard:read': { args: []; result: ClipboardText }
  /** One log entry from the renderer; false when it was dropped (rate limit). */
  'log:write': { args: [LogEntry]; result: boolean }
  /** Save dialog, then the log files (oldest first) copied into the chosen file. */
  'log:export': { args: [LogExportRequest]; result: SaveFileResult }
  /** The kept team sign-in, decrypted with Electron's safeStorage (null when none, or unreadable). */
  'team-session:load': { args: []; result: TeamSessionState }
  /** Keeps the team sign-in encrypted in user data (null forgets it); `secure: false` when nothing was written. */
  'team-session:save': { args: [TeamSession | null]; result: { secure: boolean } }
}

export interface LogExportRequest {
  defaultName: string
}

export type IpcChannel = keyof IpcContract

/** Main → renderer event channel for menu commands. */
export type MenuCommandChannel = 'menu:command'

/** Main → renderer event channel: the global shortcut was pressed; look up what the clipboard holds. */
export type ClipboardLookupChannel = 'desktop:clipboard-lookup'

/** What the preload exposes as `window.api`: one function per message. */
export interface DesktopApi {
  appInfo(): Promise<IpcResult<AppInfo>>
  saveFile(req: SaveFileRequest): Promise<IpcResult<SaveFileResult>>
  savePdf(req: PrintPdfRequest): Promise<IpcResult<SaveFileResult>>
  autoBackup(req: AutoBackupRequest): Promise<IpcResult<AutoBackupResult>>
  notify(req: NotifyRequest): Promise<IpcResult<boolean>>
  setBadge(count: number): Promise<IpcResult<boolean>>
  openExternal(req: OpenExternalRequest): Promise<IpcResult<boolean>>
  setGlobalShortcut(req: GlobalShortcutRequest): Promise<IpcResult<GlobalShortcutStatus>>
  setTrayStatus(status: TrayStatus): Promise<IpcResult<boolean>>
  setDesktopPrefs(prefs: DesktopPrefs): Promise<IpcResult<boolean>>
  readClipboard(): Promise<IpcResult<ClipboardText>>
  log(entry: LogEntry): Promise<IpcResult<boolean>>
  exportLog(req: LogExportRequest): Promise<IpcResult<SaveFileResult>>
  loadTeamSession(): Promise<IpcResult<TeamSessionState>>
  saveTeamSession(session: TeamSession | null): Promise<IpcResult<{ secure: boolean }>>
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
  onClipboardLookup(listener: (clipboard: ClipboardText) => void): () => void
}
