export interface StorageEstimate {
  /** Bytes this origin uses (IndexedDB and caches), as the browser estimates it; null when unknown. */
  usage: number | null
  /** Bytes this origin may use; null when unknown. */
  quota: number | null
  /** Whether the browser promised not to evict our data under storage pressure; null when unknown. */
  persisted: boolean | null
}

/** The browser's storage estimate and persistence flag. Never throws: what cannot be read is null. */
export async function storageEstimate(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageEstimate> {
  const out: StorageEstimate = { usage: null, quota: null, persisted: null }
  if (!storage) return out
  try {
    const e = await storage.estimate?.()
    if (e) {
      out.usage = typeof e.usage === 'number' ? e.usage : null
      out.quota = typeof e.quota === 'number' ? e.quota : null
    }
  } catch {
    // unknown
  }
  try {
    if (storage.persisted) out.persisted = await storage.persisted()
  } catch {
    // unknown
  }
  return out
}

/** Share of the quota in use, 0..1, or null when unknown. */
export function usageShare(e: StorageEstimate): number | null {
  if (e.usage === null || e.quota === null || e.quota <= 0) return null
  return Math.min(1, Math.max(0, e.usage / e.quota))
}
