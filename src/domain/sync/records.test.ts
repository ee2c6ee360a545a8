import { describe, expect, it } from 'vitest'
import { NOTES_MAX } from '../case/validation'
import { parseCheckpoint, pushChangeSchema } from './protocol'
import { idSchemaFor, instantsOf, syncCaseSchema, syncReviewSchema, syncSettingSchema } from './records'

const user = '018f3c1e-7a00-7000-8000-000000000001'
const caseId = '018f3c1e-7a00-7000-8000-0000000000c1'
const t = 1_790_000_000_000

const syncedCase = {
  id: caseId,
  caseNumber: 'VC-20261124-7K3Q',
  uid: '1234567',
  phoneE164: '+8613800138000',
  phoneRev: '0008310083168',
  email: null,
  emailLower: null,
  channels: ['sms'],
  operation: null,
  symptom: 'not-received',
  phoneOs: null,
  blockingApp: null,
  carrier: null,
  emailProvider: null,
  boundMethods: [],
  unavailableMethods: [],
  language: 'en',
  notes: '',
  status: 'open',
  agent: user,
  resolvedBy: null,
  createdAt: t,
  updatedAt: t,
  updatedBy: user,
  deletedAt: null,
}

describe('synced record schemas', () => {
  it('accept a team-mode case and refuse numeric ids, unknown fields and notes over the intake limit', () => {
    expect(syncCaseSchema.safeParse(syncedCase).success).toBe(true)
    expect(syncCaseSchema.safeParse({ ...syncedCase, id: 7 }).success).toBe(false)
    expect(syncCaseSchema.safeParse({ ...syncedCase, extra: 1 }).success).toBe(false)
    expect(syncCaseSchema.safeParse({ ...syncedCase, notes: 'x'.repeat(NOTES_MAX) }).success).toBe(true)
    expect(syncCaseSchema.safeParse({ ...syncedCase, notes: 'x'.repeat(NOTES_MAX + 1) }).success).toBe(false)
    // a trashed case carries deletedAt; a case that is not has null (never absent)
    expect(syncCaseSchema.safeParse({ ...syncedCase, deletedAt: t }).success).toBe(true)
    const { deletedAt: _d, ...withoutDeletedAt } = syncedCase
    expect(syncCaseSchema.safeParse(withoutDeletedAt).success).toBe(false)
  })

  it('validate each team setting with its own schema', () => {
    const meta = { updatedAt: t, updatedBy: user }
    expect(
      syncSettingSchema.safeParse({ id: 'slaSettings', value: { expectedDays: 3, dueDays: 7, atRiskLeadDays: 1 }, ...meta }).success,
    ).toBe(true)
    expect(
      syncSettingSchema.safeParse({ id: 'slaSettings', value: { expectedDays: 8, dueDays: 7, atRiskLeadDays: 1 }, ...meta }).success,
    ).toBe(false)
    expect(syncSettingSchema.safeParse({ id: 'playbook.files', value: null, ...meta }).success).toBe(true)
    expect(syncSettingSchema.safeParse({ id: 'theme', value: 'dark', ...meta }).success).toBe(false)
  })

  it('list every client instant of a review, for the clock check', () => {
    const review = {
      submittedAt: 1,
      createdAt: 2,
      closedAt: null,
      pauses: [
        { start: 3, end: 4, reason: '' },
        { start: 5, end: null, reason: '' },
      ],
      alerted: { atRisk: 6, overdue: null },
    }
    expect(instantsOf('review', review).sort()).toEqual([1, 2, 3, 4, 5, 6])
    expect(instantsOf('case', syncedCase)).toEqual([t])
    expect(Object.keys(syncReviewSchema.shape)).toContain('owner')
  })

  it('ids: UUIDs for records, names for templates, known keys for settings', () => {
    expect(idSchemaFor('case').safeParse(caseId).success).toBe(true)
    expect(idSchemaFor('case').safeParse(caseId.toUpperCase()).success).toBe(false)
    expect(idSchemaFor('template').safeParse('method.carrier-sms.china-mobile').success).toBe(true)
    expect(idSchemaFor('template').safeParse('has space').success).toBe(false)
    expect(idSchemaFor('setting').safeParse('businessCalendar').success).toBe(true)
    expect(idSchemaFor('setting').safeParse('theme').success).toBe(false)
  })
})

describe('protocol', () => {
  it('reads checkpoints', () => {
    expect(parseCheckpoint('0:')).toEqual({ version: 0, id: '' })
    expect(parseCheckpoint('0')).toEqual({ version: 0, id: '' })
    expect(parseCheckpoint(`42:${caseId}`)).toEqual({ version: 42, id: caseId })
    expect(parseCheckpoint('x:1')).toBeNull()
    expect(parseCheckpoint('99999999999999999:')).toBeNull()
  })

  it('knows the four change shapes', () => {
    const m = '018f3c1e-7a00-7000-8000-00000000aaaa'
    expect(
      pushChangeSchema.safeParse({ mutationId: m, kind: 'case', id: caseId, op: 'patch', fields: { notes: 'a' }, base: { notes: '' } })
        .success,
    ).toBe(true)
    expect(pushChangeSchema.safeParse({ mutationId: m, kind: 'review', id: caseId, op: 'command', command: 'claim' }).success).toBe(true)
    expect(pushChangeSchema.safeParse({ mutationId: m, kind: 'case', id: caseId, op: 'command', command: 'claim' }).success).toBe(false)
    expect(pushChangeSchema.safeParse({ mutationId: m, kind: 'case', id: caseId, op: 'delete' }).success).toBe(false)
    expect(pushChangeSchema.safeParse({ mutationId: m, kind: 'case', id: caseId, op: 'delete', baseVersion: null }).success).toBe(true)
  })
})
