/**
 * The bridge. Sandboxed, CommonJS, no npm imports: exposes one function per IPC message and nothing
 * else. The renderer never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type {
  ClipboardLookupChannel,
  ClipboardText,
  DesktopApi,
  IpcChannel,
  IpcContract,
  IpcResult,
  MenuCommand,
  MenuCommandChannel,
} from '../shared/contract'

function invoke<C extends IpcChannel>(channel: C, ...args: IpcContract[C]['args']): Promise<IpcResult<IpcContract[C]['result']>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<IpcContract[C]['result']>>
}

const menuChannel: MenuCommandChannel = 'menu:command'
const clipboardChannel: ClipboardLookupChannel = 'desktop:clipboard-lookup'

const api: DesktopApi = {
  appInfo: () => invoke('app:info'),
  saveFile: (req) => invoke('file:save', req),
  savePdf: (req) => invoke('pdf:save', req),
  autoBackup: (req) => invoke('backup:auto', req),
  notify: (req) => invoke('notify:show', req),
  setBadge: (count) => invoke('app:badge', count),
  openExternal: (req) => invoke('shell:open-external', req),
  setGlobalShortcut: (req) => invoke('shortcut:set', req),
  setTrayStatus: (status) => invoke('tray:status', status),
  setDesktopPrefs: (prefs) => invoke('desktop:prefs', prefs),
  readClipboard: () => invoke('clipboard:read'),
  log: (entry) => invoke('log:write', entry),
  exportLog: (req) => invoke('log:export', req),
  loadTeamSession: () => invoke('team-session:load'),
  saveTeamSession: (session) => invoke('team-session:save', session),
  onMenuCommand: (listener) => {
    const wrapped = (_event: IpcRendererEvent, command: MenuCommand): void => listener(command)
    ipcRenderer.on(menuChannel, wrapped)
    return () => {
      ipcRenderer.removeListener(menuChannel, wrapped)
    }
  },
  onClipboardLookup: (listener) => {
    const wrapped = (_event: IpcRendererEvent, clipboard: ClipboardText): void => listener(clipboard)
    ipcRenderer.on(clipboardChannel, wrapped)
    return () => {
      ipcRenderer.removeListener(clipboardChannel, wrapped)
    }
  },
}

contextBridge.exposeInMainWorld('api', api)
