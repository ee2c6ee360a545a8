/**
 * What happens when the agent accepts proposals: which ones may be ticked together, and the case draft
 * with the accepted ones filled in. Methods the user already tried come back as checklist outcomes for the
 * caller to record (after saving a new case, or at once on an open one).
 */
import { z } from 'zod'
import { CHANNELS, METHOD_IDS, type Channel } from '../model'
import type { CaseDraft } from '../case/validation'
import { findSecrets } from '../guard/secrets'
import type { Proposal, ProposedOutcome } from './extract'
import { TRIED_OUTCOMES } from './words'

/** Proposals that exclude each other: one value of a single-valued field, one outcome per method. */
const slotOf = (p: Proposal): string | null => {
  if (p.field === 'channel') return null
  if (p.field === 'method') return `method:${p.value.methodId}`
  return p.field
}

/** The ids ticked when the proposals are first shown. */
export const initialSelection = (proposals: readonly Proposal[]): string[] => proposals.filter((p) => p.preselected).map((p) => p.id)

/**
 * Ticks or unticks one proposal. Ticking one value of a field that holds one value (a phone number, a
 * carrier, a method's outcome) unticks the others of that field, so "fill" never has to choose.
 */
export function toggleProposal(proposals: readonly Proposal[], selected: readonly string[], id: string, on: boolean): string[] {
  const p = proposals.find((x) => x.id === id)
  if (!p) return [...selected]
  if (!on) return selected.filter((s) => s !== id)
  const slot = slotOf(p)
  const rivals = new Set(slot === null ? [] : proposals.filter((x) => x.id !== id && slotOf(x) === slot).map((x) => x.id))
  return [...selected.filter((s) => !rivals.has(s) && s !== id), id]
}

export interface AcceptedOutcome extends ProposedOutcome {
  /** What the user wrote (the first span), for the checklist note. */
  quote: string
}

/** Accepted outcomes kept with a New case draft until it is saved (localStorage is untrusted input). */
export const acceptedOutcomesSchema = z
  .array(z.object({ methodId: z.enum(METHOD_IDS), status: z.enum(TRIED_OUTCOMES), quote: z.string().max(200) }))
  .max(METHOD_IDS.length) satisfies z.ZodType<AcceptedOutcome[]>

/** Outcomes accepted later replace earlier ones for the same method; methods stay in the article's order. */
export function mergeOutcomes(earlier: readonly AcceptedOutcome[], later: readonly AcceptedOutcome[]): AcceptedOutcome[] {
  const by = new Map(earlier.map((o) => [o.methodId, o]))
  for (const o of later) by.set(o.methodId, o)
  return METHOD_IDS.flatMap((m) => by.get(m) ?? [])
}

/** The quote as it may go into a checklist note: trimmed, at most 120 characters, and never with a secret. */
export function safeQuote(quote: string): string {
  const q = quote.replace(/\s+/g, ' ').trim().slice(0, 120)
  return findSecrets(q).length > 0 ? '' : q
}

export interface AppliedIntake {
  draft: CaseDraft
  /** Methods the user already tried, to record on the checklist. */
  outcomes: AcceptedOutcome[]
  /** The draft fields that were set, in form order (for the agent's confirmation). */
  filled: Array<keyof CaseDraft>
}

/**
 * The draft with the accepted proposals filled in (a new object; `draft` is not changed). Channels:
 * for a new case (`mode: 'new'`) the accepted channels replace the form's default; on an open case
 * (`'add'`) they are added to the case's channels. When two proposals for one field are accepted anyway,
 * the later one in the list wins.
 */
export function applyProposals(draft: CaseDraft, accepted: readonly Proposal[], mode: 'new' | 'add'): AppliedIntake {
  const next: CaseDraft = {
    ...draft,
    channels: [...draft.channels],
    boundMethods: [...draft.boundMethods],
    unavailableMethods: [...draft.unavailableMethods],
  }
  const filled = new Set<keyof CaseDraft>()
  const channels: Channel[] = []
  const outcomes = new Map<string, AcceptedOutcome>()
  for (const p of accepted) {
    switch (p.field) {
      case 'uid':
        next.uid = p.value
        break
      case 'phone':
        next.phone = p.display
        break
      case 'email':
        next.email = p.value
        break
      case 'emailProvider':
        next.emailProvider = p.value
        break
      case 'carrier':
        next.carrier = p.value
        break
      case 'phoneOs':
        next.phoneOs = p.value
        break
      case 'blockingApp':
        next.blockingApp = p.value
        break
      case 'symptom':
        next.symptom = p.value
        break
      case 'operation':
        next.operation = p.value
        break
      case 'language':
        next.language = p.value
        break
      case 'channel':
        channels.push(p.value)
        break
      case 'method':
        outcomes.set(p.value.methodId, { ...p.value, quote: safeQuote(p.spans[0]?.text ?? '') })
        continue
    }
    filled.add(p.field === 'channel' ? 'channels' : p.field)
  }
  if (channels.length > 0) {
    const wanted = new Set<Channel>(mode === 'add' ? [...next.channels, ...channels] : channels)
    next.channels = CHANNELS.filter((c) => wanted.has(c))
  }
  const formOrder = Object.keys(draft) as Array<keyof CaseDraft>
  return {
    draft: next,
    outcomes: mergeOutcomes([], [...outcomes.values()]),
    filled: formOrder.filter((k) => filled.has(k)),
  }
}
