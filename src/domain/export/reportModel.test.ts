import { describe, expect, it } from 'vitest'
import { renderCaseReport, type CaseReportInput } from './report'
import { caseReportModel, type CaseReportModel } from './reportModel'
import { HOUR, T0, makeAttempt, makeInput, makeReply, makeReviewInput } from '@test/exportRecords'

const input = (): CaseReportInput => {
  const base = makeInput()
  return {
    case: base.case,
    attempts: base.attempts,
    replies: [
      makeReply({ id: 2, sentAt: T0 + 3 * HOUR, text: 'Second reply to 13800138000', language: 'en', templateId: null }),
      makeReply({ id: 1 }),
    ],
    reviews: [
      makeReviewInput(
        { id: 1, pauses: [{ start: T0 + 3 * HOUR, end: T0 + 27 * HOUR, reason: 'waiting for alice@gmail.com' }] },
        { statusLabel: 'Paused' },
      ),
    ],
  }
}

/** Every string the page would show. */
const strings = (m: CaseReportModel): string[] => [
  m.title,
  m.privacy,
  m.generated ?? '',
  ...m.facts.flatMap((r) => [r.label, r.value]),
  ...m.timeline.flatMap((t) => [t.when, t.method, t.variant ?? '', t.status, t.steps ?? '', t.by ?? '', t.note ?? '']),
  ...m.replies.flatMap((r) => [r.heading, r.text, r.promised ?? '']),
  ...m.reviews.flatMap((r) => [r.heading, ...r.rows.flatMap((x) => [x.label, x.value]), ...r.pauses, r.description ?? '']),
  m.notes ?? '',
]

/** Markdown back to its plain text (undo the escapes and code spans of markdown.ts). */
const plain = (md: string): string =>
  md.replace(
    /`([^`]+)`|\\(.)|&(lt|gt|amp);/g,
    (_m, code: string | undefined, ch: string | undefined, ent: string | undefined) =>
      code ?? ch ?? ({ lt: '<', gt: '>', amp: '&' } as Record<string, string>)[ent ?? ''] ?? '',
  )

describe('caseReportModel', () => {
  it.each(['en', 'zh-CN'] as const)('holds the same content as the Markdown report (%s)', (language) => {
    for (const fullDetails of [false, true]) {
      const options = { language, timeZone: 'Asia/Shanghai', fullDetails, generatedAt: T0 + 30 * HOUR }
      const model = caseReportModel(input(), options)
      const md = plain(renderCaseReport(input(), options))
      for (const s of strings(model)) for (const line of s.split('\n')) expect(md, line).toContain(line)
    }
  })

  it('masks personal data by default, everywhere, and shows it with full details', () => {
    const masked = strings(caseReportModel(input(), { language: 'en', timeZone: 'Asia/Shanghai' })).join('\n')
    for (const secret of ['12345678', '13800138000', 'alice@gmail.com']) expect(masked).not.toContain(secret)
    expect(masked).toContain('+86 138****8000')
    expect(masked).toContain('a***e@gmail.com')
    expect(masked).toContain('12****78')
    const full = strings(caseReportModel(input(), { language: 'en', timeZone: 'Asia/Shanghai', fullDetails: true })).join('\n')
    for (const secret of ['12345678', '+8613800138000', 'alice@gmail.com']) expect(full).toContain(secret)
  })

  it('orders the timeline and replies oldest first, with outcomes and pauses', () => {
    const m = caseReportModel(input(), { language: 'en', timeZone: 'Asia/Shanghai' })
    expect(m.timeline.map((t) => [t.when, t.method, t.status])).toEqual([
      ['2026-11-24 14:04', '1. Disable SMS blocking', 'Suggested'],
      ['2026-11-24 14:08', '1. Disable SMS blocking', 'Tried without success'],
      ['2026-11-24 14:09', '2. Carrier: enable international SMS', 'Not tried'],
      ['2026-11-24 14:23', '3. Switch to email codes', 'Resolved it'],
    ])
    expect(m.timeline[1]?.steps).toBe('2 steps done')
    const one = caseReportModel({ ...input(), attempts: [makeAttempt({ steps: ['a'] })] }, { language: 'en', timeZone: 'Asia/Shanghai' })
    expect(one.timeline[0]?.steps).toBe('1 step done')
    expect(m.replies.map((r) => r.text)).toEqual([input().replies[1]?.text, 'Second reply to 138****8000'])
    expect(m.reviews[0]?.pauses).toEqual(['2026-11-24 17:03 → 2026-11-25 17:03: waiting for a***e@gmail.com'])
    expect(m.reviews[0]?.rows.find((r) => r.key === 'slaStatus')?.value).toBe('Paused')
    expect(m.reviews[0]?.rows.find((r) => r.key === 'dueBy')?.value).toBe('2026-12-03')
  })

  it('writes the report language', () => {
    const m = caseReportModel(input(), { language: 'zh-CN', timeZone: 'Asia/Shanghai' })
    expect(m.title).toBe('工单 VC-20261124-7K3Q')
    expect(m.facts.find((f) => f.key === 'symptom')).toEqual({ key: 'symptom', label: '问题类型', value: '收不到验证码' })
    expect(m.generated).toBeNull()
  })
})

describe('free text in the report (issue 15)', () => {
  const leaky = 'second number 13912345678 / +86 139 1234 5678, backup mail li.wei@163.com, old UID 87654321'
  const leakyInput = (): CaseReportInput => {
    const base = input()
    return {
      case: { ...base.case, notes: leaky },
      attempts: base.attempts.map((a) => ({ ...a, note: leaky })),
      replies: base.replies.map((r) => ({ ...r, text: leaky })),
      reviews: base.reviews.map((r) => ({
        ...r,
        review: {
          ...r.review,
          description: leaky,
          registeredContact: 'li.wei@163.com',
          uid: '87654321',
          reference: leaky,
          pauses: [{ start: T0 + 3 * HOUR, end: null, reason: leaky }],
        },
      })),
    }
  }
  it.each(['en', 'zh-CN'] as const)('masked page and Markdown hold none of it in full (%s)', (language) => {
    const options = { language, timeZone: 'Asia/Shanghai' }
    const page = strings(caseReportModel(leakyInput(), options)).join('\n')
    const md = plain(renderCaseReport(leakyInput(), options))
    for (const text of [page, md]) {
      for (const value of ['13912345678', '1234 5678', 'li.wei@163.com', '87654321']) expect(text).not.toContain(value)
      expect(text).toContain('139****5678')
      expect(text).toContain('l***i@163.com')
    }
  })
})
