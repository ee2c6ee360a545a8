/**
 * The raw anchor for the app's cases CSV as the app writes it (issue 14: "the same questions asked of
 * plain Dexie with plain indexes"): the same file, made the plain way, for the bench to time beside the
 * Export page's worker.
 *
 * - Reads: plain Dexie opened without a schema (no app data layer, no hooks): every review in one read, the
 *   case keys in the file's order (the plain `createdAt` index), then, 2,000 keys at a time, the cases of
 *   that key range and their checklist records by the plain `caseId` index over it, in one read transaction.
 * - Columns: computed straightforwardly, one array per case, with the domain's own value helpers (labels,
 *   masking, phone split, wall-clock dates, the SLA fields of the latest review), so the cells are the same
 *   answers the app gives; trashed cases left out.
 * - Writing: one `Papa.unparse` per 2,000 keys (the header with the first), each part ending with CRLF, the
 *   first starting with the BOM: the parts join to the file. (One `Papa.unparse` of every row in one go,
 *   tried first, held every row at once: 23 s and a 655 MB renderer at 100,000 cases, against 10 s for the
 *   app in the same run; this streamed form is the stricter anchor.)
 *
 * rawCasesCsv.test.ts holds its output equal to the app's file on a seeded set, so the anchor is a fair one.
 */
import type Dexie from 'dexie'
import Papa from 'papaparse'
import { neutraliseFormula } from '@/domain/export/cell'
import { CASE_COLUMNS, headersOf } from '@/domain/export/columns'
import {
  ATTEMPT_STATUS_LABELS,
  BLOCKING_APP_LABELS,
  BOUND_METHOD_LABELS,
  CARRIER_LABELS,
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  EMAIL_PROVIDER_LABELS,
  LANGUAGE_LABELS,
  METHOD_LABELS,
  OPERATION_LABELS,
  PHONE_OS_LABELS,
  REVIEW_OUTCOME_LABELS,
  SYMPTOM_LABELS,
  labelOf,
} from '@/domain/export/labels'
import { reviewSlaFields, type SlaContext } from '@/domain/export/slaFields'
import { createZonedClock, formatWallDateTime } from '@/domain/export/time'
import { METHOD_IDS, type AttemptRecord, type CaseRecord, type Language, type ReviewRecord } from '@/domain/model'
import { maskEmail, maskFreeText, maskMiddle, maskPhone, maskUid, splitE164 } from '@/domain/privacy/mask'
import { methodNumber } from '@/domain/reference'

export interface RawCasesCsvOptions {
  language: Language
  timeZone: string
  now: number
  fullDetails: boolean
  sla: SlaContext
  /** Cases per read and per Papa.unparse (default 2,000). */
  chunk?: number
}

/** Writes the file as text parts that join to it, in order (the bench encodes each into a Blob part). */
export async function rawCasesCsv(db: Dexie, o: RawCasesCsvOptions, write: (part: string) => void): Promise<void> {
  const clock = createZonedClock(o.timeZone)
  const masked = !o.fullDetails
  const lang = o.language
  const dt = (ms: number | null | undefined): string =>
    ms === null || ms === undefined ? '' : formatWallDateTime(new Date(clock.wallMs(ms)))
  const label = <T extends string>(table: Record<T, Record<Language, string>>, v: T | null | undefined): string => labelOf(table, v, lang)
  const list = <T extends string>(table: Record<T, Record<Language, string>>, vs: readonly T[]): string =>
    vs.map((v) => label(table, v)).join('; ')
  const text = (s: string): string => neutraliseFormula(s)

  const reviews = new Map<number, ReviewRecord[]>()
  for (const r of (await db.table('reviews').toArray()) as ReviewRecord[]) {
    const l = reviews.get(r.caseId)
    if (l) l.push(r)
    else reviews.set(r.caseId, [r])
  }

  const fields = headersOf(CASE_COLUMNS, lang).map(text)
  let first = true
  // the app's order: by creation time, then id
  const keys = (await db.table('cases').orderBy('createdAt').primaryKeys()) as number[]
  const chunk = o.chunk ?? 2000
  for (let i = 0; i < keys.length; i += chunk) {
    const slice = keys.slice(i, i + chunk)
    const lo = Math.min(...slice)
    const hi = Math.max(...slice)
    const [cases, attempts] = await db.transaction('r', ['cases', 'attempts'], () =>
      Promise.all([
        db.table('cases').where(':id').between(lo, hi, true, true).toArray() as Promise<Array<CaseRecord & { id: number }>>,
        db.table('attempts').where('caseId').between(lo, hi, true, true).toArray() as Promise<AttemptRecord[]>,
      ]),
    )
    const byCase = new Map<number, AttemptRecord[]>()
    for (const a of attempts) {
      const l = byCase.get(a.caseId)
      if (l) l.push(a)
      else byCase.set(a.caseId, [a])
    }
    const byId = new Map(cases.map((c) => [c.id, c]))
    const rows: Array<Array<string | number>> = []
    for (const id of slice) {
      const c = byId.get(id)
      if (!c) continue
      if (c.deletedAt !== null && c.deletedAt !== undefined) continue
      // methods tried: each method's newest record, in the article's order, but "not tried"
      const newest = new Map<string, AttemptRecord>()
      for (const a of byCase.get(c.id) ?? []) {
        const prev = newest.get(a.methodId)
        if (!prev || a.at > prev.at || (a.at === prev.at && (a.id ?? 0) > (prev.id ?? 0))) newest.set(a.methodId, a)
      }
      const tried = METHOD_IDS.map((m) => newest.get(m)).filter((a): a is AttemptRecord => !!a && a.status !== 'not-tried')
      // the latest review and its SLA figures
      let latest: ReviewRecord | undefined
      for (const r of reviews.get(c.id) ?? [])
        if (
          !latest ||
          r.submittedAt > latest.submittedAt ||
          (r.submittedAt === latest.submittedAt &&
            (r.createdAt > latest.createdAt || (r.createdAt === latest.createdAt && (r.id ?? 0) > (latest.id ?? 0))))
        )
          latest = r
      const sla = latest ? reviewSlaFields(latest, o.sla, o.now, lang) : null
      const split = c.phoneE164 ? splitE164(c.phoneE164) : null
      const phone = !c.phoneE164
        ? ''
        : split?.callingCode
          ? masked
            ? maskMiddle(split.national)
            : split.national
          : masked
            ? maskPhone(c.phoneE164)
            : c.phoneE164
      rows.push([
        text(c.caseNumber),
        dt(c.createdAt),
        dt(c.updatedAt),
        text(label(CASE_STATUS_LABELS, c.status)),
        text(masked ? maskUid(c.uid) : (c.uid ?? '')),
        text(phone),
        text(masked ? maskEmail(c.email) : (c.email ?? '')),
        text(list(CHANNEL_LABELS, c.channels)),
        text(label(OPERATION_LABELS, c.operation)),
        text(label(SYMPTOM_LABELS, c.symptom)),
        text(label(PHONE_OS_LABELS, c.phoneOs)),
        text(label(BLOCKING_APP_LABELS, c.blockingApp)),
        text(label(CARRIER_LABELS, c.carrier)),
        text(label(EMAIL_PROVIDER_LABELS, c.emailProvider)),
        text(list(BOUND_METHOD_LABELS, c.boundMethods)),
        text(list(BOUND_METHOD_LABELS, c.unavailableMethods ?? [])),
        text(label(LANGUAGE_LABELS, c.language)),
        text(c.agent),
        text(label(METHOD_LABELS, c.resolvedBy)),
        text(
          tried
            .map((a) => `${methodNumber(a.methodId)}. ${label(METHOD_LABELS, a.methodId)}: ${label(ATTEMPT_STATUS_LABELS, a.status)}`)
            .join('; '),
        ),
        tried.length,
        text(sla ? (sla.statusLabel ?? sla.status) : ''),
        dt(latest?.submittedAt),
        sla?.expectedFrom ?? '',
        sla?.dueBy ?? '',
        dt(latest?.closedAt),
        text(label(REVIEW_OUTCOME_LABELS, latest?.outcome)),
        text(maskFreeText(c.notes, { masked, language: lang, known: c })),
        split?.callingCode ?? '',
      ])
    }
    if (rows.length === 0 && !first) continue
    write(`${first ? `\ufeff${Papa.unparse({ fields, data: rows })}` : Papa.unparse(rows)}\r\n`)
    first = false
  }
}
