import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventRecord } from '@/domain/model'
import {
  ConsoleDb,
  primaryKeySpec,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_VERSION,
  SCHEMAS,
  SYNC_ID_TABLES,
  SYNC_TABLE_NAMES,
  TABLE_NAMES,
  upgradeToV2,
} from './db'
import { fixture, FIXTURE_TABLES, T0, writeFixture, type Fixture } from '@test/fixture'
import { caseTimeline } from './timeline'

const open: Dexie[] = []
afterEach(async () => {
  const dbs = open.splice(0)
  for (const db of dbs) db.close()
  for (const name of new Set(dbs.map((d) => d.name))) await Dexie.delete(name)
})

let n = 0
const freshName = (): string => `migration-${Date.now()}-${n++}`

/** A database exactly as a v1 build left it: a bare Dexie that knows only SCHEMA_V1. */
async function v1Database(name: string, data: Fixture): Promise<void> {
  const v1 = new Dexie(name)
  v1.version(1).stores(SCHEMA_V1)
  await writeFixture(v1, data)
  expect(v1.verno).toBe(1)
  v1.close()
}

async function openCurrent(name: string): Promise<ConsoleDb> {
  const db = new ConsoleDb(name)
  open.push(db)
  await db.open()
  return db
}

/** Legacy rows the upgrade must repair, added to the realistic fixture. */
function v1WithLegacyRows(): Fixture {
  const f = fixture()
  f.cases.push({ ...f.cases[1]!, id: 4, caseNumber: 'VC-20261120-LEG1', deletedAt: null as unknown as number })
  f.events.push(
    // events written without their case (caseId null) by an older build
    {
      id: 7,
      at: T0 + 900_000,
      agent: 'Lin',
      entity: 'attempt',
      entityId: '2',
      caseId: null,
      action: 'recorded',
      changes: [{ field: 'carrier-sms.status', from: 'not-tried', to: 'suggested' }],
      note: '',
    },
    { id: 8, at: T0 + 905_000, agent: 'Lin', entity: 'reply', entityId: '1', caseId: null, action: 'sent', changes: [], note: '' },
    {
      id: 9,
      at: T0 + 61_000,
      agent: 'Mei',
      entity: 'case',
      entityId: '2',
      caseId: null,
      action: 'updated',
      changes: [{ field: 'carrier', from: null, to: 'other' }],
      note: '',
    },
    // an event for a record that no longer exists stays detached
    { id: 10, at: T0 + 1_000, agent: 'Lin', entity: 'attempt', entityId: '999', caseId: null, action: 'recorded', changes: [], note: '' },
  )
  return f
}

describe('schema migrations', () => {
  it('declares every version, the newest being the one the app opens', async () => {
    expect(Object.keys(SCHEMAS).map(Number)).toEqual([1, 2, 3])
    expect(SCHEMA_VERSION).toBe(3)
    const db = await openCurrent(freshName())
    expect(db.verno).toBe(SCHEMA_VERSION)
    expect(db.tables.map((t) => t.name).sort()).toEqual([...TABLE_NAMES, ...SYNC_TABLE_NAMES].sort())
    // v3 adds the unique syncId index to the tables whose records have a client-made wire id
    for (const name of SYNC_ID_TABLES) expect(db.table(name).schema.idxByName['syncId']?.unique, name).toBe(true)
    // v2 adds the [caseId+at] index without touching any primary key
    expect(db.events.schema.idxByName['[caseId+at]']).toBeDefined()
    for (const name of TABLE_NAMES) expect(db.table(name).schema.primKey.src).toBe(primaryKeySpec(SCHEMAS[1]![name]!))
  })

  it('keeps every v1 record, with its meaning, when a v1 database is opened by the current build', async () => {
    const name = freshName()
    const before = fixture()
    await v1Database(name, before)
    const db = await openCurrent(name)
    expect(db.verno).toBe(3)
    for (const table of FIXTURE_TABLES) {
      const rows = await db.table(table).toArray()
      expect(rows.map(withoutSyncMeta), table).toEqual(before[table])
    }
    await expectSyncMeta(db)
    // indexes from v1 still answer the look-ups the app makes
    expect((await db.cases.where('uid').equals('35001234').first())?.caseNumber).toBe('VC-20261124-7K3Q')
    expect(await db.cases.where('phoneRev').startsWith('0008').primaryKeys()).toEqual([1])
    expect(await db.cases.where('channels').equals('authenticator').primaryKeys()).toEqual([2])
    expect(await db.cases.where('deletedAt').above(0).primaryKeys()).toEqual([3])
    expect(await db.templateVersions.where('[templateId+version]').equals(['method.carrier-sms.china-mobile', 2]).count()).toBe(1)
    expect(await db.attempts.where('[caseId+methodId]').equals([1, 'carrier-sms']).count()).toBe(1)
  })

  it('builds the new [caseId+at] index over existing events, so the timeline reads newest first', async () => {
    const name = freshName()
    await v1Database(name, fixture())
    const db = await openCurrent(name)
    const timeline = await caseTimeline(db, 1)
    expect(timeline.map((e) => e.id)).toEqual([4, 2, 1])
    expect(timeline.every((e, i, all) => i === 0 || all[i - 1]!.at >= e.at)).toBe(true)
  })

  it('reattaches events that lost their case and clears non-time deletedAt values', async () => {
    const name = freshName()
    const before = v1WithLegacyRows()
    await v1Database(name, before)
    const db = await openCurrent(name)
    const byId = new Map((await db.events.toArray()).map((e) => [e.id, e] as const))
    expect(byId.get(7)?.caseId).toBe(1) // attempt 2 belongs to case 1
    expect(byId.get(8)?.caseId).toBe(1) // reply 1 belongs to case 1
    expect(byId.get(9)?.caseId).toBe(2) // a case event names its case
    expect(byId.get(10)?.caseId).toBeNull() // nothing to attach to
    expect(byId.get(6)?.caseId).toBeNull() // settings events stay detached
    // nothing else about those events changed
    for (const e of before.events) {
      const { caseId: _a, ...rest } = withoutSyncMeta(byId.get(e.id!) as EventRecord)
      const { caseId: _b, ...expected } = e
      expect(rest).toEqual(expected)
    }
    expect((await caseTimeline(db, 1)).map((e) => e.id)).toEqual([4, 8, 7, 2, 1])

    const legacy = await db.cases.get(4)
    expect(legacy).toBeDefined()
    expect('deletedAt' in legacy!).toBe(false)
    expect((await db.cases.get(3))?.deletedAt).toBe(T0 + 7_200_000)
    expect(await db.cases.where('deletedAt').above(0).primaryKeys()).toEqual([3])
  })

  it('opens an already-current database without changing it', async () => {
    const name = freshName()
    const first = await openCurrent(name)
    await writeFixture(first, fixture())
    const written = await Promise.all(FIXTURE_TABLES.map((t) => first.table(t).toArray()))
    first.close()
    const again = await openCurrent(name)
    for (const [i, table] of FIXTURE_TABLES.entries()) expect(await again.table(table).toArray(), table).toEqual(written[i])
  })

  it('v2 → v3: every record kept (audit trail included) with a unique syncId, rev 1 and no server version; look-ups work', async () => {
    const name = freshName()
    const before = fixture()
    const v2 = new Dexie(name)
    v2.version(1).stores(SCHEMA_V1)
    v2.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2)
    await v2.open()
    await writeFixture(v2, before)
    const v2Rows = await Promise.all(FIXTURE_TABLES.map((t) => v2.table(t).toArray()))
    v2.close()

    const db = await openCurrent(name)
    expect(db.verno).toBe(3)
    for (const [i, table] of FIXTURE_TABLES.entries()) {
      expect((await db.table(table).toArray()).map(withoutSyncMeta), table).toEqual(v2Rows[i])
    }
    await expectSyncMeta(db)
    expect(await db.events.count()).toBe(before.events.length)
    // the look-ups the app makes still answer from their indexes
    expect((await db.cases.where('uid').equals('35001234').first())?.caseNumber).toBe('VC-20261124-7K3Q')
    expect(await db.cases.where('phoneRev').startsWith('0008').primaryKeys()).toEqual([1])
    expect(await db.cases.where('emailLower').startsWith(before.cases[0]!.emailLower!.slice(0, 3)).count()).toBeGreaterThan(0)
    expect(await db.cases.where('caseNumber').equals('VC-20261124-7K3Q').count()).toBe(1)
    expect((await caseTimeline(db, 1)).map((e) => e.id)).toEqual([4, 2, 1])
    // and each record can be found by its wire id
    const c = (await db.cases.get(1))!
    expect((await db.cases.where('syncId').equals(c.syncId!).first())?.id).toBe(1)
    // nothing is queued by an upgrade
    expect(await db.outbox.count()).toBe(0)
  })
})

const SYNC_META = ['syncId', 'rev', 'serverVersion'] as const

function withoutSyncMeta<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>
  for (const k of SYNC_META) delete out[k]
  return out as T
}

/** Every row of the synced tables has a distinct UUIDv7 syncId, rev 1 and serverVersion null. */
async function expectSyncMeta(db: ConsoleDb): Promise<void> {
  const seen = new Set<string>()
  for (const table of SYNC_ID_TABLES) {
    for (const row of (await db.table(table).toArray()) as { syncId: string; rev: number; serverVersion: unknown }[]) {
      expect(row.syncId, table).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(row.rev).toBe(1)
      expect(row.serverVersion).toBeNull()
      seen.add(row.syncId)
    }
  }
  const total = (await Promise.all(SYNC_ID_TABLES.map((t) => db.table(t).count()))).reduce((a, b) => a + b, 0)
  expect(seen.size).toBe(total)
}
