/**
 * A case's checklist at a glance, stored on the case record (`CaseRecord.attemptSummary`, local only) so a
 * cases-only export does not read the case's checklist records: at 100,000 cases those 200,000 records
 * took as long to read as the cases themselves.
 *
 * The summary is derived data, never trusted blindly. It carries a fingerprint of the records it was made
 * from (how many, the sum and the XOR of their ids). The export reads the ids of the records that exist
 * now (the `caseId` index's primary keys, no record read) and uses the summaries of a chunk only when the
 * fingerprints of that chunk's cases add up to those ids; otherwise it reads the records, as before.
 * Checklist records are append-only and their ids never change, so a record added, removed or moved
 * shows in the fingerprint, and a summary that is stale or malformed only costs a slower read. A case
 * without a summary counts as a case without records (most new cases): if it has some, the fingerprints
 * do not add up either.
 */
import { ATTEMPT_STATUSES, METHOD_IDS, type AttemptRecord, type AttemptStatus, type AttemptSummary, type MethodId } from '../model'
import { currentAttempts } from './rows'

/** A method's newest status, as the export's cases row needs it. */
export type CurrentMethod = Pick<AttemptRecord, 'methodId' | 'status'>

/** Fingerprint of a set of record ids. */
interface Fingerprint {
  n: number
  sum: number
  xor: number
}

/** The summary of a case's checklist records; undefined when a record has no id yet (not stored). */
export function summarizeAttempts(attempts: readonly AttemptRecord[]): AttemptSummary | undefined {
  const print: Fingerprint = { n: 0, sum: 0, xor: 0 }
  for (const a of attempts) {
    if (typeof a.id !== 'number') return undefined
    add(print, a.id)
  }
  const current = currentAttempts(attempts)
    .map((a) => `${a.methodId}=${a.status}`)
    .join(';')
  return { ...print, current }
}

function add(print: Fingerprint, id: number): void {
  print.n += 1
  print.sum += id
  print.xor = (print.xor ^ id) >>> 0
}

/** Whether two summaries say the same (a refresh writes only the cases whose summary changed). */
export function sameSummary(a: AttemptSummary | undefined, b: AttemptSummary | undefined): boolean {
  return a === b || (!!a && !!b && a.n === b.n && a.sum === b.sum && a.xor === b.xor && a.current === b.current)
}

const METHODS: ReadonlySet<string> = new Set(METHOD_IDS)
const STATUSES: ReadonlySet<string> = new Set(ATTEMPT_STATUSES)

/** The methods' newest statuses a summary holds; null when it is not a well-formed summary. */
export function currentOfSummary(summary: unknown): CurrentMethod[] | null {
  if (typeof summary !== 'object' || summary === null) return null
  const s = summary as Partial<AttemptSummary>
  if (typeof s.current !== 'string' || !isCount(s.n) || !isCount(s.sum) || !isCount(s.xor)) return null
  // empty: no records, or only records of methods this build does not know
  if (s.current === '') return []
  const out: CurrentMethod[] = []
  for (const part of s.current.split(';')) {
    const eq = part.indexOf('=')
    const methodId = part.slice(0, eq)
    const status = part.slice(eq + 1)
    if (eq < 0 || !STATUSES.has(status)) return null
    // a method this build does not know is left out, as the records' own reading does (currentAttempts)
    if (METHODS.has(methodId)) out.push({ methodId: methodId as MethodId, status: status as AttemptStatus })
  }
  return out
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

/**
 * The newest statuses of each case from their stored summaries, when those summaries account for exactly
 * the checklist records that exist: `attemptIds` are the ids of every checklist record whose case is one of
 * `cases` (for a key range of cases: every record in that range of the `caseId` index). A case without a
 * summary counts as one without records. Null when a summary is malformed or the fingerprints do not add
 * up: then the records must be read.
 */
export function currentFromSummaries(
  cases: readonly { id?: number; attemptSummary?: unknown }[],
  attemptIds: readonly number[],
): Map<number, CurrentMethod[]> | null {
  const expected: Fingerprint = { n: 0, sum: 0, xor: 0 }
  const out = new Map<number, CurrentMethod[]>()
  for (const c of cases) {
    if (typeof c.id !== 'number') return null
    if (c.attemptSummary === undefined) {
      out.set(c.id, [])
      continue
    }
    const current = currentOfSummary(c.attemptSummary)
    if (current === null) return null
    const s = c.attemptSummary as AttemptSummary
    expected.n += s.n
    expected.sum += s.sum
    expected.xor = (expected.xor ^ s.xor) >>> 0
    out.set(c.id, current)
  }
  const actual: Fingerprint = { n: 0, sum: 0, xor: 0 }
  for (const id of attemptIds) add(actual, id)
  if (actual.n !== expected.n || actual.sum !== expected.sum || actual.xor !== expected.xor) return null
  return out
}
