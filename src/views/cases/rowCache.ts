import { shallowReactive } from 'vue'
import type { CaseRecord } from '@/domain/model'
import type { Result } from '@/domain/result'

/** Rows read together: one `fetch` (the cases store's getMany, one bulkGet) per block of the list's order. */
export const ROW_BLOCK = 50
/** How far ahead (and behind) of a row on screen the list reads, so a fast scroll meets rows already read. */
export const ROW_AHEAD = 2 * ROW_BLOCK
/** The case list's order when it opens (recently updated first): start-up reads its first block early (firstScreenRead). */
export const OPENING_SORT = { field: 'updatedAt', dir: 'desc' } as const
/** Rows kept for the session at most (40 blocks): the least recently shown go first, and are read again if shown. */
export const ROW_CACHE_MAX = 40 * ROW_BLOCK

/**
 * Rows of the virtual case list, read by blocks of the list's order around what is on screen: a row shown
 * asks for its block, and for the blocks up to `ROW_AHEAD` rows before and after it, so rows are usually read
 * before they scroll into view. Requests made in the same tick are batched into one `fetch`; an id is
 * never asked for twice while its read is in flight.
 *
 * A new order (`setOrder`, after a filter, a sort or a write) keeps the rows already read on screen and
 * reads them again: a row shows a placeholder only when it was never read.
 *
 * At most `maxRows` rows stay read (scrolling through 100,000 cases no longer keeps them all): past that, the
 * rows least recently shown are forgotten, and read again if they are shown again.
 */
export function createRowCache(fetch: (ids: number[]) => Promise<Result<(CaseRecord | undefined)[]>>, maxRows = ROW_CACHE_MAX) {
  /** What was read (null: the case is gone); may be from before the last `setOrder`. */
  const rows = shallowReactive(new Map<number, CaseRecord | null>())
  /** The ids in `rows`, least recently shown first (not reactive: touched on every render). */
  const used = new Map<number, true>()
  /** Read (or being read) for the current order. */
  const current = new Set<number>()
  /** Blocks of the current order already asked for. */
  const blocks = new Set<number>()
  let order: readonly number[] = []
  let queue: number[] = []
  let scheduled = false
  let generation = 0

  async function flush(): Promise<void> {
    scheduled = false
    const ids = queue
    queue = []
    if (ids.length === 0) return
    const mine = generation
    // a failed read was logged by the store; the rows stay unread and are asked for again when shown
    const found = await fetch(ids)
    if (mine !== generation) return // a new order asked again for what it shows
    if (found.ok) {
      ids.forEach((id, i) => keep(id, found.value[i] ?? null))
      forgetOldest()
    } else {
      ids.forEach((id) => current.delete(id))
      blocks.clear()
    }
  }

  function touch(id: number): void {
    used.delete(id)
    used.set(id, true)
  }

  function keep(id: number, row: CaseRecord | null): void {
    rows.set(id, row)
    touch(id)
  }

  /** Past `maxRows`, forgets the rows least recently shown (a row forgotten on screen re-renders and is read again). */
  function forgetOldest(): void {
    for (const id of used.keys()) {
      if (rows.size <= maxRows) return
      used.delete(id)
      rows.delete(id)
      current.delete(id)
    }
  }

  function want(id: number): void {
    if (current.has(id)) return
    current.add(id)
    queue.push(id)
    if (!scheduled) {
      scheduled = true
      queueMicrotask(() => void flush())
    }
  }

  function wantBlock(index: number): void {
    if (index < 0 || index >= order.length) return
    const block = Math.floor(index / ROW_BLOCK)
    if (blocks.has(block)) return
    blocks.add(block)
    const end = Math.min(order.length, (block + 1) * ROW_BLOCK)
    for (let i = block * ROW_BLOCK; i < end; i++) want(order[i]!)
  }

  /**
   * The row with this id, at this index of the order (undefined until read; null when the case is gone).
   * Asks for its block when not read yet, and for every block up to `ROW_AHEAD` rows ahead and behind.
   */
  function request(id: number, index: number): CaseRecord | null | undefined {
    if (!current.has(id)) {
      // a row forgotten since its block was read is read on its own
      if (order[index] === id && !blocks.has(Math.floor(index / ROW_BLOCK))) wantBlock(index)
      else want(id)
    }
    if (rows.has(id)) touch(id)
    for (let d = ROW_BLOCK; d <= ROW_AHEAD; d += ROW_BLOCK) {
      wantBlock(index + d)
      wantBlock(index - d)
    }
    return rows.get(id)
  }

  /** The list's new order: rows already read stay shown until read again. */
  function setOrder(ids: readonly number[]): void {
    order = ids
    generation++
    current.clear()
    blocks.clear()
    queue = []
  }

  /**
   * The first rows of an order not read yet (the first screen's page, read with a limit): shown at once, in
   * this order, until `setOrder` gives the whole list (which then reads them again with their blocks).
   */
  function showFirst(records: readonly CaseRecord[]): void {
    setOrder(records.map((c) => c.id!))
    for (const c of records) {
      keep(c.id!, c)
      current.add(c.id!)
    }
    forgetOldest()
  }

  /** How many rows are held now (at most `maxRows` once a read has come back). */
  const held = (): number => rows.size

  return { request, setOrder, showFirst, held }
}
