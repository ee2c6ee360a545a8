import { afterEach, describe, expect, it } from 'vitest'
import { describeEvent } from '@/domain/audit/describe'
import { eventRecordSchema } from '@/domain/records'
import type { ConsoleDb } from './db'
import { eventsForCase } from './events'
import { recentFullExports, recordFullExport } from './exportAudit'
import { testDb } from '@test/db'

let db: ConsoleDb
const T = Date.UTC(2026, 10, 24, 6)
afterEach(() => db?.close())

describe('recordFullExport', () => {
  it('records who, when, the format and the filter of a bulk export', async () => {
    db = testDb()
    const filter = { from: '2026-11-01', to: null, statuses: ['open'], includeTrashed: false }
    await recordFullExport(db, { format: 'xlsx', caseId: null, filter, cases: 42, tables: ['cases', 'reviews'] }, { agent: 'Lin', now: T })
    const [e] = await recentFullExports(db)
    expect(e).toMatchObject({
      at: T,
      agent: 'Lin',
      entity: 'export',
      action: 'full',
      caseId: null,
      changes: [
        { field: 'format', from: null, to: 'xlsx' },
        { field: 'filter', from: null, to: filter },
        { field: 'tables', from: null, to: ['cases', 'reviews'] },
        { field: 'cases', from: null, to: 42 },
      ],
    })
    expect(eventRecordSchema.safeParse(e).success).toBe(true)
    expect(describeEvent(e!).titleKey).toBe('audit.action.export.full')
  })
  it('a full case report shows in the case history', async () => {
    db = testDb()
    await recordFullExport(db, { format: 'report-pdf', caseId: 7, filter: null, cases: null, tables: [] }, { agent: 'Mei', now: 6000 })
    const history = await eventsForCase(db, 7)
    expect(history).toMatchObject([
      { entity: 'export', action: 'report-full', agent: 'Mei', changes: [{ field: 'format', to: 'report-pdf' }] },
    ])
  })
  it('lists the newest first', async () => {
    db = testDb()
    for (const now of [1000, 3000, 2000])
      await recordFullExport(db, { format: 'csv', caseId: null, filter: {}, cases: 1, tables: ['cases'] }, { agent: 'A', now })
    expect((await recentFullExports(db, 2)).map((e) => e.at)).toEqual([3000, 2000])
  })
})
