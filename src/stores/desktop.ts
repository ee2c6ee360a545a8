import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { log, platform, type GlobalShortcutStatus } from '@/platform'
import { useSettingsStore } from './settings'

/** The global shortcut as Settings shows it: what the desktop answered, or that the request itself failed. */
export type ShortcutState = GlobalShortcutStatus | { state: 'failed' }

/**
 * What the desktop app does beside the page: the global shortcut, the tray and its language. Keeps the
 * main process in step with the settings, and remembers what it answered so Settings can say it plainly.
 * In browser mode every answer is "unavailable".
 */
export const useDesktopStore = defineStore('desktop', () => {
  const settings = useSettingsStore()
  /** The global shortcut's state; null until the desktop answered. */
  const shortcut = ref<ShortcutState | null>(null)
  /** Whether a tray / menu-bar icon is there (false in browser mode or on a desktop without a tray). */
  const tray = ref(false)
  let started = false
  let seq = 0

  async function applyPrefs(): Promise<void> {
    try {
      tray.value = await platform().setDesktopPrefs({ locale: settings.uiLocale, closeToTray: settings.prefs.closeToTray })
    } catch (err) {
      log.warn('desktop.prefs', err)
      tray.value = false
    }
  }

  async function applyShortcut(accelerator: string): Promise<void> {
    const mine = ++seq
    let next: ShortcutState
    try {
      const r = await platform().setGlobalShortcut(accelerator === '' ? null : accelerator)
      if (!r.ok) log.warn('desktop.shortcut.refused', undefined, { key: r.error.key })
      next = r.ok ? r.value : { state: 'failed' }
    } catch (err) {
      log.warn('desktop.shortcut', err)
      next = { state: 'failed' }
    }
    // answers to an older setting arrive late sometimes: keep the newest
    if (mine === seq) shortcut.value = next
  }

  /** Once, from the app shell: the language and tray setting first (the page is ready), then the shortcut. */
  function start(): void {
    if (started) return
    started = true
    watch([() => settings.uiLocale, () => settings.prefs.closeToTray], () => void applyPrefs(), { immediate: true })
    watch(
      () => settings.prefs.globalShortcut,
      (accelerator) => void applyShortcut(accelerator),
      { immediate: true },
    )
  }

  /** While the agent records new keys in Settings, the current global shortcut must not catch them. */
  function suspend(): void {
    void platform()
      .setGlobalShortcut(null)
      .catch((err: unknown) => log.warn('desktop.shortcut.suspend', err))
  }

  /** Recording is over: the saved keys again (the same request as at start, so it is safe to repeat). */
  function resume(): void {
    void applyShortcut(settings.prefs.globalShortcut)
  }

  return { shortcut, tray, start, suspend, resume }
})
