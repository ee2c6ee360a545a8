/**
 * The secret guard in the data layer: no verification code, authenticator key or ID number reaches
 * IndexedDB, whichever form, import or restore wrote it. Installed on every table of every ConsoleDb
 * (db.ts), it runs the domain guard over every string of every record being created, and over every new
 * string of a record being changed, and refuses the write with a ProblemError that names the field
 * (src/domain/guard/storedText.ts). Forms warn earlier, while the agent types, and offer removal; this is
 * the rule they cannot forget.
 *
 * - A record written before this guard existed stays editable: a change is checked only for text the
 *   record did not already hold.
 * - The audit trail keeps what a field held before a change (`changes[].from`); such old text is redacted
 *   as the event is written, never refused (refusing it would leave an old secret impossible to remove).
 * - Team sync's bookkeeping (db.ts, v3): the outbox holds copies of rows this guard already let through (and
 *   a patch's `base`, what a field held before), the checkpoint and reserved ids are generated: none is
 *   checked again (a refusal there would abort the local change it belongs to). Sync notices show values
 *   from the server (a conflict's kept value): redacted as they are written, never refused. Records pulled
 *   from the server are redacted by the replica before they are written (replica.ts), with a notice.
 */
import type Dexie from 'dexie'
import { redactDeep, secretsIn, storedSecretProblem, textLeaves, type StoredSecret } from '@/domain/guard/storedText'
import { ProblemError, type Problem } from '@/domain/result'

export { storedSecretProblem }

/** A ProblemError carrying `storedSecretProblem` (src/domain/guard/storedText.ts). */
export class SecretRefused extends ProblemError {
  constructor(
    problem: Problem,
    readonly secrets: readonly StoredSecret[],
  ) {
    super(problem)
    this.name = 'SecretRefused'
  }
}

/**
 * The refusal the hooks would give for a record about to be written, or null (for a caller that must not
 * change anything first, such as a setting applied to the screen before it is saved).
 */
export function secretsProblemIn(table: string, record: unknown): Problem | null {
  const found = secretsIn(record)
  return found.length === 0 ? null : problemFor(table, record, found)
}

function problemFor(table: string, record: unknown, found: readonly StoredSecret[]): Problem {
  const settingKey = table === 'settings' ? String((record as { key?: unknown } | null)?.key ?? '') : undefined
  return storedSecretProblem(table, found, settingKey)
}

function refuse(table: string, record: unknown, found: StoredSecret[]): void {
  if (found.length > 0) throw new SecretRefused(problemFor(table, record, found), found)
}

/** Sync bookkeeping holding copies of guarded rows or generated values only (see the module comment). */
export const UNCHECKED_TABLES = ['outbox', 'syncState', 'syncReserved'] as const
/** Sync bookkeeping showing server values: redacted, never refused. */
export const REDACTED_TABLES = ['syncNotices'] as const

const isHistory = (path: string): boolean => /^changes\.\d+\.from(\.|$)/.test(path)

/** Installs the guard's hooks on every table of `db`. Call once, after the schema is declared. */
export function installSecretGuard(db: Dexie): void {
  for (const table of db.tables) {
    const name = table.name
    if ((UNCHECKED_TABLES as readonly string[]).includes(name)) continue
    if ((REDACTED_TABLES as readonly string[]).includes(name)) {
      table.hook('creating', function (_key, obj: unknown) {
        if (obj && typeof obj === 'object') Object.assign(obj, redactDeep(obj))
      })
      table.hook('updating', function (mods: object) {
        return redactDeep(mods)
      })
      continue
    }
    table.hook('creating', function (_key, obj: unknown) {
      if (name === 'events') {
        const e = obj as { changes?: { from?: unknown }[] }
        if (Array.isArray(e.changes)) for (const c of e.changes) if (c && typeof c === 'object' && 'from' in c) c.from = redactDeep(c.from)
      }
      refuse(name, obj, secretsIn(obj, name === 'events' ? isHistory : undefined))
    })
    table.hook('updating', function (mods: object, _key, existing: unknown) {
      const before = new Set<string>()
      textLeaves(existing, (_path, text) => before.add(text))
      const found: StoredSecret[] = []
      for (const [keyPath, value] of Object.entries(mods)) {
        if (name === 'events' && isHistory(keyPath)) continue
        for (const s of secretsIn(value, undefined, before))
          found.push({ path: s.path ? `${keyPath}.${s.path}` : keyPath, findings: s.findings })
      }
      refuse(name, existing, found)
      return undefined
    })
  }
}
