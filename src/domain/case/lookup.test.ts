import { describe, expect, it } from 'vitest'
import { planLookup, rankMatches } from './lookup'

describe('planLookup', () => {
  it('reads a UID as exact UID, prefix, and possible phone digits', () => {
    const p = planLookup('35001234')
    expect(p.uidExact).toBe('35001234')
    expect(p.uidPrefix).toBe('35001234')
    expect(p.phoneRevPrefix).toBe('43210053')
    expect(p.emailPrefix).toBeNull()
  })

  it.each(['+86 138 0013 8000', '008613800138000', '13800138000', '138-0013-8000', '(+86) 138 0013 8000', '８６１３８００１３８０００'])(
    'reads the phone form %j as +8613800138000',
    (q) => {
      expect(planLookup(q).phoneExact).toContain('+8613800138000')
    },
  )

  it.each([
    '35001234 13800138000',
    '13800138000 35001234',
    'UID 35001234，13800138000。',
    '35001234\n+86 13800138000'.replace('+86 ', '+86'),
  ])('reads a UID and a mobile number pasted together (%j) as both', (q) => {
    const p = planLookup(q)
    expect(p.uidExact).toBe('35001234')
    expect(p.phoneExact).toEqual(['+8613800138000'])
    // not one long number: no UID prefix or last digits of the two run together
    expect(p.uidPrefix).toBeNull()
    expect(p.phoneRevPrefix).toBeNull()
  })

  it('leaves a number spaced in groups alone', () => {
    expect(planLookup('+86 13800138000').uidExact).toBeNull()
    expect(planLookup('0086 13800138000').phoneExact).toEqual(['+8613800138000'])
    expect(planLookup('1380 0138 0001').uidExact).toBe('138001380001')
  })

  it('does not search UIDs for a number typed with +', () => {
    const p = planLookup('+86 138 0013 8000')
    expect(p.uidExact).toBeNull()
    expect(p.uidPrefix).toBeNull()
  })

  it('searches the last digits of phones for 4 or more digits only', () => {
    // as a user says it in Chinese: 尾号 8000, "the number ending 8000"
    expect(planLookup('尾号8000').phoneRevPrefix).toBe('0008')
    expect(planLookup('手机尾号：8000').phoneRevPrefix).toBe('0008')
    expect(planLookup('8000').phoneRevPrefix).toBe('0008')
    expect(planLookup('0013 8000').phoneRevPrefix).toBe('00083100')
    expect(planLookup('800').phoneRevPrefix).toBeNull()
  })

  it('reads emails case-insensitively, as a prefix', () => {
    expect(planLookup(' Li.Wei@Gmail.COM ').emailPrefix).toBe('li.wei@gmail.com')
    expect(planLookup('mailto:a@b.cn').emailPrefix).toBe('a@b.cn')
    expect(planLookup('li.wei').emailPrefix).toBe('li.wei')
  })

  it('reads case numbers leniently', () => {
    expect(planLookup('vc-20261124-7k3q').caseNumberPrefix).toBe('VC-20261124-7K3Q')
    expect(planLookup('VC 20261124 7K3Q').caseNumberPrefix).toBe('VC-20261124-7K3Q')
    expect(planLookup('VC2026').caseNumberPrefix).toBe('VC-2026')
    // copied with its label, or the case page's heading whole
    expect(planLookup('Case VC-20261124-7K3Q').caseNumberPrefix).toBe('VC-20261124-7K3Q')
    expect(planLookup('Case number: VC-20261124-7K3Q').caseNumberPrefix).toBe('VC-20261124-7K3Q')
    expect(planLookup('工单号：VC-20261124-7K3Q。').caseNumberPrefix).toBe('VC-20261124-7K3Q')
    expect(planLookup('case').emailPrefix).toBe('case')
  })

  it('strips a pasted label', () => {
    expect(planLookup('UID: 35001234').uidExact).toBe('35001234')
  })

  // the intake form accepts each of these; the look-up must find what it saved
  it.each(['UID 35001234', 'UID#35001234', '用户ID：35001234', 'uid35001234', '35001234。'])('reads the labelled UID %j', (q) => {
    expect(planLookup(q).uidExact).toBe('35001234')
  })

  it.each(['手机号：13800138000', '手机：+86 138 0013 8000', 'Phone number: +86 138 0013 8000', '138/0013/8000', '+86 138\u200b0013 8000'])(
    'reads the labelled phone %j',
    (q) => {
      expect(planLookup(q).phoneExact).toContain('+8613800138000')
    },
  )

  it.each(['邮箱：LI.WEI@GMAIL.COM', 'E-mail: li.wei@gmail.com', 'Li Wei <li.wei@gmail.com>', 'li.wei@gmail.com。', '"li.wei@gmail.com"'])(
    'reads the pasted email %j',
    (q) => {
      expect(planLookup(q).emailPrefix).toBe('li.wei@gmail.com')
    },
  )

  it('keeps an email that starts like a label, and a typed start of one', () => {
    expect(planLookup('mail@qq.com').emailPrefix).toBe('mail@qq.com')
    expect(planLookup('uid').emailPrefix).toBe('uid')
    expect(planLookup('phone2024').emailPrefix).toBe('phone2024')
    expect(planLookup('email: li.wei').emailPrefix).toBe('li.wei')
  })

  it('plans nothing for an empty query or punctuation', () => {
    const p = planLookup('   ')
    expect(Object.values(p).every((v) => v === null || (Array.isArray(v) && v.length === 0))).toBe(true)
    const q = planLookup('???')
    expect(q.uidExact).toBeNull()
    expect(q.emailPrefix).toBeNull()
  })
})

describe('rankMatches', () => {
  it('keeps each case once with its best match, exact kinds first, then newest', () => {
    const a = { id: 1, updatedAt: 10 }
    const b = { id: 2, updatedAt: 20 }
    const c = { id: 3, updatedAt: 30 }
    const ranked = rankMatches([
      { record: c, kind: 'phoneSuffix' },
      { record: a, kind: 'uidPrefix' },
      { record: a, kind: 'uid' },
      { record: b, kind: 'phone' },
      { record: c, kind: 'uidPrefix' },
    ])
    expect(ranked.map((m) => [m.record.id, m.kind])).toEqual([
      [1, 'uid'],
      [2, 'phone'],
      [3, 'phoneSuffix'],
    ])
  })
})
