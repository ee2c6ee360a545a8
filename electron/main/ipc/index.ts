import path from 'node:path'
import { BrowserWindow, Notification, app, ipcMain, safeStorage } from 'electron'
import { writeAutoBackup } from './backup'
import { inspectInWorker } from './backupCheck'
import { registerDesktopIpc, type DesktopIpc } from './desktop'
import { askSavePath, saveFile, writeFileAtomic } from './files'
import { exportLogFiles, receiveRendererLog } from './log'
import { register, type IpcMainLike } from './register'
import { createTeamSessionStore, registerTeamSessionIpc } from './teamSession'
import { type FileLog } from '../log'
import { openExternalSafely } from '../security'

export const backupDirIn = (userData: string): string => path.join(userData, 'backups')

/** The team sign-in, encrypted with safeStorage (electron/main/ipc/teamSession.ts). */
export const teamSessionFileIn = (userData: string): string => path.join(userData, 'team-session.bin')

/** One registration per channel; each handler lives with its topic. */
export function registerIpc(origins: readonly string[], desktop: DesktopIpc, logFile: FileLog, ipc: IpcMainLike = ipcMain): void {
  const userData = app.getPath('userData')
  const backupDir = backupDirIn(userData)

  register(ipc, 'app:info', () => ({ version: app.getVersion(), platform: process.platform, backupDir, logFile: logFile.file }), origins)

  register(ipc, 'file:save', (event, req) => saveFile(event, req), origins)

  register(
    ipc,
    'pdf:save',
    async (event, req) => {
      const file = await askSavePath(event, req.defaultName, [{ name: 'PDF', extensions: ['pdf'] }])
      if (!file) return { saved: false }
      const bytes = await event.sender.printToPDF({ printBackground: true, pageSize: 'A4' })
      await writeFileAtomic(file, { kind: 'bytes', bytes: new Uint8Array(bytes) })
      return { saved: true, path: file }
    },
    origins,
  )

  register(ipc, 'backup:auto', (_event, req) => writeAutoBackup(backupDir, req.json, { inspect: inspectInWorker }), origins)

  register(
    ipc,
    'notify:show',
    (_event, req) => {
      if (!Notification.isSupported()) return false
      const n = new Notification({ title: req.title, body: req.body, silent: false })
      n.on('click', () => {
        const win = BrowserWindow.getAllWindows()[0]
        if (win) {
          if (win.isMinimized()) win.restore()
          win.focus()
        }
      })
      n.show()
      return true
    },
    origins,
  )

  register(ipc, 'app:badge', (_event, count) => app.setBadgeCount(count), origins)

  register(ipc, 'shell:open-external', (_event, req) => openExternalSafely(req.url), origins)

  registerDesktopIpc(ipc, desktop, origins)
  registerTeamSessionIpc(ipc, createTeamSessionStore(teamSessionFileIn(userData), safeStorage), origins)
  register(ipc, 'log:write', (event, entry) => receiveRendererLog(logFile, event.sender.id, entry), origins)

  register(
    ipc,
    'log:export',
    async (event, req) => {
      const file = await askSavePath(event, req.defaultName, [{ name: 'Log', extensions: ['txt', 'log'] }])
      if (!file) return { saved: false }
      await exportLogFiles(logFile, file)
      return { saved: true, path: file }
    },
    origins,
  )
}
