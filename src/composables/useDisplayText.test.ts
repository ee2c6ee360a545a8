import { describe, expect, it } from 'vitest'
import { describeEvent, describeValue } from '@/domain/audit/describe'
import type { EventEntity } from '@/domain/model'
import { displayText, type DisplayWords } from './useDisplayText'

const MESSAGES: Record<string, string> = {
  'case.channel.sms': 'SMS',
  'case.channel.email': 'Email',
  'case.language.en': 'English',
  'audit.value.empty': 'nothing',
  'audit.value.replyTemplate': 'from the template “{title}” v{version}, in {language}',
  'audit.value.replyFreeText': 'written freely, in {language}',
}
const ZH: Record<string, string> = { 'case.channel.sms': '短信', 'case.channel.email': '邮箱', 'case.language.en': '英文' }

const words = (locale: string): DisplayWords => {
  const table = locale === 'zh-CN' ? { ...MESSAGES, ...ZH } : MESSAGES
  return {
    t: (key, params) => (table[key] ?? key).replace(/\{(\w+)\}/g, (_m, p: string) => String(params?.[p] ?? '')),
    te: (key) => key in table,
    locale,
    templateTitle: (id) => (id === 'method.carrier-sms.china-mobile' ? '2 · Carrier: China Mobile 10086' : null),
  }
}

describe('a described value in words', () => {
  it('joins lists the locale’s way: "短信、邮箱", "SMS, Email"', () => {
    expect(displayText(describeValue('channels', ['sms', 'email']), words('zh-CN'))).toBe('短信、邮箱')
    expect(displayText(describeValue('channels', ['sms', 'email']), words('en'))).toBe('SMS, Email')
  })

  it('names a variant in words, never its id', () => {
    expect(displayText(describeValue('sms-blocking.variantId', 'android-builtin'), words('en'))).toBe('Android, built-in Phone Manager')
    expect(displayText(describeValue('carrier-sms.variantId', 'china-mobile'), words('zh-CN'))).toBe('中国移动')
  })

  it('names a sent reply’s template by its title, and an unknown one by what is left', () => {
    const note = (text: string, locale = 'en') =>
      displayText(
        describeEvent({ id: 1, at: 1, agent: 'Lin', entity: 'reply', entityId: '1', caseId: 1, action: 'sent', changes: [], note: text })
          .note,
        words(locale),
      )
    expect(note('method.carrier-sms.china-mobile v1 (en)')).toBe('from the template “2 · Carrier: China Mobile 10086” v1, in English')
    expect(note('free text (en)')).toBe('written freely, in English')
    expect(note('custom.gone v3 (en)')).toBe('from the template “custom.gone” v3, in English')
  })

  it('leaves an unknown term as it is stored', () => {
    expect(displayText(describeValue('carrier', 'from-a-newer-version'), words('en'))).toBe('from-a-newer-version')
  })
})

describe('a review’s times in the history', () => {
  const event = (entity: EventEntity, field: string, to: unknown) =>
    describeEvent({
      id: 1,
      at: 1,
      agent: 'Lin',
      entity,
      entityId: '1',
      caseId: 1,
      action: 'opened',
      changes: [{ field, from: null, to }],
      note: '',
    }).changes[0]!.to
  // Fri 13 Feb 2026 16:00 in Shanghai is 00:00 the same day in Los Angeles
  const submitted = Date.UTC(2026, 1, 13, 8)
  const machine = Intl.DateTimeFormat().resolvedOptions().timeZone
  const zone = machine === 'America/Los_Angeles' ? 'Asia/Shanghai' : 'America/Los_Angeles'
  const inZone = (ms: number) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(ms)

  it('reads a review’s submitted time and pauses in the calendar’s zone, as the review panel does, naming the zone', () => {
    const w = { ...words('en'), calendarZone: zone, t: (key: string, p?: Record<string, unknown>) => `${key} ${JSON.stringify(p ?? {})}` }
    expect(displayText(event('review', 'submittedAt', submitted), w)).toBe(`${inZone(submitted)} (${zone})`)
    const pause = displayText(event('review', 'pauses', [{ start: submitted, end: submitted + 3_600_000, reason: 'docs' }]), w)
    expect(pause).toContain(`${inZone(submitted)} (${zone})`)
    expect(pause).toContain(`${inZone(submitted + 3_600_000)} (${zone})`)
  })

  it('leaves other times (a case’s, or without a calendar) in the machine’s zone', () => {
    const local = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(submitted)
    expect(displayText(event('case', 'createdAt', submitted), { ...words('en'), calendarZone: zone })).toBe(local)
    expect(displayText(event('review', 'submittedAt', submitted), words('en'))).toBe(local)
  })

  it('names no zone when the calendar’s is the machine’s own', () => {
    const w = { ...words('en'), calendarZone: machine }
    expect(displayText(event('review', 'submittedAt', submitted), w)).toBe(
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: machine }).format(submitted),
    )
  })
})
