import type { AppInfo, DesktopApi } from '@shared/contract'
import { ProblemError } from '@/domain/result'
import { consoleSink } from './log'
import type { Platform } from './types'

export function createElectronPlatform(api: DesktopApi): Platform {
  const appInfo = async (): Promise<AppInfo> => {
    const r = await api.appInfo()
    if (!r.ok) throw new ProblemError(r.error)
    return r.value
  }
  return {
    kind: 'electron',
    appInfo,
    async saveFile(req) {
      const data = req.data instanceof Blob ? new Uint8Array(await req.data.arrayBuffer()) : req.data
      const payload = typeof data === 'string' ? { kind: 'text' as const, text: data } : { kind: 'bytes' as const, bytes: data }
      const r = await api.saveFile({ defaultName: req.defaultName, filters: req.filters, payload })
      if (!r.ok) return r
      return { ok: true, value: r.value.saved ? { saved: true, where: r.value.path } : { saved: false } }
    },
    async savePdf(defaultName) {
      const r = await api.savePdf({ defaultName })
      if (!r.ok) return r
      return { ok: true, value: r.value.saved ? { saved: true, where: r.value.path } : { saved: false } }
    },
    async autoBackup(json) {
      return api.autoBackup({ json })
    },
    async notify(title, body) {
      const r = await api.notify({ title, body })
      return r.ok && r.value
    },
    async setBadge(count) {
      await api.setBadge(count)
    },
    async openExternal(url) {
      const r = await api.openExternal({ url })
      return r.ok && r.value
    },
    onMenuCommand: (listener) => api.onMenuCommand(listener),
    async setGlobalShortcut(accelerator) {
      return api.setGlobalShortcut({ accelerator })
    },
    async setTrayStatus(status) {
      const r = await api.setTrayStatus(status)
      return r.ok && r.value
    },
    async setDesktopPrefs(prefs) {
      const r = await api.setDesktopPrefs(prefs)
      return r.ok && r.value
    },
    async readClipboard() {
      return api.readClipboard()
    },
    onClipboardLookup: (listener) => api.onClipboardLookup(listener),
    writeLog(entry) {
      if (import.meta.env.DEV) consoleSink(entry)
      api.log(entry).then(
        // refused (rate limit, a bad entry): the console is where it can still be seen
        (r) => (r.ok ? undefined : consoleSink(entry)),
        () => consoleSink(entry),
      )
    },
    async logLocation() {
      const r = await api.appInfo()
      return r.ok ? r.value.logFile : null
    },
    async exportLog(defaultName) {
      const r = await api.exportLog({ defaultName })
      if (!r.ok) return r
      return { ok: true, value: r.value.saved ? { saved: true, where: r.value.path } : { saved: false } }
    },
    loadTeamSession: () => api.loadTeamSession(),
    saveTeamSession: (session) => api.saveTeamSession(session),
  }
}
