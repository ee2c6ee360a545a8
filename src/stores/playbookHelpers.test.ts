import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import en from '@resources/playbook/playbook.en.json'
import zhCN from '@resources/playbook/playbook.zh-CN.json'
import { ATTEMPT_STATUSES, METHOD_IDS, type AttemptRecord, type AttemptStatus, type MethodId } from '@/domain/model'
import {
  initialMethodState,
  loadBundledPlaybooks,
  type AttemptContext,
  type MethodState,
  type PlaybookFacts,
  type PlaybookResult,
  type PlaybookSet,
} from '@/domain/playbook'
import { playbookMessage } from '@test/playbookMessage'
import {
  buildAttempt,
  buildChecklistView,
  historyEntries,
  parsePlaybookFiles,
  resolvePlaybooks,
  shownStatus,
  stepText,
  variantLabel,
  type PlaybookFile,
} from './playbookHelpers'

const bundled = loadBundledPlaybooks()
const files = (over: { en?: unknown; zh?: unknown } = {}): PlaybookFile[] => [
  { file: 'playbook.en.json', text: typeof over.en === 'string' ? over.en : JSON.stringify(over.en ?? en) },
  { file: 'playbook.zh-CN.json', text: typeof over.zh === 'string' ? over.zh : JSON.stringify(over.zh ?? zhCN) },
]
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

describe('parsePlaybookFiles and resolvePlaybooks', () => {
  it('accepts the bundled files as custom content', () => {
    const r = parsePlaybookFiles(files())
    expect(r.ok).toBe(true)
    const load = resolvePlaybooks({ bundled: () => ({ ok: true, value: bundled }), custom: files(), lastGood: null })
    expect(load.origin).toBe('custom')
    expect(load.issues).toEqual([])
    expect(load.playbooks?.en.methods.map((m) => m.id)).toEqual([...METHOD_IDS])
  })

  it('reports a JSON syntax error against its file', () => {
    const r = parsePlaybookFiles(files({ zh: '{ "version": 1, ' }))
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toHaveLength(1)
      expect(r.error[0]).toMatchObject({ file: 'playbook.zh-CN.json', field: '(file)' })
      expect(r.error[0]?.message).toMatch(/^not valid JSON/)
    }
  })

  it("with a JSON syntax error, still reports the other file's own problems (not the checks across files)", () => {
    const wrongLanguage = { ...clone(en), language: 'zh-CN' }
    const r = parsePlaybookFiles([
      { file: 'playbook.en.json', text: JSON.stringify(wrongLanguage) },
      { file: 'playbook.zh-CN.json', text: '{' },
    ])
    expect(r.ok || r.error.map((i) => `${i.file}|${i.field}`)).toEqual(['playbook.zh-CN.json|(file)', 'playbook.en.json|language'])
    // a valid other file adds nothing (no "missing language" for the unreadable one)
    const one = parsePlaybookFiles(files({ zh: '{' }))
    expect(one.ok || one.error).toHaveLength(1)
  })

  it('keeps the last good content when custom files break, and names file and field', () => {
    const broken = clone(zhCN)
    broken.methods[1]!.variants[0]!.steps[0]!.text = '  '
    const lastGood: PlaybookSet = { ...bundled, en: { ...bundled.en, version: 99 } }
    const load = resolvePlaybooks({ bundled: () => ({ ok: true, value: bundled }), custom: files({ zh: broken }), lastGood })
    expect(load.origin).toBe('last-good')
    expect(load.playbooks).toBe(lastGood)
    expect(load.issues).toContainEqual({
      file: 'playbook.zh-CN.json',
      field: 'methods[1](carrier-sms).variants[0](china-mobile).steps[0](call-hotline).text',
      message: 'must not be empty',
    })
  })

  it('falls back to the bundled content when custom files break and nothing was loaded before', () => {
    const broken = clone(en)
    ;(broken as { methods: unknown[] }).methods[0] = { ...broken.methods[0], titel: 'typo' }
    const load = resolvePlaybooks({ bundled: () => ({ ok: true, value: bundled }), custom: files({ en: broken }), lastGood: null })
    expect(load.origin).toBe('bundled')
    expect(load.playbooks).toBe(bundled)
    expect(load.issues.map((i) => `${i.file}: ${i.field}`)).toContain('playbook.en.json: methods[0](sms-blocking).titel')
  })

  it('reports a broken bundle and keeps working with nothing only when nothing good exists', () => {
    const boom = (): PlaybookResult<PlaybookSet> => ({
      ok: false,
      error: [{ file: 'playbook.en.json', field: 'version', message: 'must be a positive whole number' }],
    })
    expect(resolvePlaybooks({ bundled: boom, custom: null, lastGood: null })).toEqual({
      playbooks: null,
      origin: 'none',
      issues: [{ file: 'playbook.en.json', field: 'version', message: 'must be a positive whole number' }],
    })
    expect(resolvePlaybooks({ bundled: boom, custom: null, lastGood: bundled })).toMatchObject({ playbooks: bundled, origin: 'last-good' })
  })

  it('uses the bundled content when no custom files are given', () => {
    expect(resolvePlaybooks({ bundled: () => ({ ok: true, value: bundled }), custom: null, lastGood: null })).toEqual({
      playbooks: bundled,
      origin: 'bundled',
      issues: [],
    })
    expect(resolvePlaybooks({ bundled: () => ({ ok: true, value: bundled }), custom: [], lastGood: null }).origin).toBe('bundled')
  })
})

const T0 = Date.UTC(2026, 10, 24, 2, 0, 0)
const ctx = (over: Partial<AttemptContext> = {}): AttemptContext => ({
  caseId: 7,
  agent: 'Ann',
  now: T0,
  variantId: 'android-360',
  ...over,
})

describe('buildAttempt', () => {
  const s0 = initialMethodState('sms-blocking')

  it('records an outcome with its note in one record', () => {
    const r = buildAttempt(s0, { type: 'outcome', status: 'failed', note: '  no blocked SMS found  ' }, ctx())
    expect(r).toEqual({
      ok: true,
      value: {
        caseId: 7,
        methodId: 'sms-blocking',
        status: 'failed',
        variantId: 'android-360',
        steps: [],
        note: 'no blocked SMS found',
        at: T0,
        agent: 'Ann',
      },
    })
  })

  it('an outcome without a note keeps the earlier note', () => {
    const s: MethodState = { ...s0, status: 'suggested', note: 'asked the user', steps: ['find-sender'] }
    const r = buildAttempt(s, { type: 'outcome', status: 'resolved', note: '   ' }, ctx())
    expect(r.ok && r.value).toMatchObject({ status: 'resolved', note: 'asked the user', steps: ['find-sender'] })
  })

  it('the same outcome with a new note records only the note', () => {
    const s: MethodState = { ...s0, status: 'failed', note: 'a' }
    const r = buildAttempt(s, { type: 'outcome', status: 'failed', note: 'b' }, ctx())
    expect(r.ok && r.value).toMatchObject({ status: 'failed', note: 'b' })
    expect(buildAttempt(s, { type: 'outcome', status: 'failed', note: 'a' }, ctx())).toEqual({ ok: true, value: null })
    expect(buildAttempt(s, { type: 'outcome', status: 'failed' }, ctx())).toEqual({ ok: true, value: null })
  })

  it('refuses an over-long note with an i18n reason', () => {
    const r = buildAttempt(s0, { type: 'outcome', status: 'failed', note: 'x'.repeat(2001) }, ctx())
    expect(r).toEqual({ ok: false, error: { key: 'playbook.error.note-too-long', params: { max: 2000 } } })
    expect(playbookMessage('en', 'playbook.error.note-too-long')).toBeDefined()
  })

  it('passes step ticks to the domain (a tick makes a not-tried method suggested)', () => {
    const r = buildAttempt(
      s0,
      { type: 'step', stepId: 'find-sender', ticked: true },
      ctx({ stepIds: ['open-blocked-folder', 'find-sender'] }),
    )
    expect(r.ok && r.value).toMatchObject({ status: 'suggested', steps: ['find-sender'] })
  })

  it('every outcome with any note gives the outcome status (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ATTEMPT_STATUSES),
        fc.constantFrom(...ATTEMPT_STATUSES),
        fc.string({ maxLength: 40 }),
        (from, to, note) => {
          const r = buildAttempt({ ...s0, status: from }, { type: 'outcome', status: to, note }, ctx())
          expect(r.ok).toBe(true)
          if (!r.ok) return
          if (r.value === null) expect(from === to && note.trim() === '').toBe(true)
          else {
            expect(r.value.status).toBe(to)
            expect(r.value.note).toBe(note.trim())
          }
        },
      ),
    )
  })
})

let seq = 0
const rec = (methodId: MethodId, status: AttemptStatus, at: number, over: Partial<AttemptRecord> = {}): AttemptRecord => ({
  id: ++seq,
  caseId: 7,
  methodId,
  status,
  variantId: null,
  steps: [],
  note: '',
  at,
  agent: 'Ann',
  ...over,
})

describe('historyEntries', () => {
  it('describes each record as what changed since the one before', () => {
    const h = historyEntries([
      rec('sms-blocking', 'failed', T0 + 3000, { agent: 'Bo', steps: ['find-sender'], note: 'nothing blocked', variantId: 'iphone' }),
      rec('sms-blocking', 'suggested', T0 + 1000, { steps: ['open-blocked-folder'], variantId: 'android-360' }),
      rec('sms-blocking', 'suggested', T0 + 2000, { steps: ['open-blocked-folder', 'find-sender'], variantId: 'android-360' }),
    ])
    expect(
      h.map(({ at, agent, status, ticked, unticked, note, variantChanged }) => ({
        at,
        agent,
        status,
        ticked,
        unticked,
        note,
        variantChanged,
      })),
    ).toEqual([
      {
        at: T0 + 1000,
        agent: 'Ann',
        status: { from: 'not-tried', to: 'suggested' },
        ticked: ['open-blocked-folder'],
        unticked: [],
        note: null,
        variantChanged: false,
      },
      { at: T0 + 2000, agent: 'Ann', status: null, ticked: ['find-sender'], unticked: [], note: null, variantChanged: false },
      {
        at: T0 + 3000,
        agent: 'Bo',
        status: { from: 'suggested', to: 'failed' },
        ticked: [],
        unticked: ['open-blocked-folder'],
        note: 'nothing blocked',
        variantChanged: true,
      },
    ])
  })

  it('has one entry per record, never merges or drops any', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ status: fc.constantFrom(...ATTEMPT_STATUSES), at: fc.integer({ min: 0, max: 1e6 }) }), { maxLength: 20 }),
        (xs) => {
          const records = xs.map((x) => rec('carrier-sms', x.status, x.at))
          const h = historyEntries(records)
          expect(h).toHaveLength(records.length)
          expect(h.map((e) => e.at)).toEqual([...records.map((r) => r.at)].sort((a, b) => a - b))
        },
      ),
    )
  })
})

describe('step and variant texts', () => {
  it('finds step texts of any variant and labels in both languages', () => {
    expect(stepText(bundled.en, 'sms-blocking', 'check-filter-setting')).toMatch(/Filter Unknown Senders/)
    expect(stepText(bundled.en, 'sms-blocking', 'confirm-arrival')).not.toBeNull()
    expect(stepText(bundled.en, 'sms-blocking', 'no-such-step')).toBeNull()
    // the security apps' variants share step ids with different texts: the record's variant decides
    expect(stepText(bundled.en, 'sms-blocking', 'restore-in-security-app', 'android-360')).toMatch(/^In 360 Security/)
    expect(stepText(bundled.en, 'sms-blocking', 'restore-in-security-app', 'android-tencent')).toMatch(/^In Tencent Mobile Manager/)
    expect(stepText(bundled.en, 'sms-blocking', 'confirm-arrival', 'iphone')).toBe(stepText(bundled.en, 'sms-blocking', 'confirm-arrival'))
    expect(variantLabel(bundled.en, 'sms-blocking', 'android-360')).toBe('Android, 360 Security')
    expect(variantLabel(bundled['zh-CN'], 'sms-blocking', 'iphone')).not.toBeNull()
    expect(variantLabel(bundled.en, 'sms-blocking', null)).toBeNull()
  })
})

const facts = (over: Partial<PlaybookFacts> = {}): PlaybookFacts => ({
  channels: ['sms'],
  symptom: 'not-received',
  phoneOs: null,
  blockingApp: null,
  carrier: null,
  emailProvider: null,
  boundMethods: [],
  unavailableMethods: [],
  ...over,
})

describe('buildChecklistView', () => {
  const android360 = facts({ phoneOs: 'android', blockingApp: '360' })

  it('suggests method 1 in the Android 360 Security variant with its steps, in the article order', () => {
    const v = buildChecklistView(bundled.en, android360, [])
    expect(v.methods.map((m) => m.methodId)).toEqual([...METHOD_IDS])
    expect(v.methods.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(v.suggested?.methodId).toBe('sms-blocking')
    expect(v.suggested).toMatchObject({
      variantId: 'android-360',
      variantLabel: 'Android, 360 Security',
      shown: 'suggested',
      status: 'not-tried',
      hasVariants: true,
    })
    expect(v.suggested?.steps.map((s) => s.text).join(' ')).toMatch(/360 Security: Spam Blocking > SMS Blocking/)
    expect(v.suggested?.reason.key).toBe('playbook.reason.next.sms-blocking.android-360')
    expect(v.escalation.offered).toBe(false)
  })

  it('switches the method 1 variant when the device becomes an iPhone', () => {
    const v = buildChecklistView(bundled.en, facts({ phoneOs: 'iphone', blockingApp: '360' }), [])
    expect(v.suggested).toMatchObject({ methodId: 'sms-blocking', variantId: 'iphone', variantLabel: 'iPhone' })
    expect(v.suggested?.steps.map((s) => s.text).join(' ')).toMatch(/Filter Unknown Senders/)
  })

  it('shows ticked steps, statuses, skip reasons and the next suggestion after failures', () => {
    const records = [
      rec('sms-blocking', 'suggested', T0, { variantId: 'android-360', steps: ['find-sender'] }),
      rec('sms-blocking', 'failed', T0 + 1000, { variantId: 'android-360', steps: ['find-sender'] }),
    ]
    const v = buildChecklistView(bundled.en, android360, records)
    const m1 = v.methods[0]!
    expect(m1).toMatchObject({ status: 'failed', shown: 'failed', verdict: 'skipped', reason: { key: 'playbook.reason.skip.failed' } })
    expect(m1.steps.filter((s) => s.ticked).map((s) => s.id)).toEqual(['find-sender'])
    expect(m1.progress).toEqual({ done: 1, total: 7 })
    expect(m1.history).toHaveLength(2)
    expect(v.suggested?.methodId).toBe('carrier-sms')
    expect(v.methods.find((m) => m.methodId === 'email-code')).toMatchObject({
      verdict: 'skipped',
      reason: { key: 'playbook.reason.skip.email-not-bound' },
      shown: 'not-tried',
    })
    expect(v.methods.find((m) => m.methodId === 'network-time')).toMatchObject({
      verdict: 'later',
      reason: { key: 'playbook.reason.later', params: { method: 2 } },
    })
  })

  it('offers escalation once methods 1, 2 and 6 failed on a case with nothing else bound', () => {
    const records = (['sms-blocking', 'carrier-sms', 'network-time'] as const).map((m, i) => rec(m, 'failed', T0 + i))
    const v = buildChecklistView(bundled.en, android360, records)
    expect(v.escalation.offered).toBe(true)
    expect(v.escalation.criteria.map((c) => c.id)).toEqual(['all-tried'])
    expect(v.suggested?.methodId).toBe('escalate')
  })

  it('closes with the prevention tips once a method resolved the case', () => {
    const v = buildChecklistView(bundled['zh-CN'], android360, [rec('carrier-sms', 'resolved', T0)])
    expect(v.next.kind).toBe('close')
    expect(v.resolvedBy?.methodId).toBe('carrier-sms')
    expect(v.suggested).toBeNull()
    expect(v.prevention.tips.length).toBeGreaterThan(0)
    expect(v.language).toBe('zh-CN')
    expect(v.methods.find((m) => m.methodId === 'sms-blocking')?.reason).toEqual({
      key: 'playbook.reason.skip.case-resolved',
      params: { method: 2 },
    })
  })

  it('every reason it shows has a message in both languages (property)', () => {
    const status = fc.constantFrom(...ATTEMPT_STATUSES)
    fc.assert(
      fc.property(
        fc.record({
          phoneOs: fc.constantFrom(null, 'android', 'iphone', 'other'),
          blockingApp: fc.constantFrom(null, 'builtin', '360', 'tencent', 'none', 'other'),
          symptom: fc.constantFrom('not-received', 'rejected', 'restricted'),
          statuses: fc.array(status, { minLength: 7, maxLength: 7 }),
        }),
        (x) => {
          const records = METHOD_IDS.map((m, i) => rec(m, x.statuses[i]!, T0 + i))
          const v = buildChecklistView(
            bundled.en,
            facts({ phoneOs: x.phoneOs, blockingApp: x.blockingApp, symptom: x.symptom } as Partial<PlaybookFacts>),
            records,
          )
          for (const m of v.methods) {
            expect(playbookMessage('en', m.reason.key), m.reason.key).toBeDefined()
            expect(playbookMessage('zh-CN', m.reason.key), m.reason.key).toBeDefined()
            expect(m.steps.length).toBeGreaterThan(0)
          }
        },
      ),
    )
  })
})

describe('shownStatus', () => {
  it.each([
    ['not-tried', 'next', 'suggested'],
    ['not-tried', 'later', 'not-tried'],
    ['not-tried', 'skipped', 'not-tried'],
    ['failed', 'skipped', 'failed'],
    ['suggested', 'next', 'suggested'],
  ] as const)('%s + %s reads %s', (status, verdict, expected) => {
    expect(shownStatus(status, verdict)).toBe(expected)
  })
})

describe('secret guard on checklist notes', () => {
  it('refuses a note holding a verification code and writes nothing', () => {
    const state = initialMethodState('sms-blocking')
    const r = buildAttempt(
      state,
      { type: 'outcome', status: 'failed', note: 'code 482913 rejected' },
      { caseId: 1, agent: 'a', now: 1, variantId: 'generic' },
    )
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.key).toBe('errors.guard.verificationCode')
    const n = buildAttempt(
      state,
      { type: 'note', note: 'my 2FA secret JBSWY3DPEHPK3PXP' },
      { caseId: 1, agent: 'a', now: 1, variantId: 'generic' },
    )
    expect(n.ok).toBe(false)
  })
})

describe('secret guard on playbook files', () => {
  it('the bundled playbook holds nothing the guard would refuse', () => {
    expect(parsePlaybookFiles(files()).ok).toBe(true)
  })
  it('refuses a file holding a code, key or ID number, naming the field and never the value', () => {
    const withSecret = structuredClone(en) as unknown as { methods: { title: string }[] }
    withSecret.methods[0]!.title = 'Ask for the code (e.g. user says 482913)'
    const r = parsePlaybookFiles([
      { file: 'playbook.en.json', text: JSON.stringify(withSecret) },
      { file: 'playbook.zh-CN.json', text: JSON.stringify(zhCN) },
    ])
    expect(r.ok).toBe(false)
    if (r.ok) return
    const issue = r.error.find((i) => i.field === 'methods.0.title')
    expect(issue?.file).toBe('playbook.en.json')
    expect(issue?.message).toContain('verification code')
    expect(JSON.stringify(r.error)).not.toContain('482913')
  })
})
