import { onBeforeUnmount } from 'vue'
import type { Router } from 'vue-router'

/**
 * Focus never falls to the page itself. After a keyboard shortcut (Ctrl/⌘/Alt + key, F1, Escape) or a route
 * change, when the focused element is gone (a button that was replaced, a dialog that closed, a new page) the
 * focus moves to the page's landing point: the element marked `data-focus-home` (e.g. the case page's next
 * step), else the page's heading. Focus the shortcut itself placed (a field, a dialog) is left alone.
 */
export function useFocusRescue(router: Router): void {
  let pending = 0

  function landing(): HTMLElement | null {
    const main = document.getElementById('main')
    if (!main) return null
    return main.querySelector<HTMLElement>('[data-focus-home]') ?? main.querySelector<HTMLElement>('h1')
  }

  function lost(): boolean {
    const a = document.activeElement
    return a === null || a === document.body || a === document.documentElement || !a.isConnected
  }

  /** Checks over the next frames (lazy pages and the store's write come a little later), for up to ~1 s. */
  function rescue(): void {
    const mine = ++pending
    let tries = 0
    const check = (): void => {
      if (mine !== pending) return
      if (!lost()) return
      const home = landing()
      if (home) {
        if (!home.hasAttribute('tabindex')) home.setAttribute('tabindex', '-1')
        home.focus()
        return
      }
      if (++tries < 20) window.setTimeout(check, 50)
    }
    window.setTimeout(check, 0)
  }

  const onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.key === 'F1' || e.key === 'Escape') rescue()
  }
  window.addEventListener('keydown', onKey)
  const offRoute = router.afterEach(() => rescue())
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey)
    offRoute()
  })
}
