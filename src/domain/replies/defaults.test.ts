/**
 * Every default template, both languages, over a matrix of case contexts: it renders, leaves nothing
 * raw or empty, states the facts the case needs, and never asks for a method the user already tried.
 */
import { describe, expect, it } from 'vitest'
import {
  BLOCKING_APPS,
  CARRIERS,
  EMAIL_PROVIDERS,
  LANGUAGES,
  METHOD_IDS,
  METHOD_VARIANTS,
  PHONE_OSES,
  SYMPTOMS,
  type Language,
  type MethodId,
  type TemplateRecord,
} from '../model'
import { CARRIER_INFO } from '../reference'
import { buildReplyContext, type ReplyContext, type ReplyContextInput } from './context'
import { renderTemplate } from './engine'
import {
  DEFAULT_TEMPLATES,
  REPLY_PURPOSES,
  chooseTemplate,
  chooseTemplateForPurpose,
  defaultTemplateRecords,
  validateTemplate,
} from './library'
import { checkBeforeSend, findLeftoverDelimiters, findLeftoverWords } from './presend'
import { variantFor } from '../playbook'
import { BASE_CASE, baseInput } from '@test/replyCase'

const templates = defaultTemplateRecords(0)

/** Phrases that only appear when a method's instructions are given (case-sensitive). */
const INSTRUCTION_MARKERS: Record<MethodId, Record<Language, string[]>> = {
  'sms-blocking': { en: ['Spam Blocking', 'Filter Unknown Senders'], 'zh-CN': ['骚扰拦截', '过滤未知发件人'] },
  'carrier-sms': { en: ['Hong Kong/Macau/Taiwan SMS'], 'zh-CN': ['国际及港澳台短信接收'] },
  'email-code': { en: ['Switch to Email Verification'], 'zh-CN': ['切换到邮箱验证'] },
  'rebind-phone': { en: ['Change Phone Number'], 'zh-CN': ['更换手机号'] },
  authenticator: { en: ['Scan the QR code'], 'zh-CN': ['扫描二维码'] },
  'network-time': { en: ['Wi-Fi'], 'zh-CN': ['Wi-Fi'] },
  escalate: { en: ['security team for a manual review'], 'zh-CN': ['提交给安全团队'] },
}

// --- the matrix: each fact varied on its own, crossed with what was tried -----------------------

type Facts = Partial<ReplyContextInput['case']>
const factVariants: Facts[] = [
  {},
  ...[...CARRIERS, null].map((carrier) => ({ carrier })),
  ...[...PHONE_OSES, null].map((phoneOs) => ({ phoneOs, blockingApp: phoneOs === 'android' ? BASE_CASE.blockingApp : null })),
  ...[...BLOCKING_APPS, null].map((blockingApp) => ({ phoneOs: 'android' as const, blockingApp })),
  ...[...EMAIL_PROVIDERS, null].map((emailProvider) => ({ emailProvider })),
  ...SYMPTOMS.map((symptom) => ({ symptom })),
  { boundMethods: ['sms', 'email', 'authenticator'] as const },
]

const triedSets: Partial<ReplyContextInput>[] = [
  {},
  ...METHOD_IDS.filter((m) => m !== 'escalate').map((m) => ({ attempts: [{ methodId: m, status: 'failed' as const }] })),
  { attempts: METHOD_IDS.filter((m) => m !== 'escalate').map((methodId) => ({ methodId, status: 'failed' as const })) },
  {
    attempts: [
      { methodId: 'sms-blocking' as const, status: 'failed' as const },
      { methodId: 'email-code' as const, status: 'declined' as const },
      { methodId: 'authenticator' as const, status: 'not-applicable' as const },
      { methodId: 'carrier-sms' as const, status: 'resolved' as const },
    ],
  },
  // sparse: nothing known but the symptom
  { agentName: null, customerName: null, next: { methodId: 'carrier-sms', variantId: 'other' } },
  {
    review: { submitted: '24 Nov 2026', expectedFrom: '27 Nov 2026', dueBy: '3 Dec 2026' },
    next: { methodId: 'escalate', variantId: 'default' },
  },
]
const sparse: Facts = {
  uid: null,
  phoneE164: null,
  email: null,
  carrier: null,
  phoneOs: null,
  blockingApp: null,
  emailProvider: null,
  operation: null,
  boundMethods: [],
}

const inputs: ReplyContextInput[] = [
  ...factVariants.flatMap((facts) => triedSets.map((over) => baseInput(over, facts))),
  ...triedSets.map((over) => baseInput({ ...over, agentName: null, customerName: null }, sparse)),
]

const methodOf = (t: TemplateRecord): MethodId | null => t.methodId

describe('default library', () => {
  it('is valid and complete: every method variant and every purpose has a template in both languages', () => {
    expect(DEFAULT_TEMPLATES.length).toBeGreaterThanOrEqual(25)
    for (const t of templates) expect(validateTemplate(t, templates), t.id).toEqual([])
    for (const m of METHOD_IDS) {
      for (const v of METHOD_VARIANTS[m]) {
        expect(chooseTemplate(templates, { methodId: m, variantId: v }), `${m}/${v}`).toMatchObject({ exact: true })
      }
    }
    for (const p of REPLY_PURPOSES) expect(chooseTemplateForPurpose(templates, p), p).not.toBeNull()
  })

  it(`renders every template in both languages for ${inputs.length} case contexts without leftovers or empty slots`, () => {
    let renders = 0
    for (const input of inputs) {
      for (const language of LANGUAGES) {
        const ctx = buildReplyContext({ ...input, language })
        for (const t of templates) {
          const r = renderTemplate(t, ctx)
          const label = `${t.id} ${language} ${JSON.stringify(input.case)} ${JSON.stringify(input.attempts)}`
          if (!r.ok) throw new Error(`${label}: ${JSON.stringify(r.error)}`)
          renders++
          expect(r.value.emptySlots, label).toEqual([])
          expect(findLeftoverDelimiters(r.value.text), label).toEqual([])
          expect(findLeftoverWords(r.value.text), label).toEqual([])
          expect(r.value.text, label).not.toMatch(/ {2,}|\n{3,}|^\s|\s$/)
          if (language === 'zh-CN') expect(r.value.text, label).toMatch(/\p{Script=Han}/u)
          // the one finding allowed: the review's progress reply on a case without an open review (a warning)
          const expected =
            t.id === 'review-status' && ctx.review_submitted_date === null
              ? [{ key: 'replies.problem.noOpenReview', severity: 'warning' }]
              : []
          expect(checkBeforeSend({ text: r.value.text, language, template: t, context: ctx }), label).toEqual(expected)

          // Never ask again for a method the user already tried, declined or cannot use.
          for (const ruledOut of ctx.ruled_out_method_ids) {
            if (ruledOut === methodOf(t)) continue
            for (const marker of INSTRUCTION_MARKERS[ruledOut][language])
              expect(r.value.text, `${label} re-asks ${ruledOut}`).not.toContain(marker)
          }
          // Method replies and the escalation acknowledge what was already tried.
          if (t.methodId && ctx.methods_tried) expect(r.value.text, label).toContain(ctx.methods_tried)
        }
      }
    }
    expect(renders).toBe(inputs.length * 2 * templates.length)
    // about 17,000 renders with their checks: 16 s alone on a loaded machine, so more room than the default 20 s
  }, 60_000)

  it('greets by name, or neutrally when the name is missing', () => {
    const greeting = chooseTemplateForPurpose(templates, 'greeting')!
    const text = (input: ReplyContextInput, language: Language): string => {
      const r = renderTemplate(greeting, buildReplyContext({ ...input, language }))
      return r.ok ? r.value.text : ''
    }
    expect(text(baseInput({ customerName: 'Alice' }), 'en')).toMatch(/^Hi Alice,/)
    expect(text(baseInput({ customerName: null }), 'en')).toMatch(/^Hello,/)
    expect(text(baseInput({ customerName: '张女士' }), 'zh-CN')).toMatch(/^张女士，您好！/)
    expect(text(baseInput({ customerName: '' }), 'zh-CN')).toMatch(/^您好！/)
    // Asks for UID/phone/email only when none is known.
    expect(text(baseInput({}, sparse), 'en')).toContain('account UID')
    expect(text(baseInput(), 'en')).toContain('UID 35201187')
  })
})

describe('facts each case needs', () => {
  const render = (methodId: MethodId, facts: Facts, language: Language, over: Partial<ReplyContextInput> = {}): string => {
    const input = baseInput(over, facts)
    const choice = chooseTemplate(templates, { methodId, variantId: variantFor(methodId, { ...BASE_CASE, ...facts }) })
    if (!choice) throw new Error(`no template for ${methodId}`)
    const r = renderTemplate(choice.template, buildReplyContext({ ...input, language }))
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    return r.value.text
  }

  it.each(LANGUAGES)('method 2 gives the right hotline for each carrier (%s)', (language) => {
    for (const [carrier, info] of Object.entries(CARRIER_INFO)) {
      const text = render('carrier-sms', { carrier: carrier as keyof typeof CARRIER_INFO }, language)
      expect(text).toContain(info.hotline)
      expect(text).toContain(info.name[language])
      for (const other of Object.values(CARRIER_INFO)) if (other !== info) expect(text).not.toContain(other.hotline)
    }
    // another carrier is told none of the mainland hotlines (issue 15); an unknown one is told all three
    const other = render('carrier-sms', { carrier: 'other' }, language)
    for (const info of Object.values(CARRIER_INFO)) expect(other).not.toContain(info.hotline)
    const unknown = render('carrier-sms', { carrier: null }, language)
    for (const info of Object.values(CARRIER_INFO)) expect(unknown).toContain(info.hotline)
  })

  it.each(LANGUAGES)('method 1 matches the phone and blocking app (%s)', (language) => {
    const iphone = render('sms-blocking', { phoneOs: 'iphone', blockingApp: null }, language)
    expect(iphone).toContain(language === 'en' ? 'Settings > Messages' : '“设置” > “信息”')
    expect(iphone).toContain(language === 'en' ? 'Filter Unknown Senders' : '过滤未知发件人')
    expect(iphone).not.toContain(language === 'en' ? 'Spam Blocking' : '骚扰拦截')
    const apps = {
      builtin: { en: 'Spam Blocking > Blocked Records', 'zh-CN': '“骚扰拦截” > “拦截记录”' },
      '360': { en: 'Spam Blocking > SMS Blocking', 'zh-CN': '“骚扰拦截” > “短信拦截”' },
      tencent: { en: 'Spam Blocking > Blocked SMS', 'zh-CN': '“骚扰拦截” > “拦截短信”' },
    } as const
    for (const [app, path] of Object.entries(apps)) {
      const text = render('sms-blocking', { phoneOs: 'android', blockingApp: app as keyof typeof apps }, language)
      expect(text, app).toContain(path[language])
      expect(text, app).not.toContain(language === 'en' ? 'Filter Unknown Senders' : '过滤未知发件人')
    }
    for (const app of ['none', 'other', null] as const) {
      expect(render('sms-blocking', { phoneOs: 'android', blockingApp: app }, language)).toContain(
        language === 'en' ? 'Messages (SMS) app' : '“信息”（短信）应用',
      )
    }
    const unknown = render('sms-blocking', { phoneOs: null, blockingApp: null }, language)
    expect(unknown).toContain(language === 'en' ? 'Filter Unknown Senders' : '过滤未知发件人')
    expect(unknown).toContain(language === 'en' ? 'Spam Blocking' : '骚扰拦截')
  })

  it.each(LANGUAGES)('method 3 gives advice for the email provider (%s)', (language) => {
    const expectations: Record<string, { has: string[]; hasNot: string[] }> = {
      gmail: { has: ['Gmail'], hasNot: ['QQ'] },
      outlook: { has: ['Outlook/Hotmail'], hasNot: ['QQ'] },
      protonmail: { has: ['ProtonMail'], hasNot: [] },
      qq: { has: [language === 'en' ? 'QQ Mail' : 'QQ邮箱', 'Gmail', 'Outlook'], hasNot: [] },
      '163': { has: [language === 'en' ? '163 Mail' : '163邮箱', 'Gmail', 'Outlook'], hasNot: [] },
      other: { has: ['Gmail', 'Outlook'], hasNot: [] },
    }
    for (const provider of EMAIL_PROVIDERS) {
      const text = render('email-code', { emailProvider: provider }, language)
      for (const s of expectations[provider]!.has) expect(text, provider).toContain(s)
      for (const s of expectations[provider]!.hasNot) expect(text, provider).not.toContain(s)
      expect(text).toContain(language === 'en' ? 'Spam' : '垃圾')
    }
  })

  it.each(LANGUAGES)('method 5 states the key-backup warning and that support never asks for the key (%s)', (language) => {
    const text = render('authenticator', {}, language)
    if (language === 'en') {
      expect(text).toContain('IMPORTANT')
      expect(text).toContain('the only way to recover your authenticator')
      expect(text).toMatch(/locked out of your account/)
      expect(text).toContain('Our support team will never ask you for your key')
    } else {
      expect(text).toContain('重要提示')
      expect(text).toContain('备份密钥是恢复谷歌验证器的唯一方式')
      expect(text).toContain('无法登录账户')
      expect(text).toContain('客服绝不会向您索要密钥')
    }
    // The backup comes before the scan.
    const backup = text.indexOf(language === 'en' ? 'back up the key' : '先备份密钥')
    const scan = text.indexOf(language === 'en' ? 'Scan the QR code' : '用验证器扫描二维码')
    expect(backup).toBeGreaterThan(-1)
    expect(backup).toBeLessThan(scan)
  })

  it.each(LANGUAGES)('method 6 covers network and time, with the phone-specific setting (%s)', (language) => {
    expect(render('network-time', { phoneOs: 'iphone' }, language)).toContain(
      language === 'en' ? 'Settings > General > Date & Time' : '“设置” > “通用” > “日期与时间”',
    )
    expect(render('network-time', { phoneOs: 'android' }, language)).toContain(
      language === 'en' ? 'Settings > System > Date & time' : '“设置” > “系统” > “日期和时间”',
    )
    const rejected = render('network-time', { symptom: 'rejected' }, language)
    const notReceived = render('network-time', { symptom: 'not-received' }, language)
    expect(rejected.length).toBeGreaterThan(notReceived.length)
  })

  it.each(LANGUAGES)('escalation lists what to provide and the 3-7 business days (%s)', (language) => {
    const nothingKnown = { uid: null, phoneE164: null, email: null }
    const text = render('escalate', nothingKnown, language, { attempts: [{ methodId: 'sms-blocking', status: 'failed' }] })
    const needs =
      language === 'en'
        ? [
            'phone number or email address you registered with',
            'Your account UID',
            'description of the problem',
            "solutions you've tried",
            'Identity verification documents',
            '3 to 7 business days',
          ]
        : [
            '注册时使用的手机号或邮箱地址',
            '账户 UID（如果还能登录）',
            '问题的具体描述',
            '已尝试过的解决方法',
            '身份验证材料',
            '3 到 7 个工作日',
          ]
    for (const n of needs) expect(text).toContain(n)
    expect(text).not.toContain(language === 'en' ? 'I already have' : '我已记录')
    const none = render('escalate', nothingKnown, language)
    expect(none).toContain(language === 'en' ? 'Which of the usual solutions' : '您已经尝试过哪些常规解决方法')
  })

  it.each(LANGUAGES)('escalation asks only for the phone and UID the case does not hold (%s)', (language) => {
    const en = language === 'en'
    const askContact = en ? 'phone number or email address you registered with' : '注册时使用的手机号或邮箱地址'
    const askUid = en ? 'Your account UID' : '账户 UID（如果还能登录）'
    // the case holds both: neither is asked for, both are named (masked) so the user knows
    const both = render('escalate', {}, language)
    expect(both).not.toContain(askContact)
    expect(both).not.toContain(askUid)
    expect(both).toContain(
      en
        ? "I already have your registered phone number (+86 138****8000) and your UID (35****87), so there's no need to send them again."
        : '我已记录您注册的手机号（+86 138****8000）和账户 UID（35****87），无需再次发送。',
    )
    // only an email: the contact is known, the UID is asked for
    const emailOnly = render('escalate', { uid: null, phoneE164: null }, language)
    expect(emailOnly).not.toContain(askContact)
    expect(emailOnly).toContain(askUid)
    expect(emailOnly).toContain(en ? 'registered email address (a***e@qq.com), so' : '注册的邮箱（a***e@qq.com），无需')
    // only a UID: the phone or email is asked for
    const uidOnly = render('escalate', { phoneE164: null, email: null }, language)
    expect(uidOnly).toContain(askContact)
    expect(uidOnly).not.toContain(askUid)
    expect(uidOnly).toContain(
      en ? "I already have your UID (35****87), so there's no need to send it again." : '我已记录您的账户 UID（35****87），无需再次发送。',
    )
  })

  it.each(LANGUAGES)('review status quotes the submitted and expected dates, or the usual 3-7 days (%s)', (language) => {
    const template = chooseTemplateForPurpose(templates, 'review-status')!
    const dated = renderTemplate(
      template,
      buildReplyContext(baseInput({ language, review: { submitted: 'D-SUB', expectedFrom: 'D-EXP', dueBy: 'D-DUE' } })),
    )
    expect(dated.ok && dated.value.text).toMatch(
      language === 'en'
        ? /submitted on D-SUB\. The review takes 3 to 7 business days, so you can expect the result from D-EXP, and no later than D-DUE/
        : /已于D-SUB提交。审核需要 3 至 7 个工作日，预计D-EXP起可出结果，最迟不晚于D-DUE/,
    )
    const undated = renderTemplate(template, buildReplyContext(baseInput({ language })))
    expect(undated.ok && undated.value.text).toContain(language === 'en' ? '3 to 7 business days' : '3 到 7 个工作日')
  })

  it.each(LANGUAGES)('closing tips adapt to what the user already has (%s)', (language) => {
    const template = chooseTemplateForPurpose(templates, 'closing')!
    const text = (over: Partial<ReplyContextInput>, facts: Facts = {}): string => {
      const r = renderTemplate(template, buildReplyContext(baseInput({ ...over, language }, facts)))
      return r.ok ? r.value.text : ''
    }
    const bindGa = language === 'en' ? 'an authenticator app (strongly recommended)' : '强烈推荐谷歌验证器'
    const keepKey = language === 'en' ? 'backup key safe' : '备份密钥'
    expect(text({})).toContain(bindGa)
    expect(text({}, { boundMethods: ['sms', 'authenticator'] })).toContain(keepKey)
    expect(text({}, { boundMethods: ['sms', 'authenticator'] })).not.toContain(bindGa)
    expect(text({ attempts: [{ methodId: 'authenticator', status: 'resolved' }] })).not.toContain(bindGa)
    expect(text({}, { emailProvider: 'gmail' })).not.toContain(language === 'en' ? 'such as Gmail or Outlook' : '等稳定的国际主流邮箱')
    expect(text({}, { emailProvider: 'qq' })).toContain(language === 'en' ? 'such as Gmail or Outlook' : '等稳定的国际主流邮箱')
  })

  it.each(LANGUAGES)('follow-up names the suggested next step (%s)', (language) => {
    const template = chooseTemplateForPurpose(templates, 'follow-up')!
    const ctx: ReplyContext = buildReplyContext(baseInput({ language, next: { methodId: 'carrier-sms', variantId: 'china-mobile' } }))
    const r = renderTemplate(template, ctx)
    expect(r.ok && r.value.text).toContain(ctx.next_method!)
  })
})
