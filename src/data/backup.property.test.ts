import Dexie from 'dexie'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkBackup, createBackup, restoreBackup, type BackupProblemKey } from './backup'
import { TABLE_NAMES, type ConsoleDb } from './db'
import { fixture, T0, writeFixture } from '@test/fixture'
import { testDb } from '@test/db'

/**
 * Fuzzed backup files: whatever the bytes, checking a file either accepts it (and then it restores and
 * round-trips) or refuses it with a known, translated reason. It never throws and never changes the data.
 */

const KNOWN: BackupProblemKey[] = [
  'backup.problem.empty',
  'backup.problem.tooLarge',
  'backup.problem.tooManyChars',
  'backup.problem.textTooLong',
  'backup.problem.secretInKey',
  'backup.problem.notJson',
  'backup.problem.notBackup',
  'backup.problem.inconsistent',
  'backup.problem.newerVersion',
  'backup.problem.unknownVersion',
  'backup.problem.tables',
  'backup.problem.primaryKey',
  'backup.problem.countMismatch',
  'backup.problem.badRow',
  'backup.problem.invalidRecord',
  'backup.problem.duplicate',
  'backup.problem.orphan',
]
const INFO = { appVersion: '0.1.0', now: T0 + 86_400_000, agent: 'Lin' }

let target: ConsoleDb
let valid: string
let before: Record<string, unknown[]>

async function snapshot(db: ConsoleDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const t of TABLE_NAMES) out[t] = await db.table(t).toArray()
  return out
}

beforeAll(async () => {
  const source = testDb()
  await writeFixture(source, fixture())
  valid = await createBackup(source, INFO)
  source.close()
  await Dexie.delete(source.name)
  target = testDb()
  await target.cases.add({ ...fixture().cases[0]!, id: 50, caseNumber: 'VC-20261201-KEEP' })
  before = await snapshot(target)
})
afterAll(async () => {
  target.close()
  await Dexie.delete(target.name)
})

/** Checks one candidate file: refused with a known key, or accepted and consistent. Data untouched either way. */
async function judge(text: string): Promise<'refused' | 'accepted'> {
  const r = await checkBackup(target, text)
  expect(await snapshot(target)).toEqual(before)
  if (!r.ok) {
    expect(KNOWN, `unexpected refusal ${r.error.key} ${JSON.stringify(r.error.params)}`).toContain(r.error.key)
    return 'refused'
  }
  // accepted: restoring and backing up again yields the same rows (restore into a scratch database)
  const scratch = testDb()
  try {
    const secrets = r.value.secrets.count > 0
    // a code, key or ID number the mutation made is taken out (with consent) and nothing of it is stored
    await restoreBackup(scratch, r.value, {
      agent: 'Fuzz',
      now: T0 + 99_000_000,
      ...(secrets ? { removeSecrets: { language: 'en' } } : {}),
    })
    const again = await checkBackup(scratch, await createBackup(scratch, INFO))
    expect(again.ok).toBe(true)
    if (again.ok && secrets) expect(again.value.secrets.count).toBe(0)
    else if (again.ok) {
      for (const t of TABLE_NAMES) {
        const rows = t === 'events' ? again.value.rows[t].slice(0, -1) : again.value.rows[t]
        expect(rows, t).toEqual(r.value.rows[t])
      }
    }
  } finally {
    scratch.close()
    await Dexie.delete(scratch.name)
  }
  return 'accepted'
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/** Every path in a JSON tree (objects and arrays), for picking one to mutate. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix)
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out))
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out)
  return out
}

function mutate(text: string, kind: number, pick: number, replacement: Json): string {
  const root = JSON.parse(text) as Json
  const all = paths(root).filter((p) => p.length > 0)
  const path = all[pick % all.length]!
  let parent: Json = root
  for (const seg of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[seg]!
  const last = path.at(-1)!
  const container = parent as Record<string | number, Json> & Json[]
  switch (kind % 4) {
    case 0: // replace a value
      container[last] = replacement
      break
    case 1: // remove a member or element
      if (Array.isArray(container)) container.splice(Number(last), 1)
      else delete container[last]
      break
    case 2: // duplicate an array element / rename a key
      if (Array.isArray(container)) container.splice(Number(last), 0, structuredClone(container[Number(last)]!))
      else {
        container[`${String(last)}_x`] = container[last]!
        delete container[last]
      }
      break
    default: // change a number a little, or a string's text
      if (typeof container[last] === 'number') container[last] = (container[last] as number) + 1
      else if (typeof container[last] === 'string') container[last] = `${container[last] as string}!`
      else container[last] = replacement
  }
  return JSON.stringify(root)
}

describe('backup import under fuzzed input', () => {
  it('refuses arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => {
        expect(await judge(s)).toBe('refused')
      }),
      { numRuns: 150 },
    )
  })

  it('refuses arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (v) => {
        expect(await judge(JSON.stringify(v))).toBe('refused')
      }),
      { numRuns: 150 },
    )
  })

  it('refuses dexie-shaped JSON with arbitrary tables and rows', async () => {
    const table = fc.record({
      name: fc.constantFrom(...TABLE_NAMES, 'x'),
      schema: fc.constantFrom('++id', 'id', 'key', '&id'),
      rowCount: fc.nat(3),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(table, { maxLength: 9 }),
        fc.array(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }), { maxLength: 9 }),
        fc.integer({ min: -1, max: 4 }),
        async (tables, rows, version) => {
          const file = {
            console: { app: 'verification-code-console', appVersion: '0', schemaVersion: version, createdAt: T0, agent: 'x' },
            formatName: 'dexie',
            formatVersion: 1,
            data: {
              databaseName: 'x',
              databaseVersion: version,
              tables,
              data: tables.map((t, i) => ({ tableName: t.name, inbound: true, rows: rows[i] ?? [] })),
            },
          }
          expect(await judge(JSON.stringify(file))).toBe('refused')
        },
      ),
      { numRuns: 150 },
    )
  })

  it('refuses a row whose sync meta is malformed (found by the mutation property below)', async () => {
    for (const [field, bad] of [
      ['syncId', { '': [] }],
      ['syncId', 'not-a-uuid'],
      ['rev', -1],
      ['serverVersion', '7'],
    ] as const) {
      const file = JSON.parse(valid) as { data: { data: { tableName: string; rows: Record<string, unknown>[] }[] } }
      const cases = file.data.data.find((t) => t.tableName === 'cases')!
      expect(cases.rows[0]!.syncId, 'the fixture backup carries sync meta').toEqual(expect.any(String))
      cases.rows[0]![field] = bad
      expect(await judge(JSON.stringify(file)), field).toBe('refused')
    }
  })

  it('accepts and round-trips, or refuses with a reason, every mutation of a valid backup', async () => {
    const outcomes = { refused: 0, accepted: 0 }
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 2 }), async (kind, pick, replacement) => {
        outcomes[await judge(mutate(valid, kind, pick, replacement as Json))]++
      }),
      { numRuns: 300 },
    )
    // both branches are exercised (harmless edits such as a note's text are accepted)
    expect(outcomes.refused).toBeGreaterThan(0)
    expect(outcomes.accepted).toBeGreaterThan(0)
    // 300 checks and restores (about 17 s on an idle machine), each running the secret guard over every text
    // twice (the check and the data layer's hooks): more room than the default 20 s on a busy shared machine
  }, 180_000)

  it('refuses every truncated file, with or without a stray character at the cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: valid.length - 1 }),
        fc.constantFrom('', '}', ']', '"', ',', '\u0000'),
        async (at, insert) => {
          const candidate = valid.slice(0, at) + insert
          const result = await judge(candidate)
          // cutting the closing brace and typing it again is the one way back to the original
          if (candidate !== valid) expect(result).toBe('refused')
        },
      ),
      { numRuns: 150 },
    )
  })
})
