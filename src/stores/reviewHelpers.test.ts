/**
 * The board's pure helpers on the mainland China calendar. Expected dates come from the example
 * (submitted Fri 2026-02-13 16:00 Shanghai → expected from Wed 02-25, due by Mon 03-02; Sat 02-14 and
 * Sat 02-28 are working days, 02-15..02-23 the Spring Festival) and are worked out by hand.
 */
import { describe, expect, it } from 'vitest'
import { addDayOff } from '@/domain/calendar/calendar'
import { buildDayIndex } from '@/domain/calendar/dayIndex'
import { mainlandChinaCalendar } from '@/domain/calendar/presets'
import { DEFAULT_SLA_SETTINGS } from '@/domain/sla/settings'
import { REVIEW_OUTCOMES, type AttemptRecord, type CaseRecord, type Language, type ReviewRecord } from '@/domain/model'
import { currentStates } from '@/domain/playbook/checklist'
import { nextStep } from '@/domain/playbook'
import {
  boardRows,
  collectDueAlerts,
  computeAllDates,
  countAttention,
  countByStatus,
  dueByCaseAt,
  fromZonedInput,
  movedPromise,
  prefillDetails,
  refreshDueDates,
  sameCountsOr,
  sameDueOr,
  shortLocalDate,
  reviewDatesInput,
  statusAnswer,
  toZonedInput,
  type BoardReview,
  type StatusAnswer,
  REVIEW_DECISIONS,
} from './reviewHelpers'
import { SAMPLE_CASE } from './replyHelpers'
import { boardReview, shanghai } from '@test/boardReview'
import { buildReplyContext, defaultTemplateRecords, renderTemplate } from '@/domain/replies'

const index = buildDayIndex(mainlandChinaCalendar())
const sh = shanghai

let nextId = 1
const review = (submitted: string, over: Partial<ReviewRecord> = {}): BoardReview => boardReview(nextId++, submitted, over)

describe('a decided review closes the loop', () => {
  const restricted = (): CaseRecord => ({ ...SAMPLE_CASE, id: 1, symptom: 'restricted', status: 'escalated' })
  const withMethod7 = (status: AttemptRecord['status']): AttemptRecord[] => [
    { caseId: 1, methodId: 'escalate', status, variantId: 'default', steps: [], note: '', at: 2, agent: 'Lin' },
  ]
  it('approved: method 7 solved it, the case is resolved and the closing reply follows', () => {
    const d = REVIEW_DECISIONS.approved
    expect(d).toEqual({ method7: 'resolved', caseStatus: 'resolved', reply: 'closing' })
    const step = nextStep(restricted(), currentStates(withMethod7(d.method7)))
    expect(step.next).toMatchObject({ kind: 'close', methodId: 'escalate' })
    expect(step.escalation.offered).toBe(false)
  })
  it('rejected and withdrawn: method 7 is settled (never left "suggested"), the case opens again with the next step', () => {
    for (const outcome of ['rejected', 'withdrawn'] as const) {
      const d = REVIEW_DECISIONS[outcome]
      expect(d.caseStatus).toBe('open')
      expect(d.reply).toBe('next')
      const step = nextStep(restricted(), currentStates(withMethod7(d.method7)))
      expect(step.methods.find((m) => m.methodId === 'escalate')?.status).toBe(d.method7)
      expect(step.next.kind === 'method' && step.next.methodId === 'escalate').toBe(false)
    }
    expect(REVIEW_DECISIONS.rejected.method7).toBe('failed')
    expect(REVIEW_DECISIONS.withdrawn.method7).toBe('declined')
  })
  it('has a decision for every outcome', () => {
    expect(Object.keys(REVIEW_DECISIONS).sort()).toEqual([...REVIEW_OUTCOMES].sort())
  })
})

describe('board rows', () => {
  const a = review('2026-02-13 16:00') // due 03-02
  const b = review('2026-03-09 10:00') // Mon: due Wed 03-18
  const c = review('2026-02-24 09:00') // due Wed 03-04
  const d = review('2026-03-02 10:00', { pauses: [{ start: sh('2026-03-03 10:00'), end: null, reason: 'docs' }] })
  const all = [a, b, c, d]
  const now = sh('2026-03-02 12:00')
  const dates = computeAllDates(all, index, DEFAULT_SLA_SETTINGS, now)

  it('computes each review once, with the hand-worked dates', () => {
    expect(dates.size).toBe(4)
    expect(dates.get(a.review.id)).toMatchObject({ expectedFromDate: '2026-02-25', dueByDate: '2026-03-02' })
    expect(dates.get(b.review.id)).toMatchObject({ expectedFromDate: '2026-03-12', dueByDate: '2026-03-18' })
    expect(dates.get(c.review.id)).toMatchObject({ expectedFromDate: '2026-02-27', dueByDate: '2026-03-04' })
  })

  it('sorts by due date and filters by status', () => {
    const at = sh('2026-03-04 10:00') // a overdue, c at risk (its due day), d paused, b pending
    expect(boardRows(all, dates, at).map((r) => [r.item.review.id, r.status])).toEqual([
      [a.review.id, 'overdue'],
      [c.review.id, 'atRisk'],
      [d.review.id, 'paused'],
      [b.review.id, 'pending'],
    ])
    expect(boardRows(all, dates, at, new Set(['atRisk', 'overdue'])).map((r) => r.item.review.id)).toEqual([a.review.id, c.review.id])
    expect(boardRows(all, dates, at, new Set(['inWindow']))).toEqual([])
    expect(countByStatus(all, dates, at)).toEqual({ pending: 1, inWindow: 0, atRisk: 1, overdue: 1, paused: 1 })
    expect(countAttention(all, dates, at)).toBe(2)
  })

  it('gives each escalated case its open review’s due date and status, for the case list', () => {
    const at = sh('2026-03-04 10:00')
    const due = dueByCaseAt(all, dates, at)
    expect(due.get(a.review.caseId)).toEqual({ dueBy: dates.get(a.review.id)!.dueBy, dueByDate: '2026-03-02', status: 'overdue' })
    expect(due.get(c.review.caseId)).toMatchObject({ dueByDate: '2026-03-04', status: 'atRisk' })
    expect(due.get(b.review.caseId)?.status).toBe('pending')
    expect(due.size).toBe(4)
    expect(dueByCaseAt(all, new Map(), at).size).toBe(0) // dates not computed yet: nothing claimed
  })

  it('keeps the previous due map and counts while they say the same, and takes the new ones when anything differs', () => {
    const at = sh('2026-03-04 10:00')
    const due = dueByCaseAt(all, dates, at)
    expect(sameDueOr(undefined, due)).toBe(due)
    expect(sameDueOr(due, dueByCaseAt(all, dates, at + 60_000))).toBe(due)
    const later = dueByCaseAt(all, dates, sh('2026-03-05 10:00')) // c's due day has passed: overdue
    expect(sameDueOr(due, later)).toBe(later)
    const fewer = dueByCaseAt(all.slice(1), dates, at)
    expect(sameDueOr(due, fewer)).toBe(fewer)
    const moved = new Map(due)
    moved.set(a.review.caseId, { ...due.get(a.review.caseId)!, dueByDate: '2026-03-03' })
    expect(sameDueOr(due, moved)).toBe(moved)
    const elsewhere = new Map([...due].map(([id, d]) => [id === a.review.caseId ? -1 : id, d]))
    expect(sameDueOr(due, elsewhere)).toBe(elsewhere)

    const counts = countByStatus(all, dates, at)
    expect(sameCountsOr(counts, countByStatus(all, dates, at + 60_000))).toBe(counts)
    const next = countByStatus(all, dates, sh('2026-03-05 10:00'))
    expect(sameCountsOr(counts, next)).toBe(next)
    expect(sameCountsOr(undefined, counts)).toBe(counts)
  })

  it.each([
    ['2026-02-25 23:59', 0],
    ['2026-03-02 00:00', 1], // a at risk on its due day
    ['2026-03-03 00:00', 1], // a overdue (d paused since 03-03 10:00 not yet)
    ['2026-03-04 00:00', 2], // a overdue, c at risk
    ['2026-03-05 00:00', 2], // a and c overdue
  ])('counts reviews needing attention at %s: %i', (wall, n) => {
    expect(countAttention([a, b, c], dates, sh(wall))).toBe(n)
  })
})

describe('refreshDueDates', () => {
  it('returns null while nothing is due, and moves an open pause at local midnight', () => {
    const p = review('2026-03-09 10:00', { pauses: [{ start: sh('2026-03-10 10:00'), end: null, reason: 'docs' }] })
    const plain = review('2026-03-09 10:00')
    const first = computeAllDates([p, plain], index, DEFAULT_SLA_SETTINGS, sh('2026-03-10 12:00'))
    expect(first.get(p.review.id)?.dueByDate).toBe('2026-03-18') // pause opened today costs nothing yet
    expect(refreshDueDates([p, plain], first, index, DEFAULT_SLA_SETTINGS, sh('2026-03-10 23:59'))).toBeNull()
    const next = refreshDueDates([p, plain], first, index, DEFAULT_SLA_SETTINGS, sh('2026-03-11 00:00'))
    expect(next).not.toBeNull()
    expect(next?.get(p.review.id)?.dueByDate).toBe('2026-03-19') // Tue 10 paused
    expect(next?.get(plain.review.id)).toBe(first.get(plain.review.id)) // untouched
  })
})

describe('collectDueAlerts', () => {
  it('fires at risk, then overdue, each once, and nothing for paused reviews', () => {
    const a = review('2026-02-13 16:00')
    const paused = review('2026-02-13 16:00', { pauses: [{ start: sh('2026-02-27 10:00'), end: null, reason: 'docs' }] })
    const dates = computeAllDates([a, paused], index, DEFAULT_SLA_SETTINGS, sh('2026-03-02 09:00'))
    expect(collectDueAlerts([a, paused], dates, sh('2026-03-01 23:59'))).toEqual([])
    const atRisk = collectDueAlerts([a, paused], dates, sh('2026-03-02 09:00'))
    expect(atRisk).toEqual([
      {
        reviewId: a.review.id,
        caseId: a.review.caseId,
        caseNumber: a.caseNumber,
        kind: 'atRisk',
        since: sh('2026-03-02 00:00'),
        dueByDate: '2026-03-02',
      },
    ])
    const alerted: BoardReview = { ...a, review: { ...a.review, alerted: { atRisk: sh('2026-03-02 09:00'), overdue: null } } }
    expect(collectDueAlerts([alerted], dates, sh('2026-03-02 18:00'))).toEqual([])
    expect(collectDueAlerts([alerted], dates, sh('2026-03-03 00:00')).map((x) => x.kind)).toEqual(['overdue'])
  })
})

describe('prefillDetails', () => {
  it('takes contact, UID and notes from the case, and failed or declined methods from the checklist', () => {
    const c = { uid: '35001234', phoneE164: '+8613800138000', email: 'li@qq.com', notes: 'Lost phone' } as CaseRecord
    const at = (methodId: AttemptRecord['methodId'], status: AttemptRecord['status'], t: number): AttemptRecord => ({
      caseId: 1,
      methodId,
      status,
      variantId: null,
      steps: [],
      note: '',
      at: t,
      agent: 'Lin',
    })
    const attempts = [
      at('sms-blocking', 'suggested', 1),
      at('sms-blocking', 'failed', 2),
      at('carrier-sms', 'failed', 3),
      at('carrier-sms', 'suggested', 4), // newest wins: in progress again
      at('email-code', 'declined', 5),
      at('network-time', 'not-applicable', 6),
      at('escalate', 'failed', 7),
    ]
    expect(prefillDetails(c, attempts)).toEqual({
      registeredContact: '+86 138 0013 8000 / li@qq.com',
      uid: '35001234',
      description: 'Lost phone',
      methodsTried: ['sms-blocking', 'email-code'],
      identityRequested: false,
      identityReceived: false,
      reference: '',
    })
  })
})

describe('promises and answers', () => {
  const a = review('2026-02-13 16:00')
  const dates = computeAllDates([a], index, DEFAULT_SLA_SETTINGS, sh('2026-02-13 16:00')).get(a.review.id)!

  it('detects dates that moved since they were promised', () => {
    const given = { submitted: '2026-02-13', expectedFrom: '2026-02-25', dueBy: '2026-03-02' }
    expect(movedPromise(given, dates)).toBeNull()
    const cal = addDayOff(mainlandChinaCalendar(), '2026-02-26', 'Company day')
    if (!cal.ok) throw new Error('setup')
    const later = computeAllDates([a], buildDayIndex(cal.value), DEFAULT_SLA_SETTINGS, sh('2026-02-13 16:00')).get(a.review.id)!
    expect(movedPromise(given, later)).toEqual({ given, now: { submitted: '2026-02-13', expectedFrom: '2026-02-25', dueBy: '2026-03-03' } })
  })

  /** The answer rendered from the bundled review-status template (or an edited body), as the reply box shows it. */
  const reviewStatus = defaultTemplateRecords(0).find((t) => t.id === 'review-status')!
  function rendered(answer: StatusAnswer, language: Language, body?: string): string {
    const context = buildReplyContext({
      case: { ...SAMPLE_CASE, caseNumber: 'VC-20260213-0001' },
      language,
      agentName: null,
      review: reviewDatesInput(answer),
    })
    const template = body === undefined ? reviewStatus : { ...reviewStatus, id: 'edited', body: { ...reviewStatus.body, [language]: body } }
    const r = renderTemplate(template, context, language)
    if (!r.ok) throw new Error(r.error.key)
    return r.value.text
  }

  it.each([
    [
      'en',
      '2026-02-14 10:00',
      'pending',
      ['Friday, 13 February 2026', 'from Wednesday, 25 February 2026', 'no later than Monday, 2 March 2026', '3 to 7 business days'],
    ],
    ['zh-CN', '2026-02-14 10:00', 'pending', ['2026年2月13日 星期五', '2026年2月25日 星期三起', '最迟不晚于2026年3月2日 星期一']],
    ['en', '2026-02-27 10:00', 'inWindow', ['usual window', 'Monday, 2 March 2026']],
    ['zh-CN', '2026-03-02 10:00', 'atRisk', ['常规审核期', '2026年3月2日 星期一']],
    ['en', '2026-03-04 10:00', 'overdue', ['longer than the usual 7 business days']],
    ['zh-CN', '2026-03-04 10:00', 'overdue', ['已超过通常的 7 个工作日']],
  ] as const)('the review-status template answers in %s at %s (%s) with the dates', (language, wall, status, parts) => {
    const answer = statusAnswer(a.review.id, dates, sh(wall), language)
    expect(answer.status).toBe(status)
    expect(answer.promised).toEqual({ submitted: '2026-02-13', expectedFrom: '2026-02-25', dueBy: '2026-03-02' })
    const text = rendered(answer, language)
    for (const p of parts) expect(text).toContain(p)
    expect(text).toContain('VC-20260213-0001')
    expect(text).not.toMatch(/\{\{|\{%|\{\w+\}/)
  })

  it('a paused review is answered as paused, and the SLA days come from the settings', () => {
    const paused = review('2026-02-13 16:00', { pauses: [{ start: sh('2026-02-26 10:00'), end: null, reason: 'ID documents' }] })
    const slow = { ...DEFAULT_SLA_SETTINGS, expectedDays: 4, dueDays: 9 }
    const d = computeAllDates([paused], index, slow, sh('2026-02-27 10:00')).get(paused.review.id)!
    const answer = statusAnswer(paused.review.id, d, sh('2026-02-27 10:00'), 'en')
    expect(answer.status).toBe('paused')
    expect(rendered(answer, 'en')).toContain('is paused for now, and business days do not count')
    const early = statusAnswer(paused.review.id, d, sh('2026-02-14 10:00'), 'en')
    expect(rendered({ ...early, status: 'pending' }, 'en')).toContain('The review takes 4 to 9 business days')
  })

  it('an edited template gets the same variables', () => {
    const answer = statusAnswer(a.review.id, dates, sh('2026-02-14 10:00'), 'en')
    const body =
      'Status {{ review_status }}: from {{ review_expected_date }} ({{ review_expected_days }}) to {{ review_due_date }} ({{ review_due_days }}).'
    expect(rendered(answer, 'en', body)).toBe('Status pending: from Wednesday, 25 February 2026 (3) to Monday, 2 March 2026 (7).')
  })
})

describe('zoned inputs and dates', () => {
  it('reads and writes datetime-local values in the calendar zone, whatever the machine zone', () => {
    expect(toZonedInput(sh('2026-02-13 16:00'), 'Asia/Shanghai')).toBe('2026-02-13T16:00')
    expect(fromZonedInput('2026-02-13T16:00', 'Asia/Shanghai')).toBe(sh('2026-02-13 16:00'))
    expect(fromZonedInput('2026-02-13T16:00', 'Europe/London')).toBe(Date.parse('2026-02-13T16:00:00Z'))
    expect(fromZonedInput('', 'Asia/Shanghai')).toBeNaN()
    expect(fromZonedInput('2026-02-30T10:00', 'Asia/Shanghai')).toBeNaN()
  })

  it('formats a local date without shifting it by the machine zone', () => {
    expect(shortLocalDate('2026-03-02', 'en-GB')).toBe('Mon, 2 Mar 2026')
    expect(shortLocalDate('2026-03-02', 'zh-CN')).toContain('2026')
    expect(shortLocalDate('2026-03-02', 'zh-CN')).toContain('3月2日')
  })
})
