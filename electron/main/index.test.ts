import { EventEmitter } from 'node:events'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DesktopDeps } from './desktop'

const h = vi.hoisted(() => ({
  app: null as unknown as FakeApp,
  session: { defaultSession: { id: 'default' } },
  calls: [] as string[],
  desktop: null as null | Record<string, unknown>,
}))
interface FakeApp extends EventEmitter {
  isPackaged: boolean
  lock: boolean
  ready: Promise<void>
  markReady: () => void
  quit: ReturnType<typeof vi.fn>
  enableSandbox: ReturnType<typeof vi.fn>
}

vi.mock('electron', () => ({
  get app() {
    return h.app
  },
  session: h.session,
  globalShortcut: { id: 'globalShortcut' },
  clipboard: { id: 'clipboard' },
  Menu: { buildFromTemplate: vi.fn() },
  Tray: vi.fn(),
  Notification: { isSupported: () => false },
}))
vi.mock('./desktop', () => ({
  DesktopShell: vi.fn(function (this: Record<string, unknown>, deps: unknown) {
    h.desktop = this
    this['deps'] = deps
    this['start'] = vi.fn(() => h.calls.push('desktop.start'))
    this['attachWindow'] = vi.fn()
    this['beforeQuit'] = vi.fn()
    this['dispose'] = vi.fn()
  }),
}))
vi.mock('./protocol', () => ({
  registerAppScheme: vi.fn(() => h.calls.push('registerAppScheme')),
  handleAppProtocol: vi.fn(() => h.calls.push('handleAppProtocol')),
}))
vi.mock('./security', () => ({
  trustedOrigins: (dev: string | undefined) => (dev ? ['app://console', new URL(dev).origin] : ['app://console']),
  hardenSession: vi.fn(() => h.calls.push('hardenSession')),
  hardenWebContents: vi.fn(),
}))
vi.mock('./ipc', () => ({ registerIpc: vi.fn(() => h.calls.push('registerIpc')) }))
vi.mock('./menu', () => ({ installMenu: vi.fn() }))
vi.mock('./window', () => ({
  createMainWindow: vi.fn(() => {
    h.calls.push('createMainWindow')
    return new EventEmitter()
  }),
  focusWindow: vi.fn(),
  windowIconPath: (dir: string) => path.join(dir, '../../resources/icons/png/512x512.png'),
  stateFileIn: (dir: string) => path.join(dir, 'window-state.json'),
}))

function makeApp(lock: boolean, isPackaged = true): FakeApp {
  const app = new EventEmitter() as FakeApp
  let markReady = (): void => undefined
  app.ready = new Promise<void>((resolve) => (markReady = resolve))
  app.markReady = () => markReady()
  Object.assign(app, {
    isPackaged,
    lock,
    quit: vi.fn(),
    enableSandbox: vi.fn(() => h.calls.push('enableSandbox')),
    requestSingleInstanceLock: () => lock,
    whenReady: () => app.ready,
    getPath: (name: string) => `/home/agent/.config/console/${name}`,
    getLocale: () => 'zh-CN',
    focus: vi.fn(),
  })
  return app
}

async function start(lock = true, isPackaged = true) {
  h.app = makeApp(lock, isPackaged)
  h.calls.length = 0
  vi.resetModules()
  await import('./index')
  return {
    app: h.app,
    protocol: await import('./protocol'),
    security: await import('./security'),
    ipc: await import('./ipc'),
    menu: await import('./menu'),
    window: await import('./window'),
  }
}
const ready = async (app: FakeApp): Promise<void> => {
  app.markReady()
  await app.ready
  await new Promise((r) => setTimeout(r, 0))
}

beforeEach(() => {
  vi.clearAllMocks()
})
afterEach(() => {
  delete process.env['ELECTRON_RENDERER_URL']
})

describe('main entry', () => {
  it('sandboxes every renderer and registers the app scheme before ready', async () => {
    const { app } = await start()
    expect(h.calls).toEqual(['enableSandbox', 'registerAppScheme'])
    await ready(app)
  })

  it('quits when another instance holds the lock', async () => {
    const { app, window } = await start(false)
    expect(app.quit).toHaveBeenCalled()
    await ready(app)
    expect(window.createMainWindow).not.toHaveBeenCalled()
  })

  it('on ready: hardens the session and serves the app before any window, then opens the window', async () => {
    const { app, security, protocol, ipc, window } = await start()
    await ready(app)
    expect(h.calls).toEqual([
      'enableSandbox',
      'registerAppScheme',
      'hardenSession',
      'handleAppProtocol',
      'registerIpc',
      'desktop.start',
      'createMainWindow',
    ])
    expect(security.hardenSession).toHaveBeenCalledWith(h.session.defaultSession, ['app://console'])
    expect(protocol.handleAppProtocol).toHaveBeenCalledWith(expect.stringMatching(/renderer$/))
    expect(ipc.registerIpc).toHaveBeenCalledWith(
      ['app://console'],
      h.desktop,
      expect.objectContaining({ file: path.join('/home/agent/.config/console/userData', 'logs', 'console.log') }),
    )
    expect(window.createMainWindow).toHaveBeenCalledWith(
      expect.objectContaining({
        preloadPath: expect.stringMatching(/preload[\\/]index\.cjs$/),
        url: 'app://console/index.html',
        stateFile: path.join('/home/agent/.config/console/userData', 'window-state.json'),
      }),
    )
  })

  it('hardens every web contents as it is created', async () => {
    const { app, security } = await start()
    const contents = { id: 7 }
    app.emit('web-contents-created', {}, contents)
    expect(security.hardenWebContents).toHaveBeenCalledWith(contents)
  })

  it('focuses the existing window when a second instance starts', async () => {
    const { app, window } = await start()
    await ready(app)
    const win = vi.mocked(window.createMainWindow).mock.results[0]?.value
    app.emit('second-instance')
    expect(window.focusWindow).toHaveBeenCalledWith(win)
  })

  it('reopens the window on activate only once it was closed', async () => {
    const { app, window } = await start()
    await ready(app)
    app.emit('activate')
    expect(window.createMainWindow).toHaveBeenCalledTimes(1)
    ;(vi.mocked(window.createMainWindow).mock.results[0]?.value as EventEmitter).emit('closed')
    app.emit('activate')
    expect(window.createMainWindow).toHaveBeenCalledTimes(2)
  })

  it('quits when the last window closes, except on macOS', async () => {
    const { app } = await start()
    app.emit('window-all-closed')
    expect(app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1)
  })

  it('opens DevTools and shows their menu item only in development (unpacked) builds', async () => {
    for (const isPackaged of [true, false]) {
      vi.clearAllMocks()
      const { app, window } = await start(true, isPackaged)
      await ready(app)
      expect(window.createMainWindow).toHaveBeenCalledWith(expect.objectContaining({ devTools: !isPackaged }))
      expect(h.desktop?.['deps']).toMatchObject({ devTools: !isPackaged })
    }
  })

  it('gives the desktop shell the system language, the tray icons and the menu; the menu shows the current window', async () => {
    const { app, menu, window } = await start()
    await ready(app)
    const deps = h.desktop?.['deps'] as DesktopDeps
    expect(deps.systemLocale).toBe('zh-CN')
    expect(deps.trayIcons.normal).toMatch(/resources[\\/]icons[\\/]tray\.png$/)
    expect(deps.trayIcons.alert).toMatch(/resources[\\/]icons[\\/]tray-alert\.png$/)
    const win = vi.mocked(window.createMainWindow).mock.results[0]?.value
    expect(deps.getWindow()).toBe(win)
    deps.installMenu({} as never)
    const getWindow = vi.mocked(menu.installMenu).mock.calls[0]?.[0]
    expect(getWindow?.()).toBe(win)
    expect(h.desktop?.['attachWindow']).toHaveBeenCalledWith(win)
  })

  it('lets the window close once the app quits, and frees the global shortcut and the tray on will-quit', async () => {
    const { app } = await start()
    await ready(app)
    app.emit('before-quit')
    expect(h.desktop?.['beforeQuit']).toHaveBeenCalledTimes(1)
    app.emit('will-quit')
    expect(h.desktop?.['dispose']).toHaveBeenCalledTimes(1)
  })

  it('shows a window hidden in the tray when the dock icon is clicked (macOS)', async () => {
    const { app, window } = await start()
    await ready(app)
    app.emit('activate')
    expect(window.createMainWindow).toHaveBeenCalledTimes(1)
    expect(window.focusWindow).toHaveBeenCalledWith(vi.mocked(window.createMainWindow).mock.results[0]?.value)
  })

  it('gives the window its icon', async () => {
    const { app, window } = await start()
    await ready(app)
    expect(window.createMainWindow).toHaveBeenCalledWith(
      expect.objectContaining({ iconPath: expect.stringMatching(/icons[\\/]png[\\/]512x512\.png$/) }),
    )
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173'
    const { app, window, security } = await start(true, true)
    await ready(app)
    expect(window.createMainWindow).toHaveBeenCalledWith(expect.objectContaining({ url: 'app://console/index.html' }))
    expect(security.hardenSession).toHaveBeenCalledWith(h.session.defaultSession, ['app://console'])
  })

  it('uses and trusts the dev server in development', async () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173'
    const { app, window, security } = await start(true, false)
    await ready(app)
    expect(window.createMainWindow).toHaveBeenCalledWith(expect.objectContaining({ url: 'http://localhost:5173' }))
    expect(security.hardenSession).toHaveBeenCalledWith(h.session.defaultSession, ['app://console', 'http://localhost:5173'])
  })
})
