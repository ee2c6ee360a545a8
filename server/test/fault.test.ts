/**
 * The service dies between the database commit and the response: the client never hears back, retries the
 * same push against a restarted service, and gets the same results; nothing is doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TeamUser, TestDatabase } from '../testing/harness'
import { caseDoc, eventDoc, freshDb, id7, mid, service, signedIn, users, withClient, type J } from './helpers'

let db: TestDatabase
let u: Record<string, TeamUser>

beforeAll(async () => {
  db = await freshDb('all')
  u = await users(db, [{ username: 'ana', role: 'agent' }])
})

const counts = () =>
  withClient(
    db.superUrl,
    async (c) =>
      (
        await c.query(
          'SELECT (SELECT count(*)::int FROM records) AS records, (SELECT count(*)::int FROM audit_events) AS events, (SELECT value FROM sync_counter) AS version',
        )
      ).rows[0],
  )

describe('server restart in the middle of a push', () => {
  it('a retried push after a lost response changes nothing', async () => {
    let crashed = false
    // this instance "dies" right after COMMIT: it closes every connection without answering
    const doomed = await service(db, {
      hooks: {
        afterCommit: () => {
          crashed = true
          doomed.service.app.server.closeAllConnections()
          throw new Error('killed after commit')
        },
      },
    })
    const api = await signedIn(doomed.url, u.ana!)
    const caseId = id7()
    const changes = [
      { mutationId: mid(), kind: 'case', id: caseId, op: 'insert', doc: caseDoc() },
      { mutationId: mid(), kind: 'event', id: id7(), op: 'insert', doc: eventDoc(caseId, { action: 'created' }) },
      { mutationId: mid(), kind: 'case', id: caseId, op: 'patch', fields: { status: 'waiting' }, base: { status: 'open' } },
    ]
    await expect(api.push(changes)).rejects.toThrow() // the response is lost
    expect(crashed).toBe(true)
    await doomed.stop().catch(() => undefined)
    const afterCrash = await counts()
    expect(afterCrash).toMatchObject({ records: 1, events: 1 }) // it had committed

    const restarted = await service(db)
    try {
      const again = await signedIn(restarted.url, u.ana!)
      const r = await again.push(changes)
      expect(r.status).toBe(200)
      expect(r.body.results.map((x: J) => [x.status, x.version])).toEqual([
        ['applied', afterCrash.version],
        ['applied', afterCrash.version],
        ['applied', afterCrash.version],
      ])
      expect(await counts()).toEqual(afterCrash) // nothing doubled, no new version
      const { changes: pulled } = await again.pullAll()
      expect(pulled.filter((c) => c.id === caseId)).toHaveLength(1)
      expect(pulled.find((c) => c.id === caseId).doc.status).toBe('waiting')
    } finally {
      await restarted.stop()
    }
  })
})

afterAll(() => undefined)
