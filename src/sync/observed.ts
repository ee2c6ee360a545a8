/**
 * A LocalReplica that says when the engine changed local records (docs/team-sync.md, "Client"): after a
 * pulled page was applied (which kinds came in), and after an acknowledgement that was not a plain
 * "applied" (a conflict notice was recorded, or a refused change was undone). The stores use it to
 * refresh what the screens show, so another agent's change appears without a reload.
 */
import type { SyncKind } from '@/domain/sync/records'
import type { LocalReplica } from './types'

export interface ReplicaChange {
  /** The kinds of records pulled (empty for an acknowledgement). */
  kinds: ReadonlySet<SyncKind>
  /** The team settings pulled, by key (`businessCalendar`, `slaSettings`, `playbook.files`, …). */
  settings: ReadonlySet<string>
  /** A conflict or a refusal was recorded as a notice on a case. */
  notices: boolean
}

export function observedReplica(r: LocalReplica, onChange: (change: ReplicaChange) => void): LocalReplica {
  return {
    pendingCount: () => r.pendingCount(),
    onPendingChange: (listener) => r.onPendingChange(listener),
    nextBatch: (max) => r.nextBatch(max),
    async acknowledge(results) {
      await r.acknowledge(results)
      if (results.some((x) => x.status !== 'applied')) onChange({ kinds: new Set(), settings: new Set(), notices: true })
    },
    async applyPulled(changes, checkpoint) {
      await r.applyPulled(changes, checkpoint)
      if (changes.length > 0)
        onChange({
          kinds: new Set(changes.map((c) => c.kind)),
          settings: new Set(changes.filter((c) => c.kind === 'setting').map((c) => c.id)),
          notices: false,
        })
    },
    checkpoint: () => r.checkpoint(),
    shareSummary: () => r.shareSummary(),
    enqueueAll: (opts) => r.enqueueAll(opts),
    setQueueing: (on) => r.setQueueing(on),
    reset: () => r.reset(),
  }
}
