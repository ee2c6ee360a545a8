import type { EventEntity, EventRecord, FieldChange } from '@/domain/model'
import type { ConsoleDb } from './db'

export interface EventInput {
  entity: EventEntity
  entityId: string | number
  caseId: number | null
  action: string
  changes?: FieldChange[]
  note?: string
}

/** Appends to the audit log. Call inside the transaction that makes the change. */
export function appendEvent(db: ConsoleDb, input: EventInput, agent: string, at: number): Promise<number> {
  const record: EventRecord = {
    at,
    agent,
    entity: input.entity,
    entityId: String(input.entityId),
    caseId: input.caseId,
    action: input.action,
    changes: input.changes ?? [],
    note: input.note ?? '',
  }
  return db.events.add(record) as Promise<number>
}

/** A case's audit trail, oldest first. */
export function eventsForCase(db: ConsoleDb, caseId: number): Promise<EventRecord[]> {
  return db.events.where('caseId').equals(caseId).sortBy('at')
}
