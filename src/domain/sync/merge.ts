/**
 * Field-level merge of one record, the single mechanism for two windows of one agent and for two agents of
 * one team (docs/team-sync.md, "Field merge"). Pure: the renderer's sync module and the server both use it.
 *
 * For each field: if only one side changed it from `base`, that side's value is taken; if both changed it
 * to different values, `theirs` (the value already stored / already on the server) wins and the field is
 * reported as a conflict `{ field, kept, lost }`. Values compare by deep equality (JSON values: arrays and
 * plain objects by content, object keys in any order). A field absent from a side reads as `undefined`;
 * a field whose merged value is `undefined` is left out of the result.
 */

export type Doc = Readonly<Record<string, unknown>>

export interface FieldConflict {
  field: string
  /** The value that stayed (theirs). */
  kept: unknown
  /** The value that lost (mine): to be kept in the audit trail and shown to the agent. */
  lost: unknown
}

export interface MergeResult<T extends Doc> {
  merged: T
  /** Fields whose merged value came from `mine` (mine changed them, theirs did not). */
  applied: string[]
  conflicts: FieldConflict[]
}

const own = (o: Doc, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined)

/** Deep equality of JSON-like values: primitives by SameValueZero, arrays by items, plain objects by own keys. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b)
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  const aArr = Array.isArray(a)
  if (aArr !== Array.isArray(b)) return false
  if (aArr) {
    const bb = b as unknown[]
    if (a.length !== bb.length) return false
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false
    return true
  }
  const ao = a as Doc
  const bo = b as Doc
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined)
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined)
  if (ak.length !== bk.length) return false
  for (const k of ak) {
    if (!Object.prototype.hasOwnProperty.call(bo, k)) return false
    if (!deepEqual(ao[k], bo[k])) return false
  }
  return true
}

/** Merges `mine` and `theirs`, both edits of `base`, field by field (see the file comment). */
export function mergeFields<T extends Doc>(base: T, mine: T, theirs: T): MergeResult<T> {
  const merged: Record<string, unknown> = {}
  const applied: string[] = []
  const conflicts: FieldConflict[] = []
  const fields = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)])
  for (const field of fields) {
    const b = own(base, field)
    const m = own(mine, field)
    const t = own(theirs, field)
    const mineChanged = !deepEqual(b, m)
    const theirsChanged = !deepEqual(b, t)
    let value: unknown
    if (mineChanged && !theirsChanged) {
      value = m
      applied.push(field)
    } else {
      value = t
      if (mineChanged && theirsChanged && !deepEqual(m, t)) conflicts.push({ field, kept: t, lost: m })
    }
    // defineProperty: a field named `__proto__` stays a plain field, never the result's prototype
    if (value !== undefined) Object.defineProperty(merged, field, { value, enumerable: true, writable: true, configurable: true })
  }
  return { merged: merged as T, applied, conflicts }
}

/** The fields whose values differ between two versions of a record (for a patch or an audit entry). */
export function changedFields(before: Doc, after: Doc): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...fields].filter((f) => !deepEqual(own(before, f), own(after, f)))
}
