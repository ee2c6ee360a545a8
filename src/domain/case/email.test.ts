import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inferEmailProvider, normalizeEmail } from './email'

describe('normalizeEmail', () => {
  it.each([
    ['Li.Wei@Gmail.com', 'Li.Wei@gmail.com', 'li.wei@gmail.com', 'gmail'],
    ['  user@qq.com ', 'user@qq.com', 'user@qq.com', 'qq'],
    ['mailto:User@163.com', 'User@163.com', 'user@163.com', '163'],
    ['<someone@outlook.com>', 'someone@outlook.com', 'someone@outlook.com', 'outlook'],
    ['a.b+tag@proton.me', 'a.b+tag@proton.me', 'a.b+tag@proton.me', 'protonmail'],
    ['user＠hotmail.com', 'user@hotmail.com', 'user@hotmail.com', 'outlook'],
    ['x@company.example', 'x@company.example', 'x@company.example', 'other'],
    // copied with a label, a display name, quotes or the sentence's full stop
    ['Email: Li.Wei@Gmail.com', 'Li.Wei@gmail.com', 'li.wei@gmail.com', 'gmail'],
    ['E-mail address: user@qq.com', 'user@qq.com', 'user@qq.com', 'qq'],
    ['邮箱：User@163.com。', 'User@163.com', 'user@163.com', '163'],
    ['电子邮件 user@qq.com', 'user@qq.com', 'user@qq.com', 'qq'],
    ['Li Wei <li.wei@gmail.com>', 'li.wei@gmail.com', 'li.wei@gmail.com', 'gmail'],
    ['“user@qq.com”', 'user@qq.com', 'user@qq.com', 'qq'],
    ['user@qq.com.', 'user@qq.com', 'user@qq.com', 'qq'],
    // a local part that starts like a label keeps its letters
    ['mail@qq.com', 'mail@qq.com', 'mail@qq.com', 'qq'],
    ['mail-box@qq.com', 'mail-box@qq.com', 'mail-box@qq.com', 'qq'],
    ['email1@qq.com', 'email1@qq.com', 'email1@qq.com', 'qq'],
  ])('accepts %j', (input, display, lower, provider) => {
    expect(normalizeEmail(input)).toEqual({ ok: true, value: { display, lower, provider } })
  })

  it.each([
    ['', 'errors.email.empty'],
    ['li wei@gmail.com', 'errors.email.spaces'],
    ['liwei.gmail.com', 'errors.email.noAt'],
    ['li.wei@gmail', 'errors.email.invalid'],
    ['@gmail.com', 'errors.email.invalid'],
    ['li..wei@gmail.com', 'errors.email.invalid'],
    ['li@wei@gmail.com', 'errors.email.invalid'],
  ])('refuses %j with %s', (input, key) => {
    const r = normalizeEmail(input)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.key).toBe(key)
  })

  it('never throws; accepted emails are stable and lower-cased for lookup', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.emailAddress()), (s) => {
        const r = normalizeEmail(s)
        if (r.ok) {
          expect(r.value.lower).toBe(r.value.lower.toLowerCase())
          expect(normalizeEmail(r.value.display)).toEqual(r)
        }
      }),
    )
  })
})

describe('inferEmailProvider', () => {
  it.each([
    ['a@foxmail.com', 'qq'],
    ['a@126.com', '163'],
    ['a@googlemail.com', 'gmail'],
    ['a@live.com', 'outlook'],
    ['a@outlook.jp', 'outlook'],
    ['a@pm.me', 'protonmail'],
    ['a@sina.com', 'other'],
  ])('%s → %s', (email, provider) => {
    expect(inferEmailProvider(email)).toBe(provider)
  })
})
