/**
 * Whether the machine believes it is online (`navigator.onLine` and its `online`/`offline` events). "Online"
 * is only a hint — a failed request is what proves the server unreachable — but "offline" is reliable and
 * spares pointless requests; coming back online retries at once.
 */
export interface NetworkMonitor {
  online(): boolean
  subscribe(listener: (online: boolean) => void): () => void
}

export function browserNetwork(): NetworkMonitor {
  const w = globalThis as unknown as Partial<Pick<EventTarget, 'addEventListener' | 'removeEventListener'>> & {
    navigator?: { onLine?: boolean }
  }
  return {
    online: () => w.navigator?.onLine !== false,
    subscribe(listener) {
      if (!w.addEventListener || !w.removeEventListener) return () => undefined
      const on = () => listener(true)
      const off = () => listener(false)
      w.addEventListener('online', on)
      w.addEventListener('offline', off)
      return () => {
        w.removeEventListener?.('online', on)
        w.removeEventListener?.('offline', off)
      }
    },
  }
}
