import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { orderByDue } from './listOrder'

describe('orderByDue', () => {
  it('puts cases with an open review first, soonest due at the top, then the rest in their incoming order', () => {
    const due = new Map([
      [7, 300],
      [3, 100],
      [9, 200],
    ])
    expect(orderByDue([1, 7, 2, 3, 4, 9, 5], due)).toEqual([3, 9, 7, 1, 2, 4, 5])
  })

  it('keeps the incoming order between cases due at the same moment', () => {
    expect(
      orderByDue(
        [5, 4, 3],
        new Map([
          [3, 10],
          [5, 10],
        ]),
      ),
    ).toEqual([5, 3, 4])
  })

  it('ignores reviews of cases not in the list (filtered out or in the trash)', () => {
    expect(orderByDue([1, 2], new Map([[99, 1]]))).toEqual([1, 2])
  })

  it('is a permutation whose due part is sorted (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 60 }),
        fc.dictionary(fc.integer({ min: 1, max: 500 }).map(String), fc.integer({ min: 0, max: 1e9 })),
        (ids, dict) => {
          const due = new Map(Object.entries(dict).map(([k, v]) => [Number(k), v] as const))
          const out = orderByDue(ids, due)
          expect([...out].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b))
          const dueCount = ids.filter((id) => due.has(id)).length
          const head = out.slice(0, dueCount)
          expect(head.every((id) => due.has(id))).toBe(true)
          for (let i = 1; i < head.length; i++) expect(due.get(head[i - 1]!)!).toBeLessThanOrEqual(due.get(head[i]!)!)
          expect(out.slice(dueCount)).toEqual(ids.filter((id) => !due.has(id)))
        },
      ),
    )
  })
})
