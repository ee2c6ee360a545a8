import { shallowReactive } from 'vue'
import type { CaseRecord } from '@/domain/model'
import type { Result } from '@/domain/result'

/**
 * Rows of the virtual case list, fetched only when they scroll into view: requests made in the same
 * tick are batched into one `fetch` (the cases store's getMany: one bulkGet).
 */
export function createRowCache(fetch: (ids: number[]) => Promise<Result<(CaseRecord | undefined)[]>>) {
  const rows = shallowReactive(new Map<number, CaseRecord | null>())
  const pending = new Set<number>()
  let scheduled = false

  async function flush(): Promise<void> {
    scheduled = false
    const ids = [...pending]
    pending.clear()
    if (ids.length === 0) return
    // a failed read was logged by the store; the rows stay unloaded and are asked for again when shown
    const found = await fetch(ids)
    if (found.ok) ids.forEach((id, i) => rows.set(id, found.value[i] ?? null))
    else ids.forEach((id) => rows.delete(id))
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
