import { describe, expect, it } from 'vitest'
import type { CaseRecord } from '@/domain/model'
import type { Result } from '@/domain/result'
import { createRowCache, ROW_AHEAD, ROW_BLOCK, ROW_CACHE_MAX } from './rowCache'

const record = (id: number): CaseRecord => ({ id, caseNumber: `VC-${id}` }) as CaseRecord
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0))

/** A fake getMany that records every batch it was asked for and answers later (like IndexedDB). */
function fakeStore(missing: ReadonlySet<number> = new Set()) {
  const batches: number[][] = []
  let fail = false
  const fetch = async (ids: number[]): Promise<Result<(CaseRecord | undefined)[]>> => {
    batches.push(ids)
    await settle()
    if (fail) return { ok: false, error: { key: 'errors.storage.generic', params: { detail: 'x' } } }
    return { ok: true, value: ids.map((id) => (missing.has(id) ? undefined : record(id))) }
  }
  return {
    batches,
    fetch,
    failNext(on: boolean) {
      fail = on
    },
  }
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i)

describe('case list row cache', () => {
  it('reads the block of a row shown and the blocks ahead, in one batch, each id once', async () => {
    const store = fakeStore()
    const cache = createRowCache(store.fetch)
    const order = range(1000, 1000 + 10 * ROW_BLOCK)
    cache.setOrder(order)
    for (let i = 0; i < 18; i++) expect(cache.request(order[i]!, i)).toBeUndefined()
    await settle()
    expect(store.batches).toHaveLength(1)
    const asked = store.batches[0]!
    expect(new Set(asked).size).toBe(asked.length)
    expect([...asked].sort((a, b) => a - b)).toEqual(order.slice(0, ROW_BLOCK + ROW_AHEAD))
    await settle()
    expect(cache.request(order[5]!, 5)).toEqual(record(order[5]!))
    // scrolling on within what was read ahead asks for nothing new until a new block comes within reach
    for (let i = 18; i < ROW_BLOCK; i++) cache.request(order[i]!, i)
    await settle()
    expect(store.batches).toHaveLength(1)
    cache.request(order[ROW_BLOCK]!, ROW_BLOCK)
    await settle()
    expect(store.batches).toHaveLength(2)
    expect(store.batches[1]).toEqual(order.slice(ROW_BLOCK + ROW_AHEAD, 2 * ROW_BLOCK + ROW_AHEAD))
  })

  it('never asks twice for an id whose read is in flight, however often it is rendered', async () => {
    for (const order of [range(1, 11), []]) {
      // by blocks of the order, and one by one (ids not at the index given: the order moved under them)
      const store = fakeStore()
      const cache = createRowCache(store.fetch)
      cache.setOrder(order)
      const ids = range(1, 11)
      cache.request(1, 0)
      await Promise.resolve() // the batch went out; its answer has not come back
      for (let n = 0; n < 5; n++) ids.forEach((id, i) => cache.request(id, i))
      await settle()
      await settle()
      expect(store.batches.flat().sort((a, b) => a - b)).toEqual(ids)
      expect(cache.request(10, 9)).toEqual(record(10))
    }
  })

  it('marks a case that is gone as null, and asks again after a failed read', async () => {
    const store = fakeStore(new Set([2]))
    const cache = createRowCache(store.fetch)
    cache.setOrder([1, 2, 3])
    store.failNext(true)
    cache.request(1, 0)
    await settle()
    await settle()
    expect(cache.request(1, 0)).toBeUndefined() // asks again
    store.failNext(false)
    await settle()
    await settle()
    expect(store.batches).toHaveLength(2)
    expect(cache.request(1, 0)).toEqual(record(1))
    expect(cache.request(2, 1)).toBeNull()
  })

  it('a new order keeps rows already read on screen and reads them again; late answers of the old order are dropped', async () => {
    const store = fakeStore()
    const cache = createRowCache(store.fetch)
    cache.setOrder([1, 2, 3])
    cache.request(1, 0)
    await settle()
    await settle()
    cache.setOrder([3, 2, 1])
    expect(cache.request(1, 2)).toEqual(record(1)) // still shown while read again
    await settle()
    expect(store.batches).toEqual([
      [1, 2, 3],
      [3, 2, 1],
    ])
    // an answer for an order replaced meanwhile does not land
    cache.setOrder([4])
    cache.request(4, 0)
    await Promise.resolve()
    cache.setOrder([5])
    await settle()
    await settle()
    expect(cache.request(4, 0)).toBeUndefined()
  })

  it('a row not at the index given (the order moved under it) is read on its own', async () => {
    const store = fakeStore()
    const cache = createRowCache(store.fetch)
    cache.setOrder([1, 2, 3])
    cache.request(9, 0)
    await settle()
    expect(store.batches[0]).toContain(9)
  })

  it('shows a first page read elsewhere without asking for it, and reads it again with the whole order', async () => {
    const store = fakeStore()
    const cache = createRowCache(store.fetch)
    const first = range(1, 11).map(record)
    cache.showFirst(first)
    first.forEach((r, i) => expect(cache.request(r.id!, i)).toEqual(r))
    await settle()
    expect(store.batches).toEqual([])
    const order = range(1, 1 + 3 * ROW_BLOCK)
    cache.setOrder(order)
    expect(cache.request(1, 0)).toEqual(record(1)) // still shown while read again
    await settle()
    expect(store.batches).toEqual([order.slice(0, ROW_BLOCK + ROW_AHEAD)])
  })

  it('keeps at most maxRows rows: scrolled far away, the first rows are forgotten and read again when shown', async () => {
    const store = fakeStore()
    const max = 4 * ROW_BLOCK
    const cache = createRowCache(store.fetch, max)
    const order = range(1, 1 + 40 * ROW_BLOCK)
    cache.setOrder(order)
    const show = async (from: number): Promise<void> => {
      for (let i = from; i < from + 15; i++) cache.request(order[i]!, i)
      await settle()
      await settle()
    }
    await show(0)
    expect(cache.request(order[3]!, 3)).toEqual(record(order[3]!))
    // a fast scroll to the end, a screen at a time
    for (let at = 15; at < order.length - 15; at += 15) await show(at)
    const read = new Set(store.batches.flat())
    expect(read.size).toBe(order.length) // every row was read once on the way...
    expect(cache.held()).toBe(max) // ...and no more than max are still held
    store.batches.length = 0
    // back at the top: the first rows were forgotten, so they are read again (on their own: their block was read)
    expect(cache.request(order[3]!, 3)).toBeUndefined()
    await settle()
    await settle()
    expect(store.batches.flat()).toContain(order[3])
    expect(cache.request(order[3]!, 3)).toEqual(record(order[3]!))
  })

  it('holds every row of a long session up to ROW_CACHE_MAX, and the rows on screen are never the ones forgotten', async () => {
    const store = fakeStore()
    const cache = createRowCache(store.fetch)
    const order = range(1, 1 + 2 * ROW_CACHE_MAX)
    cache.setOrder(order)
    for (let at = 0; at < order.length - 15; at += 40) {
      for (let i = at; i < at + 15; i++) cache.request(order[i]!, i)
      await settle()
      await settle()
      // what was just shown is held
      for (let i = at; i < at + 15; i++) expect(cache.request(order[i]!, i)).toEqual(record(order[i]!))
    }
    expect(new Set(store.batches.flat()).size).toBe(order.length)
    expect(cache.held()).toBe(ROW_CACHE_MAX)
  })
})
