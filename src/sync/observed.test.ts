import { describe, expect, it } from 'vitest'
import { observedReplica, type ReplicaChange } from './observed'
import { MemoryReplica, caseDoc, uuid7 } from './testing'

function setup() {
  const inner = new MemoryReplica()
  const seen: ReplicaChange[] = []
  const r = observedReplica(inner, (c) => seen.push(c))
  return { inner, r, seen }
}

describe('observedReplica', () => {
  it('reports the kinds of a pulled page after it is applied, and nothing for an empty page', async () => {
    const { inner, r, seen } = setup()
    const id = uuid7()
    await r.applyPulled([], { version: 0, id: '' })
    expect(seen).toEqual([])
    await r.applyPulled([{ kind: 'case', id, version: 3, deleted: false, doc: caseDoc({ id }) }], { version: 3, id })
    expect(inner.get('case', id)).not.toBeNull()
    expect(seen).toHaveLength(1)
    expect([...seen[0]!.kinds]).toEqual(['case'])
    expect(seen[0]!.notices).toBe(false)
    expect(await r.checkpoint()).toEqual({ version: 3, id })
  })

  it('reports an acknowledgement only when it recorded a notice (conflict or refusal)', async () => {
    const { r, seen } = setup()
    await r.acknowledge([{ mutationId: 'm1', status: 'applied', version: 1 }])
    expect(seen).toEqual([])
    await r.acknowledge([
      { mutationId: 'm2', status: 'applied', version: 2 },
      { mutationId: 'm3', status: 'conflict', version: 3, conflicts: [{ field: 'notes', kept: 'a', lost: 'b' }] },
    ])
    expect(seen).toEqual([{ kinds: new Set(), notices: true }])
  })

  it('passes queueing and the outbox through to the replica', async () => {
    const { inner, r } = setup()
    r.setQueueing(true)
    expect(inner.queueing).toBe(true)
    expect(await r.pendingCount()).toBe(inner.outbox.length)
  })
})
