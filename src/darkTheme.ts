import type { GlobalTheme } from 'naive-ui'
import { shallowRef } from 'vue'

/**
 * Naive UI's dark theme holds every component's dark colours (about 6 KB gzip), so it is its own chunk:
 * start-up awaits it before mounting when the console opens dark (no light flash), otherwise it loads the
 * first time dark is chosen (App.vue).
 */
export const darkTheme = shallowRef<GlobalTheme | null>(null)

let loading: Promise<void> | null = null
export function loadDarkTheme(): Promise<void> {
  loading ??= import('./darkThemeChunk').then(
    (m) => {
      darkTheme.value = m.darkTheme
    },
    (err: unknown) => {
      loading = null // a failed chunk load is retried the next time dark is chosen
      throw err
    },
  )
  return loading
}

/** The console shows dark: chosen in Settings, or 'auto' with the OS in dark mode. */
export function wantsDark(theme: 'auto' | 'light' | 'dark', osDark: boolean): boolean {
  return theme === 'auto' ? osDark : theme === 'dark'
}
