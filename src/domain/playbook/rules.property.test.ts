import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ATTEMPT_STATUSES,
  BLOCKING_APPS,
  BOUND_METHODS,
  CARRIERS,
  CHANNELS,
  EMAIL_PROVIDERS,
  METHOD_IDS,
  METHOD_VARIANTS,
  PHONE_OSES,
  SYMPTOMS,
  type MethodId,
} from '../model'
import { SETTLED_STATUSES } from './checklist'
import { playbookMessage } from '@test/playbookMessage'
import { escalationCriteria, loginMethods, methodFit, nextStep, variantFor, type PlaybookFacts, type StatesInput } from './rules'
import type { Reason } from './reasons'

const subset = <T>(xs: readonly T[]) => fc.subarray([...xs])

const arbFacts: fc.Arbitrary<PlaybookFacts> = fc.record({
  channels: subset(CHANNELS),
  symptom: fc.option(fc.constantFrom(...SYMPTOMS), { nil: null }),
  phoneOs: fc.option(fc.constantFrom(...PHONE_OSES), { nil: null }),
  blockingApp: fc.option(fc.constantFrom(...BLOCKING_APPS), { nil: null }),
  carrier: fc.option(fc.constantFrom(...CARRIERS), { nil: null }),
  emailProvider: fc.option(fc.constantFrom(...EMAIL_PROVIDERS), { nil: null }),
  boundMethods: subset(BOUND_METHODS),
  unavailableMethods: subset(BOUND_METHODS),
})

const arbStates: fc.Arbitrary<StatesInput> = fc.dictionary(
  fc.constantFrom(...METHOD_IDS),
  fc.record({ status: fc.constantFrom(...ATTEMPT_STATUSES), at: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }) }),
) as fc.Arbitrary<StatesInput>

const statusOf = (s: StatesInput, m: MethodId) => s[m]?.status ?? 'not-tried'

function expectResolvable(reason: Reason): void {
  for (const lang of ['en', 'zh-CN'] as const) {
    const msg = playbookMessage(lang, reason.key)
    expect(msg, `${lang} ${reason.key}`).toBeDefined()
    for (const [, name] of (msg ?? '').matchAll(/\{(\w+)\}/g)) expect(reason.params?.[name ?? ''], `${reason.key} {${name}}`).toBeDefined()
  }
}

describe('nextStep properties', () => {
  it('never throws and never suggests a failed, resolved, declined or not-applicable method', () => {
    fc.assert(
      fc.property(arbFacts, arbStates, (facts, states) => {
        const r = nextStep(facts, states)
        if (r.next.kind === 'method') {
          expect(SETTLED_STATUSES).not.toContain(statusOf(states, r.next.methodId))
          expect(r.next.inProgress).toBe(statusOf(states, r.next.methodId) === 'suggested')
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('keeps its outputs consistent with each other and with the facts', () => {
    fc.assert(
      fc.property(arbFacts, arbStates, (facts, states) => {
        const r = nextStep(facts, states)
        // every method exactly once, in the order considered
        expect([...r.order].sort()).toEqual([...METHOD_IDS].sort())
        expect(r.methods.map((m) => m.methodId)).toEqual(r.order)
        const nexts = r.methods.filter((m) => m.verdict === 'next')
        expect(nexts.length).toBe(r.next.kind === 'method' ? 1 : 0)
        expect(r.skipped.map((s) => s.methodId)).toEqual(r.methods.filter((m) => m.verdict === 'skipped').map((m) => m.methodId))
        // variants valid and as variantFor says
        for (const m of r.methods) {
          expect(METHOD_VARIANTS[m.methodId] as readonly string[]).toContain(m.variantId)
          expect(m.variantId).toBe(variantFor(m.methodId, facts))
        }
        const resolved = METHOD_IDS.some((m) => statusOf(states, m) === 'resolved')
        if (resolved) {
          expect(r.next.kind).toBe('close')
          expect(r.escalation.offered).toBe(false)
        } else expect(r.escalation.offered).toBe(r.escalation.criteria.length > 0)
        if (r.next.kind === 'close') expect(statusOf(states, r.next.methodId)).toBe('resolved')
        if (r.next.kind === 'method') {
          expect(r.next.variantId).toBe(variantFor(r.next.methodId, facts))
          if (r.next.methodId === 'escalate') expect(r.escalation.offered).toBe(true)
          else expect(methodFit(r.next.methodId, facts).fits).toBe(true)
          // methods 4 and 5 only when the user can log in another way
          if (r.next.methodId === 'rebind-phone' || r.next.methodId === 'authenticator')
            expect(loginMethods(facts).length).toBeGreaterThan(0)
          // methods 1 and 2 only for SMS codes that do not arrive
          if (r.next.methodId === 'sms-blocking' || r.next.methodId === 'carrier-sms') {
            expect(facts.channels).toContain('sms')
            expect(facts.symptom).not.toBe('rejected')
          }
          // restricted accounts go straight to method 7
          if (facts.symptom === 'restricted') expect(r.next.methodId).toBe('escalate')
          // an earlier method in the order that is still open is only passed over for one in progress
          const idx = r.order.indexOf(r.next.methodId)
          if (!r.next.inProgress) for (const m of r.methods.slice(0, idx)) expect(m.verdict).toBe('skipped')
        }
        // rejected codes: method 6 is considered first
        if (facts.symptom === 'rejected') expect(r.order[0]).toBe('network-time')
        expect(r.escalation.criteria.map((c) => c.id)).toEqual(escalationCriteria(facts, states))
      }),
      { numRuns: 1000 },
    )
  })

  it('only produces reasons that exist in both languages, with their parameters', () => {
    fc.assert(
      fc.property(arbFacts, arbStates, (facts, states) => {
        const r = nextStep(facts, states)
        expectResolvable(r.next.reason)
        for (const m of r.methods) expectResolvable(m.reason)
        for (const c of r.escalation.criteria) expectResolvable(c.reason)
      }),
      { numRuns: 500 },
    )
  })
})
