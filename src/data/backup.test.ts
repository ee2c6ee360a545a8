import { ProblemError } from '@/domain/result'
import Dexie from 'dexie'
import { exportDB } from 'dexie-export-import'
import { afterEach, describe, expect, it } from 'vitest'
import {
  BACKUP_APP,
  backupFileName,
  checkBackup,
  checkBackupFile,
  createBackup,
  MAX_BACKUP_FILE_BYTES,
  restoreBackup,
  restoreProblem,
  tableCounts,
  type CheckedBackup,
} from './backup'
import { SCHEMA_V1, TABLE_NAMES, type ConsoleDb } from './db'
import { fixture, FIXTURE_TABLES, T0, writeFixture } from '@test/fixture'
import { caseTimeline } from './timeline'
import { testDb } from '@test/db'

const dbs: Dexie[] = []
afterEach(async () => {
  for (const d of dbs.splice(0)) {
    d.close()
    await Dexie.delete(d.name)
  }
})
function track<T extends Dexie>(d: T): T {
  dbs.push(d)
  return d
}

const INFO = { appVersion: '0.1.0', now: T0 + 86_400_000, agent: 'Lin' }
const CTX = { agent: 'Mei', now: T0 + 90_000_000 }

/** Every row of every table: what "unchanged" is compared against. */
async function snapshot(db: ConsoleDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const t of TABLE_NAMES) out[t] = await db.table(t).toArray()
  return out
}

async function sourceWithFixture(): Promise<ConsoleDb> {
  const db = track(testDb())
  await writeFixture(db, fixture())
  return db
}

/** A second database holding different data, the restore target. */
async function targetWithOtherData(): Promise<ConsoleDb> {
  const db = track(testDb())
  await db.transaction('rw', db.cases, db.events, db.settings, async () => {
    const id = await db.cases.add({
      ...fixture().cases[1]!,
      id: undefined,
      caseNumber: 'VC-20261201-NEW1',
      createdAt: T0 + 99_000_000,
      updatedAt: T0 + 99_000_000,
    })
    await db.events.add({
      at: T0 + 99_000_000,
      agent: 'Mei',
      entity: 'case',
      entityId: String(id),
      caseId: id as number,
      action: 'created',
      changes: [],
      note: '',
    })
    await db.settings.put({ key: 'prefs', value: { agentName: 'Mei', uiLocale: 'en', theme: 'light' } })
  })
  return db
}

async function expectRefused(text: string, key: string, target?: ConsoleDb): Promise<void> {
  const db = target ?? (await targetWithOtherData())
  const before = await snapshot(db)
  const r = await checkBackup(db, text)
  expect(r.ok, `expected refusal ${key}`).toBe(false)
  if (!r.ok) expect(r.error.key).toBe(`backup.problem.${key}`)
  expect(await snapshot(db)).toEqual(before)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary places of the file
const edit = (text: string, f: (j: Record<string, any>) => void): string => {
  const j = JSON.parse(text)
  f(j)
  return JSON.stringify(j)
}

describe('createBackup', () => {
  it('writes the dexie format with the app version, schema version, time and agent in front', async () => {
    const db = await sourceWithFixture()
    const text = await createBackup(db, INFO)
    expect(text.startsWith('{"console":')).toBe(true)
    const j = JSON.parse(text)
    expect(j.console).toEqual({ app: BACKUP_APP, appVersion: '0.1.0', schemaVersion: 3, createdAt: INFO.now, agent: 'Lin' })
    expect(j.formatName).toBe('dexie')
    expect(j.data.databaseVersion).toBe(3)
    expect(Object.fromEntries(j.data.tables.map((t: { name: string; rowCount: number }) => [t.name, t.rowCount]))).toEqual(
      Object.fromEntries(FIXTURE_TABLES.map((t) => [t, fixture()[t].length])),
    )
    expect(backupFileName('2026-11-24')).toBe('console-backup-2026-11-24.json')
  })
})

describe('restore', () => {
  it('round trip: a backup restored into another database reproduces every record, plus one "restored" event', async () => {
    const source = await sourceWithFixture()
    const text = await createBackup(source, INFO)
    const target = await targetWithOtherData()
    const r = await checkBackup(target, text)
    expect(r.ok).toBe(true)
    const checked = (r as { ok: true; value: CheckedBackup }).value
    expect(checked.meta.createdAt).toBe(INFO.now)
    expect(checked.sourceVersion).toBe(3)
    expect(checked.counts).toEqual(await tableCounts(source))

    await restoreBackup(target, checked, CTX)
    const after = await snapshot(target)
    // every record as the source holds it, sync ids included
    const f = await snapshot(source)
    for (const t of FIXTURE_TABLES) {
      if (t === 'events') continue
      expect(after[t], t).toEqual(f[t])
    }
    expect(after['events']!.slice(0, -1)).toEqual(f['events'])
    expect(after['events']!.at(-1)).toMatchObject({ entity: 'backup', action: 'restored', agent: 'Mei', at: CTX.now, caseId: null })
    // the restored data works with the indexes
    expect((await caseTimeline(target, 1)).map((e) => e.id)).toEqual([4, 2, 1])
    expect(await target.cases.where('caseNumber').equals('VC-20261201-NEW1').count()).toBe(0)
  })

  it('leaves no staging database behind, and clears one an interrupted check left', async () => {
    const source = await sourceWithFixture()
    const target = await targetWithOtherData()
    const stale = new Dexie(`${target.name}-restore-stale`)
    stale.version(1).stores({ x: '++id' })
    await stale.open()
    stale.close()
    await checkBackup(target, await createBackup(source, INFO))
    await checkBackup(target, 'nonsense')
    const names = await Dexie.getDatabaseNames()
    expect(names.filter((n) => n.includes('-restore-'))).toEqual([])
  })

  it('refuses a file larger than any backup by its size, before reading it, naming the limit', async () => {
    const target = await targetWithOtherData()
    const before = await snapshot(target)
    let reads = 0
    const huge = {
      size: MAX_BACKUP_FILE_BYTES + 1,
      text: (): Promise<string> => {
        reads++
        return Promise.resolve('{}')
      },
    }
    expect(await checkBackupFile(target, huge)).toEqual({ ok: false, error: { key: 'backup.problem.tooLarge', params: { mb: 805 } } })
    expect(reads, 'the file was read').toBe(0)
    expect(await snapshot(target)).toEqual(before)
    // at the limit the file is read and checked as usual
    const text = await createBackup(await sourceWithFixture(), INFO)
    const r = await checkBackupFile(target, { size: MAX_BACKUP_FILE_BYTES, text: () => Promise.resolve(text) })
    expect(r.ok).toBe(true)
    // a file that cannot be read is refused in words
    const broken = { size: 10, text: () => Promise.reject(new DOMException('gone', 'NotReadableError')) }
    expect(await checkBackupFile(target, broken)).toEqual({
      ok: false,
      error: { key: 'backup.problem.unreadable', params: { detail: 'NotReadableError: gone' } },
    })
  })

  it('refuses a corrupt file and changes nothing', async () => {
    // another file chosen by mistake (an export's CSV, an XLSX read as text) is not "damaged": it is not a backup
    await expectRefused('this is not a backup', 'notBackup')
    await expectRefused('\uFEFFCase number,UID\r\nVC-20261124-7K3Q,35****34\r\n', 'notBackup')
    await expectRefused('PK\u0003\u0004\u0014\u0000binary', 'notBackup')
    await expectRefused('{"console": {"app": "verification-code-console"', 'notJson')
    await expectRefused('', 'empty')
    await expectRefused('{"hello": "world"}', 'notBackup')
    await expectRefused('[1,2,3]', 'notBackup')
  })

  it('refuses a truncated file wherever it was cut, and changes nothing', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    const target = await targetWithOtherData()
    for (const at of [1, 10, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 40, text.length - 1]) {
      await expectRefused(text.slice(0, at), 'notJson', target)
    }
  })

  it('refuses row counts that differ from the declared counts', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    await expectRefused(
      edit(text, (j) => {
        j.data.tables.find((t: { name: string }) => t.name === 'attempts').rowCount = 2
      }),
      'countMismatch',
    )
    await expectRefused(
      edit(text, (j) => {
        j.data.data.find((t: { tableName: string }) => t.tableName === 'cases').rows.pop()
      }),
      'countMismatch',
    )
  })

  it('refuses a newer, unknown or inconsistent schema version', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    await expectRefused(
      edit(text, (j) => ((j.data.databaseVersion = 4), (j.console.schemaVersion = 4))),
      'newerVersion',
    )
    await expectRefused(
      edit(text, (j) => ((j.data.databaseVersion = 0), (j.console.schemaVersion = 0))),
      'notBackup',
    )
    await expectRefused(
      edit(text, (j) => (j.console.schemaVersion = 1)),
      'inconsistent',
    )
    await expectRefused(
      edit(text, (j) => delete j.console),
      'notBackup',
    )
    await expectRefused(
      edit(text, (j) => (j.console.app = 'other-app')),
      'notBackup',
    )
  })

  it('refuses a missing or extra table and a changed primary key', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    await expectRefused(
      edit(text, (j) => {
        j.data.tables = j.data.tables.filter((t: { name: string }) => t.name !== 'reviews')
        j.data.data = j.data.data.filter((t: { tableName: string }) => t.tableName !== 'reviews')
      }),
      'tables',
    )
    await expectRefused(
      edit(text, (j) => {
        j.data.tables.push({ name: 'secrets', schema: '++id', rowCount: 0 })
        j.data.data.push({ tableName: 'secrets', inbound: true, rows: [] })
      }),
      'tables',
    )
    await expectRefused(
      edit(text, (j) => (j.data.tables.find((t: { name: string }) => t.name === 'cases').schema = 'caseNumber,id')),
      'primaryKey',
    )
  })

  it('refuses a record that is not what its table holds, naming the table and field', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    const target = await targetWithOtherData()
    const before = await snapshot(target)
    const r = await checkBackup(
      target,
      edit(text, (j) => (j.data.data.find((t: { tableName: string }) => t.tableName === 'cases').rows[1].status = 'deleted-by-hacker')),
    )
    expect(r).toEqual({
      ok: false,
      error: { key: 'backup.problem.invalidRecord', params: { table: 'cases', index: 2, field: 'status' } },
    })
    expect(await snapshot(target)).toEqual(before)
    await expectRefused(
      edit(text, (j) => (j.data.data.find((t: { tableName: string }) => t.tableName === 'reviews').rows[0].submittedAt = 'soon')),
      'invalidRecord',
    )
    await expectRefused(
      edit(text, (j) => (j.data.data.find((t: { tableName: string }) => t.tableName === 'events').rows[0].entity = 'wallet')),
      'invalidRecord',
    )
    await expectRefused(
      edit(text, (j) => delete j.data.data.find((t: { tableName: string }) => t.tableName === 'cases').rows[0].id),
      'badRow',
    )
  })

  it('refuses duplicate keys and records that belong to no case', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    await expectRefused(
      edit(text, (j) => {
        const cases = j.data.data.find((t: { tableName: string }) => t.tableName === 'cases')
        cases.rows[1].caseNumber = cases.rows[0].caseNumber
      }),
      'duplicate',
    )
    await expectRefused(
      edit(text, (j) => {
        const cases = j.data.data.find((t: { tableName: string }) => t.tableName === 'cases')
        cases.rows[1].id = cases.rows[0].id
      }),
      'duplicate',
    )
    await expectRefused(
      edit(text, (j) => (j.data.data.find((t: { tableName: string }) => t.tableName === 'attempts').rows[0].caseId = 77)),
      'orphan',
    )
  })

  it('refuses value annotations that could reach object prototypes, and leaves them untouched', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    await expectRefused(
      edit(
        text,
        (j) =>
          (j.data.data.find((t: { tableName: string }) => t.tableName === 'cases').rows[0].$types = {
            '__proto__.toString': 'arrayNonindexKeys',
          }),
      ),
      'badRow',
    )
    await expectRefused(
      edit(text, (j) => (j.data.data.find((t: { tableName: string }) => t.tableName === 'settings').rows[0].$types = { value: 'blob' })),
      'badRow',
    )
    await expectRefused(text.replace('"caseNumber"', '"__proto__":{"polluted":1},"caseNumber"'), 'badRow')
    expect(typeof Object.prototype.toString).toBe('function')
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('upgrades an older (v1) backup through the same upgrade as the database', async () => {
    const name = `v1-source-${Math.random()}`
    const v1 = track(new Dexie(name))
    v1.version(1).stores(SCHEMA_V1)
    const f = fixture()
    f.events.push({
      id: 7,
      at: T0 + 900_000,
      agent: 'Lin',
      entity: 'attempt',
      entityId: '2',
      caseId: null,
      action: 'recorded',
      changes: [],
      note: '',
    })
    f.cases.push({ ...f.cases[1]!, id: 4, caseNumber: 'VC-20261120-LEG1', deletedAt: null as unknown as number })
    await writeFixture(v1, f)
    const body = await (await exportDB(v1)).text()
    const text = `{"console":${JSON.stringify({ app: BACKUP_APP, appVersion: '0.0.9', schemaVersion: 1, createdAt: T0, agent: 'Lin' })},${body.slice(1)}`

    const target = await targetWithOtherData()
    const r = await checkBackup(target, text)
    expect(r.ok).toBe(true)
    const checked = (r as { ok: true; value: CheckedBackup }).value
    expect(checked.sourceVersion).toBe(1)
    await restoreBackup(target, checked, CTX)
    expect((await target.events.get(7))?.caseId).toBe(1)
    expect('deletedAt' in ((await target.cases.get(4)) ?? {})).toBe(false)
    expect((await caseTimeline(target, 1)).map((e) => e.id)).toEqual([4, 7, 2, 1])
    expect(await target.cases.count()).toBe(4)
  })

  it('is all or nothing: a failure half way through the restore leaves every record as it was', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    const target = await targetWithOtherData()
    const r = await checkBackup(target, text)
    expect(r.ok).toBe(true)
    const before = await snapshot(target)
    // the last table written fails as a full disk would
    target.events.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError')
    })
    const err = await restoreBackup(target, (r as { ok: true; value: CheckedBackup }).value, CTX).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProblemError)
    expect(restoreProblem(err)).toEqual({ key: 'backup.restoreQuota' })
    expect(await snapshot(target)).toEqual(before)
  })
})

describe('restore runs the secret guard and the forms’ length limits (issue 15)', () => {
  const rowsOf = (j: Record<string, any>, table: string) => j.data.data.find((t: { tableName: string }) => t.tableName === table).rows // eslint-disable-line @typescript-eslint/no-explicit-any
  const HOSTILE = 'code is 482913, key JBSWY3DPEHPK3PXP, ID 11010519491231002X'

  it('finds codes, keys and ID numbers in free text, refuses without consent, and takes them out with it', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    const withSecrets = edit(text, (j) => {
      rowsOf(j, 'cases')[0].notes = `User said: ${HOSTILE}`
      rowsOf(j, 'reviews')[0].uid = '35001234 user says 482913'
    })
    const target = await targetWithOtherData()
    const r = await checkBackup(target, withSecrets)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.secrets.count).toBe(4)
    expect(r.value.secrets.fields).toEqual(
      expect.arrayContaining([
        { fieldKey: 'case.fields.notes', count: 3 },
        { fieldKey: 'case.fields.uid', count: 1 },
      ]),
    )
    const before = await snapshot(target)
    const refused = await restoreBackup(target, r.value, CTX).catch((e: ProblemError) => e.problem)
    expect(refused).toEqual({ key: 'backup.problem.secretsNotRemoved', params: { count: 4 } })
    expect(await snapshot(target)).toEqual(before)

    await restoreBackup(target, r.value, { ...CTX, removeSecrets: { language: 'en' } })
    const stored = JSON.stringify(await snapshot(target))
    for (const s of ['482913', 'JBSWY3DPEHPK3PXP', '11010519491231002X']) expect(stored).not.toContain(s)
    const first = (await target.cases.toArray()).find((c) => c.notes.startsWith('User said'))
    expect(first?.notes).toBe('User said: code is [verification code removed], key [authenticator key removed], ID [ID number removed]')
    // the UID field's 40 characters cannot hold the note: the code is deleted outright
    expect((await target.reviews.toArray()).map((x) => x.uid)).toContain('35001234 user says')
    const restored = (await target.events.toArray()).find((e) => e.action === 'restored')
    expect(restored?.note).toContain('4 verification codes, authenticator keys or ID numbers taken out')
    // the checked backup itself is left as it was (a second restore asks again)
    expect(JSON.stringify(r.value.rows)).toContain('482913')
  })

  it('refuses a text longer than its form allows, naming the field', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    const r = await checkBackup(
      await targetWithOtherData(),
      edit(text, (j) => (rowsOf(j, 'cases')[1].notes = 'x'.repeat(100_000))),
    )
    expect(r).toEqual({
      ok: false,
      error: { key: 'backup.problem.textTooLong', params: { table: 'cases', index: 2, fieldKey: 'case.fields.notes', max: 20_000 } },
    })
  })

  it('refuses a secret in an identifier, where taking it out would break the record', async () => {
    const text = await createBackup(await sourceWithFixture(), INFO)
    await expectRefused(
      edit(text, (j) => (rowsOf(j, 'cases')[0].caseNumber = '11010519491231002X')),
      'secretInKey',
    )
  })
})
