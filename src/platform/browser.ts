import { formatEntry } from '@shared/log'
import { consoleSink, log, recentLogEntries } from './log'
import type { Platform, PlatformResult, SaveOutcome, SaveRequest } from './types'

/** A download: the browser's way of saving a file (no dialog, no path). */
async function saveFile(req: SaveRequest): Promise<PlatformResult<SaveOutcome>> {
  try {
    const blob = req.data instanceof Blob ? req.data : new Blob([req.data as BlobPart], { type: req.mimeType })
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = req.defaultName
    a.rel = 'noopener'
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
    return { ok: true, value: { saved: true, where: req.defaultName, downloaded: true } }
  } catch (err) {
    log.error('platform.download', err)
    return {
      ok: false,
      error: { key: 'errors.platform.saveFailed', params: { detail: err instanceof Error ? err.message : String(err) } },
    }
  }
}

/** Browser mode (`npm run web`, e2e tests): downloads instead of save dialogs, window.print() for PDF. */
export function createBrowserPlatform(): Platform {
  return {
    kind: 'browser',
    async appInfo() {
      return { version: import.meta.env.VITE_APP_VERSION ?? 'dev', platform: 'browser', backupDir: '', logFile: '' }
    },
    saveFile,
    async savePdf() {
      window.print()
      return { ok: true, value: { saved: false } }
    },
    async autoBackup() {
      return { ok: false, error: { key: 'errors.platform.desktopOnly' } }
    },
    async notify(title, body) {
      if (typeof Notification === 'undefined') return false
      let permission = Notification.permission
      if (permission === 'default') permission = await Notification.requestPermission()
      if (permission !== 'granted') return false
      new Notification(title, { body })
      return true
    },
    async setBadge(count) {
      const nav = navigator as Navigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> }
      try {
        if (count > 0) await nav.setAppBadge?.(count)
        else await nav.clearAppBadge?.()
      } catch (err) {
        log.warn('platform.badge', err) // badges are a nicety: the board still shows the count
      }
    },
    async openExternal(url) {
      if (!/^https:\/\//.test(url)) return false
      window.open(url, '_blank', 'noopener,noreferrer')
      return true
    },
    onMenuCommand: () => () => {},
    // a web page can neither own a system-wide shortcut nor a tray icon
    async setGlobalShortcut() {
      return { ok: true, value: { state: 'unavailable' } }
    },
    async setTrayStatus() {
      return false
    },
    async setDesktopPrefs() {
      return false
    },
    async readClipboard() {
      try {
        // asks the agent the first time; refused or unsupported → the caller says how to paste instead
        const text = await navigator.clipboard.readText()
        return { ok: true, value: { text, truncated: false } }
      } catch (err) {
        log.warn('platform.clipboard', err)
        return {
          ok: false,
          error: { key: 'errors.platform.clipboard', params: { detail: err instanceof Error ? err.name : 'unavailable' } },
        }
      }
    },
    onClipboardLookup: () => () => {},
    writeLog: consoleSink,
    async logLocation() {
      return null
    },
    exportLog(defaultName) {
      const text = recentLogEntries()
        .map((e) => `${formatEntry(e)}\n`)
        .join('')
      return saveFile({ defaultName, filters: [{ name: 'Log', extensions: ['txt'] }], data: text, mimeType: 'text/plain;charset=utf-8' })
    },
    // a web page has no safe place for a refresh token (localStorage is readable by any script): keep none
    async loadTeamSession() {
      return { ok: true, value: { secure: false, session: null } }
    },
    async saveTeamSession() {
      return { ok: true, value: { secure: false } }
    },
  }
}
