/**
 * "After the first screen": work the first screen does not show (team sync in solo mode, the review alerts
 * and badge, the sync indicator, the reviews store behind the list's SLA column) waits until the case list
 * has painted its rows (or 2 s after it was first asked for, on any other page), then for the browser's
 * next idle moment, so it never competes with that paint.
 */
let shown = false
let fallback: ReturnType<typeof setTimeout> | null = null
const waiting: (() => void)[] = []

const whenIdle = (fn: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1000 })
  else setTimeout(fn, 0)
}

/** The first screen is up: the case list calls it once its first rows (or its empty state) are rendered. */
export function firstScreenShown(): void {
  if (shown) return
  shown = true
  if (fallback) clearTimeout(fallback)
  whenIdle(() => {
    for (const resolve of waiting.splice(0)) resolve()
  })
}

/** Resolves after the first screen, at an idle moment. */
export function afterFirstScreen(): Promise<void> {
  return new Promise((resolve) => {
    if (shown) return whenIdle(resolve)
    waiting.push(resolve)
    // pages other than the case list, and a list that cannot load, do not hold the rest back for long
    fallback ??= setTimeout(firstScreenShown, 2000)
  })
}
