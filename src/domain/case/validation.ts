import { z } from 'zod'
import {
  BLOCKING_APPS,
  BOUND_METHODS,
  CARRIERS,
  CASE_STATUSES,
  CHANNELS,
  EMAIL_PROVIDERS,
  LANGUAGES,
  OPERATIONS,
  PHONE_OSES,
  SYMPTOMS,
  type BlockingApp,
  type BoundMethod,
  type Carrier,
  type CaseRecord,
  type CaseStatus,
  type Channel,
  type EmailProvider,
  type FieldChange,
  type Language,
  type Operation,
  type PhoneOs,
  type Symptom,
} from '../model'
import { findSecrets, redactSecrets, secretProblem } from '../guard/secrets'
import type { FieldProblems, Problem, Result } from '../result'
import { normalizeEmail } from './email'
import { normalizePhone } from './phone'
import { normalizeUid } from './uid'

export const NOTES_MAX = 20_000

/** What the intake form holds: raw text as typed plus the choices. Autosaved as a draft. */
export interface CaseDraft {
  uid: string
  phone: string
  email: string
  channels: Channel[]
  operation: Operation | null
  symptom: Symptom | null
  phoneOs: PhoneOs | null
  blockingApp: BlockingApp | null
  carrier: Carrier | null
  /** null: infer from the email's domain. */
  emailProvider: EmailProvider | null
  boundMethods: BoundMethod[]
  unavailableMethods: BoundMethod[]
  language: Language
  notes: string
  status: CaseStatus
}

/** A new case starts with the most common situation: an SMS code that never arrives. */
export const emptyDraft = (language: Language = 'zh-CN'): CaseDraft => ({
  uid: '',
  phone: '',
  email: '',
  channels: ['sms'],
  operation: null,
  symptom: 'not-received',
  phoneOs: null,
  blockingApp: null,
  carrier: null,
  emailProvider: null,
  boundMethods: [],
  unavailableMethods: [],
  language,
  notes: '',
  status: 'open',
})

/** The validated, normalised case facts (everything in a CaseRecord the agent controls). */
export type CaseFacts = Pick<
  CaseRecord,
  | 'uid'
  | 'phoneE164'
  | 'phoneRev'
  | 'email'
  | 'emailLower'
  | 'channels'
  | 'operation'
  | 'symptom'
  | 'phoneOs'
  | 'blockingApp'
  | 'carrier'
  | 'emailProvider'
  | 'boundMethods'
  | 'unavailableMethods'
  | 'language'
  | 'notes'
  | 'status'
>

export type DraftErrors = FieldProblems<keyof CaseDraft | 'identity'>

export type ValidationResult = Result<CaseFacts, DraftErrors>

const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v)
const allOf = <T extends string>(list: readonly T[], v: readonly unknown[]): v is T[] => v.every((x) => oneOf(list, x))
const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)]

/** Validates and normalises a draft. Every field's problem is reported at once; nothing is saved while any remains. */
export function validateDraft(draft: CaseDraft): ValidationResult {
  const errors: DraftErrors = {}
  let uid: string | null = null
  let phoneE164: string | null = null
  let phoneRev: string | null = null
  let email: string | null = null
  let emailLower: string | null = null
  let inferredProvider: EmailProvider | null = null

  if (draft.uid.trim() !== '') {
    const r = normalizeUid(draft.uid)
    if (r.ok) uid = r.value
    else errors.uid = r.error
  }
  if (draft.phone.trim() !== '') {
    const r = normalizePhone(draft.phone)
    if (r.ok) {
      phoneE164 = r.value.e164
      phoneRev = r.value.reversedDigits
    } else errors.phone = r.error
  }
  if (draft.email.trim() !== '') {
    const r = normalizeEmail(draft.email)
    if (r.ok) {
      email = r.value.display
      emailLower = r.value.lower
      inferredProvider = r.value.provider
    } else errors.email = r.error
  }
  if (!errors.uid && !errors.phone && !errors.email && !uid && !phoneE164 && !email) {
    errors.identity = { key: 'errors.case.identityRequired' }
  }
  if (draft.channels.length === 0) errors.channels = { key: 'errors.case.channelRequired' }
  else if (!allOf(CHANNELS, draft.channels)) errors.channels = { key: 'errors.case.invalidChoice' }
  if (draft.symptom === null) errors.symptom = { key: 'errors.case.symptomRequired' }
  else if (!oneOf(SYMPTOMS, draft.symptom)) errors.symptom = { key: 'errors.case.invalidChoice' }
  if (draft.operation !== null && !oneOf(OPERATIONS, draft.operation)) errors.operation = { key: 'errors.case.invalidChoice' }
  if (draft.phoneOs !== null && !oneOf(PHONE_OSES, draft.phoneOs)) errors.phoneOs = { key: 'errors.case.invalidChoice' }
  if (draft.blockingApp !== null && !oneOf(BLOCKING_APPS, draft.blockingApp)) errors.blockingApp = { key: 'errors.case.invalidChoice' }
  if (draft.carrier !== null && !oneOf(CARRIERS, draft.carrier)) errors.carrier = { key: 'errors.case.invalidChoice' }
  if (draft.emailProvider !== null && !oneOf(EMAIL_PROVIDERS, draft.emailProvider))
    errors.emailProvider = { key: 'errors.case.invalidChoice' }
  if (!allOf(BOUND_METHODS, draft.boundMethods)) errors.boundMethods = { key: 'errors.case.invalidChoice' }
  if (!allOf(BOUND_METHODS, draft.unavailableMethods)) errors.unavailableMethods = { key: 'errors.case.invalidChoice' }
  if (!oneOf(LANGUAGES, draft.language)) errors.language = { key: 'errors.case.invalidChoice' }
  if (!oneOf(CASE_STATUSES, draft.status)) errors.status = { key: 'errors.case.invalidChoice' }
  if (draft.notes.length > NOTES_MAX) errors.notes = { key: 'errors.case.notesTooLong', params: { max: NOTES_MAX } }
  else {
    // verification codes, authenticator keys and ID numbers are never stored
    const secret = secretProblem(findSecrets(draft.notes))
    if (secret) errors.notes = secret
  }

  if (Object.keys(errors).length > 0) return { ok: false, error: errors }
  return {
    ok: true,
    value: {
      uid,
      phoneE164,
      phoneRev,
      email,
      emailLower,
      channels: unique(draft.channels),
      operation: draft.operation,
      symptom: draft.symptom as Symptom,
      phoneOs: draft.phoneOs,
      // a blocking app only means something on Android
      blockingApp: draft.blockingApp,
      carrier: draft.carrier,
      emailProvider: draft.emailProvider ?? inferredProvider,
      boundMethods: unique(draft.boundMethods),
      unavailableMethods: unique(draft.unavailableMethods),
      language: draft.language,
      notes: draft.notes,
      status: draft.status,
    },
  }
}

/** Turns a stored case back into a draft for editing. */
export function draftFromCase(c: CaseRecord, formatPhone: (e164: string) => string = (p) => p): CaseDraft {
  return {
    uid: c.uid ?? '',
    phone: c.phoneE164 ? formatPhone(c.phoneE164) : '',
    email: c.email ?? '',
    channels: [...c.channels],
    operation: c.operation,
    symptom: c.symptom,
    phoneOs: c.phoneOs,
    blockingApp: c.blockingApp,
    carrier: c.carrier,
    emailProvider: c.emailProvider,
    boundMethods: [...c.boundMethods],
    unavailableMethods: [...c.unavailableMethods],
    language: c.language,
    notes: c.notes,
    status: c.status,
  }
}

/**
 * Facts that contradict each other. They are shown to the agent, never silently resolved.
 * Keys under `errors.contradiction.`.
 */
export function contradictions(
  f: Pick<CaseFacts, 'channels' | 'phoneOs' | 'blockingApp' | 'boundMethods' | 'unavailableMethods' | 'phoneE164' | 'email'>,
): Problem[] {
  const out: Problem[] = []
  for (const m of f.unavailableMethods) {
    if (!f.boundMethods.includes(m)) out.push({ key: 'errors.contradiction.unavailableNotBound', params: { method: m } })
  }
  if (f.channels.includes('authenticator') && !f.boundMethods.includes('authenticator')) {
    out.push({ key: 'errors.contradiction.authenticatorNotBound' })
  }
  if (f.phoneOs === 'iphone' && f.blockingApp !== null && f.blockingApp !== 'none') {
    out.push({ key: 'errors.contradiction.iphoneWithAndroidApp' })
  }
  return out
}

/** The facts an agent edits (derived fields such as phoneRev follow their source). */
export const FACT_FIELDS: readonly (keyof CaseFacts)[] = [
  'uid',
  'phoneE164',
  'email',
  'channels',
  'operation',
  'symptom',
  'phoneOs',
  'blockingApp',
  'carrier',
  'emailProvider',
  'boundMethods',
  'unavailableMethods',
  'language',
  'notes',
  'status',
]

/** What changed between two versions of a case's facts, for the audit trail. */
export function diffFacts(before: CaseFacts, after: CaseFacts): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of FACT_FIELDS) {
    const a = before[field]
    const b = after[field]
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, from: a, to: b })
  }
  return changes
}

/** Shape check for a stored draft (localStorage is untrusted input). */
export const caseDraftSchema = z.object({
  uid: z.string().max(200),
  phone: z.string().max(200),
  email: z.string().max(400),
  channels: z.array(z.enum(CHANNELS)).max(3),
  operation: z.enum(OPERATIONS).nullable(),
  symptom: z.enum(SYMPTOMS).nullable(),
  phoneOs: z.enum(PHONE_OSES).nullable(),
  blockingApp: z.enum(BLOCKING_APPS).nullable(),
  carrier: z.enum(CARRIERS).nullable(),
  emailProvider: z.enum(EMAIL_PROVIDERS).nullable(),
  boundMethods: z.array(z.enum(BOUND_METHODS)).max(3),
  unavailableMethods: z.array(z.enum(BOUND_METHODS)).max(3),
  language: z.enum(LANGUAGES),
  notes: z.string().max(NOTES_MAX * 2),
  status: z.enum(CASE_STATUSES),
}) satisfies z.ZodType<CaseDraft>

/** What an autosaved draft may hold: the same, with any secret in the notes replaced by a marker. */
export function draftForStorage(draft: CaseDraft): CaseDraft {
  return findSecrets(draft.notes).length > 0 ? { ...draft, notes: redactSecrets(draft.notes) } : draft
}
