import { shallowReactive } from 'vue'
import type { CaseRecord } from '@/domain/model'

/**
 * Rows of the virtual case list, fetched only when they scroll into view: requests made in the same
 * tick are batched into one `fetch` (the cases store's getMany: one bulkGet).
 */
export function createRowCache(fetch: (ids: number[]) => Promise<(CaseRecord | undefined)[]>) {
  const rows = shallowReactive(new Map<number, CaseRecord | null>())
  const pending = new Set<number>()
  let scheduled = false

  async function flush(): Promise<void> {
    scheduled = false
    const ids = [...pending]
    pending.clear()
    if (ids.length === 0) return
    try {
      const found = await fetch(ids)
      ids.forEach((id, i) => rows.set(id, found[i] ?? null))
    } catch {
      ids.forEach((id) => rows.delete(id))
    }
  }

  function request(id: number): CaseRecord | null | undefined {
    const row = rows.get(id)
    if (row === undefined && !pending.has(id)) {
      pending.add(id)
      if (!scheduled) {
        scheduled = true
        queueMicrotask(() => void flush())
      }
    }
    return row
  }

  function clear(): void {
    rows.clear()
  }

  return { request, clear }
}
