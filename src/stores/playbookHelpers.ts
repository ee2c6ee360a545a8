/**
 * Pure helpers of the playbook store (tested without Pinia or Dexie): which playbook content to use
 * (custom files, the last good content, or the bundled one), the attempt record for a checklist change
 * (an outcome may carry a note), a method's history as readable changes, and the checklist panel's view
 * of a case (methods in the article's order with status, reason, variant, steps, notes and history).
 */
import { findSecrets, secretProblem } from '@/domain/guard/secrets'
import { secretsIn } from '@/domain/guard/storedText'
import { METHOD_IDS, type AttemptRecord, type AttemptStatus, type Language, type MethodId } from '@/domain/model'
import { methodNumber } from '@/domain/reference'
import {
  checklistSteps,
  chronological,
  currentStates,
  historyByMethod,
  languageFromFileName,
  loadPlaybooks,
  nextAttempt,
  nextStep,
  parsePlaybook,
  playbookMethod,
  stateFrom,
  stepProgress,
  type AttemptChange,
  type AttemptContext,
  type EscalationInfo,
  type MethodState,
  type NextAction,
  type NextAttemptResult,
  type NextStep,
  type Playbook,
  type PlaybookFacts,
  type PlaybookIssue,
  type PlaybookNote,
  type PlaybookPrevention,
  type PlaybookResult,
  type PlaybookSet,
  type Reason,
  type Verdict,
} from '@/domain/playbook'

// ---------------------------------------------------------------- content

/** A playbook file as a support lead provides it: its name (`playbook.<language>.json`) and its text. */
export interface PlaybookFile {
  file: string
  text: string
}

/** Parses and validates playbook files (JSON syntax errors are reported against the file, like schema errors). */
export function parsePlaybookFiles(files: readonly PlaybookFile[]): PlaybookResult<PlaybookSet> {
  const issues: PlaybookIssue[] = []
  const sources: { file: string; data: unknown }[] = []
  for (const f of files) {
    try {
      sources.push({ file: f.file, data: JSON.parse(f.text) })
    } catch (e) {
      issues.push({ file: f.file, field: '(file)', message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` })
    }
  }
  // the console never stores verification codes, authenticator keys or ID numbers, nor a file holding one
  for (const s of sources) {
    for (const found of secretsIn(s.data)) {
      const kinds = [...new Set(found.findings.map((f) => f.kind.replace('-', ' ')))].join(', ')
      const previews = found.findings.map((f) => f.preview).join(', ')
      issues.push({
        file: s.file,
        field: found.path || '(file)',
        message: `holds a ${kinds} (${previews}), which the console never stores: remove it from the file`,
      })
    }
  }
  if (issues.length > 0) {
    // every file's own problems are reported too; the checks across files wait until all of them read
    for (const s of sources) {
      const r = parsePlaybook(s.data, s.file, languageFromFileName(s.file))
      if (!r.ok) issues.push(...r.error)
    }
    return { ok: false, error: issues }
  }
  return loadPlaybooks(sources)
}

export type PlaybookOrigin = 'custom' | 'bundled' | 'last-good' | 'none'

export interface PlaybookLoad {
  /** The content to use; null only when nothing valid exists at all. */
  playbooks: PlaybookSet | null
  origin: PlaybookOrigin
  /** Why the wanted content could not be used (file and field per issue); empty when all is well. */
  issues: PlaybookIssue[]
}

/**
 * Chooses the playbook content: the custom files when given and valid; otherwise the last good content
 * (when custom files break) or the bundled one. Issues of broken custom files and of a broken bundle are
 * all reported, so the agent sees which file and field to fix while the console keeps working.
 */
export function resolvePlaybooks(input: {
  bundled: () => PlaybookResult<PlaybookSet>
  custom: readonly PlaybookFile[] | null
  lastGood: PlaybookSet | null
}): PlaybookLoad {
  const issues: PlaybookIssue[] = []
  if (input.custom && input.custom.length > 0) {
    const r = parsePlaybookFiles(input.custom)
    if (r.ok) return { playbooks: r.value, origin: 'custom', issues }
    issues.push(...r.error)
    if (input.lastGood) return { playbooks: input.lastGood, origin: 'last-good', issues }
  }
  const bundled = input.bundled()
  if (bundled.ok) return { playbooks: bundled.value, origin: 'bundled', issues }
  issues.push(...bundled.error)
  return input.lastGood ? { playbooks: input.lastGood, origin: 'last-good', issues } : { playbooks: null, origin: 'none', issues }
}

// ---------------------------------------------------------------- changes

/** A checklist change: the domain's (status, step tick, note) or an outcome with an optional note. */
export type ChecklistChange = AttemptChange | { type: 'outcome'; status: AttemptStatus; note?: string }

/**
 * The record to append for a change (null: nothing changes). An outcome sets the status and, when a
 * non-empty note is given, the note in the same record; an empty note keeps the method's earlier note.
 */
export function buildAttempt(state: MethodState, change: ChecklistChange, ctx: AttemptContext): NextAttemptResult {
  // a note must never carry a verification code, an authenticator key or an ID number
  const secret = 'note' in change && change.note ? secretProblem(findSecrets(change.note)) : null
  if (secret) return { ok: false, error: secret }
  if (change.type !== 'outcome') return nextAttempt(state, change, ctx)
  const withStatus = nextAttempt(state, { type: 'status', status: change.status }, ctx)
  const note = (change.note ?? '').trim()
  if (!withStatus.ok || note === '') return withStatus
  const withNote = nextAttempt(withStatus.value ? stateFrom(withStatus.value) : state, { type: 'note', note }, ctx)
  if (!withNote.ok) return withNote
  return { ok: true, value: withNote.value ?? withStatus.value }
}

// ---------------------------------------------------------------- history

/** One record of a method's history, as what changed compared with the record before it. */
export interface HistoryEntry {
  id: number | undefined
  at: number
  agent: string
  /** Set when the status changed. */
  status: { from: AttemptStatus; to: AttemptStatus } | null
  ticked: string[]
  unticked: string[]
  /** The new note when it changed (an empty string when it was cleared); null when unchanged. */
  note: string | null
  variantId: string | null
  /** The variant of the record before (the unticked steps belong to it). */
  previousVariantId: string | null
  /** True when the record belongs to another variant than the one before (facts changed). */
  variantChanged: boolean
}

/** A method's records as readable changes, oldest first. The first record compares with `not-tried`. */
export function historyEntries(records: readonly AttemptRecord[]): HistoryEntry[] {
  let prev: { status: AttemptStatus; steps: readonly string[]; note: string; variantId: string | null } = {
    status: 'not-tried',
    steps: [],
    note: '',
    variantId: null,
  }
  return chronological(records).map((r, i) => {
    const entry: HistoryEntry = {
      id: r.id,
      at: r.at,
      agent: r.agent,
      status: r.status !== prev.status ? { from: prev.status, to: r.status } : null,
      ticked: r.steps.filter((s) => !prev.steps.includes(s)),
      unticked: prev.steps.filter((s) => !r.steps.includes(s)),
      note: r.note !== prev.note ? r.note : null,
      variantId: r.variantId,
      previousVariantId: prev.variantId,
      variantChanged: i > 0 && r.variantId !== prev.variantId,
    }
    prev = r
    return entry
  })
}

/**
 * The text of one of a method's steps, or null when the content no longer has it. Variants may share a
 * step id with different texts (each security app's menu path), so the record's variant is searched
 * first, then the common steps, then any variant.
 */
export function stepText(pb: Playbook, methodId: MethodId, stepId: string, variantId: string | null = null): string | null {
  const m = playbookMethod(pb, methodId)
  const own = m.variants.find((v) => v.id === variantId)?.steps ?? []
  const all = [...own, ...m.steps, ...m.variants.flatMap((v) => v.steps)]
  return all.find((s) => s.id === stepId)?.text ?? null
}

/** A variant's label in the playbook, or null for an unknown variant. */
export function variantLabel(pb: Playbook, methodId: MethodId, variantId: string | null): string | null {
  return playbookMethod(pb, methodId).variants.find((v) => v.id === variantId)?.label ?? null
}

// ---------------------------------------------------------------- panel view

/** The status shown to the agent: a method the rules suggest now reads `suggested` even before any record. */
export function shownStatus(status: AttemptStatus, verdict: Verdict): AttemptStatus {
  return status === 'not-tried' && verdict === 'next' ? 'suggested' : status
}

export interface ChecklistStep {
  id: string
  text: string
  ticked: boolean
}

export interface ChecklistMethodView {
  methodId: MethodId
  number: number
  title: string
  summary: string
  whenItApplies: string
  /** The stored status (newest record) and the status shown (see shownStatus). */
  status: AttemptStatus
  shown: AttemptStatus
  verdict: Verdict
  /** One line: why it is next, later, or skipped. */
  reason: Reason
  variantId: string
  variantLabel: string
  /** False for methods with a single `default` variant (no variant label worth showing). */
  hasVariants: boolean
  steps: ChecklistStep[]
  progress: { done: number; total: number }
  notes: PlaybookNote[]
  history: HistoryEntry[]
  state: MethodState
}

export interface ChecklistView {
  language: Language
  version: number
  /** The seven methods in the article's order. */
  methods: ChecklistMethodView[]
  next: NextAction
  /** The method suggested now (next.kind === 'method'), else null. */
  suggested: ChecklistMethodView | null
  /** The method that resolved the case (next.kind === 'close'), else null. */
  resolvedBy: ChecklistMethodView | null
  escalation: EscalationInfo
  prevention: PlaybookPrevention
  step: NextStep
}

/** Everything the checklist panel shows for a case, from the content (UI language), the facts and the records. */
export function buildChecklistView(pb: Playbook, facts: PlaybookFacts, records: readonly AttemptRecord[]): ChecklistView {
  const states = currentStates(records)
  const step = nextStep(facts, states)
  const history = historyByMethod(records)
  const verdicts = new Map(step.methods.map((m) => [m.methodId, m]))
  const methods = METHOD_IDS.map((methodId): ChecklistMethodView => {
    const content = playbookMethod(pb, methodId)
    const v = verdicts.get(methodId)
    const variantId = step.variants[methodId]
    const state = states[methodId]
    const steps = checklistSteps(pb, methodId, variantId).map((s) => ({ id: s.id, text: s.text, ticked: state.steps.includes(s.id) }))
    const verdict = v?.verdict ?? 'skipped'
    return {
      methodId,
      number: methodNumber(methodId),
      title: content.title,
      summary: content.summary,
      whenItApplies: content.whenItApplies,
      status: state.status,
      shown: shownStatus(state.status, verdict),
      verdict,
      reason: v?.reason ?? { key: 'playbook.reason.none.nothing-left' },
      variantId,
      variantLabel: content.variants.find((x) => x.id === variantId)?.label ?? variantId,
      hasVariants: content.variants.length > 1,
      steps,
      progress: stepProgress(
        state,
        steps.map((s) => s.id),
      ),
      notes: content.notes,
      history: historyEntries(history[methodId]),
      state,
    }
  })
  const byId = (id: MethodId): ChecklistMethodView | null => methods.find((m) => m.methodId === id) ?? null
  return {
    language: pb.language,
    version: pb.version,
    methods,
    next: step.next,
    suggested: step.next.kind === 'method' ? byId(step.next.methodId) : null,
    resolvedBy: step.next.kind === 'close' ? byId(step.next.methodId) : null,
    escalation: step.escalation,
    prevention: pb.prevention,
    step,
  }
}
