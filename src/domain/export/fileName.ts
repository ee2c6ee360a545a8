/**
 * Default file names for exports and reports: `cases-2026-11-01_2026-11-30.xlsx` for a date range,
 * `cases-from-2026-11-01.csv` / `cases-until-2026-11-30.csv` for an open-ended one, `cases-<today>.xlsx`
 * without a range. Names hold only [A-Za-z0-9._-] so every file system and save dialog accepts them.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export type ExportExtension = 'csv' | 'xlsx' | 'zip' | 'md' | 'pdf'

export interface ExportFileNameParts {
  /** What the file holds: "cases" (default), "attempts", "reviews". */
  stem?: string
  extension: ExportExtension
  /** Inclusive range, ISO local dates; null or invalid values are ignored. */
  from?: string | null
  to?: string | null
  /** Today's local date (ISO), used when there is no range. */
  today: string
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'export'

export function exportFileName(parts: ExportFileNameParts): string {
  const stem = safe(parts.stem ?? 'cases')
  const from = parts.from && ISO_DATE.test(parts.from) ? parts.from : null
  const to = parts.to && ISO_DATE.test(parts.to) ? parts.to : null
  let middle: string
  if (from && to) middle = from === to ? from : `${from}_${to}`
  else if (from) middle = `from-${from}`
  else if (to) middle = `until-${to}`
  else middle = ISO_DATE.test(parts.today) ? parts.today : 'all'
  return `${stem}-${middle}.${parts.extension}`
}

/** `case-VC-20261124-7K3Q.md` */
export function caseReportFileName(caseNumber: string, extension: ExportExtension = 'md'): string {
  return `case-${safe(caseNumber)}.${extension}`
}
