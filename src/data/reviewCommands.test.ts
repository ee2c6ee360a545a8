import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { createCase } from './cases'
import type { ConsoleDb } from './db'
import { createReplica } from './replica'
import { HANDOVER_NOTE_MAX, queueReviewCommand } from './reviewCommands'
import { openReview } from './reviews'
import { facts, numbers, testDb } from '@test/db'

const T0 = Date.parse('2026-11-24T08:00:00Z')
const BO = '0190a000-0000-7000-8000-0000000000b0'
const ctx = { now: T0, agent: 'Lin' }

const dbs: ConsoleDb[] = []
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

async function setup() {
  const db = testDb()
  dbs.push(db)
  const replica = createReplica(db, { now: () => T0, nextCaseNumber: () => 'VC-20261124-R000', agent: () => 'Lin' })
  replica.setQueueing(true)
  const c = await createCase(db, facts({ uid: '35001234', channels: ['sms'] }), ctx, numbers())
  const review = await openReview(
    db,
    c.id!,
    {
      registeredContact: 'li@example.com',
      uid: '35001234',
      description: '',
      methodsTried: [],
      identityRequested: false,
      identityReceived: false,
      reference: '',
      submittedAt: T0,
    },
    ctx,
  )
  await replica.acknowledge((await replica.nextBatch(100)).map((e) => ({ mutationId: e.mutationId, status: 'applied', version: 1 })))
  return { db, replica, review }
}

describe('queueReviewCommand', () => {
  it('queues claim, release and hand over as server commands on the review, changing nothing locally', async () => {
    const { db, replica, review } = await setup()
    const before = await db.reviews.get(review.id!)
    await queueReviewCommand(db, review.id!, { command: 'claim' }, T0 + 1)
    await queueReviewCommand(db, review.id!, { command: 'release' }, T0 + 2)
    await queueReviewCommand(db, review.id!, { command: 'handover', toUserId: BO, note: 'x'.repeat(HANDOVER_NOTE_MAX + 5) }, T0 + 3)
    const queued = await replica.nextBatch(100)
    expect(queued).toMatchObject([
      { kind: 'review', id: before!.syncId, op: 'command', command: 'claim', args: {} },
      { kind: 'review', id: before!.syncId, op: 'command', command: 'release', args: {} },
      {
        kind: 'review',
        id: before!.syncId,
        op: 'command',
        command: 'handover',
        args: { toUserId: BO, note: 'x'.repeat(HANDOVER_NOTE_MAX) },
      },
    ])
    expect(new Set(queued.map((e) => e.mutationId)).size).toBe(3)
    expect(await db.reviews.get(review.id!)).toEqual(before)
  })

  it('refuses a review that does not exist, and queues nothing', async () => {
    const { db, replica } = await setup()
    await expect(queueReviewCommand(db, 9999, { command: 'claim' }, T0)).rejects.toMatchObject({
      problem: { key: 'errors.review.notFound' },
    })
    expect(await replica.pendingCount()).toBe(0)
  })
})
