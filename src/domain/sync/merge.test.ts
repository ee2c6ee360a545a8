import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { changedFields, deepEqual, mergeFields } from './merge'

describe('mergeFields', () => {
  const base = { status: 'open', notes: 'called', channels: ['sms'], carrier: null as string | null }

  it('takes the side that changed a field', () => {
    const mine = { ...base, notes: 'called twice' }
    const theirs = { ...base, status: 'waiting' }
    const r = mergeFields(base, mine, theirs)
    expect(r.merged).toEqual({ status: 'waiting', notes: 'called twice', channels: ['sms'], carrier: null })
    expect(r.applied).toEqual(['notes'])
    expect(r.conflicts).toEqual([])
  })

  it('keeps theirs and reports the lost value when both changed a field differently', () => {
    const mine = { ...base, status: 'resolved', channels: ['sms', 'email'] }
    const theirs = { ...base, status: 'closed', channels: ['email', 'sms'] }
    const r = mergeFields(base, mine, theirs)
    expect(r.merged.status).toBe('closed')
    expect(r.merged.channels).toEqual(['email', 'sms'])
    expect(r.conflicts).toEqual([
      { field: 'status', kept: 'closed', lost: 'resolved' },
      { field: 'channels', kept: ['email', 'sms'], lost: ['sms', 'email'] },
    ])
  })

  it('is no conflict when both made the same change (deep equality)', () => {
    const mine = { ...base, channels: ['sms', 'email'] }
    const theirs = { ...base, channels: ['sms', 'email'] }
    expect(mergeFields(base, mine, theirs).conflicts).toEqual([])
  })

  it('treats an absent field as undefined and leaves undefined out of the result', () => {
    const b: Record<string, unknown> = { a: 1, deletedAt: 5 }
    const mine: Record<string, unknown> = { a: 1 } // restored from the trash
    const theirs: Record<string, unknown> = { a: 2, deletedAt: 5 }
    const r = mergeFields(b, mine, theirs)
    expect(r.merged).toEqual({ a: 2 })
    expect('deletedAt' in r.merged).toBe(false)
  })

  it('keeps a field named __proto__ as a plain field', () => {
    const mine = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>
    const r = mergeFields({}, mine, {})
    expect(Object.getPrototypeOf(r.merged)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(r.merged)).toEqual(['__proto__'])
  })
})

describe('deepEqual and changedFields', () => {
  it('compares JSON values by content', () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true)
    expect(deepEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true)
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true)
    expect(deepEqual([1, 2], [2, 1])).toBe(false)
    expect(deepEqual({ a: [] }, { a: {} })).toBe(false)
    expect(deepEqual(null, {})).toBe(false)
    expect(deepEqual(0, '0')).toBe(false)
  })
  it('lists the fields that differ', () => {
    expect(changedFields({ a: 1, b: [1], c: 'x' }, { a: 1, b: [2], d: null })).toEqual(['b', 'c', 'd'])
  })
})

// ---- properties ----
const value = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, 1, '', 'a', 'b'),
  fc.array(fc.constantFrom('sms', 'email', 'authenticator'), { maxLength: 3 }),
  fc.record({ atRisk: fc.option(fc.integer({ min: 0, max: 3 })), overdue: fc.option(fc.integer({ min: 0, max: 3 })) }),
)
const fieldName = fc.constantFrom('status', 'notes', 'channels', 'carrier', 'alerted', 'deletedAt')
const doc = fc.dictionary(fieldName, value, { maxKeys: 6 })
/** base plus two edits of it (each edit changes, adds or removes some fields). */
const triple = doc.chain((base) =>
  fc.tuple(
    fc.constant(base),
    fc.tuple(doc, fc.subarray(Object.keys(base))).map(([over, drop]) => edit(base, over, drop)),
    fc.tuple(doc, fc.subarray(Object.keys(base))).map(([over, drop]) => edit(base, over, drop)),
  ),
)
function edit(base: Record<string, unknown>, over: Record<string, unknown>, drop: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base, ...over }
  for (const k of drop) if (!(k in over)) delete out[k]
  return out
}
const get = (o: Record<string, unknown>, k: string) => o[k]

describe('mergeFields properties', () => {
  it('with theirs unchanged, the result is mine; with mine unchanged, it is theirs; no conflicts', () => {
    fc.assert(
      fc.property(triple, ([b, m, t]) => {
        const a = mergeFields(b, m, b)
        expect(deepEqual(a.merged, m)).toBe(true)
        expect(a.conflicts).toEqual([])
        const c = mergeFields(b, b, t)
        expect(deepEqual(c.merged, t)).toBe(true)
        expect(c.conflicts).toEqual([])
      }),
    )
  })

  it('every merged field is mine or theirs; a conflict keeps theirs and reports mine as lost', () => {
    fc.assert(
      fc.property(triple, ([b, m, t]) => {
        const r = mergeFields(b, m, t)
        for (const f of new Set([...Object.keys(m), ...Object.keys(t), ...Object.keys(b)])) {
          const v = get(r.merged, f)
          expect(deepEqual(v, get(m, f)) || deepEqual(v, get(t, f))).toBe(true)
        }
        for (const c of r.conflicts) {
          expect(deepEqual(get(r.merged, c.field), get(t, c.field))).toBe(true)
          expect(deepEqual(c.lost, get(m, c.field))).toBe(true)
          expect(deepEqual(c.kept, get(t, c.field))).toBe(true)
          expect(deepEqual(get(b, c.field), get(m, c.field))).toBe(false)
          expect(deepEqual(get(b, c.field), get(t, c.field))).toBe(false)
          expect(deepEqual(c.kept, c.lost)).toBe(false)
        }
      }),
    )
  })

  it('nothing is lost silently: a field mine changed ends as mine or is listed as a conflict', () => {
    fc.assert(
      fc.property(triple, ([b, m, t]) => {
        const r = mergeFields(b, m, t)
        for (const f of changedFields(b, m)) {
          const kept = deepEqual(get(r.merged, f), get(m, f))
          expect(kept || r.conflicts.some((c) => c.field === f)).toBe(true)
        }
      }),
    )
  })

  it('without conflicts the merge is symmetric, and merging again changes nothing', () => {
    fc.assert(
      fc.property(triple, ([b, m, t]) => {
        const r = mergeFields(b, m, t)
        if (r.conflicts.length === 0) expect(deepEqual(r.merged, mergeFields(b, t, m).merged)).toBe(true)
        const again = mergeFields(b, m, r.merged)
        expect(deepEqual(again.merged, r.merged)).toBe(true)
      }),
    )
  })

  it('deepEqual is reflexive and symmetric', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(deepEqual(a, structuredClone(a))).toBe(true)
        expect(deepEqual(a, b)).toBe(deepEqual(b, a))
      }),
    )
  })
})
