/**
 * The one IPC contract between the renderer (through the preload bridge) and the main process.
 * Types only: channel names, argument and result shapes. Main validates every argument with zod
 * (electron/main/ipc/schemas.ts) and every handler answers with an IpcResult envelope.
 */

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string }

export interface AppInfo {
  version: string
  platform: string
  /** Folder holding the automatic daily backups. */
  backupDir: string
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

/** Commands the application menu sends to the renderer. */
export type MenuCommand = 'focus-lookup' | 'new-case' | 'open-settings' | 'show-shortcuts' | 'about'

/** channel → [argument tuple, result value] */
export interface IpcContract {
  'app:info': { args: []; result: AppInfo }
  'file:save': { args: [SaveFileRequest]; result: SaveFileResult }
  'pdf:save': { args: [PrintPdfRequest]; result: SaveFileResult }
  'backup:auto': { args: [AutoBackupRequest]; result: AutoBackupResult }
  'notify:show': { args: [NotifyRequest]; result: boolean }
  'app:badge': { args: [number]; result: boolean }
  'shell:open-external': { args: [OpenExternalRequest]; result: boolean }
}

export type IpcChannel = keyof IpcContract

/** Main → renderer event channel for menu commands. */
export type MenuCommandChannel = 'menu:command'

/** What the preload exposes as `window.api`: one function per message. */
export interface DesktopApi {
  appInfo(): Promise<IpcResult<AppInfo>>
  saveFile(req: SaveFileRequest): Promise<IpcResult<SaveFileResult>>
  savePdf(req: PrintPdfRequest): Promise<IpcResult<SaveFileResult>>
  autoBackup(req: AutoBackupRequest): Promise<IpcResult<AutoBackupResult>>
  notify(req: NotifyRequest): Promise<IpcResult<boolean>>
  setBadge(count: number): Promise<IpcResult<boolean>>
  openExternal(req: OpenExternalRequest): Promise<IpcResult<boolean>>
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}
