import { describe, expect, it } from 'vitest'
import { checkNewPassword, PASSWORD_MAX, PASSWORD_MIN } from './password'

describe('checkNewPassword', () => {
  it('takes a password of the allowed length typed the same twice', () => {
    for (const p of ['x'.repeat(PASSWORD_MIN), 'x'.repeat(PASSWORD_MAX), '密码'.repeat(5)])
      expect(checkNewPassword(p, p)).toEqual({ ok: true, value: p })
  })

  it('names the field and the rule: too short, too long, not the same twice', () => {
    const short = 'x'.repeat(PASSWORD_MIN - 1)
    const long = 'x'.repeat(PASSWORD_MAX + 1)
    expect(checkNewPassword(short, short)).toEqual({ ok: false, error: { password: { key: 'team.password.tooShort', params: { n: 10 } } } })
    expect(checkNewPassword(long, long)).toEqual({ ok: false, error: { password: { key: 'team.password.tooLong', params: { n: 200 } } } })
    expect(checkNewPassword('a-long-password', 'a-long-passwork')).toEqual({
      ok: false,
      error: { confirm: { key: 'team.password.mismatch' } },
    })
    expect(checkNewPassword('', '')).toMatchObject({ ok: false, error: { password: { key: 'team.password.tooShort' } } })
    expect(checkNewPassword('short', 'other')).toEqual({
      ok: false,
      error: { password: { key: 'team.password.tooShort', params: { n: 10 } }, confirm: { key: 'team.password.mismatch' } },
    })
  })
})
