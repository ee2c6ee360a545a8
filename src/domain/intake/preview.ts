/**
 * The read-only preview of a pasted chat: the text cut into segments, each plain, a match (with the ids
 * of the proposals it supports) or a secret. A secret segment carries no text at all, only its kind and
 * masked preview, so the view can show "[verification code removed]" and never the value.
 */
import type { SecretFinding, SecretKind } from '../guard/secrets'
import type { Proposal } from './extract'

export type PreviewSegment =
  | { kind: 'plain'; start: number; end: number; text: string }
  | { kind: 'match'; start: number; end: number; text: string; ids: string[] }
  | { kind: 'secret'; start: number; end: number; secret: SecretKind; preview: string }

export function previewSegments(text: string, proposals: readonly Proposal[], secrets: readonly SecretFinding[]): PreviewSegment[] {
  const cuts = new Set<number>([0, text.length])
  const spans = proposals.flatMap((p) => p.spans.map((s) => ({ start: s.start, end: s.end, id: p.id })))
  for (const s of [...spans, ...secrets]) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)))
    cuts.add(Math.max(0, Math.min(text.length, s.end)))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const out: PreviewSegment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    const secret = secrets.find((f) => f.start <= start && end <= f.end)
    if (secret) {
      // one segment per secret, however many cuts fall inside it
      const last = out.at(-1)
      if (!(last?.kind === 'secret' && last.start === secret.start)) {
        out.push({ kind: 'secret', start: secret.start, end: secret.end, secret: secret.kind, preview: secret.preview })
      }
      continue
    }
    const ids = [...new Set(spans.filter((s) => s.start <= start && end <= s.end).map((s) => s.id))]
    const piece = text.slice(start, end)
    const last = out.at(-1)
    if (ids.length === 0) {
      if (last?.kind === 'plain') {
        last.end = end
        last.text += piece
      } else out.push({ kind: 'plain', start, end, text: piece })
    } else out.push({ kind: 'match', start, end, text: piece, ids })
  }
  return out
}
