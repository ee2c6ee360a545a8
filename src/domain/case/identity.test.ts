import { describe, expect, it } from 'vitest'
import { completeUserKeys, hasUserKeys } from './identity'

describe('completeUserKeys', () => {
  it('gives each complete field as it would be stored', () => {
    expect(completeUserKeys({ uid: ' 3500 1234 ', phone: '138-0013-8000', email: 'Li.Wei@Gmail.com' })).toEqual({
      uid: '35001234',
      phoneE164: '+8613800138000',
      emailLower: 'li.wei@gmail.com',
    })
  })

  it('leaves out fields still being typed, so fragments never match another user', () => {
    const keys = completeUserKeys({ uid: '3500', phone: '138001', email: 'li.wei@gm' })
    expect(keys).toEqual({ uid: null, phoneE164: null, emailLower: null })
    expect(hasUserKeys(keys)).toBe(false)
  })

  it('one complete field is enough', () => {
    const keys = completeUserKeys({ uid: '', phone: '', email: 'a@qq.com' })
    expect(keys).toEqual({ uid: null, phoneE164: null, emailLower: 'a@qq.com' })
    expect(hasUserKeys(keys)).toBe(true)
  })
})
