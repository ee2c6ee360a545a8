/** Push and pull through the HTTP API against a real database: stamps, idempotency, merge, tombstones, reviews. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syncEventSchema } from '../../src/domain/sync/records'
import type { TeamUser, TestDatabase } from '../testing/harness'
import { Api, caseDoc, eventDoc, freshDb, id7, ins, mid, patch, reviewDoc, service, signedIn, users, withClient, type J } from './helpers'

let db: TestDatabase
let url: string
let stop: () => Promise<void>
let u: Record<string, TeamUser>
let ana: Api
let bo: Api
let lee: Api

beforeAll(async () => {
  db = await freshDb()
  const s = await service(db)
  url = s.url
  stop = s.stop
  u = await users(db, [
    { username: 'ana', role: 'agent' },
    { username: 'bo', role: 'agent' },
    { username: 'lee', role: 'lead' },
  ])
  ;[ana, bo, lee] = await Promise.all([signedIn(url, u.ana!), signedIn(url, u.bo!), signedIn(url, u.lee!)])
})
afterAll(() => stop())

const count = (table: string, where = 'true') =>
  withClient(db.superUrl, async (c) => (await c.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`)).rows[0].n as number)

async function latest(api: Api, id: string) {
  const { changes } = await api.pullAll()
  return changes.filter((c) => c.id === id).pop()
}

describe('insert and pull', () => {
  it('stamps the acting user and the server time, ignoring what the client claims', async () => {
    const id = id7()
    const r = await ana.push([
      {
        mutationId: mid(),
        kind: 'case',
        id,
        op: 'insert',
        doc: { ...caseDoc(), agent: u.bo!.id, updatedBy: u.bo!.id, updatedAt: 1, rev: 3, serverVersion: 9 },
      },
    ])
    expect(r.status).toBe(200)
    expect(r.body.results).toEqual([{ mutationId: expect.any(String), status: 'applied', version: expect.any(Number) }])
    expect(Math.abs(r.body.serverTime - Date.now())).toBeLessThan(5_000)
    expect(Number(r.headers.get('x-server-time'))).toBeGreaterThan(0)
    const got = await latest(bo, id)
    expect(got).toMatchObject({ kind: 'case', id, deleted: false, version: r.body.results[0].version })
    expect(got.doc).toMatchObject({ id, agent: u.ana!.id, updatedBy: u.ana!.id })
    expect(got.doc.updatedAt).toBeGreaterThan(Date.now() - 10_000)
    expect(got.doc).not.toHaveProperty('rev')
    expect(got.doc).not.toHaveProperty('serverVersion')
  })

  it('is idempotent: the same push again returns the same results and writes nothing', async () => {
    const id = id7()
    const changes = [
      { mutationId: mid(), kind: 'case', id, op: 'insert', doc: caseDoc() },
      { mutationId: mid(), kind: 'event', id: id7(), op: 'insert', doc: eventDoc(id, { action: 'created' }) },
      { mutationId: mid(), kind: 'case', id, op: 'patch', fields: { notes: 'called' }, base: { notes: '' } },
    ]
    const first = await ana.push(changes)
    const rows = await count('records')
    const events = await count('audit_events')
    const version = await withClient(db.superUrl, async (c) => (await c.query('SELECT value FROM sync_counter')).rows[0].value)
    const again = await ana.push(changes)
    expect(again.body.results).toEqual(first.body.results)
    expect(await count('records')).toBe(rows)
    expect(await count('audit_events')).toBe(events)
    expect(await withClient(db.superUrl, async (c) => (await c.query('SELECT value FROM sync_counter')).rows[0].value)).toBe(version)
    // another user cannot replay someone else's mutation id
    const replay = await bo.push([changes[0]])
    expect(replay.body.results[0]).toMatchObject({ status: 'rejected', reason: 'mutation-id-taken' })
  })

  it('refuses an id that is taken, and a case number another case holds', async () => {
    const id = id7()
    const doc = caseDoc()
    await ana.push([{ mutationId: mid(), kind: 'case', id, op: 'insert', doc }])
    const r = await bo.push([
      { mutationId: mid(), kind: 'case', id, op: 'insert', doc: caseDoc() },
      { mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc: caseDoc({ caseNumber: doc.caseNumber }) },
    ])
    expect(r.body.results.map((x: J) => x.reason)).toEqual(['id-taken', 'case-number-taken'])
    expect(r.body.results[1].details).toEqual({ caseNumber: doc.caseNumber })
    // renumbered, the same case goes through
    const other = id7()
    const again = await bo.push([{ mutationId: mid(), kind: 'case', id: other, op: 'insert', doc: caseDoc() }])
    expect(again.body.results[0].status).toBe('applied')
  })

  it('pages by (version, id) from a checkpoint with the number remaining', async () => {
    const { checkpoint } = await ana.pullAll()
    const ids: string[] = []
    for (let p = 0; p < 3; p++) {
      const batch = Array.from({ length: 7 }, () => ({ mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc: caseDoc() }))
      ids.push(...batch.map((b) => b.id))
      expect((await ana.push(batch)).status).toBe(200)
    }
    const first = await bo.pull(checkpoint, 10)
    expect(first.body).toMatchObject({ hasMore: true, remaining: 11 })
    expect(first.body.changes).toHaveLength(10)
    const second = await bo.pull(first.body.checkpoint, 10)
    expect(second.body).toMatchObject({ hasMore: true, remaining: 1 })
    const third = await bo.pull(second.body.checkpoint, 10)
    expect(third.body).toMatchObject({ hasMore: false, remaining: 0 })
    const all = [...first.body.changes, ...second.body.changes, ...third.body.changes]
    expect(all.map((c: J) => c.id).sort()).toEqual([...ids].sort())
    const keys = all.map((c: J) => [c.version, c.id])
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))
    expect(keys).toEqual(sorted)
    // nothing new: the same checkpoint comes back
    const none = await bo.pull(third.body.checkpoint)
    expect(none.body).toMatchObject({ changes: [], hasMore: false, checkpoint: third.body.checkpoint })
  })

  it('refuses a bad checkpoint or limit', async () => {
    expect((await bo.req('GET', '/v1/pull?since=abc')).body.error).toBe('invalid-request')
    expect((await bo.req('GET', '/v1/pull?limit=0')).body.error).toBe('invalid-request')
    expect((await bo.req('GET', '/v1/pull?limit=999999')).body.error).toBe('invalid-request')
  })
})

describe('two agents edit the same case offline', () => {
  it('merges field by field; the first to reach the server wins a field both changed; the loser is in the audit trail', async () => {
    const id = id7()
    const base = caseDoc({ notes: 'first call', status: 'open', carrier: 'china-mobile' })
    const ins = await ana.push([{ mutationId: mid(), kind: 'case', id, op: 'insert', doc: base }])
    const baseVersion = ins.body.results[0].version
    // offline for a day: ana changes status and notes; bo changes status (differently) and carrier
    const a = await ana.push([
      patch('case', id, { status: 'waiting', notes: 'asked to check SMS filter' }, { status: 'open', notes: 'first call' }, baseVersion),
    ])
    expect(a.body.results[0].status).toBe('applied')
    const b = await bo.push([
      patch('case', id, { status: 'resolved', carrier: 'china-unicom' }, { status: 'open', carrier: 'china-mobile' }, baseVersion),
    ])
    expect(b.body.results[0]).toMatchObject({ status: 'conflict', conflicts: [{ field: 'status', kept: 'waiting', lost: 'resolved' }] })
    // both converge on the same record
    const seenByAna = await latest(ana, id)
    const seenByBo = await latest(bo, id)
    expect(seenByAna).toEqual(seenByBo)
    expect(seenByAna.doc).toMatchObject({
      status: 'waiting',
      notes: 'asked to check SMS filter',
      carrier: 'china-unicom',
      updatedBy: u.bo!.id,
    })
    // the lost value is kept in the audit trail, by the agent who lost it
    const { changes } = await lee.pullAll()
    const conflict = changes.find((c) => c.kind === 'event' && c.doc.entityId === id && c.doc.action === 'conflict')
    expect(conflict.doc).toMatchObject({
      agent: u.bo!.id,
      entity: 'case',
      caseId: id,
      changes: [{ field: 'status', from: 'waiting', to: 'resolved' }],
    })
    expect(syncEventSchema.safeParse(conflict.doc).success).toBe(true)
  })

  it('applies a field already at the new value without conflict; refuses unknown fields with 400', async () => {
    const id = id7()
    await ana.push([{ mutationId: mid(), kind: 'case', id, op: 'insert', doc: caseDoc() }])
    await ana.push([{ mutationId: mid(), kind: 'case', id, op: 'patch', fields: { status: 'waiting' }, base: { status: 'open' } }])
    const same = await bo.push([
      { mutationId: mid(), kind: 'case', id, op: 'patch', fields: { status: 'waiting' }, base: { status: 'open' } },
    ])
    expect(same.body.results[0].status).toBe('applied')
    const bad = await bo.push([{ mutationId: mid(), kind: 'case', id, op: 'patch', fields: { colour: 'red' }, base: { colour: null } }])
    expect(bad.status).toBe(400)
    expect(bad.body.details.issues[0]).toMatchObject({ path: ['changes', 0, 'fields', 'colour'] })
    const noBase = await bo.push([{ mutationId: mid(), kind: 'case', id, op: 'patch', fields: { notes: 'x' }, base: {} }])
    expect(noBase.status).toBe(400)
  })

  it('refuses a case number change to a number another case holds', async () => {
    const [x, y] = [id7(), id7()]
    const dx = caseDoc()
    const dy = caseDoc()
    await ana.push([
      { mutationId: mid(), kind: 'case', id: x, op: 'insert', doc: dx },
      { mutationId: mid(), kind: 'case', id: y, op: 'insert', doc: dy },
    ])
    const r = await ana.push([
      { mutationId: mid(), kind: 'case', id: x, op: 'patch', fields: { caseNumber: dy.caseNumber }, base: { caseNumber: dx.caseNumber } },
    ])
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', reason: 'case-number-taken' })
  })
})

describe('tombstones and append-only kinds', () => {
  it('a delete leaves a tombstone everyone pulls; later edits are refused; a stale delete is refused', async () => {
    const id = id7()
    const v1 = (await ana.push([{ mutationId: mid(), kind: 'case', id, op: 'insert', doc: caseDoc() }])).body.results[0].version
    await bo.push([{ mutationId: mid(), kind: 'case', id, op: 'patch', fields: { notes: 'more' }, base: { notes: '' } }])
    const stale = await ana.push([{ mutationId: mid(), kind: 'case', id, op: 'delete', baseVersion: v1 }])
    expect(stale.body.results[0]).toMatchObject({ status: 'rejected', reason: 'changed-since-base' })
    const current = (await latest(ana, id)).version
    const del = await ana.push([{ mutationId: mid(), kind: 'case', id, op: 'delete', baseVersion: current }])
    expect(del.body.results[0].status).toBe('applied')
    expect(await latest(bo, id)).toMatchObject({ id, deleted: true, doc: null })
    const patch = await bo.push([{ mutationId: mid(), kind: 'case', id, op: 'patch', fields: { notes: 'x' }, base: { notes: 'more' } }])
    expect(patch.body.results[0].reason).toBe('deleted')
    const again = await bo.push([{ mutationId: mid(), kind: 'case', id, op: 'delete', baseVersion: current }])
    expect(again.body.results[0].status).toBe('applied')
  })

  it('attempts, replies and events are only inserted', async () => {
    const caseId = id7()
    const attempt = id7()
    const reply = id7()
    const r = await ana.push([
      { mutationId: mid(), kind: 'case', id: caseId, op: 'insert', doc: caseDoc() },
      {
        mutationId: mid(),
        kind: 'attempt',
        id: attempt,
        op: 'insert',
        doc: { caseId, methodId: 'sms-blocking', status: 'failed', variantId: 'iphone', steps: ['a'], note: '', at: Date.now() - 5000 },
      },
      {
        mutationId: mid(),
        kind: 'reply',
        id: reply,
        op: 'insert',
        doc: {
          caseId,
          templateId: null,
          templateVersion: null,
          language: 'en',
          text: 'Hi',
          sentAt: Date.now() - 4000,
          promised: null,
          reviewId: null,
        },
      },
    ])
    expect(r.body.results.map((x: J) => x.status)).toEqual(['applied', 'applied', 'applied'])
    const p = await ana.push([
      { mutationId: mid(), kind: 'attempt', id: attempt, op: 'patch', fields: { note: 'x' }, base: { note: '' } },
      { mutationId: mid(), kind: 'reply', id: reply, op: 'delete', baseVersion: 1 },
    ])
    expect(p.body.results.map((x: J) => x.reason)).toEqual(['append-only', 'append-only'])
    expect((await latest(bo, attempt)).doc.agent).toBe(u.ana!.id)
  })
})

describe('reviews are owned', () => {
  it('claim, release, handover and close are checked against the stored owner and the role', async () => {
    const caseId = id7()
    const rid = id7()
    const cmd = (api: Api, command: string, args: object = {}) =>
      api.push([{ mutationId: mid(), kind: 'review', id: rid, op: 'command', command, args }])
    const reason = async (p: Promise<J>) => {
      const r = await p
      const x = r.body.results[0]
      return x.status === 'rejected' ? x.reason : x.status
    }
    await ana.push([
      { mutationId: mid(), kind: 'case', id: caseId, op: 'insert', doc: caseDoc() },
      { mutationId: mid(), kind: 'review', id: rid, op: 'insert', doc: reviewDoc(caseId, { owner: u.bo!.id }) },
    ])
    expect((await latest(bo, rid)).doc.owner).toBe(u.ana!.id) // the creator owns it, whatever the client said
    expect(await reason(cmd(bo, 'claim'))).toBe('review-owned-by-other')
    expect(
      await reason(
        bo.push([{ mutationId: mid(), kind: 'review', id: rid, op: 'patch', fields: { reference: 'X' }, base: { reference: 'BO-1' } }]),
      ),
    ).toBe('review-owned-by-other')
    expect(
      await reason(
        ana.push([{ mutationId: mid(), kind: 'review', id: rid, op: 'patch', fields: { state: 'closed' }, base: { state: 'open' } }]),
      ),
    ).toBe('review-command-required')
    expect(await reason(cmd(ana, 'release'))).toBe('applied')
    expect(
      await reason(
        bo.push([{ mutationId: mid(), kind: 'review', id: rid, op: 'patch', fields: { reference: 'X' }, base: { reference: 'BO-1' } }]),
      ),
    ).toBe('review-not-owned')
    expect(await reason(cmd(bo, 'claim'))).toBe('applied')
    expect(await reason(cmd(ana, 'handover', { toUserId: u.ana!.id, note: 'mine now' }))).toBe('review-owned-by-other')
    expect(await reason(cmd(lee, 'handover', { toUserId: '00000000-0000-4000-8000-000000000000', note: '' }))).toBe('unknown-user')
    expect(await reason(cmd(lee, 'handover', { toUserId: u.ana!.id, note: 'Bo is off tomorrow' }))).toBe('applied')
    expect(await reason(cmd(bo, 'close', { outcome: 'approved' }))).toBe('review-owned-by-other')
    expect(await reason(cmd(ana, 'close', { outcome: 'approved' }))).toBe('applied')
    expect(await reason(cmd(bo, 'claim'))).toBe('review-closed')
    const doc = (await latest(bo, rid)).doc
    expect(doc).toMatchObject({ owner: u.ana!.id, state: 'closed', outcome: 'approved', updatedBy: u.ana!.id })
    const { changes } = await bo.pullAll()
    const trail = changes.filter((c) => c.kind === 'event' && c.doc.entityId === rid).map((c) => [c.doc.action, c.doc.agent, c.doc.note])
    expect(trail).toEqual([
      ['released', u.ana!.id, ''],
      ['claimed', u.bo!.id, ''],
      ['handed-over', u.lee!.id, 'Bo is off tomorrow'],
      ['closed', u.ana!.id, ''],
    ])
    for (const c of changes.filter((c) => c.kind === 'event')) expect(syncEventSchema.safeParse(c.doc).success).toBe(true)
  })

  it('a bad command argument is a 400', async () => {
    const r = await ana.push([
      { mutationId: mid(), kind: 'review', id: id7(), op: 'command', command: 'close', args: { outcome: 'maybe' } },
    ])
    expect(r.status).toBe(400)
  })
})

describe('team settings and templates', () => {
  const template = (over: object = {}) => ({
    shortcut: 'bye',
    title: { en: 'Bye', 'zh-CN': '再见' },
    tags: [],
    body: { en: 'Bye', 'zh-CN': '再见' },
    methodId: null,
    variantId: null,
    enabled: true,
    builtIn: false,
    version: 1,
    ...over,
  })

  it('only leads and admins write them', async () => {
    const r = await ana.push([{ mutationId: mid(), kind: 'template', id: 'custom.bye', op: 'insert', doc: template() }])
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' })
    const s = await ana.push([
      {
        mutationId: mid(),
        kind: 'setting',
        id: 'slaSettings',
        op: 'insert',
        doc: { id: 'slaSettings', value: { expectedDays: 3, dueDays: 7, atRiskLeadDays: 1 } },
      },
    ])
    expect(s.body.results[0].reason).toBe('forbidden')
    const ok = await lee.push([
      { mutationId: mid(), kind: 'template', id: 'custom.bye', op: 'insert', doc: template() },
      {
        mutationId: mid(),
        kind: 'setting',
        id: 'slaSettings',
        op: 'insert',
        doc: { value: { expectedDays: 3, dueDays: 7, atRiskLeadDays: 1 } },
      },
    ])
    expect(ok.body.results.map((x: J) => x.status)).toEqual(['applied', 'applied'])
  })

  it('a setting is validated with its domain schema; an existing one keeps the team value (conflict)', async () => {
    const bad = await lee.push([
      {
        mutationId: mid(),
        kind: 'setting',
        id: 'slaSettings',
        op: 'insert',
        doc: { value: { expectedDays: 5, dueDays: 2, atRiskLeadDays: 1 } },
      },
    ])
    expect(bad.status).toBe(400)
    const unknown = await lee.push([{ mutationId: mid(), kind: 'setting', id: 'theme', op: 'insert', doc: { value: 'dark' } }])
    expect(unknown.status).toBe(400)
    const join = await lee.push([ins('setting', 'slaSettings', { value: { expectedDays: 2, dueDays: 5, atRiskLeadDays: 1 } })])
    expect(join.body.results[0]).toMatchObject({
      status: 'conflict',
      conflicts: [{ field: 'value', kept: { expectedDays: 3, dueDays: 7, atRiskLeadDays: 1 } }],
    })
    const sla = (expectedDays: number, dueDays: number) => ({ value: { expectedDays, dueDays, atRiskLeadDays: 1 } })
    const applied = await lee.push([patch('setting', 'slaSettings', sla(2, 5), sla(3, 7))])
    expect(applied.body.results[0].status).toBe('applied')
    const invalid = await lee.push([patch('setting', 'slaSettings', sla(9, 5), sla(2, 5))])
    expect(invalid.body.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid-doc' })
  })
})

describe('server time decides', () => {
  it('refuses instants more than 5 minutes ahead of the server clock', async () => {
    const ahead = await ana.push([
      { mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc: caseDoc({ createdAt: Date.now() + 10 * 60_000 }) },
    ])
    expect(ahead.body.results[0]).toMatchObject({
      status: 'rejected',
      reason: 'time-in-future',
      details: { maxInstant: expect.any(Number) },
    })
    const slightly = await ana.push([
      { mutationId: mid(), kind: 'case', id: id7(), op: 'insert', doc: caseDoc({ createdAt: Date.now() + 4 * 60_000 }) },
    ])
    expect(slightly.body.results[0].status).toBe('applied')
    const caseId = id7()
    await ana.push([{ mutationId: mid(), kind: 'case', id: caseId, op: 'insert', doc: caseDoc() }])
    const ev = await ana.push([
      { mutationId: mid(), kind: 'event', id: id7(), op: 'insert', doc: eventDoc(caseId, { at: Date.now() + 3_600_000 }) },
    ])
    expect(ev.body.results[0].reason).toBe('time-in-future')
  })

  it('every response carries serverTime', async () => {
    for (const r of [
      await ana.pull(),
      await ana.req('GET', '/v1/team'),
      await ana.req('GET', '/v1/nope'),
      await new Api(url).req('GET', '/v1/team'),
    ]) {
      expect(typeof r.body.serverTime).toBe('number')
    }
  })
})
