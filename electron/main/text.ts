/**
 * The words of the native menus, the tray and the main process's own notifications, in both UI languages.
 * The main process has no vue-i18n; this table is typed so both languages always have every entry, and
 * the renderer says which language the agent chose (`desktop:prefs`).
 */
import type { DesktopLocale, TrayStatus } from '../shared/contract'

export interface DesktopText {
  appName: string
  file: string
  newCase: string
  findCase: string
  lookUpClipboard: string
  settings: string
  closeWindow: string
  quit: string
  edit: string
  undo: string
  redo: string
  cut: string
  copy: string
  paste: string
  pasteAndMatchStyle: string
  delete: string
  selectAll: string
  view: string
  reload: string
  toggleDevTools: string
  resetZoom: string
  zoomIn: string
  zoomOut: string
  toggleFullScreen: string
  window: string
  minimize: string
  zoom: string
  bringAllToFront: string
  help: string
  shortcuts: string
  about: string
  services: string
  hide: string
  hideOthers: string
  showAll: string
  showWindow: string
  reviews: (s: TrayStatus) => string
  tooltip: (s: TrayStatus) => string
  stillRunningTitle: string
  stillRunningBody: (mac: boolean) => string
}

const enReviews = (s: TrayStatus): string => {
  const open = s.openReviews === 0 ? 'No open reviews' : s.openReviews === 1 ? '1 open review' : `${s.openReviews} open reviews`
  const alerts = s.atRisk + s.overdue === 0 ? '' : ` (${s.atRisk} at risk, ${s.overdue} overdue)`
  return open + alerts
}
const zhReviews = (s: TrayStatus): string => {
  const open = s.openReviews === 0 ? '没有进行中的审核' : `${s.openReviews} 个进行中的审核`
  const alerts = s.atRisk + s.overdue === 0 ? '' : `（${s.atRisk} 个有逾期风险，${s.overdue} 个已逾期）`
  return open + alerts
}

export const DESKTOP_TEXT: Record<DesktopLocale, DesktopText> = {
  en: {
    appName: 'Verification Code Console',
    file: 'File',
    newCase: 'New Case',
    findCase: 'Find Case…',
    lookUpClipboard: 'Look Up the Clipboard',
    settings: 'Settings…',
    closeWindow: 'Close Window',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    pasteAndMatchStyle: 'Paste and Match Style',
    delete: 'Delete',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    toggleDevTools: 'Toggle Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    toggleFullScreen: 'Toggle Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    bringAllToFront: 'Bring All to Front',
    help: 'Help',
    shortcuts: 'Keyboard Shortcuts',
    about: 'About Verification Code Console',
    services: 'Services',
    hide: 'Hide Verification Code Console',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
    showWindow: 'Show the Console',
    reviews: enReviews,
    tooltip: (s) => `Verification Code Console · ${enReviews(s)}`,
    stillRunningTitle: 'The console is still running',
    stillRunningBody: (mac) =>
      mac
        ? 'It stays in the menu bar so review alerts keep coming. To quit, choose Quit in its menu or press ⌘Q.'
        : 'It stays in the tray so review alerts keep coming. To quit, choose Quit in the tray menu or press Ctrl+Q.',
  },
  'zh-CN': {
    appName: '验证码支持控制台',
    file: '文件',
    newCase: '新建工单',
    findCase: '查找工单…',
    lookUpClipboard: '查找剪贴板内容',
    settings: '设置…',
    closeWindow: '关闭窗口',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    pasteAndMatchStyle: '粘贴并匹配样式',
    delete: '删除',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    toggleDevTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    toggleFullScreen: '全屏',
    window: '窗口',
    minimize: '最小化',
    zoom: '缩放',
    bringAllToFront: '全部置于顶层',
    help: '帮助',
    shortcuts: '键盘快捷键',
    about: '关于验证码支持控制台',
    services: '服务',
    hide: '隐藏验证码支持控制台',
    hideOthers: '隐藏其他',
    showAll: '全部显示',
    showWindow: '显示控制台',
    reviews: zhReviews,
    tooltip: (s) => `验证码支持控制台 · ${zhReviews(s)}`,
    stillRunningTitle: '控制台仍在运行',
    stillRunningBody: (mac) =>
      mac
        ? '它留在菜单栏中，审核提醒会照常弹出。要退出，请在其菜单中选择“退出”或按 ⌘Q。'
        : '它留在系统托盘中，审核提醒会照常弹出。要退出，请在托盘菜单中选择“退出”或按 Ctrl+Q。',
  },
}

/** The language of the OS, until the renderer tells which one the agent chose. */
export const localeFromSystem = (systemLocale: string): DesktopLocale => (/^zh\b/i.test(systemLocale) ? 'zh-CN' : 'en')
