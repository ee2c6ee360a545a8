import { describe, expect, it, vi } from 'vitest'
import type { Match } from '@/domain/case/lookup'
import type { CaseRecord } from '@/domain/model'
import { fail, ok, problem } from '@/domain/result'
import { lookUpClipboardText, type ClipboardLookupDeps } from './clipboardLookup'

const record = (id: number, emailLower: string | null = null) => ({ id, emailLower }) as CaseRecord

function fakeDeps(matches: Match<CaseRecord>[] | 'fails' = []) {
  const deps = {
    lookup: vi.fn(async () => (matches === 'fails' ? fail(problem('errors.storage.unavailable')) : ok(matches))),
    openCase: vi.fn(),
    showMatches: vi.fn(),
    newCaseWith: vi.fn(),
    newCaseFromChat: vi.fn(),
    say: vi.fn(),
  } satisfies ClipboardLookupDeps
  return deps
}
const navigations = (d: ReturnType<typeof fakeDeps>) => ({
  openCase: d.openCase.mock.calls,
  showMatches: d.showMatches.mock.calls,
  newCaseWith: d.newCaseWith.mock.calls,
  newCaseFromChat: d.newCaseFromChat.mock.calls,
})

describe('lookUpClipboardText', () => {
  it('opens the one case the copied UID names', async () => {
    const d = fakeDeps([{ record: record(7), kind: 'uid' }])
    await lookUpClipboardText({ text: 'UID: 35001234', truncated: false }, d)
    expect(d.lookup).toHaveBeenCalledWith('35001234')
    expect(navigations(d)).toEqual({ openCase: [[7]], showMatches: [], newCaseWith: [], newCaseFromChat: [] })
  })

  it('lists several matching cases in the search box', async () => {
    const d = fakeDeps([
      { record: record(7), kind: 'phone' },
      { record: record(8), kind: 'phone' },
    ])
    await lookUpClipboardText({ text: '13800138000', truncated: false }, d)
    expect(navigations(d)).toEqual({ openCase: [], showMatches: [['13800138000']], newCaseWith: [], newCaseFromChat: [] })
  })

  it('starts a new case with the identifier filled in when nothing matches', async () => {
    const d = fakeDeps([])
    await lookUpClipboardText({ text: 'li.wei@gmail.com', truncated: false }, d)
    expect(navigations(d)).toEqual({ openCase: [], showMatches: [], newCaseWith: [['li.wei@gmail.com']], newCaseFromChat: [] })
  })

  it('hands chat messages to the New case chat box without a look-up', async () => {
    const d = fakeDeps()
    const chat = '你好，我的UID是35001234\n手机13800138000收不到验证码'
    await lookUpClipboardText({ text: chat, truncated: false }, d)
    expect(d.lookup).not.toHaveBeenCalled()
    expect(navigations(d)).toEqual({ openCase: [], showMatches: [], newCaseWith: [], newCaseFromChat: [[chat]] })
    expect(d.say).not.toHaveBeenCalled()
  })

  it('says when the text was cut', async () => {
    const d = fakeDeps()
    await lookUpClipboardText({ text: 'a long chat', truncated: true }, d)
    expect(d.say).toHaveBeenCalledWith('warning', 'truncated')
    expect(d.newCaseFromChat).toHaveBeenCalledWith('a long chat')
  })

  it('says the clipboard is empty and goes nowhere', async () => {
    const d = fakeDeps()
    await lookUpClipboardText({ text: '  ', truncated: false }, d)
    expect(d.say).toHaveBeenCalledWith('info', 'empty')
    expect(navigations(d)).toEqual({ openCase: [], showMatches: [], newCaseWith: [], newCaseFromChat: [] })
  })

  it('says the look-up failed, without the copied text in the message', async () => {
    const d = fakeDeps('fails')
    await lookUpClipboardText({ text: '35001234', truncated: false }, d)
    expect(d.say).toHaveBeenCalledWith('error', 'lookupFailed')
    expect(JSON.stringify(d.say.mock.calls)).not.toContain('35001234')
    expect(navigations(d)).toEqual({ openCase: [], showMatches: [], newCaseWith: [], newCaseFromChat: [] })
  })
})
