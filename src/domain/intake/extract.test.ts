import { describe, expect, it } from 'vitest'
import { bundledIntakeWords } from './bundled'
import { extractFromChat, MAX_CHAT_CHARS, type IntakeField, type IntakeResult, type Proposal } from './extract'

const propose = (text: string): IntakeResult => extractFromChat(text, bundledIntakeWords())
const of = (r: IntakeResult, field: IntakeField): Proposal[] => r.proposals.filter((p) => p.field === field)
const values = (r: IntakeResult, field: IntakeField): unknown[] => of(r, field).map((p) => p.value)
const one = (r: IntakeResult, field: IntakeField): Proposal => {
  const list = of(r, field)
  expect(list, `${field} proposals`).toHaveLength(1)
  return list[0]!
}
const spanTexts = (p: Proposal): string[] => p.spans.map((s) => s.text)

describe('UID', () => {
  it.each([
    ['我的UID是35001234', '35001234', '35001234'],
    ['uid：35001234，麻烦看一下', '35001234', '35001234'],
    ['UID35001234', '35001234', '35001234'],
    ['ＵＩＤ：３５００１２３４', '35001234', '３５００１２３４'],
    ['my UID: 3500 1234. thanks', '35001234', '3500 1234'],
    ['User ID is 3500-1234-99', '3500123499', '3500-1234-99'],
    ['用户编号 123456789012', '123456789012', '123456789012'],
    ['UID 35001234，验证码收不到', '35001234', '35001234'],
    ['UID 35001234 code never arrives', '35001234', '35001234'],
  ])('labelled: %s', (text, uid, span) => {
    const p = one(propose(text), 'uid')
    expect(p.value).toBe(uid)
    expect(spanTexts(p)).toEqual([span])
    expect(p.notes).toEqual([])
    expect(p.preselected).toBe(true)
  })

  it('a bare number that is nothing else is offered, marked as having no label and not ticked', () => {
    const p = one(propose('35001234567 是我的账号，收不到短信'), 'uid')
    expect(p.value).toBe('35001234567')
    expect(p.notes).toEqual(['unlabelled'])
    expect(p.preselected).toBe(false)
  })

  it('the same number with and without its label counts as labelled', () => {
    const p = one(propose('35001234\n我的UID是35001234'), 'uid')
    expect(p.spans).toHaveLength(2)
    expect(p.notes).toEqual([])
  })

  it.each([
    ['short numbers: codes, amounts, hotlines', '等了30分钟，提现5000 USDT，打了10086'],
    ['case numbers and dates', 'VC-20261124-7K3Q 2026-11-24 14:05:33'],
    ['decimals, times and hex', 'price 12345678.90 at 12:34:56, tx 0x3f5e9a7b2c1d4e6f8a9b'],
    ['digits inside words', 'order A12345678B and abc1234567'],
    ['a number inside an email address', '123456789@qq.com'],
  ])('no UID from %s', (_what, text) => {
    expect(values(propose(text), 'uid')).toEqual([])
  })

  it.each(['uid-35001234', 'UID-35001234 收不到短信', '用户ID-35001234'])('a UID label joined by a dash: %j', (text) => {
    expect(values(propose(text), 'uid')).toEqual(['35001234'])
  })

  it('a UID label takes the number, not a phone after it', () => {
    const r = propose('UID 35001234 13800138000')
    expect(values(r, 'uid')).toEqual(['35001234'])
    expect(values(r, 'phone')).toEqual(['+8613800138000'])
  })
})

describe('phone numbers', () => {
  it.each([
    ['手机号13800138000', '13800138000'],
    ['phone +86 138 0013 8000 thanks', '+86 138 0013 8000'],
    ['号码008613800138000', '008613800138000'],
    ['138-0013-8000 是我的', '138-0013-8000'],
    ['我的手机：１３８００１３８０００', '１３８００１３８０００'],
    ['＋８６ １３８ ００１３ ８０００', '＋８６ １３８ ００１３ ８０００'],
    ['手机号码 138　0013　8000', '138　0013　8000'],
    ['(+86) 138 0013 8000', '(+86) 138 0013 8000'],
    ['8613800138000', '8613800138000'],
  ])('%s', (text, span) => {
    const p = one(propose(text), 'phone')
    expect(p.value).toBe('+8613800138000')
    expect(p).toMatchObject({ display: '+86 138 0013 8000', preselected: true })
    expect(spanTexts(p)).toEqual([span])
  })

  it('numbers outside mainland China keep their country', () => {
    const r = propose('my number is +852 9123 4567')
    expect(values(r, 'phone')).toEqual(['+85291234567'])
  })

  it('one number written twice is one proposal with both spans', () => {
    const p = one(propose('手机13800138000\n再说一遍：+86 138 0013 8000'), 'phone')
    expect(p.spans).toHaveLength(2)
    expect(p.conflict).toBe(false)
  })

  it('two different numbers: both proposed, neither ticked, the agent picks', () => {
    const r = propose('两个号码 13800138000 和 139-1234-5678 都收不到')
    expect(values(r, 'phone')).toEqual(['+8613800138000', '+8613912345678'])
    for (const p of of(r, 'phone')) expect(p).toMatchObject({ conflict: true, preselected: false })
  })

  it('service numbers and hotlines are not the user’s phone', () => {
    expect(values(propose('客服 400-820-8820，我打了10086'), 'phone')).toEqual([])
  })

  it('a number after a UID label is the UID, not a phone', () => {
    const r = propose('UID 13800138000')
    expect(values(r, 'uid')).toEqual(['13800138000'])
    expect(values(r, 'phone')).toEqual([])
  })

  it('a number after both labels is shown as either, ticked as neither', () => {
    const r = propose('UID/手机：13800138000')
    const uid = one(r, 'uid')
    const phone = one(r, 'phone')
    for (const p of [uid, phone]) expect(p).toMatchObject({ notes: ['uid-or-phone'], preselected: false })
    expect(uid.value).toBe('13800138000')
    expect(phone.value).toBe('+8613800138000')
  })

  it('an unlabelled mobile number is a phone, not a UID', () => {
    const r = propose('13800138000')
    expect(values(r, 'phone')).toEqual(['+8613800138000'])
    expect(values(r, 'uid')).toEqual([])
  })
})

describe('email', () => {
  it.each([
    ['我的邮箱是zhang.san@qq.com谢谢', 'zhang.san@qq.com', 'qq'],
    ['email: Zhang.San@GMAIL.com.', 'Zhang.San@gmail.com', 'gmail'],
    ['邮箱：li_si＠163.com', 'li_si@163.com', '163'],
    ['mail me at someone@hotmail.co.uk', 'someone@hotmail.co.uk', 'outlook'],
    ['me@proton.me', 'me@proton.me', 'protonmail'],
  ])('%s', (text, email, provider) => {
    const r = propose(text)
    expect(one(r, 'email').value).toBe(email)
    const p = one(r, 'emailProvider')
    expect(p.value).toBe(provider)
    expect(p.notes).toEqual(['from-address'])
  })

  it('an unknown domain gives the address only', () => {
    const r = propose('user@example.org')
    expect(values(r, 'email')).toEqual(['user@example.org'])
    expect(values(r, 'emailProvider')).toEqual([])
  })

  it('the provider named in words', () => {
    expect(values(propose('我用的是QQ邮箱'), 'emailProvider')).toEqual(['qq'])
    expect(values(propose('codes to my Gmail never come'), 'emailProvider')).toEqual(['gmail'])
  })

  it('the address and the provider word agree: one proposal', () => {
    const p = one(propose('QQ邮箱 12345@qq.com'), 'emailProvider')
    expect(spanTexts(p)).toEqual(['QQ邮箱', 'qq.com'])
  })

  it('"邮箱：address" names the address, not an affected channel', () => {
    expect(values(propose('邮箱：a@qq.com，短信收不到'), 'channel')).toEqual(['sms'])
    expect(values(propose('邮箱也收不到验证码'), 'channel')).toEqual(['email'])
  })
})

describe('carrier', () => {
  it.each([
    ['我是中国移动的', 'china-mobile', '中国移动'],
    ['移动卡，收不到', 'china-mobile', '移动卡'],
    ['联通', 'china-unicom', '联通'],
    ['电信的号', 'china-telecom', '电信'],
    ['I am on China Mobile', 'china-mobile', 'China Mobile'],
    ['china unicom sim', 'china-unicom', 'china unicom'],
    ['China Telecom', 'china-telecom', 'China Telecom'],
    ['我打了10086', 'china-mobile', '10086'],
    ['打过10010了', 'china-unicom', '10010'],
    ['已经打了10000', 'china-telecom', '打了10000'],
  ])('%s', (text, carrier, span) => {
    const p = one(propose(text), 'carrier')
    expect(p.value).toBe(carrier)
    expect(spanTexts(p)).toEqual([span])
  })

  it.each(['移动数据打开了', '用的是移动网络', '电信诈骗', '提现10000 USDT', '1008612345'])('not a carrier: %s', (text) => {
    expect(values(propose(text), 'carrier')).toEqual([])
  })

  it('conflicting carriers: both, neither ticked', () => {
    const r = propose('我是联通还是电信来着')
    expect(values(r, 'carrier')).toEqual(['china-unicom', 'china-telecom'])
    expect(of(r, 'carrier').every((p) => p.conflict && !p.preselected)).toBe(true)
  })

  it('a name and its hotline agree: one proposal, two spans', () => {
    const p = one(propose('移动的，打过10086'), 'carrier')
    expect(spanTexts(p)).toEqual(['移动', '10086'])
    expect(p.conflict).toBe(false)
  })
})

describe('phone brand → OS', () => {
  it.each([
    ['华为手机', 'android'],
    ['荣耀X50', 'android'],
    ['小米', 'android'],
    ['红米note', 'android'],
    ['OPPO Reno', 'android'],
    ['vivo X90', 'android'],
    ['三星', 'android'],
    ['my Samsung Galaxy', 'android'],
    ['苹果手机', 'iphone'],
    ['用的iPhone 15', 'iphone'],
    ['IPHONE', 'iphone'],
    ['on iOS 17', 'iphone'],
  ])('%s → %s', (text, os) => {
    expect(values(propose(text), 'phoneOs')).toEqual([os])
  })

  it('two brands of different systems: both, the agent picks', () => {
    const r = propose('之前用华为，现在换了iPhone')
    expect(values(r, 'phoneOs')).toEqual(['android', 'iphone'])
    expect(of(r, 'phoneOs').every((p) => p.conflict)).toBe(true)
  })

  it('two brands of one system: one proposal', () => {
    expect(of(propose('小米和红米都试了'), 'phoneOs')).toHaveLength(1)
  })
})

describe('blocking app', () => {
  it.each([
    ['手机管家拦截了', 'builtin', '手机管家'],
    ['骚扰拦截里没有', 'builtin', '骚扰拦截'],
    ['装了360手机卫士', '360', '360手机卫士'],
    ['360拦截了', '360', '360'],
    ['腾讯手机管家', 'tencent', '腾讯手机管家'],
    ['I use 360 Security', '360', '360 Security'],
    ['Tencent Mobile Manager blocks it', 'tencent', 'Tencent Mobile Manager'],
  ])('%s', (text, app, span) => {
    const p = one(propose(text), 'blockingApp')
    expect(p.value).toBe(app)
    expect(spanTexts(p)).toEqual([span])
  })

  it.each(['360度旋转', '13603601234'])('not an app: %s', (text) => {
    expect(values(propose(text), 'blockingApp')).toEqual([])
  })
})

describe('channel', () => {
  it.each([
    ['短信收不到', ['sms']],
    ['SMS never arrives', ['sms']],
    ['邮件也没有', ['email']],
    ['the email code is wrong', ['email']],
    ['谷歌验证器的码无效', ['authenticator']],
    ['Google Authenticator says invalid', ['authenticator']],
    ['短信和邮箱都收不到', ['sms', 'email']],
  ])('%s', (text, channels) => {
    const r = propose(text)
    expect(values(r, 'channel')).toEqual(channels)
    // channels are a set: never a conflict
    expect(of(r, 'channel').every((p) => !p.conflict && p.preselected)).toBe(true)
  })
})

describe('symptom', () => {
  it.each([
    ['一直收不到', 'not-received'],
    ['没收到短信', 'not-received'],
    ["I didn't receive any code", 'not-received'],
    ['验证码错误', 'rejected'],
    ['提示验证码无效', 'rejected'],
    ['验证码过期了', 'rejected'],
    ['it says invalid code', 'rejected'],
    ['账户受限', 'restricted'],
    ['无法发送验证码', 'restricted'],
    ['sending is restricted', 'restricted'],
  ])('%s → %s', (text, symptom) => {
    expect(values(propose(text), 'symptom')).toEqual([symptom])
  })

  it('two symptoms: both, the agent picks', () => {
    const r = propose('先是收不到，后来收到了又提示无效')
    expect(values(r, 'symptom')).toEqual(['not-received', 'rejected'])
    expect(of(r, 'symptom').every((p) => p.conflict)).toBe(true)
  })
})

describe('operation', () => {
  it.each([
    ['注册的时候', 'registration'],
    ['登录要验证码', 'login'],
    ['登陆不了', 'login'],
    ['提现时', 'withdrawal'],
    ['提币', 'withdrawal'],
    ['when I withdraw', 'withdrawal'],
    ['trying to log in', 'login'],
    ['I want to register', 'registration'],
    ['registering a new account', 'registration'],
    ['想修改密码', 'security-settings'],
  ])('%s → %s', (text, op) => {
    expect(values(propose(text), 'operation')).toEqual([op])
  })
})

describe('language', () => {
  it.each([
    ['收不到验证码', 'zh-CN'],
    ["I can't get the code", 'en'],
    ['我的iPhone收不到SMS', 'zh-CN'],
    ['my phone 华为 cannot receive the code', 'en'],
    ['UID 35001234 USDT 提现', 'zh-CN'],
    ['uid：３５００１２３４ 手机', 'zh-CN'],
  ])('%s → %s', (text, lang) => {
    const p = one(propose(text), 'language')
    expect(p.value).toBe(lang)
    expect(p.spans).toEqual([])
  })

  it('no words, no language', () => {
    expect(values(propose('35001234 13800138000'), 'language')).toEqual([])
  })
})

describe('methods already tried', () => {
  it.each([
    ['已经看过垃圾箱了', 'email-code', 'failed', '看过垃圾箱'],
    ['我打过10086了', 'carrier-sms', 'failed', '打过10086'],
    ['打了电话给10086，没用', 'carrier-sms', 'failed', '打了电话给10086'],
    ['I already called 10086', 'carrier-sms', 'failed', 'called 10086'],
    ['I called China Mobile at 10086 yesterday', 'carrier-sms', 'failed', 'called China Mobile at 10086'],
    ['checked my spam folder, nothing', 'email-code', 'failed', 'checked my spam'],
    ['手机管家的拦截已经关了', 'sms-blocking', 'failed', '拦截已经关了'],
    ['不想换号', 'rebind-phone', 'declined', '不想换号'],
    ['restarted my phone twice', 'network-time', 'failed', 'restarted my phone'],
  ])('%s', (text, methodId, status, span) => {
    const p = one(propose(text), 'method')
    expect(p.value).toEqual({ methodId, status })
    expect(spanTexts(p)).toEqual([span])
    expect(p.preselected).toBe(true)
  })

  it.each(['还没打10086', "I haven't called 10086 yet", '没有看过垃圾箱', 'I did not check the spam'])('negated: %s', (text) => {
    expect(values(propose(text), 'method')).toEqual([])
  })

  it('two outcomes for one method conflict; different methods do not', () => {
    const r = propose('换了新号也不行，我不想换号了')
    expect(values(r, 'method')).toEqual([
      { methodId: 'rebind-phone', status: 'failed' },
      { methodId: 'rebind-phone', status: 'declined' },
    ])
    expect(of(r, 'method').every((p) => p.conflict)).toBe(true)
    const two = propose('打过10086，也看过垃圾箱')
    expect(of(two, 'method').map((p) => [p.value, p.conflict])).toEqual([
      [{ methodId: 'carrier-sms', status: 'failed' }, false],
      [{ methodId: 'email-code', status: 'failed' }, false],
    ])
  })
})

describe('secrets are dropped, counted and never proposed', () => {
  it('a verification code', () => {
    const r = propose('验证码：654321，收不到')
    expect(r.dropped).toEqual([{ kind: 'verification-code', count: 1 }])
    expect(values(r, 'uid')).toEqual([])
    expect(r.secrets[0]?.preview).not.toContain('654321')
  })

  it('an ID number that is also a run of digits', () => {
    const r = propose('身份证 110105194912310021，UID 35001234')
    expect(r.dropped).toEqual([{ kind: 'id-number', count: 1 }])
    expect(values(r, 'uid')).toEqual(['35001234'])
    expect(values(r, 'phone')).toEqual([])
  })

  it('a valid ID number without a label is never a UID', () => {
    const r = propose('11010519491231002X')
    expect(r.dropped).toEqual([{ kind: 'id-number', count: 1 }])
    expect(r.proposals.filter((p) => p.field !== 'language')).toEqual([])
  })

  it('an authenticator key and several codes, counted by kind', () => {
    const r = propose('key JBSWY3DPEHPK3PXP\ncode 123456\n验证码 654321')
    expect(r.dropped).toEqual(
      expect.arrayContaining([
        { kind: 'authenticator-key', count: 1 },
        { kind: 'verification-code', count: 2 },
      ]),
    )
  })

  it('a "UID" with the value of a code in the same chat is not proposed', () => {
    const r = propose('验证码 12345678 UID 12345678')
    expect(values(r, 'uid')).toEqual([])
  })
})

describe('whole chats', () => {
  it('Chinese, several messages with timestamps', () => {
    const r = propose(
      [
        '用户 14:05',
        '你好，我的UID是35001234，手机号13800138000，登录的时候一直收不到短信验证码',
        '客服 14:06',
        '请问您是哪个运营商？用的什么手机？',
        '用户 14:07',
        '中国移动的，华为手机，手机管家也看过了，已经打过10086了',
      ].join('\n'),
    )
    expect(r.proposals.filter((p) => p.preselected).map((p) => p.id)).toEqual([
      'uid:35001234',
      'phone:+8613800138000',
      'channel:sms',
      'symptom:not-received',
      'operation:login',
      'carrier:china-mobile',
      'phoneOs:android',
      'blockingApp:builtin',
      'language:zh-CN',
      'method:carrier-sms:failed',
    ])
    expect(r.dropped).toEqual([])
  })

  it('English with a full-width number and a code', () => {
    const r = propose(
      "Hi, UID：３５００１２３４. I can't receive the SMS code on my iPhone when I withdraw. Code 246810 expired. I already called 10086. Phone +86 138 0013 8000",
    )
    expect(values(r, 'uid')).toEqual(['35001234'])
    expect(values(r, 'phone')).toEqual(['+8613800138000'])
    expect(values(r, 'phoneOs')).toEqual(['iphone'])
    expect(values(r, 'operation')).toEqual(['withdrawal'])
    expect(values(r, 'language')).toEqual(['en'])
    expect(values(r, 'symptom')).toEqual(['not-received', 'rejected'])
    expect(values(r, 'method')).toEqual([{ methodId: 'carrier-sms', status: 'failed' }])
    expect(r.dropped).toEqual([{ kind: 'verification-code', count: 1 }])
  })

  it('mixed languages in one message', () => {
    const r = propose('我的Gmail收不到code，UID 35001234，用的是Xiaomi，China Unicom')
    expect(values(r, 'emailProvider')).toEqual(['gmail'])
    expect(values(r, 'phoneOs')).toEqual(['android'])
    expect(values(r, 'carrier')).toEqual(['china-unicom'])
    expect(values(r, 'language')).toEqual(['zh-CN'])
  })

  it('proposals come in form order, then text order', () => {
    const r = propose('iPhone, 移动, 13800138000, UID 35001234')
    expect(r.proposals.map((p) => p.field)).toEqual(['uid', 'phone', 'carrier', 'phoneOs', 'language'])
  })

  it('an empty or blank chat proposes nothing', () => {
    expect(propose('').proposals).toEqual([])
    expect(propose('  \n ').proposals).toEqual([])
  })

  it('a very long chat is read up to the limit and says so', () => {
    const r = propose('收不到。'.repeat(MAX_CHAT_CHARS))
    expect(r.truncated).toBe(true)
    expect(r.text.length).toBe(MAX_CHAT_CHARS)
    expect(one(r, 'symptom').spans.every((s) => s.end <= MAX_CHAT_CHARS)).toBe(true)
  })
})
