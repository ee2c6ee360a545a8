import { describe, expect, it, vi } from 'vitest'
import type { ClipboardText, DesktopApi, MenuCommand } from '../shared/contract'

const h = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true, value: null })),
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => h.exposed.set(key, value) },
  ipcRenderer: {
    invoke: h.invoke,
    on: (channel: string, l: (...args: unknown[]) => void) => {
      if (!h.listeners.has(channel)) h.listeners.set(channel, new Set())
      h.listeners.get(channel)?.add(l)
    },
    removeListener: (channel: string, l: (...args: unknown[]) => void) => h.listeners.get(channel)?.delete(l),
  },
}))

await import('./index')
const api = h.exposed.get('api') as DesktopApi

describe('preload bridge', () => {
  it('exposes only window.api, made of plain functions', () => {
    expect([...h.exposed.keys()]).toEqual(['api'])
    expect(Object.keys(api).sort()).toEqual(
      [
        'appInfo',
        'autoBackup',
        'exportLog',
        'loadTeamSession',
        'log',
        'notify',
        'onClipboardLookup',
        'onMenuCommand',
        'openExternal',
        'readClipboard',
        'saveFile',
        'savePdf',
        'setBadge',
        'setDesktopPrefs',
        'setGlobalShortcut',
        'setTrayStatus',
        'saveTeamSession',
      ].sort(),
    )
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
  })

  it.each([
    ['appInfo', [], 'app:info'],
    ['saveFile', [{ defaultName: 'a.csv', filters: [], payload: { kind: 'text', text: '' } }], 'file:save'],
    ['savePdf', [{ defaultName: 'a.pdf' }], 'pdf:save'],
    ['autoBackup', [{ json: '{}' }], 'backup:auto'],
    ['notify', [{ title: 't', body: 'b' }], 'notify:show'],
    ['setBadge', [3], 'app:badge'],
    ['openExternal', [{ url: 'https://www.binance.com/' }], 'shell:open-external'],
    ['setGlobalShortcut', [{ accelerator: 'CommandOrControl+Shift+K' }], 'shortcut:set'],
    ['setTrayStatus', [{ openReviews: 3, atRisk: 1, overdue: 0 }], 'tray:status'],
    ['setDesktopPrefs', [{ locale: 'zh-CN', closeToTray: true }], 'desktop:prefs'],
    ['readClipboard', [], 'clipboard:read'],
    ['loadTeamSession', [], 'team-session:load'],
    ['saveTeamSession', [null], 'team-session:save'],
    ['log', [{ time: '2026-11-30T10:00:00.000Z', level: 'error', code: 'reviews.alert' }], 'log:write'],
    ['exportLog', [{ defaultName: 'console-log-2026-11-30.txt' }], 'log:export'],
  ] as const)('%s invokes %s with its arguments', async (method, args, channel) => {
    h.invoke.mockClear()
    await (api[method] as (...a: unknown[]) => Promise<unknown>)(...args)
    expect(h.invoke).toHaveBeenCalledWith(channel, ...args)
  })

  it('passes menu commands to the listener without the IPC event, and unsubscribes', () => {
    const seen: MenuCommand[] = []
    const off = api.onMenuCommand((c) => seen.push(c))
    const [listener] = h.listeners.get('menu:command') ?? []
    listener?.({ sender: 'ipcRenderer, never to be leaked' }, 'new-case')
    expect(seen).toEqual(['new-case'])
    off()
    expect(h.listeners.get('menu:command')?.size).toBe(0)
  })

  it('passes the clipboard look-up to the listener without the IPC event, and unsubscribes', () => {
    const seen: ClipboardText[] = []
    const off = api.onClipboardLookup((c) => seen.push(c))
    const [listener] = h.listeners.get('desktop:clipboard-lookup') ?? []
    listener?.({ sender: 'ipcRenderer, never to be leaked' }, { text: '35001234', truncated: false })
    expect(seen).toEqual([{ text: '35001234', truncated: false }])
    off()
    expect(h.listeners.get('desktop:clipboard-lookup')?.size).toBe(0)
  })
})
