import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { z } from 'zod'
import { findSecrets } from '@/domain/guard/secrets'

/** An in-memory Web Storage (unit tests run in Node). */
class MemoryStorage implements Storage {
  private map = new Map<string, string>()
  get length(): number {
    return this.map.size
  }
  clear(): void {
    this.map.clear()
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null
  }
  removeItem(key: string): void {
    this.map.delete(key)
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value))
  }
}

const schema = z.object({ notes: z.string() })
const empty = () => ({ notes: '' })

/** One browser window: its own sessionStorage (and module state), the shared localStorage. */
async function openWindow(local: Storage) {
  vi.stubGlobal('localStorage', local)
  vi.stubGlobal('sessionStorage', new MemoryStorage())
  vi.resetModules()
  const mod = await import('./useDraft')
  mod.currentWindowId()
  return mod
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('useDraft: drafts are per window', () => {
  it('Cancel in one window leaves the other window’s unsaved text', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined) // onBeforeUnmount outside a component
    const local = new MemoryStorage()
    const a = await openWindow(local)
    const scopeA = effectScope()
    const draftA = scopeA.run(() => a.useDraft('case-1', schema, empty))!
    draftA.draft.value = { notes: 'text in A' }
    await nextTick()

    const b = await openWindow(local)
    const scopeB = effectScope()
    const draftB = scopeB.run(() => b.useDraft('case-1', schema, empty))!
    // B does not take A's draft: A is alive
    expect(draftB.restored).toBe(false)
    expect(draftB.draft.value.notes).toBe('')
    draftB.draft.value = { notes: 'text in B' }
    await nextTick()
    draftB.clear()

    // A's text is still stored under A's window
    const kept = Object.keys(Object.fromEntries([...Array(local.length).keys()].map((i) => [local.key(i)!, 1]))).filter((k) =>
      k.startsWith('draft:case-1@'),
    )
    expect(kept).toHaveLength(1)
    expect(local.getItem(kept[0]!)).toBe(JSON.stringify({ notes: 'text in A' }))
    scopeA.stop()
    scopeB.stop()
  })

  it('a draft of a window that is gone (closed or crashed) is restored in the next window', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(1_000_000)
    const local = new MemoryStorage()
    const a = await openWindow(local)
    const scopeA = effectScope()
    const draftA = scopeA.run(() => a.useDraft('intake', schema, empty))!
    draftA.draft.value = { notes: 'typed before the crash' }
    await nextTick()
    scopeA.stop()

    vi.setSystemTime(1_000_000 + a.WINDOW_GONE_MS + 1)
    const b = await openWindow(local)
    const draftB = effectScope().run(() => b.useDraft('intake', schema, empty))!
    expect(draftB.restored).toBe(true)
    expect(draftB.draft.value.notes).toBe('typed before the crash')
  })

  it('forgetDrafts forgets every window’s draft of a form', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const local = new MemoryStorage()
    const a = await openWindow(local)
    const d = effectScope().run(() => a.useDraft('template:closing', schema, empty))!
    d.draft.value = { notes: 'x' }
    await nextTick()
    local.setItem('draft:template:closing', '{"notes":"old"}')
    a.forgetDrafts('template:closing')
    expect(local.length).toBe(1) // only the window registry is left
    expect(local.key(0)).toBe('draft-windows')
  })
})

describe('useDraft keeps secrets out of browser storage', () => {
  const nested = z.object({ notes: z.string(), tags: z.array(z.string()), body: z.object({ en: z.string(), 'zh-CN': z.string() }) })
  const blank = () => ({ notes: '', tags: [] as string[], body: { en: '', 'zh-CN': '' } })

  it('every string of any draft is stored redacted, while the form keeps what was typed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const local = new MemoryStorage()
    const w = await openWindow(local)
    const scope = effectScope()
    const store = scope.run(() => w.useDraft('template:new', nested, blank))!
    store.draft.value = { notes: 'code 482913', tags: ['JBSW Y3DP EHPK 3PXP'], body: { en: 'fine', 'zh-CN': '身份证 11010519491231002X' } }
    await nextTick()
    const stored = local.getItem(`draft:template:new@${w.currentWindowId()}`) ?? ''
    expect(stored).toContain('fine')
    for (const value of Object.values(JSON.parse(stored) as Record<string, unknown>)) expect(findSecrets(JSON.stringify(value))).toEqual([])
    expect(stored).not.toContain('482913')
    expect(store.draft.value.notes).toBe('code 482913')
    scope.stop()
  })
})
