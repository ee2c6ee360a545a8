import { describe, expect, it } from 'vitest'
import { emptyDraft, validateDraft } from '../case/validation'
import { acceptedOutcomesSchema, applyProposals, initialSelection, mergeOutcomes, safeQuote, toggleProposal } from './apply'
import { bundledIntakeWords } from './bundled'
import { extractFromChat } from './extract'

const propose = (text: string) => extractFromChat(text, bundledIntakeWords()).proposals
const pick = (text: string, ids?: string[]) => {
  const ps = propose(text)
  const sel = ids ?? initialSelection(ps)
  return ps.filter((p) => sel.includes(p.id))
}

describe('applyProposals', () => {
  it('fills a new case and the form validates it', () => {
    const accepted = pick('UID 35001234，手机 +86 138 0013 8000，邮箱 a@qq.com，登录收不到短信，移动，华为，手机管家，已经打过10086')
    const { draft, outcomes, filled } = applyProposals(emptyDraft('en'), accepted, 'new')
    expect(draft).toMatchObject({
      uid: '35001234',
      phone: '+86 138 0013 8000',
      email: 'a@qq.com',
      emailProvider: 'qq',
      channels: ['sms'],
      operation: 'login',
      symptom: 'not-received',
      carrier: 'china-mobile',
      phoneOs: 'android',
      blockingApp: 'builtin',
      language: 'zh-CN',
    })
    expect(filled).toEqual([
      'uid',
      'phone',
      'email',
      'channels',
      'operation',
      'symptom',
      'phoneOs',
      'blockingApp',
      'carrier',
      'emailProvider',
      'language',
    ])
    expect(outcomes).toEqual([{ methodId: 'carrier-sms', status: 'failed', quote: '打过10086' }])
    const v = validateDraft(draft)
    expect(v.ok).toBe(true)
    if (v.ok) expect(v.value.phoneE164).toBe('+8613800138000')
  })

  it('leaves the draft given untouched and unaccepted fields as they were', () => {
    const start = { ...emptyDraft('zh-CN'), notes: 'kept' }
    const { draft } = applyProposals(start, pick('iPhone'), 'new')
    expect(start.phoneOs).toBeNull()
    expect(draft).toMatchObject({ phoneOs: 'iphone', notes: 'kept', uid: '', channels: ['sms'] })
  })

  it('channels replace the default on a new case and add to an open case', () => {
    const email = pick('邮箱验证码也收不到')
    expect(applyProposals(emptyDraft(), email, 'new').draft.channels).toEqual(['email'])
    expect(applyProposals(emptyDraft(), email, 'add').draft.channels).toEqual(['sms', 'email'])
    expect(applyProposals({ ...emptyDraft(), channels: ['authenticator'] }, pick('SMS and email'), 'add').draft.channels).toEqual([
      'sms',
      'email',
      'authenticator',
    ])
  })

  it('nothing accepted, nothing changed', () => {
    const r = applyProposals(emptyDraft(), [], 'new')
    expect(r.draft).toEqual(emptyDraft())
    expect(r.filled).toEqual([])
    expect(r.outcomes).toEqual([])
  })
})

describe('selection', () => {
  it('starts with what is certain', () => {
    const ps = propose('13800138000 或 13912345678，移动')
    expect(initialSelection(ps)).toEqual(['carrier:china-mobile', 'language:zh-CN'])
  })

  it('ticking one value of a single-valued field unticks its rivals; channels and other methods stay', () => {
    const ps = propose('13800138000 或 13912345678，短信和邮件都收不到，打过10086，换了新号也不行，不想换号')
    let sel = initialSelection(ps)
    expect(sel).toEqual(expect.arrayContaining(['channel:sms', 'channel:email', 'method:carrier-sms:failed']))
    sel = toggleProposal(ps, sel, 'phone:+8613800138000', true)
    sel = toggleProposal(ps, sel, 'phone:+8613912345678', true)
    expect(sel.filter((s) => s.startsWith('phone:'))).toEqual(['phone:+8613912345678'])
    sel = toggleProposal(ps, sel, 'method:rebind-phone:failed', true)
    sel = toggleProposal(ps, sel, 'method:rebind-phone:declined', true)
    expect(sel.filter((s) => s.startsWith('method:'))).toEqual(['method:carrier-sms:failed', 'method:rebind-phone:declined'])
    expect(sel).toEqual(expect.arrayContaining(['channel:sms', 'channel:email']))
    sel = toggleProposal(ps, sel, 'channel:sms', false)
    expect(sel).not.toContain('channel:sms')
    expect(toggleProposal(ps, sel, 'nope', true)).toEqual(sel)
  })
})

describe('outcomes', () => {
  it('later ones replace earlier ones for a method; article order', () => {
    const a = { methodId: 'email-code', status: 'failed', quote: 'a' } as const
    const b = { methodId: 'carrier-sms', status: 'failed', quote: 'b' } as const
    const c = { methodId: 'email-code', status: 'declined', quote: 'c' } as const
    expect(mergeOutcomes([a], [b, c])).toEqual([b, c])
  })
  it('a quote never carries a secret and stays short', () => {
    expect(safeQuote('打过10086')).toBe('打过10086')
    expect(safeQuote('code 123456')).toBe('')
    expect(safeQuote('x'.repeat(300))).toHaveLength(120)
  })
  it('the stored form is checked', () => {
    expect(acceptedOutcomesSchema.safeParse([{ methodId: 'carrier-sms', status: 'failed', quote: '' }]).success).toBe(true)
    expect(acceptedOutcomesSchema.safeParse([{ methodId: 'carrier', status: 'failed', quote: '' }]).success).toBe(false)
    expect(acceptedOutcomesSchema.safeParse([{ methodId: 'carrier-sms', status: 'suggested', quote: '' }]).success).toBe(false)
  })
})
