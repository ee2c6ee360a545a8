import { emptyDraft, validateDraft, type CaseDraft, type CaseFacts } from '@/domain/case/validation'
import { ConsoleDb } from '@/data/db'

let n = 0
/** A fresh, empty database on fake-indexeddb for one test. */
export function testDb(): ConsoleDb {
  return new ConsoleDb(`test-${Date.now()}-${n++}-${Math.random().toString(36).slice(2)}`)
}

/** Valid case facts from a partial draft (throws if the draft is invalid). */
export function facts(patch: Partial<CaseDraft>): CaseFacts {
  const r = validateDraft({ ...emptyDraft(), ...patch })
  if (!r.ok) throw new Error(`invalid draft: ${JSON.stringify(r.error)}`)
  return r.value
}

/** Deterministic case numbers for tests. */
export function numbers(prefix = 'VC-20261124-'): () => string {
  let i = 0
  return () => `${prefix}${String(i++).padStart(4, '0')}`
}
