import path from 'node:path'
import type { Menu, MenuItemConstructorOptions } from 'electron'
import type { TrayStatus } from '../shared/contract'
import type { DesktopText } from './text'

/** The parts of Electron's Tray used here (faked in tests). */
export interface TrayLike {
  setToolTip(toolTip: string): void
  setContextMenu(menu: Menu | null): void
  setTitle(title: string): void
  setImage(image: string): void
  on(event: 'click', listener: () => void): unknown
  destroy(): void
}

export interface TrayActions {
  show(): void
  newCase(): void
  openReviews(): void
  quit(): void
}

export interface TrayIcons {
  normal: string
  alert: string
}

/** Tray icons rendered from resources/icon.svg (`npm run icons`); the @2x files sit beside them. */
export const trayIconsIn = (mainDir: string): TrayIcons => ({
  normal: path.join(mainDir, '../../resources/icons/tray.png'),
  alert: path.join(mainDir, '../../resources/icons/tray-alert.png'),
})

export const EMPTY_TRAY_STATUS: TrayStatus = { openReviews: 0, atRisk: 0, overdue: 0 }

const needsAttention = (s: TrayStatus): number => s.atRisk + s.overdue

/** The tray menu: the review counts (opening the board), show, new case, quit. Counts only, no personal data. */
export function trayMenuTemplate(text: DesktopText, status: TrayStatus, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: text.reviews(status), click: actions.openReviews },
    { type: 'separator' },
    { label: text.showWindow, click: actions.show },
    { label: text.newCase, click: actions.newCase },
    { type: 'separator' },
    { label: `${text.quit} ${text.appName}`, click: actions.quit },
  ]
}

export interface TrayDeps {
  createTray(iconPath: string): TrayLike
  buildMenu(template: MenuItemConstructorOptions[]): Menu
  icons: TrayIcons
  isMac: boolean
  actions: TrayActions
}

/**
 * The tray / menu-bar icon. Shows the open review count and the reviews at risk or overdue in its
 * tooltip and menu; the icon gets a red dot (and on macOS the count beside it) while any need attention.
 */
export class TrayIcon {
  private readonly tray: TrayLike
  private status: TrayStatus = EMPTY_TRAY_STATUS
  private alert = false

  constructor(
    private readonly deps: TrayDeps,
    private text: DesktopText,
  ) {
    this.tray = deps.createTray(deps.icons.normal)
    // Windows and macOS: a click shows the console; Linux opens the menu
    this.tray.on('click', deps.actions.show)
    this.render()
  }

  update(change: { status?: TrayStatus; text?: DesktopText }): void {
    if (change.status) this.status = change.status
    if (change.text) this.text = change.text
    this.render()
  }

  destroy(): void {
    this.tray.destroy()
  }

  private render(): void {
    const attention = needsAttention(this.status)
    this.tray.setToolTip(this.text.tooltip(this.status))
    this.tray.setContextMenu(this.deps.buildMenu(trayMenuTemplate(this.text, this.status, this.deps.actions)))
    if (this.deps.isMac) this.tray.setTitle(attention > 0 ? String(attention) : '')
    if (this.alert !== attention > 0) {
      this.alert = attention > 0
      this.tray.setImage(this.alert ? this.deps.icons.alert : this.deps.icons.normal)
    }
  }
}
