/**
 * The console beside the chat app: the global shortcut that brings it to the front and looks up the
 * clipboard, the tray / menu-bar icon with the review counts, closing to the tray, and the native menu in
 * the agent's language. Electron's objects come in through `DesktopDeps`, so all of it is tested with fakes.
 */
import { mainLog } from './log'
import type { BrowserWindow, Menu, MenuItemConstructorOptions, WebContents } from 'electron'
import type {
  ClipboardLookupChannel,
  ClipboardText,
  DesktopPrefs,
  GlobalShortcutStatus,
  MenuCommand,
  MenuCommandChannel,
  TrayStatus,
} from '../shared/contract'
import { readClipboardText, type ClipboardLike } from './clipboard'
import type { MenuOptions } from './menu'
import { GlobalShortcut, type GlobalShortcutLike } from './shortcut'
import { DESKTOP_TEXT, localeFromSystem } from './text'
import { TrayIcon, type TrayIcons, type TrayLike } from './tray'

const lookupChannel: ClipboardLookupChannel = 'desktop:clipboard-lookup'
const menuChannel: MenuCommandChannel = 'menu:command'

export interface DesktopDeps {
  /** The main window if there is one (it may be hidden in the tray). */
  getWindow(): BrowserWindow | null
  /** Opens the main window (macOS keeps the app running without one). */
  openWindow(): BrowserWindow
  /** Shows, restores and focuses the window, taking focus from the app in front. */
  bringToFront(win: BrowserWindow): void
  globalShortcut: GlobalShortcutLike
  clipboard: ClipboardLike
  createTray(iconPath: string): TrayLike
  buildMenu(template: MenuItemConstructorOptions[]): Menu
  installMenu(options: MenuOptions): void
  notify(title: string, body: string): void
  quit(): void
  trayIcons: TrayIcons
  isMac: boolean
  devTools: boolean
  systemLocale: string
}

type Delivery = { channel: typeof lookupChannel; payload: ClipboardText } | { channel: typeof menuChannel; payload: MenuCommand }

export class DesktopShell {
  private prefs: DesktopPrefs
  private tray: TrayIcon | null = null
  private readonly shortcut: GlobalShortcut
  private quitting = false
  private toldStillRunning = false
  /** What waits for a window that is still loading its page (opened by the shortcut or the tray). */
  private pending: Delivery[] = []

  constructor(private readonly deps: DesktopDeps) {
    this.prefs = { locale: localeFromSystem(deps.systemLocale), closeToTray: false }
    this.shortcut = new GlobalShortcut(deps.globalShortcut, () => void this.lookUpClipboard())
  }

  private get text() {
    return DESKTOP_TEXT[this.prefs.locale]
  }

  /** Once the app is ready: the menu and the tray icon. A desktop without a tray area still gets the menu. */
  start(): void {
    this.installMenu()
    try {
      this.tray = new TrayIcon(
        {
          createTray: this.deps.createTray,
          buildMenu: this.deps.buildMenu,
          icons: this.deps.trayIcons,
          isMac: this.deps.isMac,
          actions: {
            show: () => void this.show(),
            newCase: () => this.deliver({ channel: menuChannel, payload: 'new-case' }),
            openReviews: () => this.deliver({ channel: menuChannel, payload: 'open-reviews' }),
            quit: () => this.deps.quit(),
          },
        },
        this.text,
      )
    } catch (err) {
      mainLog.warn('tray.create', err)
      this.tray = null
    }
  }

  /** Closing the window hides it in the tray when the agent chose so; quitting always closes. */
  attachWindow(win: BrowserWindow): void {
    win.on('close', (event) => {
      if (!this.prefs.closeToTray || this.quitting || !this.tray) return
      event.preventDefault()
      win.hide()
      if (!this.toldStillRunning) {
        this.toldStillRunning = true
        this.deps.notify(this.text.stillRunningTitle, this.text.stillRunningBody(this.deps.isMac))
      }
    })
    // Windows log-off or shutdown must not be held up by a window that only hides
    win.on('session-end', () => this.beforeQuit())
  }

  /** The app is quitting (menu, tray, ⌘Q, system): let the window close. */
  beforeQuit(): void {
    this.quitting = true
  }

  /** Frees the global shortcut and removes the tray icon (on will-quit). */
  dispose(): void {
    this.shortcut.clear()
    this.tray?.destroy()
    this.tray = null
  }

  // ---- what the renderer asks (IPC) ----

  setShortcut(accelerator: string | null): GlobalShortcutStatus {
    const status = this.shortcut.set(accelerator)
    this.installMenu()
    return status
  }

  setTrayStatus(status: TrayStatus): boolean {
    this.tray?.update({ status })
    return this.tray !== null
  }

  /** The renderer's settings; its first call also says its page is ready for what was waiting. */
  setPrefs(prefs: DesktopPrefs, sender?: WebContents): boolean {
    const localeChanged = prefs.locale !== this.prefs.locale
    this.prefs = prefs
    if (localeChanged) {
      this.installMenu()
      this.tray?.update({ text: this.text })
    }
    const win = this.deps.getWindow()
    if (sender && win && !win.isDestroyed() && win.webContents === sender) this.flush(win)
    return this.tray !== null
  }

  readClipboard(): Promise<ClipboardText> {
    return readClipboardText(this.deps.clipboard)
  }

  // ---- what the agent does outside the page ----

  /** The global shortcut: the console comes to the front at once, then looks up what the agent just copied. */
  async lookUpClipboard(): Promise<void> {
    const front = this.show()
    const payload = await readClipboardText(this.deps.clipboard)
    this.deliverTo(front, { channel: lookupChannel, payload })
  }

  /** Brings the window to the front (opening one if needed); `ready` tells whether its page already listens. */
  private show(): { win: BrowserWindow; ready: boolean } {
    const existing = this.deps.getWindow()
    const ready = !!existing && !existing.isDestroyed()
    const win = ready ? existing : this.deps.openWindow()
    this.deps.bringToFront(win)
    return { win, ready }
  }

  private deliver(delivery: Delivery): void {
    this.deliverTo(this.show(), delivery)
  }

  private deliverTo(front: { win: BrowserWindow; ready: boolean }, delivery: Delivery): void {
    if (front.win.isDestroyed()) return
    if (front.ready) this.send(front.win, delivery)
    // a new window: its page is not listening yet; it will call desktop:prefs when it is
    else this.pending = [delivery]
  }

  private flush(win: BrowserWindow): void {
    const waiting = this.pending
    this.pending = []
    for (const d of waiting) this.send(win, d)
  }

  private send(win: BrowserWindow, d: Delivery): void {
    win.webContents.send(d.channel, d.payload)
  }

  private installMenu(): void {
    this.deps.installMenu({
      devTools: this.deps.devTools,
      text: this.text,
      clipboardAccelerator: this.shortcut.accelerator,
      onLookUpClipboard: () => void this.lookUpClipboard(),
    })
  }
}
