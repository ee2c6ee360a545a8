import { describe, expect, it } from 'vitest'
import { CLIPBOARD_MAX_CHARS, decideClipboardAction, planClipboardLookup } from './clipboardLookup'
import type { Match, MatchKind } from './lookup'

describe('planClipboardLookup', () => {
  it.each([
    ['35001234', '35001234'],
    ['3500 1234 56', '3500 1234 56'],
    ['UID: 35001234', '35001234'],
    ['uid：３５００１２３４', '35001234'],
    ['+86 138 0013 8000', '+86 138 0013 8000'],
    ['13800138000', '13800138000'],
    ['手机号：13800138000', '13800138000'],
    ['Li.Wei@Gmail.com', 'Li.Wei@Gmail.com'],
    ['mailto:li.wei@gmail.com', 'li.wei@gmail.com'],
    ['邮箱: li.wei@qq.com', 'li.wei@qq.com'],
    ['VC-20261124-7K3Q', 'VC-20261124-7K3Q'],
    ['vc 20261124 7k3q', 'vc 20261124 7k3q'],
    ['UID 35001234', '35001234'],
    ['Case VC-20261124-7K3Q', 'VC-20261124-7K3Q'],
    ['Phone number: +86 138 0013 8000', '+86 138 0013 8000'],
    // an address that starts like a label is the address
    ['emailbox@qq.com', 'emailbox@qq.com'],
    ['phone2024@163.com', 'phone2024@163.com'],
  ])('looks up the single identifier %j', (text, query) => {
    expect(planClipboardLookup(text)).toEqual({ kind: 'lookup', query })
  })

  it.each([
    ['a chat message', '我的UID是35001234，收不到短信验证码'],
    ['several lines', '35001234\n13800138000'],
    ['a word', 'hello'],
    ['a fragment of a case number', 'VC-2026'],
    ['an invalid email', 'li.wei@gmail'],
    ['a sentence in English', 'I never get the SMS code on my phone 13800138000'],
  ])('hands %s to the chat intake', (_label, text) => {
    expect(planClipboardLookup(text)).toEqual({ kind: 'chat', text, truncated: false })
  })

  it('is empty for blank text', () => {
    expect(planClipboardLookup('  \n\t ')).toEqual({ kind: 'empty' })
  })

  it('cuts a very long text and says so; a text already cut by the desktop is never read as one identifier', () => {
    const long = planClipboardLookup('收不到验证码。'.repeat(CLIPBOARD_MAX_CHARS))
    expect(long).toMatchObject({ kind: 'chat', truncated: true })
    expect(long.kind === 'chat' && long.text.length).toBeLessThanOrEqual(CLIPBOARD_MAX_CHARS)
    expect(planClipboardLookup('35001234', true)).toEqual({ kind: 'chat', text: '35001234', truncated: true })
  })
})

const match = (id: number, kind: MatchKind, emailLower: string | null = null): Match<{ id?: number; emailLower: string | null }> => ({
  record: { id, emailLower },
  kind,
})

describe('decideClipboardAction', () => {
  it('opens the one case a UID, phone or case number names', () => {
    expect(decideClipboardAction('35001234', [match(7, 'uid')])).toEqual({ kind: 'open-case', caseId: 7 })
    expect(decideClipboardAction('13800138000', [match(7, 'phone')])).toEqual({ kind: 'open-case', caseId: 7 })
    expect(decideClipboardAction('VC-20261124-7K3Q', [match(3, 'caseNumber')])).toEqual({ kind: 'open-case', caseId: 3 })
  })

  it('opens the case whose email is exactly the copied one, whatever its case', () => {
    expect(decideClipboardAction('Li.Wei@Gmail.com', [match(4, 'email', 'li.wei@gmail.com')])).toEqual({ kind: 'open-case', caseId: 4 })
  })

  it('lists several cases, and partial matches, for the agent to choose', () => {
    expect(decideClipboardAction('35001234', [match(7, 'uid'), match(9, 'uid')])).toEqual({ kind: 'show-matches', query: '35001234' })
    expect(decideClipboardAction('li.wei@gmail.com', [match(4, 'email', 'li.wei@gmail.com.cn')])).toEqual({
      kind: 'show-matches',
      query: 'li.wei@gmail.com',
    })
    expect(decideClipboardAction('35001234', [match(7, 'uid'), match(9, 'phoneSuffix')])).toEqual({
      kind: 'show-matches',
      query: '35001234',
    })
  })

  it('starts a new case when nothing matches', () => {
    expect(decideClipboardAction('35001234', [])).toEqual({ kind: 'new-case', text: '35001234' })
  })
})
