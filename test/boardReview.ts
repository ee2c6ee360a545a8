import type { ReviewRecord } from '@/domain/model'
import type { BoardReview } from '@/stores/reviewHelpers'

/** Milliseconds of a Shanghai wall time, `YYYY-MM-DD HH:mm`. */
export const shanghai = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}+08:00`)

/** An open review (as the reviews board holds it) submitted at the Shanghai wall time `submitted` (tests only). */
export function boardReview(id: number, submitted: string, over: Partial<ReviewRecord> = {}): BoardReview {
  return {
    caseNumber: `VC-20260213-${String(id).padStart(4, '0')}`,
    language: 'en',
    review: {
      id,
      caseId: 100 + id,
      state: 'open',
      registeredContact: '',
      uid: '',
      description: '',
      methodsTried: [],
      identityRequested: false,
      identityReceived: false,
      reference: '',
      submittedAt: shanghai(submitted),
      pauses: [],
      outcome: null,
      closedAt: null,
      alerted: { atRisk: null, overdue: null },
      agent: 'Lin',
      createdAt: shanghai(submitted),
      updatedAt: shanghai(submitted),
      ...over,
    },
  }
}
