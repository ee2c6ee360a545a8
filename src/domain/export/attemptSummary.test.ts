import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ATTEMPT_STATUSES, METHOD_IDS, type AttemptRecord } from '../model'
import { currentFromSummaries, currentOfSummary, sameSummary, summarizeAttempts } from './attemptSummary'
import { currentAttempts } from './rows'
import { makeAttempt } from '@test/exportRecords'

const rec = (id: number, caseId: number, methodId: string, status: string, at: number): AttemptRecord =>
  makeAttempt({ id, caseId, methodId: methodId as AttemptRecord['methodId'], status: status as AttemptRecord['status'], at })

describe('summarizeAttempts', () => {
  it('keeps the newest status of each method in the article order, with the ids fingerprint', () => {
    const s = summarizeAttempts([
      rec(7, 1, 'email-code', 'failed', 300),
      rec(3, 1, 'sms-blocking', 'suggested', 100),
      rec(9, 1, 'sms-blocking', 'resolved', 400),
    ])
    expect(s).toEqual({ n: 3, sum: 19, xor: 7 ^ 3 ^ 9, current: 'sms-blocking=resolved;email-code=failed' })
    expect(summarizeAttempts([])).toEqual({ n: 0, sum: 0, xor: 0, current: '' })
  })

  it('has no summary for records not stored yet (no id)', () => {
    expect(summarizeAttempts([{ ...rec(1, 1, 'sms-blocking', 'failed', 1), id: undefined }])).toBeUndefined()
  })

  it('compares summaries field by field', () => {
    const a = summarizeAttempts([rec(1, 1, 'sms-blocking', 'failed', 1)])
    expect(sameSummary(a, summarizeAttempts([rec(1, 1, 'sms-blocking', 'failed', 1)]))).toBe(true)
    expect(sameSummary(a, summarizeAttempts([rec(1, 1, 'sms-blocking', 'resolved', 1)]))).toBe(false)
    expect(sameSummary(a, undefined)).toBe(false)
    expect(sameSummary(undefined, undefined)).toBe(true)
  })
})

describe('currentOfSummary', () => {
  it('reads the statuses back, leaving out a method this build does not know', () => {
    expect(currentOfSummary({ n: 2, sum: 3, xor: 3, current: 'carrier-sms=failed;carrier-pigeon=resolved' })).toEqual([
      { methodId: 'carrier-sms', status: 'failed' },
    ])
    expect(currentOfSummary({ n: 0, sum: 0, xor: 0, current: '' })).toEqual([])
  })

  it.each([
    ['nothing', undefined],
    ['not an object', 'sms-blocking=failed'],
    ['an unknown status', { n: 1, sum: 1, xor: 1, current: 'sms-blocking=maybe' }],
    ['no equals sign', { n: 1, sum: 1, xor: 1, current: 'sms-blocking' }],
    ['a negative count', { n: -1, sum: 1, xor: 1, current: 'sms-blocking=failed' }],
    ['a count that is not a number', { n: '1', sum: 1, xor: 1, current: 'sms-blocking=failed' }],
  ])('is null for %s', (_name, summary) => {
    expect(currentOfSummary(summary)).toBeNull()
  })
})

describe('currentFromSummaries', () => {
  const records = [
    rec(1, 10, 'sms-blocking', 'failed', 1),
    rec(2, 10, 'email-code', 'resolved', 2),
    rec(3, 11, 'carrier-sms', 'declined', 3),
  ]
  const cases = [
    { id: 10, attemptSummary: summarizeAttempts(records.slice(0, 2)) },
    { id: 11, attemptSummary: summarizeAttempts(records.slice(2)) },
    { id: 12, attemptSummary: summarizeAttempts([]) },
  ]

  it('answers from the summaries when they account for exactly the records that exist', () => {
    const current = currentFromSummaries(cases, [1, 2, 3])
    expect(current?.get(10)).toEqual([
      { methodId: 'sms-blocking', status: 'failed' },
      { methodId: 'email-code', status: 'resolved' },
    ])
    expect(current?.get(11)).toEqual([{ methodId: 'carrier-sms', status: 'declined' }])
    expect(current?.get(12)).toEqual([])
  })

  it.each([
    ['a record added since', [1, 2, 3, 4]],
    ['a record removed since', [1, 3]],
    ['a record replaced by a newer one', [1, 2, 5]],
    ['ids that only add up in count and sum', [1, 1, 4]],
  ])('is null for %s', (_name, ids) => {
    expect(currentFromSummaries(cases, ids)).toBeNull()
  })

  it('counts a case without a summary as a case without records', () => {
    expect(currentFromSummaries([...cases, { id: 13 }], [1, 2, 3])?.get(13)).toEqual([])
    // …so its records, if it has some, do not add up
    expect(currentFromSummaries([...cases, { id: 13 }], [1, 2, 3, 4])).toBeNull()
  })

  it('is null when a case has a malformed summary', () => {
    expect(currentFromSummaries([...cases, { id: 13, attemptSummary: { n: 0 } }], [1, 2, 3])).toBeNull()
  })

  it('gives what the records give, whatever they are (property)', () => {
    const recordArb = fc.record({
      caseId: fc.integer({ min: 1, max: 4 }),
      methodId: fc.constantFrom(...METHOD_IDS, 'retired-method'),
      status: fc.constantFrom(...ATTEMPT_STATUSES),
      at: fc.integer({ min: 0, max: 20 }),
    })
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 25 }), (raw) => {
        const all = raw.map((r, i) => rec(i + 1, r.caseId, r.methodId, r.status, r.at))
        const summarized = [1, 2, 3, 4].map((id) => ({ id, attemptSummary: summarizeAttempts(all.filter((a) => a.caseId === id)) }))
        const current = currentFromSummaries(
          summarized,
          all.map((a) => a.id!),
        )
        expect(current).not.toBeNull()
        for (const id of [1, 2, 3, 4]) {
          const want = currentAttempts(all.filter((a) => a.caseId === id)).map((a) => ({ methodId: a.methodId, status: a.status }))
          expect(current!.get(id)).toEqual(want)
        }
        // one record more than the summaries know of is always noticed
        expect(currentFromSummaries(summarized, [...all.map((a) => a.id!), all.length + 1])).toBeNull()
      }),
      { numRuns: 300 },
    )
  })
})
