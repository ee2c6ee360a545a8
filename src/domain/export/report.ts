/**
 * The single-case report as Markdown, in English or Simplified Chinese: case facts, the timeline of
 * methods tried with their outcomes, the replies sent, each security-reset review with its SLA dates
 * and pauses, and the notes. Masked by default (UID, phone, email, contact; the case's own identifiers
 * inside free text); `fullDetails` shows them in full. It renders the same model the report page shows
 * (reportModel.ts), with all user text Markdown-escaped (markdown.ts).
 */
import { mdInline, mdQuote, mdTable } from './markdown'
import { caseReportModel } from './reportModel'
import type { CaseReportInput, CaseReportOptions } from './reportText'

export type { CaseReportInput, CaseReportOptions } from './reportText'

/** Renders the report. Pure: same input, same Markdown. */
export function renderCaseReport(input: CaseReportInput, options: CaseReportOptions): string {
  const m = caseReportModel(input, options)
  const T = m.text
  const out: string[] = []
  out.push(`# ${mdInline(m.title)}`, '')
  if (m.generated) out.push(mdInline(m.generated), '')
  out.push(`*${mdInline(m.privacy)}*`, '')

  out.push(
    `## ${mdInline(T.facts)}`,
    '',
    mdTable(
      [T.field, T.value],
      m.facts.map((r) => [r.label, r.value]),
    ),
    '',
  )

  out.push(`## ${mdInline(T.timeline)}`, '')
  if (m.timeline.length === 0) out.push(mdInline(T.noAttempts), '')
  for (const a of m.timeline) {
    const parts = [a.when, `**${mdInline(a.method)}**${a.variant ? ` (${mdInline(a.variant)})` : ''}`, `**${mdInline(a.status)}**`]
    if (a.steps) parts.push(mdInline(a.steps))
    if (a.by) parts.push(mdInline(a.by))
    out.push(`- ${parts.join(' · ')}`)
    if (a.note) out.push('', mdQuote(a.note).replace(/^/gm, '  '), '')
  }
  if (m.timeline.length) out.push('')

  out.push(`## ${mdInline(T.replies)}`, '')
  if (m.replies.length === 0) out.push(mdInline(T.noReplies), '')
  for (const r of m.replies) {
    out.push(`### ${mdInline(r.heading)}`, '', mdQuote(r.text), '')
    if (r.promised) out.push(mdInline(r.promised), '')
  }

  if (m.reviews.length === 0) out.push(`## ${mdInline(T.review)}`, '', mdInline(T.noReview), '')
  for (const v of m.reviews) {
    out.push(
      `## ${mdInline(v.heading)}`,
      '',
      mdTable(
        [T.field, T.value],
        v.rows.map((r) => [r.label, r.value]),
      ),
      '',
    )
    out.push(`### ${mdInline(T.pauses)}`, '')
    if (v.pauses.length === 0) out.push(mdInline(T.noPauses), '')
    else out.push(...v.pauses.map((p) => `- ${mdInline(p)}`), '')
    if (v.description) out.push(`### ${mdInline(T.description)}`, '', mdQuote(v.description), '')
  }

  out.push(`## ${mdInline(T.notes)}`, '')
  out.push(m.notes ? mdQuote(m.notes) : mdInline(T.noNotes), '')
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  )
}
