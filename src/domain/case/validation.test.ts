import { describe, expect, it } from 'vitest'
import { generateCaseNumber, CASE_NUMBER_PATTERN, normalizeCaseNumberQuery } from './caseNumber'
import { prefillFromQuery } from './prefill'
import {
  caseDraftSchema,
  contradictions,
  diffFacts,
  draftForStorage,
  draftFromCase,
  emptyDraft,
  validateDraft,
  type CaseDraft,
} from './validation'

const draft = (patch: Partial<CaseDraft>): CaseDraft => ({ ...emptyDraft(), ...patch })

describe('validateDraft', () => {
  it('normalises identifiers and infers the mailbox provider', () => {
    const r = validateDraft(draft({ uid: '3500 1234', phone: '138-0013-8000', email: 'Li@QQ.com' }))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value).toMatchObject({
      uid: '35001234',
      phoneE164: '+8613800138000',
      phoneRev: '00083100831' + '68',
      email: 'Li@qq.com',
      emailLower: 'li@qq.com',
      emailProvider: 'qq',
    })
  })

  it('keeps an explicit provider over the inferred one', () => {
    const r = validateDraft(draft({ email: 'a@qq.com', emailProvider: 'gmail' }))
    expect(r.ok && r.value.emailProvider).toBe('gmail')
  })

  it('needs at least one identifier', () => {
    const r = validateDraft(draft({}))
    expect(r).toEqual({ ok: false, error: { identity: { key: 'errors.case.identityRequired' } } })
  })

  it('reports every bad field at once', () => {
    const r = validateDraft(draft({ uid: 'x1', phone: '123', email: 'a@', channels: [], symptom: null }))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(Object.keys(r.error).sort()).toEqual(['channels', 'email', 'phone', 'symptom', 'uid'])
    expect(r.error.identity).toBeUndefined()
  })

  it('refuses choices outside the lists (tampered drafts)', () => {
    const r = validateDraft(draft({ uid: '35001234', carrier: 'china-mobilex' as never, channels: ['fax' as never] }))
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.error).toMatchObject({ carrier: { key: 'errors.case.invalidChoice' }, channels: { key: 'errors.case.invalidChoice' } })
  })

  it('limits notes', () => {
    const r = validateDraft(draft({ uid: '35001234', notes: 'x'.repeat(20_001) }))
    expect(!r.ok && r.error.notes?.key).toBe('errors.case.notesTooLong')
  })

  it('dedupes repeated choices', () => {
    const r = validateDraft(draft({ uid: '35001234', channels: ['sms', 'sms'], boundMethods: ['email', 'email'] }))
    expect(r.ok && r.value.channels).toEqual(['sms'])
    expect(r.ok && r.value.boundMethods).toEqual(['email'])
  })
})

describe('drafts', () => {
  it('round-trip through a stored case', () => {
    const r = validateDraft(draft({ uid: '35001234', phone: '+8613800138000', notes: 'n' }))
    if (!r.ok) throw new Error('invalid')
    const record = { ...r.value, caseNumber: 'VC-20261124-AAAA', agent: 'a', resolvedBy: null, createdAt: 1, updatedAt: 1 }
    const back = draftFromCase(record)
    expect(validateDraft(back)).toEqual(r)
    expect(caseDraftSchema.safeParse(back).success).toBe(true)
  })

  it('schema refuses garbage from storage', () => {
    expect(caseDraftSchema.safeParse({ uid: 1 }).success).toBe(false)
    expect(caseDraftSchema.safeParse(emptyDraft()).success).toBe(true)
  })
})

describe('contradictions and diffs', () => {
  it('flags contradictory facts instead of resolving them', () => {
    const base = validateDraft(draft({ uid: '35001234' }))
    if (!base.ok) throw new Error('invalid')
    expect(contradictions(base.value)).toEqual([])
    expect(contradictions({ ...base.value, unavailableMethods: ['authenticator'] }).map((p) => p.key)).toEqual([
      'errors.contradiction.unavailableNotBound',
    ])
    expect(contradictions({ ...base.value, channels: ['authenticator'] }).map((p) => p.key)).toEqual([
      'errors.contradiction.authenticatorNotBound',
    ])
    expect(contradictions({ ...base.value, phoneOs: 'iphone', blockingApp: '360' }).map((p) => p.key)).toEqual([
      'errors.contradiction.iphoneWithAndroidApp',
    ])
  })

  it('lists changed fields only', () => {
    const a = validateDraft(draft({ uid: '35001234' }))
    const b = validateDraft(draft({ uid: '35001234', carrier: 'china-mobile', notes: 'x' }))
    if (!a.ok || !b.ok) throw new Error('invalid')
    expect(diffFacts(a.value, b.value)).toEqual([
      { field: 'carrier', from: null, to: 'china-mobile' },
      { field: 'notes', from: '', to: 'x' },
    ])
  })
})

describe('case numbers', () => {
  it('are readable and match the pattern', () => {
    let i = 0
    const seq = [0.1, 0.5, 0.9, 0.99]
    const n = generateCaseNumber('2026-11-24', () => seq[i++ % seq.length]!)
    expect(n).toMatch(CASE_NUMBER_PATTERN)
    expect(n.startsWith('VC-20261124-')).toBe(true)
  })
  it('never contain I, L, O or U', () => {
    for (let k = 0; k < 32; k++) {
      const n = generateCaseNumber('2026-01-01', () => k / 32)
      expect(n.slice(-4)).not.toMatch(/[ILOU]/)
    }
  })
  it('are read back leniently', () => {
    expect(normalizeCaseNumberQuery('vc 20261124 7k3q')).toBe('VC-20261124-7K3Q')
    expect(normalizeCaseNumberQuery('VC-20261124-7K3O')).toBe('VC-20261124-7K30')
    expect(normalizeCaseNumberQuery('hello')).toBeNull()
  })
})

describe('prefillFromQuery', () => {
  it.each([
    ['13800138000', { phone: '13800138000' }],
    ['+852 9123 4567', { phone: '+852 9123 4567' }],
    ['35001234', { uid: '35001234' }],
    ['a@qq.com', { email: 'a@qq.com' }],
    ['???', {}],
  ])('%s', (q, expected) => {
    expect(prefillFromQuery(q)).toEqual(expected)
  })
})

describe('secrets in notes', () => {
  it('are refused with the guard message, and kept out of stored drafts', () => {
    const d = draft({ uid: '35001234', notes: 'User says 验证码：482913 never worked' })
    const r = validateDraft(d)
    expect(!r.ok && r.error.notes?.key).toBe('errors.guard.verificationCode')
    const stored = draftForStorage(d)
    expect(stored.notes).not.toContain('482913')
    expect(stored.uid).toBe(d.uid)
    const key = draft({ uid: '35001234', notes: 'key JBSW Y3DP EHPK 3PXP' })
    expect(!validateDraft(key).ok).toBe(true)
    expect(draftForStorage(draft({ notes: 'nothing secret' })).notes).toBe('nothing secret')
  })
})
