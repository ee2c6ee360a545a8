import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ATTEMPT_STATUSES, METHOD_IDS, type AttemptRecord, type AttemptStatus, type MethodId } from '../model'
import {
  ATTEMPT_NOTE_MAX,
  chronological,
  currentState,
  currentStates,
  historyByMethod,
  initialMethodState,
  methodHistory,
  nextAttempt,
  stepProgress,
  type AttemptChange,
  type AttemptContext,
  type MethodState,
} from './checklist'

const T0 = Date.UTC(2026, 10, 24, 2, 0, 0)
const MIN = 60_000

let seq = 0
const rec = (over: Partial<AttemptRecord> & Pick<AttemptRecord, 'methodId' | 'status'>): AttemptRecord => ({
  id: ++seq,
  caseId: 1,
  variantId: null,
  steps: [],
  note: '',
  at: T0,
  agent: 'alice',
  ...over,
})

describe('currentStates', () => {
  it('is not-tried for every method when there are no records', () => {
    const s = currentStates([])
    expect(Object.keys(s)).toEqual([...METHOD_IDS])
    for (const m of METHOD_IDS) expect(s[m]).toEqual(initialMethodState(m))
  })

  it('takes the newest record per method, whatever the input order', () => {
    const records = [
      rec({ methodId: 'carrier-sms', status: 'failed', at: T0 + 5 * MIN, note: 'carrier said ok', agent: 'bob' }),
      rec({ methodId: 'sms-blocking', status: 'suggested', at: T0, variantId: 'iphone' }),
      rec({ methodId: 'carrier-sms', status: 'suggested', at: T0 + MIN, variantId: 'china-mobile', steps: ['call-hotline'] }),
      rec({ methodId: 'sms-blocking', status: 'failed', at: T0 + 2 * MIN, variantId: 'iphone', steps: ['check-filter-setting'] }),
    ]
    const s = currentStates(records)
    expect(s['sms-blocking']).toEqual({
      methodId: 'sms-blocking',
      status: 'failed',
      variantId: 'iphone',
      steps: ['check-filter-setting'],
      note: '',
      at: T0 + 2 * MIN,
      agent: 'alice',
    })
    expect(s['carrier-sms']).toMatchObject({ status: 'failed', note: 'carrier said ok', agent: 'bob', at: T0 + 5 * MIN })
    expect(s['email-code'].status).toBe('not-tried')
    expect(currentState(records, 'carrier-sms').status).toBe('failed')
  })

  it.each([
    [
      'higher id wins at the same time',
      [rec({ id: 10, methodId: 'escalate', status: 'declined' }), rec({ id: 4, methodId: 'escalate', status: 'suggested' })],
      'declined',
    ],
    [
      'an unsaved record (no id) counts as newest at the same time',
      [rec({ methodId: 'escalate', status: 'failed', id: undefined }), rec({ id: 99, methodId: 'escalate', status: 'suggested' })],
      'failed',
    ],
    [
      'equal time and id: the later one in the list wins',
      [rec({ id: 7, methodId: 'escalate', status: 'suggested' }), rec({ id: 7, methodId: 'escalate', status: 'resolved' })],
      'resolved',
    ],
    [
      'time beats id',
      [
        rec({ id: 1, methodId: 'escalate', status: 'resolved', at: T0 + 1 }),
        rec({ id: 2, methodId: 'escalate', status: 'failed', at: T0 }),
      ],
      'resolved',
    ],
  ] as const)('%s', (_name, records, expected) => {
    expect(currentStates(records).escalate.status).toBe(expected)
  })

  it('ignores records with an unknown method id', () => {
    const bad = { ...rec({ methodId: 'sms-blocking', status: 'failed' }), methodId: 'nope' as MethodId }
    expect(currentStates([bad])['sms-blocking'].status).toBe('not-tried')
    expect(Object.values(historyByMethod([bad])).flat()).toEqual([])
  })

  it('property: the state of a method equals its last record in chronological order', () => {
    const arbRecord = fc.record({
      id: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
      caseId: fc.constant(1),
      methodId: fc.constantFrom(...METHOD_IDS),
      status: fc.constantFrom(...ATTEMPT_STATUSES),
      variantId: fc.constantFrom(null, 'default', 'iphone'),
      steps: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
      note: fc.string({ maxLength: 5 }),
      at: fc.integer({ min: T0, max: T0 + 10 }),
      agent: fc.constantFrom('alice', 'bob'),
    })
    fc.assert(
      fc.property(fc.array(arbRecord, { maxLength: 30 }), (records) => {
        const states = currentStates(records)
        const sorted = chronological(records)
        for (const m of METHOD_IDS) {
          const own = sorted.filter((r) => r.methodId === m)
          const last = own.at(-1)
          expect(states[m].status).toBe(last ? last.status : 'not-tried')
          expect(methodHistory(records, m)).toEqual(own)
          // newest wins: no record of m is strictly newer than the chosen one
          if (last) for (const r of own) expect(r.at <= last.at).toBe(true)
        }
      }),
    )
  })
})

describe('history', () => {
  it("lists one method's records oldest first, and all methods' at once", () => {
    const a = rec({ methodId: 'email-code', status: 'failed', at: T0 + 3 * MIN })
    const b = rec({ methodId: 'email-code', status: 'suggested', at: T0 + MIN })
    const c = rec({ methodId: 'network-time', status: 'suggested', at: T0 + 2 * MIN })
    expect(methodHistory([a, c, b], 'email-code')).toEqual([b, a])
    const h = historyByMethod([a, c, b])
    expect(h['email-code']).toEqual([b, a])
    expect(h['network-time']).toEqual([c])
    expect(h.escalate).toEqual([])
    expect(Object.keys(h)).toEqual([...METHOD_IDS])
  })
})

describe('nextAttempt', () => {
  const ctx: AttemptContext = { caseId: 42, agent: 'carol', now: T0 + 9 * MIN, variantId: 'iphone' }
  const state = (over: Partial<MethodState> = {}): MethodState => ({ ...initialMethodState('sms-blocking'), ...over })
  const ok = (current: MethodState, change: AttemptChange, c: AttemptContext = ctx): AttemptRecord | null => {
    const r = nextAttempt(current, change, c)
    if (!r.ok) throw new Error(`refused: ${r.error.key}`)
    return r.value
  }

  it.each<[string, MethodState, AttemptChange, Partial<AttemptRecord> | null]>([
    [
      'status change keeps ticks and note',
      state({ status: 'suggested', steps: ['a'], note: 'n', variantId: 'iphone' }),
      { type: 'status', status: 'failed' },
      { status: 'failed', steps: ['a'], note: 'n' },
    ],
    ['same status: nothing to record', state({ status: 'failed' }), { type: 'status', status: 'failed' }, null],
    [
      'ticking a step of an untried method makes it suggested',
      state(),
      { type: 'step', stepId: 'check-filter-setting', ticked: true },
      { status: 'suggested', steps: ['check-filter-setting'] },
    ],
    [
      'ticking keeps a settled status',
      state({ status: 'failed', steps: ['a'] }),
      { type: 'step', stepId: 'b', ticked: true },
      { status: 'failed', steps: ['a', 'b'] },
    ],
    [
      'unticking removes the step and keeps the status',
      state({ status: 'suggested', steps: ['a', 'b'] }),
      { type: 'step', stepId: 'a', ticked: false },
      { status: 'suggested', steps: ['b'] },
    ],
    [
      'ticking a ticked step: nothing to record',
      state({ status: 'suggested', steps: ['a'] }),
      { type: 'step', stepId: 'a', ticked: true },
      null,
    ],
    [
      'unticking an unticked step: nothing to record',
      state({ status: 'suggested', steps: ['a'] }),
      { type: 'step', stepId: 'b', ticked: false },
      null,
    ],
    ["unticking an untried method's step does not make it suggested", state(), { type: 'step', stepId: 'a', ticked: false }, null],
    [
      'note change',
      state({ status: 'suggested', note: 'old' }),
      { type: 'note', note: 'user will call 10086 tonight' },
      { status: 'suggested', note: 'user will call 10086 tonight' },
    ],
    ['same note: nothing to record', state({ note: 'same' }), { type: 'note', note: 'same' }, null],
    ['reset to not-tried is a change too', state({ status: 'declined' }), { type: 'status', status: 'not-tried' }, { status: 'not-tried' }],
  ])('%s', (_name, current, change, expected) => {
    const r = ok(current, change)
    if (expected === null) expect(r).toBeNull()
    else
      expect(r).toEqual({
        caseId: 42,
        methodId: 'sms-blocking',
        variantId: 'iphone',
        steps: [],
        note: '',
        at: T0 + 9 * MIN,
        agent: 'carol',
        status: current.status,
        ...expected,
      })
  })

  it("records the variant shown now, or keeps the state's when none is given", () => {
    expect(ok(state({ variantId: 'android-360' }), { type: 'status', status: 'failed' })?.variantId).toBe('iphone')
    expect(ok(state({ variantId: 'android-360' }), { type: 'status', status: 'failed' }, { ...ctx, variantId: null })?.variantId).toBe(
      'android-360',
    )
  })

  it("with the checklist's step ids: drops ticks of another variant, orders ticks as the checklist, refuses unknown steps", () => {
    const stepIds = ['check-filter-setting', 'open-filtered-list', 'trust-sender', 'whitelist-permanently']
    const c = { ...ctx, stepIds }
    const current = state({ status: 'suggested', variantId: 'android-360', steps: ['whitelist-permanently', 'find-sender'] })
    expect(ok(current, { type: 'step', stepId: 'check-filter-setting', ticked: true }, c)?.steps).toEqual([
      'check-filter-setting',
      'whitelist-permanently',
    ])
    expect(ok(current, { type: 'status', status: 'failed' }, c)?.steps).toEqual(['whitelist-permanently'])
    expect(nextAttempt(current, { type: 'step', stepId: 'find-sender', ticked: true }, c)).toEqual({
      ok: false,
      error: { key: 'playbook.error.unknown-step', params: { step: 'find-sender' } },
    })
  })

  it('refuses an over-long note', () => {
    expect(nextAttempt(state(), { type: 'note', note: 'x'.repeat(ATTEMPT_NOTE_MAX + 1) }, ctx)).toEqual({
      ok: false,
      error: { key: 'playbook.error.note-too-long', params: { max: ATTEMPT_NOTE_MAX } },
    })
    expect(ok(state(), { type: 'note', note: 'x'.repeat(ATTEMPT_NOTE_MAX) })).not.toBeNull()
  })

  it('round trip: appending each built record makes it the current state', () => {
    const records: AttemptRecord[] = []
    const changes: AttemptChange[] = [
      { type: 'step', stepId: 'check-filter-setting', ticked: true },
      { type: 'step', stepId: 'open-filtered-list', ticked: true },
      { type: 'note', note: 'filter was on' },
      { type: 'status', status: 'resolved' as AttemptStatus },
    ]
    changes.forEach((change, i) => {
      const r = ok(currentState(records, 'sms-blocking'), change, { ...ctx, now: T0 + i })
      if (r) records.push({ ...r, id: i + 1 })
    })
    expect(records).toHaveLength(4)
    expect(currentState(records, 'sms-blocking')).toMatchObject({
      status: 'resolved',
      steps: ['check-filter-setting', 'open-filtered-list'],
      note: 'filter was on',
      agent: 'carol',
    })
    expect(methodHistory(records, 'sms-blocking').map((r) => r.status)).toEqual(['suggested', 'suggested', 'suggested', 'resolved'])
  })
})

describe('stepProgress', () => {
  it('counts only ticks that are in the checklist', () => {
    expect(stepProgress({ steps: ['a', 'x'] }, ['a', 'b', 'c'])).toEqual({ done: 1, total: 3 })
    expect(stepProgress({ steps: [] }, [])).toEqual({ done: 0, total: 0 })
  })
})
