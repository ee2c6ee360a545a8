import { describe, expect, it } from 'vitest'
import { describeEvent, describeValue, fieldLabel, LONG_TEXT } from './describe'

describe('fieldLabel', () => {
  it.each([
    ['carrier', 'case.fields.carrier', null],
    ['phoneE164', 'case.fields.phone', null],
    ['case.status', 'case.fields.status', null],
    ['case.resolvedBy', 'case.fields.resolvedBy', null],
    ['sms-blocking.status', 'audit.field.attempt.status', 'sms-blocking'],
    ['carrier-sms.note', 'audit.field.attempt.note', 'carrier-sms'],
    ['submittedAt', 'audit.field.submittedAt', null],
    ['alerted.atRisk', 'audit.field.alerted.atRisk', null],
    ['deletedAt', 'audit.field.deletedAt', null],
  ])('%s → %s', (path, key, method) => {
    expect(fieldLabel(path)).toEqual({ key, raw: path, method })
  })
})

describe('describeValue', () => {
  it.each([
    ['carrier', 'china-unicom', { kind: 'term', key: 'case.carrier.china-unicom', raw: 'china-unicom' }],
    ['case.status', 'resolved', { kind: 'term', key: 'case.status.resolved', raw: 'resolved' }],
    ['sms-blocking.status', 'failed', { kind: 'term', key: 'playbook.status.failed', raw: 'failed' }],
    // a variant is shown in words, never as its id ("set to android-builtin")
    ['sms-blocking.variantId', 'android-builtin', { kind: 'variant', methodId: 'sms-blocking', id: 'android-builtin' }],
    ['resolvedBy', 'network-time', { kind: 'term', key: 'audit.method.network-time', raw: 'network-time' }],
    ['outcome', 'approved', { kind: 'term', key: 'audit.value.outcome.approved', raw: 'approved' }],
    ['carrier', null, { kind: 'empty' }],
    ['notes', '', { kind: 'empty' }],
    ['channels', [], { kind: 'empty' }],
    ['phoneE164', '+8613800138000', { kind: 'phone', e164: '+8613800138000' }],
    ['uid', '35001234', { kind: 'text', text: '35001234', long: false, mono: true }],
    ['deletedAt', 1_795_000_000_000, { kind: 'time', ms: 1_795_000_000_000 }],
    ['alerted.overdue', 1_795_000_000_000, { kind: 'time', ms: 1_795_000_000_000 }],
    ['maxDays', 5, { kind: 'number', value: 5 }],
    ['identityReceived', true, { kind: 'bool', value: true }],
    ['pauses', { start: 10, end: null }, { kind: 'pause', start: 10, end: null }],
    [
      'promised',
      { submitted: '2026-11-24', expectedFrom: '2026-11-27', dueBy: '2026-12-01' },
      { kind: 'promised', submitted: '2026-11-24', expectedFrom: '2026-11-27', dueBy: '2026-12-01' },
    ],
  ])('%s = %j', (path, value, expected) => {
    expect(describeValue(path, value)).toEqual(expected)
  })

  it('lists translate each item', () => {
    expect(describeValue('channels', ['sms', 'email'])).toEqual({
      kind: 'list',
      items: [
        { kind: 'term', key: 'case.channel.sms', raw: 'sms' },
        { kind: 'term', key: 'case.channel.email', raw: 'email' },
      ],
    })
    expect(describeValue('methodsTried', ['escalate'])).toEqual({
      kind: 'list',
      items: [{ kind: 'term', key: 'audit.method.escalate', raw: 'escalate' }],
    })
  })

  it('flags long or multi-line notes so the view can truncate them, and shows unknown shapes as text', () => {
    const long = 'x'.repeat(LONG_TEXT + 1)
    expect(describeValue('notes', long)).toMatchObject({ kind: 'text', long: true })
    expect(describeValue('notes', 'a\nb')).toMatchObject({ kind: 'text', long: true })
    expect(describeValue('notes', 'short')).toMatchObject({ kind: 'text', long: false })
    expect(describeValue('weird', { a: 1 })).toEqual({ kind: 'text', text: '{"a":1}', long: false, mono: true })
  })
})

describe('describeEvent', () => {
  it('leaves out what the headline already says', () => {
    const d = describeEvent({
      id: 2,
      at: 5,
      agent: 'Lin',
      entity: 'case',
      entityId: '1',
      caseId: 1,
      action: 'deleted',
      changes: [{ field: 'deletedAt', from: null, to: 5 }],
      note: '',
    })
    expect(d.titleKey).toBe('audit.action.case.deleted')
    expect(d.changes).toEqual([])
  })

  it('reads a sent reply’s note back into its template, version and language, never showing the raw id', () => {
    const sent = (note: string) =>
      describeEvent({ id: 1, at: 1, agent: 'Lin', entity: 'reply', entityId: '1', caseId: 1, action: 'sent', changes: [], note }).note
    expect(sent('method.carrier-sms.china-mobile v1 (en)')).toEqual({
      kind: 'reply',
      templateId: 'method.carrier-sms.china-mobile',
      version: 1,
      language: 'en',
    })
    expect(sent('custom.abc v? (zh-CN)')).toEqual({ kind: 'reply', templateId: 'custom.abc', version: null, language: 'zh-CN' })
    expect(sent('free text (zh-CN)')).toEqual({ kind: 'reply', templateId: null, version: null, language: 'zh-CN' })
    // anything else stays the text it is
    expect(sent('review 12')).toMatchObject({ kind: 'text', text: 'review 12' })
    expect(sent('x v1 (fr)')).toMatchObject({ kind: 'text' })
    expect(
      describeEvent({
        id: 2,
        at: 1,
        agent: 'Lin',
        entity: 'case',
        entityId: '1',
        caseId: 1,
        action: 'updated',
        changes: [],
        note: 'free text (en)',
      }).note,
    ).toMatchObject({ kind: 'text' })
  })

  it('names the action per entity and describes every change and the note', () => {
    const d = describeEvent({
      id: 9,
      at: 1000,
      agent: 'Lin',
      entity: 'attempt',
      entityId: '3',
      caseId: 1,
      action: 'recorded',
      changes: [
        { field: 'carrier-sms.status', from: 'not-tried', to: 'failed' },
        { field: 'case.status', from: 'open', to: 'waiting' },
      ],
      note: '',
    })
    expect(d.titleKey).toBe('audit.action.attempt.recorded')
    expect(d.changes.map((c) => [c.field.key, c.field.method, c.from, c.to])).toEqual([
      [
        'audit.field.attempt.status',
        'carrier-sms',
        { kind: 'term', key: 'playbook.status.not-tried', raw: 'not-tried' },
        { kind: 'term', key: 'playbook.status.failed', raw: 'failed' },
      ],
      [
        'case.fields.status',
        null,
        { kind: 'term', key: 'case.status.open', raw: 'open' },
        { kind: 'term', key: 'case.status.waiting', raw: 'waiting' },
      ],
    ])
    expect(d.note).toEqual({ kind: 'empty' })
    expect(
      describeEvent({
        id: 1,
        at: 1,
        agent: 'a',
        entity: 'review',
        entityId: '1',
        caseId: 1,
        action: 'paused',
        changes: [],
        note: 'Waiting for ID',
      }).note,
    ).toEqual({
      kind: 'text',
      text: 'Waiting for ID',
      long: false,
    })
  })
})
