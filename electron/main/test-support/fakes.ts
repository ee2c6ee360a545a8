/**
 * Test doubles for the few Electron objects the main process touches. Tests import these from inside
 * their `vi.mock('electron', …)` factories; nothing here loads the real `electron` package (which would
 * try to download its binary).
 */
import { EventEmitter } from 'node:events'

/** An Electron-style event: records whether a handler called preventDefault(). */
export class FakeEvent {
  defaultPrevented = false
  constructor(extra: Record<string, unknown> = {}) {
    Object.assign(this, extra)
  }
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

export type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' }

export class FakeWebContents extends EventEmitter {
  url = 'app://console/index.html'
  windowOpenHandler: WindowOpenHandler | null = null
  readonly sent: Array<{ channel: string; args: unknown[] }> = []

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }
  getURL(): string {
    return this.url
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
  }
  /** Emits a navigation-style event and tells whether any listener prevented it. */
  navigate(eventName: string, url: string, extra: Record<string, unknown> = {}): boolean {
    const event = new FakeEvent({ url, ...extra })
    if (eventName === 'will-frame-navigate') this.emit(eventName, event)
    else this.emit(eventName, event, url)
    return event.defaultPrevented
  }
}

export class FakeSession {
  requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void) | null = null
  checkHandler: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null
  deviceHandler: ((details: unknown) => boolean) | null = null
  displayMediaHandler: unknown = undefined

  setPermissionRequestHandler(h: FakeSession['requestHandler']): void {
    this.requestHandler = h
  }
  setPermissionCheckHandler(h: FakeSession['checkHandler']): void {
    this.checkHandler = h
  }
  setDevicePermissionHandler(h: FakeSession['deviceHandler']): void {
    this.deviceHandler = h
  }
  /** Runs the request handler and returns what it granted. */
  request(permission: string, webContentsUrl: string, requestingUrl: string, isMainFrame = true): boolean {
    let granted: boolean | undefined
    const wc = { getURL: () => webContentsUrl }
    this.requestHandler?.(wc, permission, (g) => (granted = g), { requestingUrl, isMainFrame })
    if (granted === undefined) throw new Error('permission request handler never answered')
    return granted
  }
}

/** Electron's globalShortcut: what is registered, and which accelerators another app holds. */
export class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>()
  /** Held by another app: register() answers false. */
  readonly heldElsewhere = new Set<string>()
  /** Accepted by register() yet never ours (some systems answer true and keep it elsewhere). */
  readonly silentlyRefused = new Set<string>()
  /** Electron throws on accelerators it cannot convert. */
  readonly unparseable = new Set<string>()

  register(accelerator: string, callback: () => void): boolean {
    if (this.unparseable.has(accelerator)) throw new Error(`Error processing argument at index 0, conversion failure from ${accelerator}`)
    if (this.heldElsewhere.has(accelerator)) return false
    if (!this.silentlyRefused.has(accelerator)) this.registered.set(accelerator, callback)
    return true
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator)
  }
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator)
  }
  unregisterAll(): void {
    this.registered.clear()
  }
  /** The agent presses the keys anywhere on the system. */
  press(accelerator: string): void {
    this.registered.get(accelerator)?.()
  }
}

/** Electron's clipboard (asynchronous since Electron 45): plain text only; `failing` makes reads reject. */
export class FakeClipboard {
  text = ''
  failing = false
  async readText(): Promise<string> {
    if (this.failing) throw new Error('clipboard busy')
    return this.text
  }
}

/** Electron's Tray: remembers what it shows. */
export class FakeTray extends EventEmitter {
  toolTip = ''
  title = ''
  menu: unknown = null
  destroyed = false
  constructor(public image: string) {
    super()
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu
  }
  setTitle(title: string): void {
    this.title = title
  }
  setImage(image: string): void {
    this.image = image
  }
  destroy(): void {
    this.destroyed = true
  }
}

/** A BrowserWindow as the desktop shell sees it: close (which a handler may prevent), hide, destroy. */
export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents()
  visible = true
  destroyed = false
  hide(): void {
    this.visible = false
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  /** Like the close button: 'close' may be prevented; otherwise the window is destroyed. Tells whether it closed. */
  close(): boolean {
    const event = new FakeEvent()
    this.emit('close', event)
    if (event.defaultPrevented) return false
    this.destroyed = true
    this.emit('closed')
    return true
  }
}
