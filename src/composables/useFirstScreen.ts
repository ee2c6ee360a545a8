/**
 * "After the first screen": work the first screen does not show (team sync in solo mode, the review alerts
 * and badge, the sync indicator, the reviews store behind the list's SLA column) waits until the case list
 * has painted its rows (or 2 s after it was first asked for, on any other page), then for the browser's
 * next idle moment, so it never competes with that paint.
 */
let shown = false
let fallback: ReturnType<typeof setTimeout> | null = null
const waiting: (() => void)[] = []

const whenIdle = (fn: () => void, timeout = 1000): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout })
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

/**
 * Resolves at the first idle moment after the browser has rendered its next frame (at the latest `timeout`
 * ms after that frame), so what changed before it is on screen first. A hidden window renders no frame: it
 * resolves after half a second anyway.
 */
export function afterNextPaint(timeout = 100): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 500)
    const done = (): void => {
      clearTimeout(fallback)
      resolve()
    }
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => whenIdle(done, timeout))
    else setTimeout(done, 0)
  })
}
