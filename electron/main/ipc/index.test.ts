import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import type { IpcChannel, IpcResult } from '../../shared/contract'

const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ipc-'))
afterAll(() => fs.rmSync(userData, { recursive: true, force: true }))

const electron = vi.hoisted(() => ({
  userData: '',
  setBadgeCount: vi.fn((_n: number) => true),
  openExternal: vi.fn((_url: string) => Promise.resolve()),
  showSaveDialog: vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePath?: string }>>(),
  notificationSupported: true,
  notifications: [] as Array<{ options: unknown; shown: boolean; emit(e: string): void }>,
  windows: [] as Array<{ isMinimized(): boolean; restore(): void; focus(): void }>,
}))

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  class Notification extends EventEmitter {
    shown = false
    constructor(readonly options: unknown) {
      super()
      electron.notifications.push(this)
    }
    static isSupported(): boolean {
      return electron.notificationSupported
    }
    show(): void {
      this.shown = true
    }
  }
  return {
    app: { getPath: () => electron.userData, getVersion: () => '0.1.0', setBadgeCount: electron.setBadgeCount },
    shell: { openExternal: electron.openExternal },
    dialog: { showSaveDialog: electron.showSaveDialog },
    BrowserWindow: { fromWebContents: () => null, getAllWindows: () => electron.windows },
    Notification,
    ipcMain: { handle: vi.fn() },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => false,
      getSelectedStorageBackend: () => 'unknown',
    },
  }
})
electron.userData = userData

// the real check runs in a worker thread built by electron-vite (`?nodeWorker`); here, in this thread
vi.mock('./backupCheck', async () => {
  const { inspectBackupText } = await import('../backupFormat')
  return { inspectInWorker: async (text: string) => inspectBackupText(text) }
})

const { registerIpc, backupDirIn } = await import('./index')
const { localDateOf } = await import('./backup')
const { backupText } = await import('../test-support/backups')
const { argSchemas } = await import('./schemas')
const { startMainLog } = await import('../log')

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>
const handlers = new Map<string, Listener>()
const desktop = {
  setShortcut: vi.fn((accelerator: string | null) =>
    accelerator ? { state: 'registered' as const, accelerator } : { state: 'off' as const },
  ),
  setTrayStatus: vi.fn(() => true),
  setPrefs: vi.fn(() => true),
  readClipboard: vi.fn(async () => ({ text: '35001234', truncated: false })),
}
const logFile = startMainLog(userData)
registerIpc(['app://console'], desktop, logFile, { handle: (channel, listener) => handlers.set(channel, listener as Listener) })

const printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 test'))
const event = { senderFrame: { url: 'app://console/index.html' }, sender: { id: 1, printToPDF } } as unknown as IpcMainInvokeEvent
const call = (channel: IpcChannel, ...args: unknown[]): Promise<IpcResult<unknown>> => {
  const handler = handlers.get(channel)
  if (!handler) throw new Error(`${channel} not registered`)
  return handler(event, ...args)
}

beforeEach(() => {
  vi.clearAllMocks()
  electron.notifications.length = 0
  electron.windows.length = 0
  electron.notificationSupported = true
})

describe('registerIpc', () => {
  it('registers exactly the contract channels', () => {
    expect([...handlers.keys()].sort()).toEqual(Object.keys(argSchemas).sort())
  })

  it('every channel refuses an untrusted sender', async () => {
    const foreign = { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent
    for (const [channel, handler] of handlers) {
      expect(await handler(foreign), channel).toEqual({ ok: false, error: { key: 'errors.ipc.refused', params: { channel } } })
    }
  })

  it('app:info reports version, platform, the backup folder and the log file', async () => {
    expect(await call('app:info')).toEqual({
      ok: true,
      value: {
        version: '0.1.0',
        platform: process.platform,
        backupDir: backupDirIn(userData),
        logFile: path.join(userData, 'logs', 'console.log'),
      },
    })
  })

  it('backup:auto writes into the backup folder under user data, named by main’s date', async () => {
    const json = backupText({ cases: 1 })
    const result = await call('backup:auto', { date: '9999-12-31', json })
    const file = path.join(userData, 'backups', `console-backup-${localDateOf(Date.now())}.json`)
    expect(result).toEqual({ ok: true, value: { path: file, written: true, kept: [path.basename(file)] } })
    expect(fs.readFileSync(file, 'utf8')).toBe(json)
  })

  it('backup:auto: seven calls dated 9999-12-25…31 delete none of the real backups', async () => {
    const dir = backupDirIn(userData)
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    const real: string[] = []
    for (let n = 1; n <= 7; n++) {
      const when = Date.now() - n * 86_400_000
      const f = path.join(dir, `console-backup-${localDateOf(when)}.json`)
      fs.writeFileSync(f, backupText({ cases: 2, marker: `day -${n}` }))
      fs.utimesSync(f, when / 1000, when / 1000)
      real.push(path.basename(f))
    }
    for (let d = 25; d <= 31; d++) {
      const garbage = await call('backup:auto', { date: `9999-12-${d}`, json: '{"cases":[]}' })
      expect(garbage).toMatchObject({
        ok: false,
        error: { key: 'errors.ipc.failed', params: { detail: expect.stringMatching(/not a backup of this console/) } },
      })
      expect((await call('backup:auto', { date: `9999-12-${d}`, json: backupText({ cases: 0 }) })).ok).toBe(true)
    }
    const left = fs.readdirSync(dir)
    expect(left.filter((f) => real.includes(f)).sort()).toEqual([...real].sort())
    expect(left.some((f) => f.includes('9999'))).toBe(false)
  })

  it('backup:auto refuses a path where the document should be', async () => {
    const result = await call('backup:auto', { date: '../../../evil', json: '../../../evil' })
    expect(result.ok).toBe(false)
    expect(fs.existsSync(path.join(userData, '..', 'evil'))).toBe(false)
  })

  it('file:save writes only where the user chose', async () => {
    const chosen = path.join(userData, 'chosen.csv')
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen })
    const req = { defaultName: 'cases.csv', filters: [{ name: 'CSV', extensions: ['csv'] }], payload: { kind: 'text', text: 'a,b' } }
    expect(await call('file:save', req)).toEqual({ ok: true, value: { saved: true, path: chosen } })
    expect(fs.readFileSync(chosen, 'utf8')).toBe('a,b')
  })

  it('pdf:save prints the sending page only after a path was chosen', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true })
    expect(await call('pdf:save', { defaultName: 'case.pdf' })).toEqual({ ok: true, value: { saved: false } })
    expect(printToPDF).not.toHaveBeenCalled()

    const chosen = path.join(userData, 'case.pdf')
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen })
    expect(await call('pdf:save', { defaultName: 'case.pdf' })).toEqual({ ok: true, value: { saved: true, path: chosen } })
    expect(electron.showSaveDialog).toHaveBeenLastCalledWith({ defaultPath: 'case.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] })
    expect(printToPDF).toHaveBeenCalledWith({ printBackground: true, pageSize: 'A4' })
    expect(fs.readFileSync(chosen, 'utf8')).toBe('%PDF-1.7 test')
  })

  it('pdf:save reports a printing failure as an error envelope', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(userData, 'x.pdf') })
    printToPDF.mockRejectedValueOnce(new Error('Failed to generate PDF'))
    expect(await call('pdf:save', { defaultName: 'x.pdf' })).toEqual({
      ok: false,
      error: { key: 'errors.ipc.failed', params: { channel: 'pdf:save', detail: 'Failed to generate PDF' } },
    })
    await logFile.flush()
    expect(fs.readFileSync(logFile.file, 'utf8')).toMatch(/ERROR ipc\.failed Error: Failed to generate PDF \{"channel":"pdf:save"\}/)
  })

  it('notify:show shows a notification that focuses the window when clicked', async () => {
    const win = { isMinimized: () => true, restore: vi.fn(), focus: vi.fn() }
    electron.windows.push(win)
    expect(await call('notify:show', { title: 'Review due', body: 'VC-20261130-0001' })).toEqual({ ok: true, value: true })
    const [n] = electron.notifications
    expect(n?.options).toMatchObject({ title: 'Review due', body: 'VC-20261130-0001' })
    expect(n?.shown).toBe(true)
    n?.emit('click')
    expect(win.restore).toHaveBeenCalled()
    expect(win.focus).toHaveBeenCalled()
  })

  it('notify:show answers false where notifications are not supported', async () => {
    electron.notificationSupported = false
    expect(await call('notify:show', { title: 'x', body: '' })).toEqual({ ok: true, value: false })
    expect(electron.notifications).toEqual([])
  })

  it('app:badge sets the badge count', async () => {
    expect(await call('app:badge', 4)).toEqual({ ok: true, value: true })
    expect(electron.setBadgeCount).toHaveBeenCalledWith(4)
  })

  it('shell:open-external opens only allow-listed https links', async () => {
    expect(await call('shell:open-external', { url: 'https://www.binance.com/en/support' })).toEqual({ ok: true, value: true })
    expect(await call('shell:open-external', { url: 'file:///etc/passwd' })).toEqual({ ok: true, value: false })
    expect(await call('shell:open-external', { url: 'https://evil.example/' })).toEqual({ ok: true, value: false })
    expect(electron.openExternal).toHaveBeenCalledTimes(1)
    expect(electron.openExternal).toHaveBeenCalledWith('https://www.binance.com/en/support')
  })

  it('shortcut:set hands the accelerator to the desktop shell and answers its status', async () => {
    expect(await call('shortcut:set', { accelerator: 'Alt+Shift+K' })).toEqual({
      ok: true,
      value: { state: 'registered', accelerator: 'Alt+Shift+K' },
    })
    expect(await call('shortcut:set', { accelerator: null })).toEqual({ ok: true, value: { state: 'off' } })
    expect(desktop.setShortcut.mock.calls).toEqual([['Alt+Shift+K'], [null]])
  })

  it('tray:status passes the counts and nothing else', async () => {
    expect(await call('tray:status', { openReviews: 2, atRisk: 1, overdue: 0, caseNumber: 'VC-20261124-7K3Q' })).toEqual({
      ok: true,
      value: true,
    })
    expect(desktop.setTrayStatus).toHaveBeenCalledWith({ openReviews: 2, atRisk: 1, overdue: 0 })
  })

  it('desktop:prefs passes the settings and which page sent them', async () => {
    expect(await call('desktop:prefs', { locale: 'zh-CN', closeToTray: true })).toEqual({ ok: true, value: true })
    expect(desktop.setPrefs).toHaveBeenCalledWith({ locale: 'zh-CN', closeToTray: true }, event.sender)
  })

  it('clipboard:read answers the cleaned clipboard text', async () => {
    expect(await call('clipboard:read')).toEqual({ ok: true, value: { text: '35001234', truncated: false } })
  })

  it('log:write appends a renderer entry to the log file, scrubbed again', async () => {
    const entry = {
      time: '2026-11-30T10:00:00.000Z',
      level: 'error',
      code: 'reviews.alert.record',
      error: { name: 'QuotaExceededError', message: 'quota exceeded for UID 35201187' },
      context: { caseNumber: 'VC-20261130-7K3Q', phone: '+8613800138000' },
    }
    expect(await call('log:write', entry)).toEqual({ ok: true, value: true })
    await logFile.flush()
    const text = fs.readFileSync(logFile.file, 'utf8')
    expect(text).toContain('2026-11-30T10:00:00.000Z ERROR reviews.alert.record QuotaExceededError: quota exceeded for UID <number>')
    expect(text).toContain('"caseNumber":"VC-20261130-7K3Q"')
    expect(text).not.toContain('35201187')
    expect(text).not.toContain('8613800138000')
  })

  it('log:write refuses a malformed entry without writing it', async () => {
    const r = await call('log:write', { time: 'now', level: 'panic', code: '../etc', context: { nested: { a: 1 } } })
    expect(r).toMatchObject({ ok: false, error: { key: 'errors.ipc.invalidArguments', params: { channel: 'log:write' } } })
  })

  it('log:export copies the log files, oldest first, where the agent chose', async () => {
    fs.mkdirSync(path.dirname(logFile.fileAt(1)), { recursive: true })
    fs.writeFileSync(logFile.fileAt(1), 'older line\n')
    logFile.write({ time: '2026-11-30T11:00:00.000Z', level: 'info', code: 'export.test' })
    const chosen = path.join(userData, 'support-log.txt')
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen })
    expect(await call('log:export', { defaultName: 'console-log-2026-11-30.txt' })).toEqual({
      ok: true,
      value: { saved: true, path: chosen },
    })
    const text = fs.readFileSync(chosen, 'utf8')
    expect(text.indexOf('older line')).toBe(0)
    expect(text).toContain('INFO  export.test')
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true })
    expect(await call('log:export', { defaultName: 'console-log-2026-11-30.txt' })).toEqual({ ok: true, value: { saved: false } })
  })
})
