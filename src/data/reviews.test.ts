import { ProblemError } from '@/domain/result'
import { afterEach, describe, expect, it } from 'vitest'
import { createCase } from './cases'
import type { ConsoleDb } from './db'
import { eventsForCase } from './events'
import { logReply } from './replies'
import {
  caseWithAttempts,
  closeReview,
  latestPromisesForCase,
  listOpenReviews,
  markAlerted,
  openReview,
  pauseReview,
  recordPastPause,
  resumeReview,
  reviewsForCase,
  updateReview,
  type OpenReviewInput,
} from './reviews'
import { facts, numbers, testDb } from '@test/db'

let db: ConsoleDb
afterEach(() => db?.close())

const H = 3_600_000
const T0 = Date.parse('2026-02-13T08:00:00Z') // 16:00 in Shanghai
const ctx = (now: number, agent = 'Lin') => ({ now, agent })

const input = (over: Partial<OpenReviewInput> = {}): OpenReviewInput => ({
  registeredContact: ' +86 138 0013 8000 ',
  uid: '35001234',
  description: 'Lost the phone; old number recycled.',
  methodsTried: ['email-code', 'sms-blocking'],
  identityRequested: false,
  identityReceived: false,
  reference: '',
  submittedAt: T0,
  ...over,
})

async function newCase(createdAt = T0 - H): Promise<number> {
  const c = await createCase(db, facts({ uid: '35001234' }), ctx(createdAt), numbers())
  return c.id!
}

/** The Problem key a refused write carries (and proof it was refused). */
async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ProblemError)
  return (err as ProblemError).problem.key
}

describe('openReview', () => {
  it('stores the review, escalates the case and writes both audit events in one go', async () => {
    db = testDb()
    const caseId = await newCase()
    const r = await openReview(db, caseId, input(), ctx(T0 + 1000))
    expect(r).toMatchObject({
      caseId,
      state: 'open',
      registeredContact: '+86 138 0013 8000',
      methodsTried: ['sms-blocking', 'email-code'], // article order
      submittedAt: T0,
      pauses: [],
      outcome: null,
      alerted: { atRisk: null, overdue: null },
      agent: 'Lin',
    })
    const c = await db.cases.get(caseId)
    expect(c?.status).toBe('escalated')
    expect(c?.updatedAt).toBe(T0 + 1000)
    const events = await eventsForCase(db, caseId)
    expect(events.map((e) => `${e.entity}:${e.action}`)).toEqual(['case:created', 'review:opened', 'case:status'])
    expect(events[2]?.changes).toEqual([{ field: 'status', from: 'open', to: 'escalated' }])
  })

  it('allows one open review per case at a time, even when two opens race', async () => {
    db = testDb()
    const caseId = await newCase()
    const results = await Promise.allSettled([openReview(db, caseId, input(), ctx(T0 + 1)), openReview(db, caseId, input(), ctx(T0 + 2))])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect((rejected.reason as ProblemError).problem.key).toBe('errors.review.alreadyOpen')
    expect(await db.reviews.count()).toBe(1)
    // after closing, a new one may open
    const [open] = await listOpenReviews(db)
    await closeReview(db, open!.id!, { outcome: 'rejected' }, ctx(T0 + 2 * H))
    const again = await openReview(db, caseId, input({ submittedAt: T0 + 2 * H }), ctx(T0 + 3 * H))
    expect(again.state).toBe('open')
    expect((await reviewsForCase(db, caseId)).map((r) => r.state)).toEqual(['open', 'closed'])
  })

  it.each([
    ['in the future', T0 + 2 * 60_000, 'errors.review.submittedAtFuture'],
    ['before the case was created', T0 - 2 * H, 'errors.review.submittedBeforeCase'],
    ['not a time', Number.NaN, 'errors.review.submittedAtInvalid'],
  ])('refuses a submission time %s and writes nothing', async (_what, submittedAt, key) => {
    db = testDb()
    const caseId = await newCase(T0 - H)
    expect(await refusal(openReview(db, caseId, input({ submittedAt }), ctx(T0)))).toBe(key)
    expect(await db.reviews.count()).toBe(0)
    expect((await db.cases.get(caseId))?.status).toBe('open')
    expect((await eventsForCase(db, caseId)).map((e) => e.action)).toEqual(['created'])
  })

  it('refuses a missing case and over-long text', async () => {
    db = testDb()
    expect(await refusal(openReview(db, 999, input(), ctx(T0)))).toBe('errors.review.caseNotFound')
    const caseId = await newCase()
    expect(await refusal(openReview(db, caseId, input({ reference: 'x'.repeat(500) }), ctx(T0)))).toBe('errors.review.textTooLong')
    expect(await db.reviews.count()).toBe(0)
  })

  it('rolls back the case status when the audit event cannot be written', async () => {
    db = testDb()
    const caseId = await newCase()
    db.events.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError')
    })
    expect(await refusal(openReview(db, caseId, input(), ctx(T0)))).toBe('errors.storage.quota')
    expect(await db.reviews.count()).toBe(0)
    expect((await db.cases.get(caseId))?.status).toBe('open')
  })
})

describe('pause and resume', () => {
  it('keeps every pause in the history with its reason, and events for each', async () => {
    db = testDb()
    const caseId = await newCase()
    const r = await openReview(db, caseId, input(), ctx(T0))
    await pauseReview(db, r.id!, { reason: '  Identity documents requested ' }, ctx(T0 + 24 * H))
    expect(await refusal(pauseReview(db, r.id!, { reason: 'again' }, ctx(T0 + 25 * H)))).toBe('errors.review.alreadyPaused')
    await resumeReview(db, r.id!, {}, ctx(T0 + 48 * H))
    expect(await refusal(resumeReview(db, r.id!, {}, ctx(T0 + 49 * H)))).toBe('errors.review.notPaused')
    await pauseReview(db, r.id!, { reason: 'Waiting for the back office' }, ctx(T0 + 72 * H))
    const saved = await db.reviews.get(r.id!)
    expect(saved?.pauses).toEqual([
      { start: T0 + 24 * H, end: T0 + 48 * H, reason: 'Identity documents requested' },
      { start: T0 + 72 * H, end: null, reason: 'Waiting for the back office' },
    ])
    const events = (await eventsForCase(db, caseId)).filter((e) => e.entity === 'review')
    expect(events.map((e) => e.action)).toEqual(['opened', 'paused', 'resumed', 'paused'])
    expect(events[1]?.note).toBe('Identity documents requested')
  })

  it('refuses an empty reason, a pause before submission or in the future', async () => {
    db = testDb()
    const caseId = await newCase()
    const r = await openReview(db, caseId, input(), ctx(T0))
    expect(await refusal(pauseReview(db, r.id!, { reason: '   ' }, ctx(T0 + H)))).toBe('errors.review.reasonRequired')
    expect(await refusal(pauseReview(db, r.id!, { reason: 'x', start: T0 - H }, ctx(T0 + H)))).toBe('errors.review.pauseBeforeSubmission')
    expect(await refusal(pauseReview(db, r.id!, { reason: 'x', start: T0 + 5 * H }, ctx(T0 + H)))).toBe('errors.review.pauseInFuture')
    expect((await db.reviews.get(r.id!))?.pauses).toEqual([])
  })
})

describe('a pause recorded after the fact', () => {
  it('is kept in time order with its reason and an audit event, and refused when it overlaps or lies ahead', async () => {
    db = testDb()
    const caseId = await newCase()
    const r = await openReview(db, caseId, input(), ctx(T0))
    await pauseReview(db, r.id!, { reason: 'Back office' }, ctx(T0 + 96 * H))
    const past = { reason: '  ID documents requested ', start: T0 + 24 * H, end: T0 + 48 * H }
    await recordPastPause(db, r.id!, past, ctx(T0 + 100 * H))
    const saved = await db.reviews.get(r.id!)
    expect(saved?.pauses).toEqual([
      { start: T0 + 24 * H, end: T0 + 48 * H, reason: 'ID documents requested' },
      { start: T0 + 96 * H, end: null, reason: 'Back office' },
    ])
    const events = (await eventsForCase(db, caseId)).filter((e) => e.entity === 'review')
    expect(events.at(-1)).toMatchObject({
      action: 'pause-recorded',
      note: 'ID documents requested',
      changes: [{ field: 'pauses', from: null, to: { start: T0 + 24 * H, end: T0 + 48 * H } }],
      at: T0 + 100 * H,
    })
    const refused = (over: Partial<typeof past>) => refusal(recordPastPause(db, r.id!, { ...past, ...over }, ctx(T0 + 100 * H)))
    expect(await refused({ start: T0 + 30 * H, end: T0 + 50 * H })).toBe('errors.review.pauseOverlaps')
    expect(await refused({ start: T0 + 97 * H, end: T0 + 99 * H })).toBe('errors.review.pauseOverlaps') // the open pause runs on
    expect(await refused({ start: T0 + 50 * H, end: T0 + 101 * H })).toBe('errors.review.pauseInFuture')
    expect(await refused({ start: T0 - H, end: T0 + H })).toBe('errors.review.pauseBeforeSubmission')
    expect(await refused({ reason: ' ', start: T0 + 50 * H, end: T0 + 60 * H })).toBe('errors.review.reasonRequired')
    expect((await db.reviews.get(r.id!))?.pauses).toHaveLength(2)
  })
})

describe('closeReview', () => {
  it('records the outcome and closing time, and ends an open pause there', async () => {
    db = testDb()
    const caseId = await newCase()
    const r = await openReview(db, caseId, input(), ctx(T0))
    await pauseReview(db, r.id!, { reason: 'docs' }, ctx(T0 + H))
    const closed = await closeReview(db, r.id!, { outcome: 'approved' }, ctx(T0 + 5 * H))
    expect(closed).toMatchObject({
      state: 'closed',
      outcome: 'approved',
      closedAt: T0 + 5 * H,
      pauses: [{ start: T0 + H, end: T0 + 5 * H, reason: 'docs' }],
    })
    expect(await refusal(closeReview(db, r.id!, { outcome: 'rejected' }, ctx(T0 + 6 * H)))).toBe('errors.review.closed')
    expect(await refusal(pauseReview(db, r.id!, { reason: 'x' }, ctx(T0 + 6 * H)))).toBe('errors.review.closed')
    expect(await listOpenReviews(db)).toEqual([])
  })

  it('refuses an unknown outcome and a closing time before submission', async () => {
    db = testDb()
    const caseId = await newCase()
    const r = await openReview(db, caseId, input(), ctx(T0))
    expect(await refusal(closeReview(db, r.id!, { outcome: 'maybe' as never }, ctx(T0 + H)))).toBe('errors.review.outcomeRequired')
    expect(await refusal(closeReview(db, r.id!, { outcome: 'approved', closedAt: T0 - H }, ctx(T0 + H)))).toBe(
      'errors.review.closedBeforeSubmission',
    )
    expect((await db.reviews.get(r.id!))?.state).toBe('open')
  })
})

describe('updateReview', () => {
  it('records changed fields only, and writes nothing for a no-op', async () => {
    db = testDb()
    const caseId = await newCase()
    const r = await openReview(db, caseId, input(), ctx(T0))
    const details = { ...input(), reference: 'BO-7781', identityRequested: true }
    const updated = await updateReview(db, r.id!, details, ctx(T0 + H))
    expect(updated).toMatchObject({ reference: 'BO-7781', identityRequested: true, updatedAt: T0 + H })
    await updateReview(db, r.id!, details, ctx(T0 + 2 * H))
    const events = (await eventsForCase(db, caseId)).filter((e) => e.action === 'updated')
    expect(events).toHaveLength(1)
    expect(events[0]?.changes).toEqual([
      { field: 'identityRequested', from: false, to: true },
      { field: 'reference', from: '', to: 'BO-7781' },
    ])
  })

  it('validates a new submission time against the case and the pauses', async () => {
    db = testDb()
    const caseId = await newCase(T0 - 3 * H)
    const r = await openReview(db, caseId, input(), ctx(T0))
    await pauseReview(db, r.id!, { reason: 'docs' }, ctx(T0 + H))
    expect(await refusal(updateReview(db, r.id!, { ...input(), submittedAt: T0 + 2 * H }, ctx(T0 + 3 * H)))).toBe(
      'errors.review.pauseBeforeSubmission',
    )
    expect(await refusal(updateReview(db, r.id!, { ...input(), submittedAt: T0 - 4 * H }, ctx(T0 + 3 * H)))).toBe(
      'errors.review.submittedBeforeCase',
    )
    const moved = await updateReview(db, r.id!, { ...input(), submittedAt: T0 - 2 * H }, ctx(T0 + 3 * H))
    expect(moved.submittedAt).toBe(T0 - 2 * H)
  })
})

describe('markAlerted', () => {
  it('records each alert kind once per review, skipping closed reviews', async () => {
    db = testDb()
    const a = await newCase()
    const b = await createCase(db, facts({ uid: '99887766' }), ctx(T0 - H), numbers('VC-20261124-B'))
    const ra = await openReview(db, a, input(), ctx(T0))
    const rb = await openReview(db, b.id!, input(), ctx(T0))
    await closeReview(db, rb.id!, { outcome: 'withdrawn' }, ctx(T0 + H))
    const first = await markAlerted(
      db,
      [
        { reviewId: ra.id!, kind: 'atRisk', since: T0 + 10 * H },
        { reviewId: rb.id!, kind: 'atRisk', since: T0 + 10 * H },
      ],
      ctx(T0 + 11 * H),
    )
    expect(first.map((x) => x.reviewId)).toEqual([ra.id])
    const again = await markAlerted(db, [{ reviewId: ra.id!, kind: 'atRisk', since: T0 + 10 * H }], ctx(T0 + 12 * H))
    expect(again).toEqual([])
    const overdue = await markAlerted(db, [{ reviewId: ra.id!, kind: 'overdue', since: T0 + 20 * H }], ctx(T0 + 21 * H))
    expect(overdue).toHaveLength(1)
    expect((await db.reviews.get(ra.id!))?.alerted).toEqual({ atRisk: T0 + 11 * H, overdue: T0 + 21 * H })
    const alerts = (await eventsForCase(db, a)).filter((e) => e.action === 'alerted')
    expect(alerts.map((e) => e.changes[0]?.field)).toEqual(['alerted.atRisk', 'alerted.overdue'])
  })
})

describe('status replies', () => {
  it('stores the promised dates with the review, and finds the latest per review', async () => {
    db = testDb()
    const caseId = await newCase()
    const r = await openReview(db, caseId, input(), ctx(T0))
    const first = { submitted: '2026-02-13', expectedFrom: '2026-02-25', dueBy: '2026-03-02' }
    const second = { submitted: '2026-02-13', expectedFrom: '2026-02-25', dueBy: '2026-03-03' }
    await logReply(
      db,
      { caseId, templateId: 'review-status', templateVersion: 1, reviewId: r.id!, language: 'zh-CN', text: '…', promised: first },
      ctx(T0 + H),
    )
    const reply = await logReply(
      db,
      { caseId, templateId: 'review-status', templateVersion: 1, reviewId: r.id!, language: 'zh-CN', text: '…', promised: second },
      ctx(T0 + 2 * H),
    )
    expect(reply).toMatchObject({
      templateId: 'review-status',
      templateVersion: 1,
      reviewId: r.id,
      promised: second,
      language: 'zh-CN',
      agent: 'Lin',
    })
    const latest = await latestPromisesForCase(db, caseId)
    expect(latest.get(r.id!)?.promised).toEqual(second)
    expect((await eventsForCase(db, caseId)).filter((e) => e.entity === 'reply').map((e) => e.action)).toEqual(['sent', 'sent'])
  })

  it('reads the case with its checklist records for the prefill', async () => {
    db = testDb()
    const caseId = await newCase()
    await db.attempts.add({ caseId, methodId: 'email-code', status: 'failed', variantId: 'qq', steps: [], note: '', at: T0, agent: 'Lin' })
    const { record, attempts } = await caseWithAttempts(db, caseId)
    expect(record?.id).toBe(caseId)
    expect(attempts.map((a) => a.methodId)).toEqual(['email-code'])
  })
})

describe('secret guard', () => {
  it('refuses review details or a pause reason holding a code, key or ID number, writing nothing', async () => {
    db = testDb()
    const caseId = await newCase()
    const described = await openReview(db, caseId, input({ description: 'User read out the SMS: 验证码 482913' }), ctx(T0 + 1000)).catch(
      (e: ProblemError) => e.problem,
    )
    expect(described).toMatchObject({
      key: 'errors.guard.stored',
      params: { fieldKey: 'reviews.form.description', kindKey: 'guard.kinds.verificationCode', count: 1 },
    })
    expect(await db.reviews.count()).toBe(0)
    const r = await openReview(db, caseId, input(), ctx(T0 + 1000))
    const paused = await pauseReview(db, r.id!, { reason: 'sent ID 11010519491231002X by mistake' }, ctx(T0 + 2000)).catch(
      (e: ProblemError) => e.problem,
    )
    expect(paused).toMatchObject({
      key: 'errors.guard.stored',
      params: { fieldKey: 'reviews.panel.reason', kindKey: 'guard.kinds.idNumber' },
    })
    // the UID field names itself too
    const uid = await updateReview(db, r.id!, { ...input(), uid: 'user says 482913' }, ctx(T0 + 3000)).catch((e: ProblemError) => e.problem)
    expect(uid).toMatchObject({ key: 'errors.guard.stored', params: { fieldKey: 'case.fields.uid' } })
    expect((await db.reviews.get(r.id!))?.pauses).toEqual([])
  })
})
