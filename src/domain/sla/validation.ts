import type { Result } from '../result'

/** Limits on a review's free-text fields (plain strings; the secret guard checks them too). */
export const REVIEW_TEXT_MAX = { registeredContact: 200, uid: 40, description: 4000, reference: 120, reason: 500 } as const

/** Date pickers work to the minute: a time within this margin of now or of the case's creation is accepted. */
export const SUBMITTED_AT_GRACE_MS = 60_000

/**
 * Checks a review's submitted-at (epoch ms). Problem keys: `review.submittedAtInvalid` (not a finite
 * time), `review.submittedAtFuture` (after now), `review.submittedBeforeCase` (before the case was
 * created). One minute of grace either way (pickers round to the minute).
 */
export function validateSubmittedAt(submittedAt: number, context: { now: number; caseCreatedAt: number }): Result<number> {
  if (!Number.isFinite(submittedAt)) return { ok: false, error: { key: 'errors.review.submittedAtInvalid' } }
  if (submittedAt > context.now + SUBMITTED_AT_GRACE_MS) return { ok: false, error: { key: 'errors.review.submittedAtFuture' } }
  if (submittedAt < context.caseCreatedAt - SUBMITTED_AT_GRACE_MS) return { ok: false, error: { key: 'errors.review.submittedBeforeCase' } }
  return { ok: true, value: submittedAt }
}

/**
 * Checks a pause before it is saved. Problem keys: `review.pauseInvalid` (not finite times),
 * `review.pauseBeforeSubmission`, `review.pauseInFuture` (start or end after now),
 * `review.pauseEndsBeforeStart`. An open pause has `end: null`.
 */
export function validatePause(
  pause: { start: number; end: number | null },
  context: { now: number; submittedAt: number },
): Result<{ start: number; end: number | null }> {
  const { start, end } = pause
  if (!Number.isFinite(start) || (end !== null && !Number.isFinite(end))) return { ok: false, error: { key: 'errors.review.pauseInvalid' } }
  if (start < context.submittedAt - SUBMITTED_AT_GRACE_MS) return { ok: false, error: { key: 'errors.review.pauseBeforeSubmission' } }
  if (start > context.now + SUBMITTED_AT_GRACE_MS || (end !== null && end > context.now + SUBMITTED_AT_GRACE_MS)) {
    return { ok: false, error: { key: 'errors.review.pauseInFuture' } }
  }
  if (end !== null && end < start) return { ok: false, error: { key: 'errors.review.pauseEndsBeforeStart' } }
  return { ok: true, value: { start, end } }
}

/**
 * Checks a pause recorded after the fact (the agent forgot to press Pause): both ends given, the end after
 * the start, never in the future, never before the submission, and not overlapping a pause already
 * recorded (an open pause runs until it is resumed). Problem keys: those of `validatePause`, plus
 * `review.pauseEmpty` (ends when it starts) and `review.pauseOverlaps`.
 */
export function validatePastPause(
  pause: { start: number; end: number },
  context: { now: number; submittedAt: number; pauses: readonly { start: number; end: number | null }[] },
): Result<{ start: number; end: number }> {
  const checked = validatePause(pause, context)
  if (!checked.ok) return checked
  const { start, end } = pause
  if (end === start) return { ok: false, error: { key: 'errors.review.pauseEmpty' } }
  if (context.pauses.some((p) => start < (p.end ?? Number.POSITIVE_INFINITY) && p.start < end)) {
    return { ok: false, error: { key: 'errors.review.pauseOverlaps' } }
  }
  return { ok: true, value: { start, end } }
}
