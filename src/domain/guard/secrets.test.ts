import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cnResidentIdCheck, hkIdCheck, isCnResidentId15, isCnResidentId18, isHkId } from './idNumbers'
import {
  REDACTION_TOKENS,
  type GuardMeter,
  findSecrets,
  findSecretsOnce,
  guardText,
  looksLikeBase32Key,
  mayHoldKey,
  redactSecrets,
  removeSecrets,
  secretPreview,
  secretProblem,
  type SecretKind,
} from './secrets'

/** The secret inside each positive sample, so the test checks the exact span. */
const POSITIVES: Array<[text: string, kind: SecretKind, secret: string]> = [
  // verification codes, keyword before
  ['code 123456', 'verification-code', '123456'],
  ['Code: 123456', 'verification-code', '123456'],
  ['the code is 482913, please check', 'verification-code', '482913'],
  ['verification code 8642', 'verification-code', '8642'],
  ['OTP 12345678', 'verification-code', '12345678'],
  ['2FA code: 246810', 'verification-code', '246810'],
  ['the code I got was 135790', 'verification-code', '135790'],
  ['PIN 4321', 'verification-code', '4321'],
  ['code 123 456', 'verification-code', '123 456'],
  ['验证码：123456', 'verification-code', '123456'],
  ['验证码是 654321', 'verification-code', '654321'],
  ['验证码为123456', 'verification-code', '123456'],
  ['用户收到的短信验证码 112233 不对', 'verification-code', '112233'],
  ['动态码 5566', 'verification-code', '5566'],
  ['校验码: 778899', 'verification-code', '778899'],
  ['验证码：１２３４５６', 'verification-code', '１２３４５６'],
  // keyword after
  ['123456 is my code', 'verification-code', '123456'],
  ['123456 is the verification code', 'verification-code', '123456'],
  ['user says 987654 was the code', 'verification-code', '987654'],
  ['123456是验证码', 'verification-code', '123456'],
  ['654321（验证码）', 'verification-code', '654321'],
  // authenticator keys
  ['JBSWY3DPEHPK3PXP', 'authenticator-key', 'JBSWY3DPEHPK3PXP'],
  ['key: jbswy3dpehpk3pxp', 'authenticator-key', 'jbswy3dpehpk3pxp'],
  ['my key JBSW Y3DP EHPK 3PXP ok', 'authenticator-key', 'JBSW Y3DP EHPK 3PXP'],
  ['JBSW-Y3DP-EHPK-3PXP', 'authenticator-key', 'JBSW-Y3DP-EHPK-3PXP'],
  ['code jbsw y3dp ehpk 3pxp', 'authenticator-key', 'jbsw y3dp ehpk 3pxp'],
  ['secret GEZD GNBV GY3T QOJQ', 'authenticator-key', 'GEZD GNBV GY3T QOJQ'],
  ['backup: KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU.', 'authenticator-key', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'],
  ['谷歌验证器密钥 MFRGGZDFMZTWQ2LK', 'authenticator-key', 'MFRGGZDFMZTWQ2LK'],
  ['otpauth://totp/Binance:x?secret=JBSWY3DPEHPK3PXP&issuer=Binance', 'authenticator-key', 'JBSWY3DPEHPK3PXP'],
  ['seed ABCD EFGH JKMN PQRS TVWX YZ23 46', 'authenticator-key', 'ABCD EFGH JKMN PQRS TVWX YZ23 46'],
  // identity documents (GB 11643 sample numbers; HKID checks worked by hand)
  ['11010519491231002X', 'id-number', '11010519491231002X'],
  ['id 440524188001010014 sent', 'id-number', '440524188001010014'],
  ['110105 19491231 002X', 'id-number', '110105 19491231 002X'],
  ['身份证 110101199003071234', 'id-number', '110101199003071234'], // wrong check digit, but labelled
  ['身份证号：110105491231002', 'id-number', '110105491231002'],
  ['A123456(3)', 'id-number', 'A123456(3)'],
  ['HKID G123456(A)', 'id-number', 'G123456(A)'],
  ['香港身份证 A1234563', 'id-number', 'A1234563'],
  ['passport E12345678', 'id-number', 'E12345678'],
  ['护照号码：E12345678', 'id-number', 'E12345678'],
  ['EA1234567 is my passport', 'id-number', 'EA1234567'],
  ['港澳通行证 C12345678', 'id-number', 'C12345678'],
  // issue 15: what the guard used to miss
  ['E12345678', 'id-number', 'E12345678'], // a bare passport number
  ['pp: E12345678', 'id-number', 'E12345678'],
  ['user passport no EA1234567 ok', 'id-number', 'EA1234567'],
  ['HK passport KJ0123456', 'id-number', 'KJ0123456'],
  ['permit c12345678 noted', 'id-number', 'c12345678'],
  ['user says 482913', 'verification-code', '482913'],
  ['User said: 135790', 'verification-code', '135790'],
  ['customer typed 246 810 twice', 'verification-code', '246 810'],
  ['用户说 482913', 'verification-code', '482913'],
  ['用户收到 73920451', 'verification-code', '73920451'],
  ['Jbsw Y3dp Ehpk 3pxp', 'authenticator-key', 'Jbsw Y3dp Ehpk 3pxp'],
  ['key: Jbsw Y3dp Ehpk 3pxp Jbsw Y3dp Ehpk 3pxp', 'authenticator-key', 'Jbsw Y3dp Ehpk 3pxp Jbsw Y3dp Ehpk 3pxp'],
  ['jBSW-y3DP-eHPK-3pXP', 'authenticator-key', 'jBSW-y3DP-eHPK-3pXP'],
  ['110101199003071234', 'id-number', '110101199003071234'], // wrong check digit, no label: ID-shaped
  ['old id 440524188001010015 noted', 'id-number', '440524188001010015'],
]

const NEGATIVES: string[] = [
  // a number named as another identifier, with the code talked about after it (chat intake)
  'UID 35001234，验证码收不到',
  'uid：35001234 验证码一直没来',
  'UID 35001234 code never arrives',
  'my user id is 35001234, code not received',
  '手机号 13800138 验证码收不到',
  'UID 12345678',
  'UID: 35791357913579',
  'phone 13800138000',
  '+86 138 0013 8000',
  '+852 9123 4567',
  'Case VC-20261124-7K3Q',
  'VC-20261124-ABCD and VC-20261125-2345',
  'area code 0755',
  'error code 1001 from the app',
  'referral code 123456',
  'code arrived on 2026-11-24 at 14:05',
  'the code took 10 minutes',
  'Code not received since 2024',
  'user entered the code 5 times',
  'withdrawal of 1234.56 USDT after the code',
  'zhangsanabcd2345@qq.com',
  'jbswy3dpehpk3pxp@gmail.com',
  'https://example.com/JBSWY3DPEHPK3PXP/page',
  'characterization misunderstanding responsibilities',
  'this code will help them',
  'help with this task',
  'HELP WITH THIS TASK',
  'please call back soon',
  'strengthen your account',
  'PLEASE HELP ASAP THNX',
  'User says SMS never arrives, tried disabling 360 Security blocking; asked to call 10086 to enable international SMS.',
  'Customer switched to Gmail, the code arrived within a minute. Resolved.',
  'Review submitted 2026-11-24, expected 2026-11-27 to 2026-12-03.',
  '用户反馈收不到短信验证码，已指导关闭360手机卫士拦截，建议联系10086开通国际短信。',
  '用户说验证码一直收不到，已经等了30分钟。',
  '已建议改用Gmail邮箱，验证码几分钟内收到。',
  '123456789012345678', // 18 digits, no birth date in place, no label
  '202611240000123456', // 18 digits starting with 2026...: region 2, but "11240000" is no date
  '110105491231002', // 15 digits without a label
  'A1234563', // a valid HKID shape without brackets or a label
  'order E12345678',
  'Order no. G12345678 shipped',
  '订单号 E12345678',
  'tracking: SF1234567',
  'user says 10086 told them to wait', // a short service number, no keyword
  'user sent 123456 USDT yesterday',
  'user gave 12345678 as UID',
  'customer says 20261124 was the day it started',
  'user says the app shows 1.234567',
  'Room 2345 Best Team',
  'Tips Mood 2345 Cool', // mixed case groups full of vowels
  'JbswY3dpEhpk3pxp', // mixed case, contiguous: an identifier, not a key
  'ID card photo requested, not yet received',
  'tx 0x3f5e9a7b2c1d4e6f8a9b0c1d2e3f4a5b6c7d8e9f',
]

describe('findSecrets: positives', () => {
  it.each(POSITIVES)('%s', (text, kind, secret) => {
    const found = findSecrets(text)
    expect(found).toHaveLength(1)
    const f = found[0]!
    expect(f.kind).toBe(kind)
    expect(text.slice(f.start, f.end)).toBe(secret)
  })
})

describe('findSecrets: negatives', () => {
  it.each(NEGATIVES)('%s', (text) => {
    expect(findSecrets(text)).toEqual([])
  })
})

describe('id numbers', () => {
  it('MOD 11-2 check digit of the GB 11643 examples', () => {
    expect(cnResidentIdCheck('11010519491231002')).toBe('X')
    expect(cnResidentIdCheck('44052418800101001')).toBe('4')
    expect(isCnResidentId18('11010519491231002X')).toBe(true)
    expect(isCnResidentId18('11010519491231002x')).toBe(true)
    expect(isCnResidentId18('110105194912310021')).toBe(false)
    // impossible birth date with a correct check digit
    const body = '11010519490230002'
    expect(isCnResidentId18(body + cnResidentIdCheck(body))).toBe(false)
    expect(isCnResidentId18('91010519491231002X')).toBe(false)
  })
  it('15-digit form needs a real date', () => {
    expect(isCnResidentId15('110105491231002')).toBe(true)
    expect(isCnResidentId15('110105491331002')).toBe(false)
  })
  it('HKID check characters', () => {
    expect(isHkId('A', '123456', '3')).toBe(true)
    expect(isHkId('G', '123456', 'A')).toBe(true)
    expect(isHkId('A', '123456', '4')).toBe(false)
    expect(hkIdCheck('AB', '987654')).toMatch(/^[0-9A]$/)
    expect(isHkId('AB', '987654', hkIdCheck('AB', '987654'))).toBe(true)
  })
  it('flags any validly checked 18-digit ID without a label', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-6]\d{5}$/),
        fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
        (region, birth, seq) => {
          const body = region + birth.toISOString().slice(0, 10).replaceAll('-', '') + seq
          const id = body + cnResidentIdCheck(body)
          const found = findSecrets(`see ${id} here`)
          expect(found.map((f) => f.document)).toEqual(['cn-resident-id'])
        },
      ),
    )
  })
})

describe('base32 heuristic', () => {
  it('detects random authenticator keys (seeded), 16 and 32 characters', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
    fc.assert(
      fc.property(fc.constantFrom(16, 32), fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 32, maxLength: 32 }), (len, idx) => {
        const key = idx
          .slice(0, len)
          .map((i) => alphabet[i])
          .join('')
        const letters = key.replace(/[2-7]/g, '')
        const vowels = (letters.match(/[AEIOU]/g) ?? []).length / letters.length
        const hasDigit = letters.length < key.length
        // what the documented heuristic promises
        const vowelless = (key.match(/.{4}/g) ?? []).some((g) => !/[AEIOUY]/.test(g))
        if ((hasDigit && vowels <= 0.5) || (vowelless && vowels <= 0.25)) {
          if (letters.length * 2 >= key.length) expect(looksLikeBase32Key(key, false)).toBe(true)
        }
      }),
      { seed: 42, numRuns: 500 },
    )
    // and in practice: at least 95 % of random keys are caught
    let hits = 0
    let n = 0
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 16, maxLength: 16 }), (idx) => {
        n++
        if (findSecrets(`key ${idx.map((i) => alphabet[i]).join('')}`).length === 1) hits++
      }),
      { seed: 7, numRuns: 2000 },
    )
    expect(hits / n).toBeGreaterThan(0.95)
  })
  it('takes mixed case only in groups, with a digit and few vowels', () => {
    expect(looksLikeBase32Key('JbswY3dpEhpk3pxp', false, true)).toBe(true)
    expect(looksLikeBase32Key('JbswYxdpEhpkqpxp', false, true)).toBe(false) // no digit
    expect(looksLikeBase32Key('RoomBestTeam2345', false, true)).toBe(false) // 42 % vowels
    expect(looksLikeBase32Key('RoomBestTeam2345', true, true)).toBe(true) // next to a key keyword
  })
  it('refuses mixed case and wrong lengths', () => {
    expect(looksLikeBase32Key('JbswY3dpEHPK3PXP', true)).toBe(false)
    expect(looksLikeBase32Key('JBSWY3DPEHPK3PX', true)).toBe(false)
    expect(looksLikeBase32Key('JBSWY3DPEHPK3PXPJBSW', true)).toBe(false)
  })
})

describe('previews never echo the secret', () => {
  it.each(POSITIVES)('%s', (text) => {
    for (const f of findSecrets(text)) {
      const compact = text.slice(f.start, f.end).replace(/[\s()-]/g, '')
      expect(f.preview).not.toContain(compact)
      expect([...f.preview].filter((c) => c !== '*').length).toBeLessThanOrEqual(2)
    }
  })
  it('short codes show no digit at all', () => {
    expect(secretPreview('1234')).toBe('****')
  })
})

describe('redaction', () => {
  it('replaces each secret with the token of its kind, per language', () => {
    expect(redactSecrets('code 123456, key JBSWY3DPEHPK3PXP')).toBe('code [verification code removed], key [authenticator key removed]')
    expect(redactSecrets('验证码：123456，身份证 11010519491231002X', undefined, 'zh-CN')).toBe(
      '验证码：[已删除验证码]，身份证 [已删除证件号码]',
    )
  })
  it('with explicit findings, replaces exactly those', () => {
    const text = 'code 111111 and code 222222'
    const [first] = findSecrets(text)
    expect(redactSecrets(text, [first!])).toBe('code [verification code removed] and code 222222')
  })
  it('tokens themselves are never findings', () => {
    for (const tokens of Object.values(REDACTION_TOKENS)) for (const t of Object.values(tokens)) expect(findSecrets(t)).toEqual([])
  })
  it('removeSecrets deletes them outright, for short fields', () => {
    expect(removeSecrets('35001234 user says 482913')).toBe('35001234 user says')
    expect(removeSecrets('code 482913 654321 ok')).toBe('code ok')
    expect(removeSecrets('fine')).toBe('fine')
  })
  it('guardText', () => {
    expect(guardText('Resolved via Gmail.')).toEqual({ ok: true, value: 'Resolved via Gmail.' })
    const r = guardText('验证码 654321', 'zh-CN')
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.findings).toHaveLength(1)
      expect(r.error.redacted).toBe('验证码 [已删除验证码]')
    }
  })
  it('secretProblem names the most serious kind', () => {
    expect(secretProblem([])).toBeNull()
    expect(secretProblem(findSecrets('code 123456 id 11010519491231002X'))).toEqual({ key: 'errors.guard.idNumber', params: { count: 2 } })
  })
})

// text built from pieces that look like secrets, to exercise every detector
const FRAGMENTS = [
  'code ',
  'code: ',
  ' is my code',
  '验证码',
  '是',
  '：',
  '123456',
  '98765432',
  '123 456',
  'JBSWY3DPEHPK3PXP',
  'jbsw y3dp ehpk 3pxp',
  'key ',
  '11010519491231002X',
  '身份证',
  'A123456(3)',
  'passport ',
  'E12345678',
  ' ',
  '\n',
  '"',
  '|',
  '#',
]
const secretish = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 12 })
  .map((xs) => xs.join(''))
const anyText = fc.oneof(secretish, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }))

describe('properties', () => {
  it('never throws; findings are ordered, disjoint and inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const found = findSecrets(text)
        let last = 0
        for (const f of found) {
          expect(f.start).toBeGreaterThanOrEqual(last)
          expect(f.end).toBeGreaterThan(f.start)
          expect(f.end).toBeLessThanOrEqual(text.length)
          last = f.end
        }
      }),
      { numRuns: 1000 },
    )
  })
  it('redacted text contains no findings, in both languages', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('en' as const, 'zh-CN' as const), (text, lang) => {
        expect(findSecrets(redactSecrets(text, undefined, lang))).toEqual([])
      }),
      { numRuns: 1000 },
    )
  })
  it('redaction is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = redactSecrets(text)
        expect(redactSecrets(once)).toBe(once)
      }),
      { numRuns: 1000 },
    )
  })
  it('text without digits or base32 runs is unchanged', () => {
    const plain = anyText.filter((s) => !/[0-9０-９]/.test(s) && !/(?:[A-Za-zＡ-Ｚａ-ｚ][ -]?){16}/.test(s))
    fc.assert(
      fc.property(plain, (text) => {
        expect(findSecrets(text)).toEqual([])
        expect(redactSecrets(text)).toBe(text)
      }),
      { numRuns: 1000 },
    )
  })
})

/** The detector's counted work for a text (see GuardMeter): no clocks, so the figures never flake. */
function work(text: string, redact = false): number {
  const meter: GuardMeter = { steps: 0 }
  if (redact) redactSecrets(text, undefined, 'en', meter)
  else findSecrets(text, meter)
  return meter.steps
}

describe('cost grows linearly with the text', () => {
  // 1 MB of "code 1234 " once took 9 s: every finding was compared with every other one
  const SHAPES: Array<[name: string, unit: string]> = [
    ['codes', 'code 1234 '],
    ['reported codes', 'user says 482913 '],
    ['grouped keys', 'JBSW Y3DP EHPK 3PXP '],
    ['one long group run', 'jbsw '],
    ['ID numbers', '11010519491231002X '],
    ['passports', 'E12345678 '],
    ['digits', '1234567890'],
    ['letters', 'abcdefghij'],
    ['mixed', '验证码：123456，key JBSWY3DPEHPK3PXP, pp: E12345678; '],
  ]
  it.each(SHAPES)('%s: twice the text costs about twice the work', (_name, unit) => {
    const n = Math.ceil(100_000 / unit.length)
    const once = work(unit.repeat(n))
    const twice = work(unit.repeat(2 * n))
    expect(once).toBeGreaterThan(0)
    // sorting the findings adds a log factor: allow 2.3, where a pairwise check would give 4
    expect(twice / once).toBeLessThan(2.3)
    expect(twice / once).toBeGreaterThan(1.7)
  })
  it('redaction too (it repeats detection until nothing is left)', () => {
    const unit = 'code 1234 '
    const once = work(unit.repeat(10_000), true)
    expect(work(unit.repeat(20_000), true) / once).toBeLessThan(2.3)
  })
  it('1 MB of "code 1234 ": every code found, with bounded work per character', () => {
    const text = 'code 1234 '.repeat(100_000)
    const meter: GuardMeter = { steps: 0 }
    expect(findSecrets(text, meter)).toHaveLength(100_000)
    expect(meter.steps / text.length).toBeLessThan(64)
  })
})

describe('memo', () => {
  it('answers a repeated question with equal, independent findings', () => {
    const a = findSecrets('code 123456')
    a[0]!.start = 99
    expect(findSecrets('code 123456')[0]!.start).toBe(5)
  })
})

describe('mayHoldKey, the prefilter of the key detectors', () => {
  const KEY_RUN = /[A-Za-z2-7]{16}/
  const KEY_GROUPS = /[A-Za-z2-7]{4}[ -][A-Za-z2-7]{4}[ -][A-Za-z2-7]{4}[ -][A-Za-z2-7]{4}/
  const byRegex = (t: string): boolean => KEY_RUN.test(t) || KEY_GROUPS.test(t)

  it('answers as the two regexes it replaces', () => {
    for (const t of [
      '',
      'JBSWY3DPEHPK3PXP',
      'JBSWY3DPEHPK3PX',
      'jbsw y3dp ehpk 3pxp',
      'xjbsw y3dp ehpk 3pxp',
      'jbsw y3dpx ehpk 3pxp',
      'jbsw  y3dp ehpk 3pxp',
      'ab-cdef-ghij-klmn',
      'wxyz-cdef-ghij-klm',
      'code 123456',
    ])
      expect(mayHoldKey(t), t).toBe(byRegex(t))
    // base32 letters and digits, non-base32 digits, both separators and other characters, in runs
    const part = fc.oneof(fc.stringMatching(/^[A-Za-z2-7]{1,17}$/), fc.constantFrom(' ', '-', '  ', '0', '1', '8', '9', '.', '中', '_'))
    fc.assert(
      fc.property(fc.array(part, { maxLength: 20 }), (parts) => {
        const t = parts.join('')
        expect(mayHoldKey(t)).toBe(byRegex(t))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('findSecretsOnce (bulk masking, no memo)', () => {
  it('finds exactly what findSecrets finds', () => {
    const piece = fc.constantFrom(
      'code ',
      '验证码 ',
      'user says ',
      '123456',
      '48291',
      'JBSWY3DPEHPK3PXP',
      'jbsw y3dp ehpk 3pxp',
      '110101199003077777',
      'passport E12345678',
      ' ',
      '，',
      'a',
      '７',
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.array(piece, { maxLength: 10 }).map((p) => p.join('')),
        ),
        (text) => {
          expect(findSecretsOnce(text)).toEqual(findSecrets(text))
        },
      ),
      { numRuns: 1000 },
    )
  })
})
