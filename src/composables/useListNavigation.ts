import { nextTick, ref, toValue, type MaybeRefOrGetter, type Ref } from 'vue'

export interface ListNavigation {
  /** Index of the active option (the one Enter picks and aria-activedescendant points at). */
  active: Ref<number>
  /** Moves the active option by `delta`, wrapping at both ends; nothing happens with no options. */
  move: (delta: number) => void
  /**
   * ArrowDown / ArrowUp move the active option (and the key's default is prevented); true when handled.
   * With `optionId`, the newly active option is then scrolled into view of its list (the box keeps focus, so
   * the browser would not scroll to it by itself).
   */
  onArrowKey: (e: Pick<KeyboardEvent, 'key' | 'preventDefault'>) => boolean
  /** Back to the first option (new results). */
  reset: () => void
}

/**
 * Arrow-key navigation of a listbox whose focus stays in a text control (search box, reply box), for
 * the case lookup, the template palette and the reply box's quick insert. `count` is the number of
 * options now.
 */
export function useListNavigation(count: MaybeRefOrGetter<number>, optionId?: (index: number) => string): ListNavigation {
  const active = ref(0)
  function move(delta: number): void {
    const n = toValue(count)
    if (n > 0) active.value = (((active.value + delta) % n) + n) % n
  }
  function onArrowKey(e: Pick<KeyboardEvent, 'key' | 'preventDefault'>): boolean {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return false
    e.preventDefault()
    move(e.key === 'ArrowDown' ? 1 : -1)
    if (optionId) {
      const id = optionId(active.value)
      // after the render that marks it active (the list may also open with this key)
      void nextTick(() => document.getElementById(id)?.scrollIntoView({ block: 'nearest' }))
    }
    return true
  }
  return { active, move, onArrowKey, reset: () => (active.value = 0) }
}
