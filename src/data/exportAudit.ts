/**
 * The audit trail of exports and reports made with full details (personal data unmasked): who, when,
 * what format and which filter. Masked exports are not recorded (they hold no personal data in full).
 */
import type { EventRecord, FieldChange } from '@/domain/model'
import type { ConsoleDb } from './db'
import { guarded } from './errors'
import { appendEvent } from './events'

export interface WriteContext {
  agent: string
  now: number
}

export type FullExportFormat = 'csv' | 'xlsx' | 'report-markdown' | 'report-pdf' | 'report-print'

export interface FullExport {
  format: FullExportFormat
  /** The case of a case report; null for a bulk export. */
  caseId: number | null
  /** The bulk export's filter (as the export page built it), or null. */
  filter: Record<string, unknown> | null
  /** How many cases the file holds, when known. */
  cases: number | null
  /** The tables (files or sheets) of a bulk export. */
  tables: string[]
}

/**
 * Records one full-details export or report as an audit event (entity `export`): action `full` for a bulk
 * export, `report-full` for a case report (with its case, so it shows in the case's history). Call it
 * before the file is handed over: if it cannot be recorded, the file is not written.
 */
export function recordFullExport(db: ConsoleDb, input: FullExport, ctx: WriteContext): Promise<number> {
  const changes: FieldChange[] = [{ field: 'format', from: null, to: input.format }]
  if (input.filter) changes.push({ field: 'filter', from: null, to: input.filter })
  if (input.tables.length > 0) changes.push({ field: 'tables', from: null, to: input.tables })
  if (input.cases !== null) changes.push({ field: 'cases', from: null, to: input.cases })
  return guarded(() =>
    db.transaction('rw', db.events, () =>
      appendEvent(
        db,
        {
          entity: 'export',
          entityId: input.caseId ?? input.format,
          caseId: input.caseId,
          action: input.caseId === null ? 'full' : 'report-full',
          changes,
        },
        ctx.agent,
        ctx.now,
      ),
    ),
  )
}

/** The latest full-details exports and reports, newest first. */
export function recentFullExports(db: ConsoleDb, limit = 10): Promise<EventRecord[]> {
  return guarded(async () => {
    const rows = await db.events.where('[entity+entityId]').between(['export', ''], ['export', '\uffff']).toArray()
    return rows.sort((a, b) => b.at - a.at || (b.id ?? 0) - (a.id ?? 0)).slice(0, limit)
  })
}
