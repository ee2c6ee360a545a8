import type { EventEmitter } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron'
import type { FakeWebContents } from './test-support/fakes'

const electron = vi.hoisted(() => ({
  windows: [] as unknown[],
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  loadResult: null as null | (() => Promise<void>),
}))

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  const { FakeWebContents } = await import('./test-support/fakes')
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents()
    readonly show = vi.fn()
    readonly focus = vi.fn()
    readonly restore = vi.fn()
    readonly maximize = vi.fn()
    readonly loadURL = vi.fn((_url: string) => (electron.loadResult ? electron.loadResult() : Promise.resolve()))
    destroyed = false
    minimized = false
    maximized = false
    normalBounds = { x: 0, y: 0, width: 1280, height: 820 }
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super()
      electron.windows.push(this)
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
    isMinimized(): boolean {
      return this.minimized
    }
    isMaximized(): boolean {
      return this.maximized
    }
    getNormalBounds() {
      return this.normalBounds
    }
  }
  return {
    BrowserWindow: FakeBrowserWindow,
    screen: { getAllDisplays: () => electron.displays },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
  }
})

const { createMainWindow, focusWindow, secureWebPreferences, stateFileIn, windowIconPath } = await import('./window')
const { DEFAULT_BOUNDS, MIN_SIZE } = await import('./bounds')

interface FakeWindow extends EventEmitter {
  options: BrowserWindowConstructorOptions
  webContents: FakeWebContents
  show: ReturnType<typeof vi.fn>
  focus: ReturnType<typeof vi.fn>
  restore: ReturnType<typeof vi.fn>
  maximize: ReturnType<typeof vi.fn>
  loadURL: ReturnType<typeof vi.fn>
  destroyed: boolean
  minimized: boolean
  maximized: boolean
  normalBounds: { x: number; y: number; width: number; height: number }
}
const fake = (w: BrowserWindow): FakeWindow => w as unknown as FakeWindow

describe('secureWebPreferences', () => {
  it('sets the security baseline and the preload', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs')
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
    })
  })

  it('turns DevTools off unless asked for (development builds)', () => {
    expect(secureWebPreferences('/p.cjs').devTools).toBe(false)
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(true)
  })

  it('never loosens web security', () => {
    const prefs = secureWebPreferences('/p.cjs') as Record<string, unknown>
    for (const key of [
      'webSecurity',
      'allowRunningInsecureContent',
      'experimentalFeatures',
      'enableBlinkFeatures',
      'additionalArguments',
    ]) {
      expect(prefs[key], key).toBeUndefined()
    }
  })
})

describe('createMainWindow', () => {
  let dir: string
  let stateFile: string
  const open = (): FakeWindow =>
    fake(createMainWindow({ preloadPath: '/app/out/preload/index.cjs', stateFile, url: 'app://console/index.html' }))

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-'))
    stateFile = stateFileIn(dir)
    electron.windows.length = 0
    electron.loadResult = null
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('creates the window hidden with the secure preferences and loads the app', () => {
    const win = open()
    expect(win.options.show).toBe(false)
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'))
    expect(win.options.minWidth).toBe(MIN_SIZE.width)
    expect(win.options.minHeight).toBe(MIN_SIZE.height)
    expect(win.loadURL).toHaveBeenCalledWith('app://console/index.html')
  })

  it('opens DevTools only when the caller says it is a development build', () => {
    expect(open().options.webPreferences?.devTools).toBe(false)
    const dev = fake(createMainWindow({ preloadPath: '/p.cjs', stateFile, url: 'app://console/index.html', devTools: true }))
    expect(dev.options.webPreferences?.devTools).toBe(true)
  })

  it('uses the window icon rendered from resources/icon.svg, which exists', () => {
    const mainDir = path.resolve(__dirname, '../../out/main')
    const icon = windowIconPath(mainDir)
    expect(path.relative(path.resolve(__dirname, '../..'), icon)).toBe(path.join('resources', 'icons', 'png', '512x512.png'))
    expect(fs.existsSync(icon)).toBe(true)
  })

  it('shows the window only once it is ready to show', () => {
    const win = open()
    expect(win.show).not.toHaveBeenCalled()
    win.emit('ready-to-show')
    expect(win.show).toHaveBeenCalledTimes(1)
  })

  it('shows the window anyway when the page fails to load, so the app is never invisible', async () => {
    electron.loadResult = () => Promise.reject(new Error('ERR_FILE_NOT_FOUND'))
    const win = open()
    await vi.waitFor(() => expect(win.show).toHaveBeenCalled())
  })

  it('hardens its web contents', () => {
    const win = open()
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(win.webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true)
  })

  it('uses the default size when nothing was saved', () => {
    const win = open()
    expect(win.options).toMatchObject(DEFAULT_BOUNDS)
    expect(win.options.x).toBeUndefined()
    expect(win.options.y).toBeUndefined()
    expect(win.maximize).not.toHaveBeenCalled()
  })

  it('restores saved, valid bounds and the maximized state', () => {
    fs.writeFileSync(stateFile, JSON.stringify({ x: 120, y: 60, width: 1400, height: 900, maximized: true }))
    const win = open()
    expect(win.options).toMatchObject({ x: 120, y: 60, width: 1400, height: 900 })
    expect(win.maximize).toHaveBeenCalled()
  })

  it.each([
    ['too small', { x: 10, y: 10, width: 200, height: 100 }],
    ['not numbers', { x: 'a', y: 10, width: 1280, height: 820 }],
    ['off-screen', { x: 4000, y: 10, width: 1280, height: 820 }],
    ['title bar above the screen', { x: 10, y: -760, width: 1280, height: 820 }],
  ])('ignores saved bounds that are %s', (_label, state) => {
    fs.writeFileSync(stateFile, JSON.stringify(state))
    const win = open()
    expect(win.options.x).toBeUndefined()
    expect(win.options).toMatchObject(DEFAULT_BOUNDS)
  })

  it('ignores a corrupt state file', () => {
    fs.writeFileSync(stateFile, 'not json')
    expect(open().options).toMatchObject(DEFAULT_BOUNDS)
  })

  it('saves the normal bounds and maximized state on close, and restores them next time', () => {
    const win = open()
    win.normalBounds = { x: 200, y: 100, width: 1100, height: 700 }
    win.maximized = true
    win.emit('close')
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toEqual({ x: 200, y: 100, width: 1100, height: 700, maximized: true })
    const again = open()
    expect(again.options).toMatchObject({ x: 200, y: 100, width: 1100, height: 700 })
  })

  it('does not save bounds of a minimized window', () => {
    const win = open()
    win.minimized = true
    win.emit('close')
    expect(fs.existsSync(stateFile)).toBe(false)
  })
})

describe('focusWindow', () => {
  const make = (): FakeWindow => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-'))
    return fake(createMainWindow({ preloadPath: '/p.cjs', stateFile: path.join(dir, 's.json'), url: 'app://console/' }))
  }

  it('restores a minimized window, shows and focuses it', () => {
    const win = make()
    win.minimized = true
    focusWindow(win as unknown as BrowserWindow)
    expect(win.restore).toHaveBeenCalled()
    expect(win.show).toHaveBeenCalled()
    expect(win.focus).toHaveBeenCalled()
  })

  it('does nothing without a live window', () => {
    expect(() => focusWindow(null)).not.toThrow()
    const win = make()
    win.destroyed = true
    focusWindow(win as unknown as BrowserWindow)
    expect(win.focus).not.toHaveBeenCalled()
  })
})
