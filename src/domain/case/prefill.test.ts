import { describe, expect, it } from 'vitest'
import { prefillFromQuery, prefillNeedsNewForm } from './prefill'
import { emptyDraft } from './validation'

const form = (patch: Partial<ReturnType<typeof emptyDraft>>) => ({ ...emptyDraft(), ...patch })

describe('prefillFromQuery', () => {
  it('fills the field without the label copied with the value', () => {
    expect(prefillFromQuery('13912345678')).toEqual({ phone: '13912345678' })
    expect(prefillFromQuery('１３９１２３４５６７８')).toEqual({ phone: '１３９１２３４５６７８' })
    expect(prefillFromQuery('手机号：139 1234 5678')).toEqual({ phone: '139 1234 5678' })
    expect(prefillFromQuery('UID 35001234')).toEqual({ uid: '35001234' })
    expect(prefillFromQuery('邮箱：Li.Wei@Gmail.com')).toEqual({ email: 'Li.Wei@Gmail.com' })
  })

  it('puts a UID and a mobile number copied together each in its field', () => {
    expect(prefillFromQuery('35001234 13800138000')).toEqual({ uid: '35001234', phone: '13800138000' })
    expect(prefillFromQuery('UID 35001234，13800138000')).toEqual({ uid: '35001234', phone: '13800138000' })
    expect(prefillFromQuery('13800138000 35001234')).toEqual({ uid: '35001234', phone: '13800138000' })
  })
})

describe('prefillNeedsNewForm', () => {
  it('fills an empty form, or one with choices only, in place', () => {
    expect(prefillNeedsNewForm(emptyDraft(), prefillFromQuery('13912345678'))).toBe(false)
    expect(prefillNeedsNewForm(form({ carrier: 'china-mobile', channels: ['email'] }), prefillFromQuery('35001234'))).toBe(false)
  })

  it('fills in place what the form already holds, written another way', () => {
    expect(prefillNeedsNewForm(form({ phone: '138 0013 8000' }), prefillFromQuery('+86-138-0013-8000'))).toBe(false)
    expect(prefillNeedsNewForm(form({ email: 'Li.Wei@Gmail.com' }), prefillFromQuery('li.wei@gmail.com'))).toBe(false)
  })

  it("starts a new form when the form holds someone's other details", () => {
    // another field of an unsaved user: a UID, notes
    expect(prefillNeedsNewForm(form({ uid: '35001234' }), prefillFromQuery('13912345678'))).toBe(true)
    expect(prefillNeedsNewForm(form({ notes: 'Huawei, SMS blocked' }), prefillFromQuery('13912345678'))).toBe(true)
    // the same field with another value, or a half-typed one
    expect(prefillNeedsNewForm(form({ phone: '13800138000' }), prefillFromQuery('13912345678'))).toBe(true)
    expect(prefillNeedsNewForm(form({ phone: '1380' }), prefillFromQuery('13912345678'))).toBe(true)
  })
})
