import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { useListNavigation } from './useListNavigation'

const key = (k: string): { key: string; preventDefault: () => void } => ({ key: k, preventDefault: vi.fn() })

describe('useListNavigation', () => {
  it('moves down and up through the options, wrapping at both ends', () => {
    const nav = useListNavigation(3)
    const seen: number[] = []
    for (const k of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowUp']) {
      nav.onArrowKey(key(k))
      seen.push(nav.active.value)
    }
    expect(seen).toEqual([1, 2, 0, 2, 1])
  })

  it('handles only the arrow keys, and prevents their default (the caret stays put)', () => {
    const nav = useListNavigation(2)
    const down = key('ArrowDown')
    const enter = key('Enter')
    expect(nav.onArrowKey(down)).toBe(true)
    expect(down.preventDefault).toHaveBeenCalledOnce()
    expect(nav.onArrowKey(enter)).toBe(false)
    expect(enter.preventDefault).not.toHaveBeenCalled()
    expect(nav.active.value).toBe(1)
  })

  it('follows the current number of options, stays put with none, and resets to the first', () => {
    const n = ref(0)
    const nav = useListNavigation(() => n.value)
    nav.onArrowKey(key('ArrowUp'))
    expect(nav.active.value).toBe(0)
    n.value = 5
    nav.onArrowKey(key('ArrowUp'))
    expect(nav.active.value).toBe(4)
    nav.move(-7)
    expect(nav.active.value).toBe(2)
    nav.reset()
    expect(nav.active.value).toBe(0)
  })
})
