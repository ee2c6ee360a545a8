import { decideClipboardAction, planClipboardLookup } from '@/domain/case/clipboardLookup'
import type { Match } from '@/domain/case/lookup'
import type { CaseRecord } from '@/domain/model'
import type { Result } from '@/domain/result'
import type { ClipboardText } from '@/platform'

/** What the clipboard look-up needs from the app (the real router, stores and toasts; fakes in tests). */
export interface ClipboardLookupDeps {
  lookup(query: string): Promise<Result<Match<CaseRecord>[]>>
  openCase(id: number): Promise<void> | void
  /** Shows several matches in the search box, for the agent to choose. */
  showMatches(query: string): void
  /** New case with one identifier filled in (the search box's "Log a new case" route). */
  newCaseWith(query: string): Promise<void> | void
  /** New case with the text handed to the chat-intake box. */
  newCaseFromChat(text: string): Promise<void> | void
  say(kind: 'info' | 'warning' | 'error', key: 'empty' | 'truncated' | 'unreadable' | 'lookupFailed'): void
}

/** Runs one look-up of what the agent copied. Never logs or shows the text itself in a message. */
export async function lookUpClipboardText(clip: ClipboardText, deps: ClipboardLookupDeps): Promise<void> {
  const plan = planClipboardLookup(clip.text, clip.truncated)
  if (plan.kind === 'empty') {
    deps.say('info', 'empty')
    return
  }
  if (plan.kind === 'chat') {
    if (plan.truncated) deps.say('warning', 'truncated')
    await deps.newCaseFromChat(plan.text)
    return
  }
  // the store logs a failed look-up (without the query); the agent is told here
  const found = await deps.lookup(plan.query)
  if (!found.ok) {
    deps.say('error', 'lookupFailed')
    return
  }
  const action = decideClipboardAction(plan.query, found.value)
  if (action.kind === 'open-case') await deps.openCase(action.caseId)
  else if (action.kind === 'show-matches') deps.showMatches(action.query)
  else await deps.newCaseWith(action.text)
}
