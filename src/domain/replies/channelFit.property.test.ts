/**
 * Replies that fit the channel (issue 15): for any case facts (failing channels, symptom, phone OS, blocking
 * app, carrier, email provider, bound and lost methods) and any attempt history, the reply of every method
 * the playbook lets the agent offer renders in both languages and states nothing the case contradicts: it
 * never tells a user whose email codes fail to switch to email, nor presumes SMS fails when it does not.
 * The domain has no per-channel length limit for replies (chat and email take the same text), so length is
 * held to the engine's output limit only, which the render enforces.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ATTEMPT_STATUSES,
  BLOCKING_APPS,
  BOUND_METHODS,
  CARRIERS,
  CHANNELS,
  EMAIL_PROVIDERS,
  LANGUAGES,
  METHOD_IDS,
  PHONE_OSES,
  SYMPTOMS,
  type BoundMethod,
  type Channel,
  type Language,
  type Symptom,
  type MethodId,
} from '../model'
import { methodFit, variantFor, type PlaybookFacts } from '../playbook'
import { buildReplyContext } from './context'
import { renderTemplate } from './engine'
import { chooseTemplate, defaultTemplateRecords } from './library'
import { findLeftoverDelimiters } from './presend'
import { BASE_CASE } from '@test/replyCase'

const templates = defaultTemplateRecords(0)
const opt = <T>(values: readonly T[]) => fc.option(fc.constantFrom(...values), { nil: null })

/** PlaybookFacts with mutable lists and a recorded symptom, as a case holds them. */
type Facts = PlaybookFacts & { channels: Channel[]; symptom: Symptom; boundMethods: BoundMethod[]; unavailableMethods: BoundMethod[] }
const arbFacts: fc.Arbitrary<Facts> = fc.record({
  channels: fc.subarray([...CHANNELS], { minLength: 1 }),
  symptom: fc.constantFrom(...SYMPTOMS),
  phoneOs: opt(PHONE_OSES),
  blockingApp: opt(BLOCKING_APPS),
  carrier: opt(CARRIERS),
  emailProvider: opt(EMAIL_PROVIDERS),
  boundMethods: fc.subarray([...BOUND_METHODS]),
  unavailableMethods: fc.subarray([...BOUND_METHODS]),
})
const arbAttempts = fc.array(fc.record({ methodId: fc.constantFrom(...METHOD_IDS), status: fc.constantFrom(...ATTEMPT_STATUSES) }), {
  maxLength: 6,
})

/** What a reply says only when the case's facts allow it, by language. */
const SWITCH_TO_EMAIL: Record<Language, string[]> = {
  en: ['Switch to Email Verification', 'switch to email verification', 'switching to email verification'],
  'zh-CN': ['切换到邮箱验证', '改用邮箱验证'],
}
const SMS_FAILS: Record<Language, string[]> = {
  en: ['SMS still', 'SMS codes keep failing', 'SMS problems', 'SMS is still unreliable'],
  'zh-CN': ['短信仍然', '短信验证码一直收不到', '短信问题'],
}

describe('replies fit the case’s channel', () => {
  it('every reply the playbook allows, both languages, any case facts: no statement the case contradicts', () => {
    let checked = 0
    fc.assert(
      fc.property(arbFacts, arbAttempts, fc.boolean(), (facts, attempts, named) => {
        for (const methodId of METHOD_IDS.filter((m): m is Exclude<MethodId, 'escalate'> => m !== 'escalate')) {
          if (!methodFit(methodId, facts).fits) continue
          const variantId = variantFor(methodId, facts)
          const choice = chooseTemplate(templates, { methodId, variantId })
          expect(choice, `${methodId}/${variantId} has a template`).not.toBeNull()
          for (const language of LANGUAGES) {
            const context = buildReplyContext({
              case: { ...BASE_CASE, ...facts, email: named ? BASE_CASE.email : null },
              language,
              agentName: 'Lily',
              customerName: named ? 'Alice' : null,
              attempts,
              next: { methodId, variantId },
            })
            const r = renderTemplate(choice!.template, context)
            const label = `${choice!.template.id} ${language} ${JSON.stringify(facts)} ${JSON.stringify(attempts)}`
            if (!r.ok) throw new Error(`${label}: ${JSON.stringify(r.error)}`)
            const text = r.value.text
            expect(findLeftoverDelimiters(text), label).toEqual([])
            if (facts.channels.includes('email'))
              for (const phrase of SWITCH_TO_EMAIL[language]) expect(text, `${label}: email is the failing channel`).not.toContain(phrase)
            if (!facts.channels.includes('sms'))
              for (const phrase of SMS_FAILS[language]) expect(text, `${label}: SMS is not failing`).not.toContain(phrase)
            checked++
          }
        }
      }),
      { numRuns: 300 },
    )
    expect(checked).toBeGreaterThan(0)
  })

  it('the issue’s case: email codes to a QQ mailbox never arrive, the reply troubleshoots email', () => {
    const facts = { ...BASE_CASE, channels: ['email' as const], boundMethods: ['email' as const], emailProvider: 'qq' as const }
    for (const language of LANGUAGES) {
      const choice = chooseTemplate(templates, { methodId: 'email-code', variantId: 'qq' })!
      const r = renderTemplate(choice.template, buildReplyContext({ case: facts, language, agentName: 'Lily', attempts: [] }))
      expect(r.ok && r.value.text).toBeTruthy()
      const text = r.ok ? r.value.text : ''
      for (const phrase of [...SWITCH_TO_EMAIL[language], ...SMS_FAILS[language]]) expect(text).not.toContain(phrase)
      expect(text).toContain(language === 'en' ? 'Spam' : '垃圾')
    }
  })
})
