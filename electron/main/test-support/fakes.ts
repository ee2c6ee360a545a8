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
