import { describe, expect, it } from 'vitest'
import { renderCaseReport, type CaseReportInput } from './report'
import { HOUR, MINUTE, T0, makeAttempt, makeCase, makeReply, makeReviewInput } from '@test/exportRecords'

const HOSTILE = '# Heading\n* item\n| a | b |\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n[x](javascript:alert(1))'

function input(over: Partial<CaseReportInput> = {}): CaseReportInput {
  return {
    case: makeCase({ notes: `Call 13800138000 again.\n${HOSTILE}` }),
    attempts: [
      makeAttempt({
        id: 2,
        methodId: 'sms-blocking',
        status: 'failed',
        at: T0 + 5 * MINUTE,
        steps: ['a', 'b'],
        note: 'Nothing in 360 *blocked* list',
      }),
      makeAttempt({ id: 1, methodId: 'sms-blocking', status: 'suggested', at: T0 + MINUTE }),
      makeAttempt({ id: 3, methodId: 'email-code', status: 'resolved', variantId: 'gmail', at: T0 + 20 * MINUTE }),
    ],
    replies: [
      makeReply({
        id: 2,
        sentAt: T0 + 30 * MINUTE,
        language: 'en',
        text: 'Your review is in progress.\nExpected from 2026-11-27.',
        promised: { submitted: '2026-11-24', expectedFrom: '2026-11-27', dueBy: '2026-12-03' },
        templateId: 'review.status',
        templateVersion: 1,
      }),
      makeReply({ id: 1 }),
    ],
    reviews: [
      makeReviewInput(
        {
          pauses: [
            { start: T0 + 3 * HOUR, end: T0 + 27 * HOUR, reason: 'waiting for user | docs' },
            { start: T0 + 50 * HOUR, end: null, reason: '' },
          ],
          description: 'All <b>seven</b> methods failed',
        },
        { status: 'paused', statusLabel: 'Paused' },
      ),
    ],
    ...over,
  }
}

const options = { language: 'en' as const, timeZone: 'Asia/Shanghai', generatedAt: T0 + 60 * HOUR }

describe('case report (Markdown)', () => {
  it('renders facts, timeline, replies, review with SLA dates and pauses, notes (en, masked)', () => {
    const md = renderCaseReport(input(), options)
    expect(md.startsWith('# Case VC-20261124-7K3Q\n')).toBe(true)
    expect(md).toContain('Generated 2026-11-27 02:03 (Asia/Shanghai).')
    expect(md).toContain('| Phone | +86 `138****8000` |')
    expect(md).toContain('| UID | `12****78` |')
    expect(md).not.toContain('13800138000')
    expect(md).not.toContain('alice@gmail.com')
    // timeline oldest first with outcomes
    const suggested = md.indexOf('2026-11-24 14:04 · **1\\. Disable SMS blocking** (Android, 360 Security) · **Suggested**')
    const failed = md.indexOf(
      '2026-11-24 14:08 · **1\\. Disable SMS blocking** (Android, 360 Security) · **Tried without success** · 2 steps done · by alice',
    )
    const worked = md.indexOf('**3\\. Switch to email codes** (Gmail) · **Resolved it**')
    expect(suggested).toBeGreaterThan(0)
    expect(failed).toBeGreaterThan(suggested)
    expect(worked).toBeGreaterThan(failed)
    expect(md).toContain('  > Nothing in 360 `*blocked*` list')
    // replies oldest first, with promised dates
    expect(md.indexOf('### 2026-11-24 14:05')).toBeLessThan(md.indexOf('### 2026-11-24 14:33'))
    expect(md).toContain('> Your review is in progress.\\\n> Expected from 2026-11-27.')
    expect(md).toContain('Promised: expected from 2026-11-27, due by 2026-12-03.')
    // review
    expect(md).toContain('| SLA status | Paused |')
    expect(md).toContain('| Expected from | 2026-11-27 |')
    expect(md).toContain('| Due by | 2026-12-03 |')
    expect(md).toContain('| Registered contact | `a***e@gmail.com` |')
    expect(md).toContain('- 2026-11-24 17:03 → 2026-11-25 17:03: waiting for user \\| docs')
    expect(md).toContain('- 2026-11-26 16:03 → still paused')
    expect(md).toContain('> All &lt;b>seven&lt;/b> methods failed')
    // notes, with the case's phone masked
    expect(md).toContain('> Call `138****8000` again.')
  })

  it('keeps hostile notes inert', () => {
    const md = renderCaseReport(input(), options)
    expect(md).not.toMatch(/<(?!br>)/)
    const ownHeadings = md.split('\n').filter((l) => l.startsWith('#'))
    expect(ownHeadings.every((h) => /^#{1,3} /.test(h) && !h.includes('Heading'))).toBe(true)
    expect(md).toContain('> \\# Heading\\\n> `*` item\\\n> \\| a \\| b \\|\\\n> &lt;script>alert(1)&lt;/script>')
    expect(md).toContain('\\[x\\](javascript:alert(1))')
    // no table row gains a column from user text
    for (const row of md.split('\n').filter((l) => l.startsWith('| '))) {
      expect(row.replace(/\\\|/g, '').split('|').length - 1).toBe(3)
    }
  })

  it('full details and Chinese', () => {
    const md = renderCaseReport(input(), { language: 'zh-CN', timeZone: 'Asia/Shanghai', fullDetails: true })
    expect(md).toContain('# 工单 VC')
    expect(md).toContain('## 工单信息')
    expect(md).toContain('## 已尝试的方法')
    expect(md).toContain('## 已发送的回复')
    expect(md).toContain('## 安全重置审核')
    expect(md).toContain('## 备注')
    expect(md).toContain('| 手机号 | +8613800138000 |')
    expect(md).toContain('> Call 13800138000 again.')
    expect(md).toContain('**已解决**')
    expect(md).toContain('包含完整个人信息')
    expect(md).not.toContain('生成于')
  })

  it('says so when there is nothing to show, and is deterministic', () => {
    const empty: CaseReportInput = { case: makeCase({ notes: '' }), attempts: [], replies: [], reviews: [] }
    const md = renderCaseReport(empty, options)
    expect(md).toContain('No methods recorded yet.')
    expect(md).toContain('No replies sent yet.')
    expect(md).toContain('No security-reset review.')
    expect(md).toContain('No notes.')
    expect(renderCaseReport(input(), options)).toBe(renderCaseReport(input(), options))
  })
})
