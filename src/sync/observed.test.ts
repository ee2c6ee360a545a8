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

  it('names the team settings a pulled page brought (the screens showing them read them again)', async () => {
    const { r, seen } = setup()
    const value = { expectedDays: 5, dueDays: 7, reminderDays: 1 }
    await r.applyPulled(
      [
        { kind: 'setting', id: 'slaSettings', version: 4, deleted: false, doc: { id: 'slaSettings', value } },
        { kind: 'template', id: 'custom.bye', version: 4, deleted: false, doc: null },
      ],
      { version: 4, id: 'slaSettings' },
    )
    expect([...seen[0]!.kinds].sort()).toEqual(['setting', 'template'])
    expect([...seen[0]!.settings]).toEqual(['slaSettings'])
  })

  it('reports an acknowledgement only when it recorded a notice (conflict or refusal)', async () => {
    const { r, seen } = setup()
    await r.acknowledge([{ mutationId: 'm1', status: 'applied', version: 1 }])
    expect(seen).toEqual([])
    await r.acknowledge([
      { mutationId: 'm2', status: 'applied', version: 2 },
      { mutationId: 'm3', status: 'conflict', version: 3, conflicts: [{ field: 'notes', kept: 'a', lost: 'b' }] },
    ])
    expect(seen).toEqual([{ kinds: new Set(), settings: new Set(), notices: true }])
  })

  it('passes queueing and the outbox through to the replica', async () => {
    const { inner, r } = setup()
    r.setQueueing(true)
    expect(inner.queueing).toBe(true)
    expect(await r.pendingCount()).toBe(inner.outbox.length)
  })
})
