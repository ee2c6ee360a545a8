import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { METHOD_IDS, type AttemptRecord, type MethodId } from '../model'
import { ATTEMPT_COLUMNS, CASE_COLUMNS, REVIEW_COLUMNS, TABLE_COLUMNS, rowObject } from './columns'
import { RowShaper, currentAttempts, latestReview } from './rows'
import { HOUR, MINUTE, T0, makeAttempt, makeInput, makeReviewInput } from '@test/exportRecords'
import { formatWallDate, formatWallDateTime } from './time'

const shaper = (over: Partial<ConstructorParameters<typeof RowShaper>[0]> = {}): RowShaper =>
  new RowShaper({ language: 'en', timeZone: 'Asia/Shanghai', ...over })

describe('columns', () => {
  it('have unique keys, both headers and a doc per table', () => {
    for (const cols of Object.values(TABLE_COLUMNS)) {
      expect(new Set(cols.map((c) => c.key)).size).toBe(cols.length)
      for (const c of cols) {
        expect(c.header.en).not.toBe('')
        expect(c.header['zh-CN']).not.toBe('')
        expect(c.doc.length).toBeGreaterThan(5)
      }
    }
  })
  it('keep the documented case column order (stable names)', () => {
    expect(CASE_COLUMNS.map((c) => c.key)).toEqual([
      'caseNumber',
      'createdAt',
      'updatedAt',
      'status',
      'uid',
      'phone',
      'email',
      'channels',
      'operation',
      'symptom',
      'phoneOs',
      'blockingApp',
      'carrier',
      'emailProvider',
      'boundMethods',
      'unavailableMethods',
      'language',
      'agent',
      'resolvedBy',
      'methodsTried',
      'methodsTriedCount',
      'reviewStatus',
      'reviewSubmitted',
      'reviewExpectedFrom',
      'reviewDueBy',
      'reviewClosed',
      'reviewOutcome',
      'notes',
      'phoneCountryCode',
    ])
  })
})

describe('case rows', () => {
  it('shape every column (masked, English labels)', () => {
    const row = rowObject(CASE_COLUMNS, shaper().caseRow(makeInput()))
    expect(row).toMatchObject({
      caseNumber: 'VC-20261124-7K3Q',
      status: 'Open',
      uid: '12****78',
      phone: '+86 138****8000',
      email: 'a***e@gmail.com',
      channels: 'SMS; Email',
      operation: 'Withdrawal',
      symptom: 'Code not received',
      phoneOs: 'Android',
      blockingApp: '360 Security',
      carrier: 'China Mobile',
      emailProvider: 'Gmail',
      boundMethods: 'SMS; Email',
      unavailableMethods: '',
      language: 'Chinese (Simplified)',
      agent: 'alice',
      resolvedBy: '',
      methodsTried: '1. Disable SMS blocking: Tried without success; 3. Switch to email codes: Resolved it',
      methodsTriedCount: 2,
      reviewStatus: 'on-track',
      reviewOutcome: '',
      notes: 'User 12****78 says SMS to 138****8000 never arrive; wrote from a***e@gmail.com.',
      reviewClosed: null,
    })
    expect(formatWallDateTime(row.createdAt as Date)).toBe('2026-11-24 14:03:05')
    expect(formatWallDateTime(row.updatedAt as Date)).toBe('2026-11-24 15:03:05')
    expect(formatWallDateTime(row.reviewSubmitted as Date)).toBe('2026-11-24 16:03:05')
    expect(formatWallDate(row.reviewExpectedFrom as Date)).toBe('2026-11-27')
    expect(formatWallDate(row.reviewDueBy as Date)).toBe('2026-12-03')
  })
  it('full details, Chinese labels, codes', () => {
    const full = rowObject(CASE_COLUMNS, shaper({ fullDetails: true, language: 'zh-CN' }).caseRow(makeInput({ resolvedBy: 'email-code' })))
    expect(full).toMatchObject({
      uid: '12345678',
      phone: '+8613800138000',
      email: 'alice@gmail.com',
      status: '处理中',
      resolvedBy: '改用邮箱验证',
    })
    expect(full.notes).toContain('13800138000')
    const codes = rowObject(CASE_COLUMNS, shaper({ values: 'codes' }).caseRow(makeInput()))
    expect(codes).toMatchObject({
      status: 'open',
      channels: 'sms; email',
      blockingApp: '360',
      methodsTried: '1. sms-blocking: failed; 3. email-code: resolved',
    })
  })
  it('uses the SLA label when given and the latest review', () => {
    const input = makeInput()
    input.reviews = [
      makeReviewInput({ id: 1, submittedAt: T0, outcome: 'rejected', closedAt: T0 + HOUR, state: 'closed' }, { status: 'closed' }),
      makeReviewInput({ id: 2, submittedAt: T0 + 2 * HOUR }, { status: 'at-risk', statusLabel: 'At risk', dueBy: '2026-12-01' }),
    ]
    const row = rowObject(CASE_COLUMNS, shaper().caseRow(input))
    expect(row.reviewStatus).toBe('At risk')
    expect(formatWallDate(row.reviewDueBy as Date)).toBe('2026-12-01')
    expect(row.reviewOutcome).toBe('')
  })
  it('cases without attempts or reviews leave those cells empty', () => {
    const input = { ...makeInput(), attempts: [], reviews: [] }
    const row = rowObject(CASE_COLUMNS, shaper().caseRow(input))
    expect(row).toMatchObject({ methodsTried: '', methodsTriedCount: 0, reviewStatus: '', reviewSubmitted: null, reviewExpectedFrom: null })
  })
})

describe('attempt rows', () => {
  it('current state per method, in the article order', () => {
    const rows = shaper()
      .attemptRows(makeInput())
      .map((r) => rowObject(ATTEMPT_COLUMNS, r))
    expect(rows.map((r) => [r.methodNumber, r.status])).toEqual([
      [1, 'Tried without success'],
      [2, 'Not tried'],
      [3, 'Resolved it'],
    ])
    expect(rows[0]).toMatchObject({
      caseNumber: 'VC-20261124-7K3Q',
      method: 'Disable SMS blocking',
      variant: 'Android, 360 Security',
      stepsDone: 2,
      note: 'nothing in 360 blocked list',
    })
    // the variant in the export's language, or its id with codes
    const zh = rowObject(ATTEMPT_COLUMNS, shaper({ language: 'zh-CN' }).attemptRows(makeInput())[0]!)
    expect(zh['variant']).toBe('安卓，360手机卫士')
    const codes = rowObject(ATTEMPT_COLUMNS, shaper({ values: 'codes' }).attemptRows(makeInput())[0]!)
    expect(codes['variant']).toBe('android-360')
  })
  it('every change, oldest first', () => {
    const rows = shaper({ attempts: 'history' })
      .attemptRows(makeInput())
      .map((r) => rowObject(ATTEMPT_COLUMNS, r))
    expect(rows.map((r) => r.status)).toEqual(['Suggested', 'Tried without success', 'Not tried', 'Resolved it'])
    expect(formatWallDateTime(rows[0]!.at as Date)).toBe('2026-11-24 14:04:05')
  })
  it('currentAttempts breaks ties on id', () => {
    const a = makeAttempt({ id: 1, status: 'failed', at: T0 })
    const b = makeAttempt({ id: 2, status: 'resolved', at: T0 })
    expect(currentAttempts([b, a])[0]?.status).toBe('resolved')
  })
})

describe('review rows', () => {
  it('one per review with SLA dates and pauses', () => {
    const input = makeInput()
    input.reviews = [
      makeReviewInput({
        pauses: [
          { start: T0 + 3 * HOUR, end: T0 + 27 * HOUR, reason: 'waiting for user' },
          { start: T0 + 50 * HOUR, end: null, reason: '' },
        ],
        registeredContact: '+8613800138000',
      }),
    ]
    const [row] = shaper()
      .reviewRows(input)
      .map((r) => rowObject(REVIEW_COLUMNS, r))
    expect(row).toMatchObject({
      reference: 'SR-1001',
      state: 'Open',
      status: 'on-track',
      outcome: '',
      pauseCount: 2,
      pauses: '2026-11-24 17:03 → 2026-11-25 17:03 (waiting for user); 2026-11-26 16:03 → ',
      methodsTried: 'Disable SMS blocking; Carrier: enable international SMS; Switch to email codes',
      identityRequested: 'Yes',
      identityReceived: 'No',
      registeredContact: '+86 138****8000',
      uid: '12****78',
    })
  })
  it('latestReview prefers the newest submission', () => {
    const a = makeReviewInput({ id: 1, submittedAt: T0 + MINUTE })
    const b = makeReviewInput({ id: 2, submittedAt: T0 })
    expect(latestReview([a, b])?.review.id).toBe(1)
    expect(latestReview([])).toBeNull()
  })
})

describe('rows()', () => {
  it('gives every row exactly its table’s column count', () => {
    const s = shaper()
    const inputs = [makeInput(), makeInput({ id: 2, caseNumber: 'VC-20261124-AAAA' })]
    for (const table of ['cases', 'attempts', 'reviews'] as const) {
      for (const row of s.rows(table, inputs)) expect(row).toHaveLength(TABLE_COLUMNS[table].length)
    }
    expect(s.rows('attempts', inputs)).toHaveLength(6)
  })
})

/** Personal data of somebody else than the case's user, typed into every free-text field (issue 15). */
const LEAKS = {
  phone: '13912345678',
  phoneIntl: '+86 139 1234 5678',
  phone0086: '0086 139 1234 5678',
  email: 'li.wei@163.com',
  uid: '87654321',
}
const leakyText = (where: string): string =>
  `${where}: second number ${LEAKS.phone} (also ${LEAKS.phoneIntl}, ${LEAKS.phone0086}), backup mail ${LEAKS.email}; old account UID ${LEAKS.uid}`

describe('free text is masked too (issue 15)', () => {
  const input = () => {
    const base = makeInput({ notes: leakyText('notes') })
    return {
      ...base,
      attempts: base.attempts.map((a) => ({ ...a, note: leakyText('attempt') })),
      reviews: [
        makeReviewInput({
          description: leakyText('description'),
          registeredContact: `${LEAKS.email} or ${LEAKS.phone}`,
          uid: `${LEAKS.uid} (old)`,
          reference: `ref for ${LEAKS.phone}`,
          pauses: [{ start: T0 + HOUR, end: null, reason: leakyText('pause') }],
        }),
      ],
    }
  }
  const allCells = (s: RowShaper): string =>
    [s.caseRow(input()), ...s.attemptRows(input()), ...s.reviewRows(input())]
      .flat()
      .map((c) => String(c ?? ''))
      .join('\n')
  it.each(['en', 'zh-CN'] as const)('masked rows (%s) hold none of it in full', (language) => {
    const cells = allCells(shaper({ language, attempts: 'history' }))
    for (const value of [...Object.values(LEAKS), '1234 5678']) expect(cells).not.toContain(value)
    expect(cells).toContain('139****5678')
    expect(cells).toContain('+86 139****5678')
    expect(cells).toContain('l***i@163.com')
    expect(cells).toContain('87****21')
  })
  it('full details keep it, but never a secret', () => {
    const s = shaper({ fullDetails: true })
    const row = rowObject(CASE_COLUMNS, s.caseRow({ ...input(), case: { ...input().case, notes: `${leakyText('n')} code 482913` } }))
    expect(row.notes).toContain(LEAKS.email)
    expect(row.notes).toContain(LEAKS.phone)
    expect(row.notes).not.toContain('482913')
    expect(row.notes).toContain('[verification code removed]')
  })
})

describe('currentAttempts', () => {
  /** The Map-based version it replaced, as the reference. */
  function reference(attempts: readonly AttemptRecord[]): AttemptRecord[] {
    const newest = new Map<MethodId, AttemptRecord>()
    for (const a of attempts) {
      const prev = newest.get(a.methodId)
      if (!prev || a.at > prev.at || (a.at === prev.at && (a.id ?? 0) > (prev.id ?? 0))) newest.set(a.methodId, a)
    }
    return METHOD_IDS.flatMap((m) => {
      const a = newest.get(m)
      return a ? [a] : []
    })
  }
  it('picks the same records in the same order as the Map-based version (ties, missing ids, unknown methods)', () => {
    const attempt = fc.record({
      methodId: fc.constantFrom<MethodId | 'retired-method'>(...METHOD_IDS, 'retired-method'),
      at: fc.integer({ min: 0, max: 5 }),
      id: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    })
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 12 }), (specs) => {
        const records = specs.map((s) => makeAttempt({ methodId: s.methodId as MethodId, at: s.at, id: s.id }))
        expect(currentAttempts(records)).toEqual(reference(records))
      }),
      { numRuns: 1000 },
    )
  })
})
