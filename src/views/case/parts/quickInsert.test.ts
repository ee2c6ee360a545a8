import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { closedQuick, quickAtCaret, quickClosed, quickKey, type QuickState } from './quickInsert'

/** Types `text` one character at a time, the caret at the end, as the box reports it. */
function typed(text: string, from: QuickState = closedQuick()): QuickState {
  let s = from
  for (let i = 1; i <= text.length; i++) s = quickAtCaret(s, text.slice(0, i), i)
  return s
}

describe('the "/" quick insert', () => {
  it('opens on "/" at the start of the reply or of a word, and filters as the agent types', () => {
    expect(typed('/').token).toEqual({ start: 0, end: 1, query: '' })
    expect(typed('Hello /sm').token).toEqual({ start: 6, end: 9, query: 'sm' })
    expect(typed('Hello\n/qq').token).toEqual({ start: 6, end: 9, query: 'qq' })
    expect(typed('您好　/短信').token).toMatchObject({ query: '短信' })
  })

  it('does nothing for a "/" inside a word, a URL or a selection', () => {
    expect(typed('24/7').token).toBeNull()
    expect(typed('see https://x.io/a').token).toBeNull()
    const open = typed('Hi /sms')
    expect(quickAtCaret(open, 'Hi /sms', 7, false).token).toBeNull()
  })

  it('a space ends the query and closes the list', () => {
    expect(typed('Hi /sms ').token).toBeNull()
  })

  it('arrow keys move the active option, wrapping; a new query makes the first active again', () => {
    let s = typed('/s')
    expect(s.active).toBe(0)
    s = quickKey(s, { key: 'ArrowDown' }, 3).state
    s = quickKey(s, { key: 'ArrowDown' }, 3).state
    expect(s.active).toBe(2)
    s = quickKey(s, { key: 'ArrowDown' }, 3).state
    expect(s.active).toBe(0)
    s = quickKey(s, { key: 'ArrowUp' }, 3).state
    expect(s.active).toBe(2)
    // the same query (a click, a caret move within it) keeps the choice
    expect(quickAtCaret(s, '/s', 2).active).toBe(2)
    expect(typed('/sm', s).active).toBe(0)
  })

  it('with no options the arrows and Enter are the box’s own (caret, line break)', () => {
    const s = typed('/zzz')
    expect(quickKey(s, { key: 'ArrowDown' }, 0)).toEqual({ state: s, handled: false })
    expect(quickKey(s, { key: 'Enter' }, 0)).toEqual({ state: s, handled: false })
  })

  it('Enter or Tab inserts the active option; Shift+Enter does not', () => {
    let s = typed('/s')
    s = quickKey(s, { key: 'ArrowDown' }, 4).state
    expect(quickKey(s, { key: 'Enter' }, 4)).toMatchObject({ handled: true, pick: 1 })
    expect(quickKey(s, { key: 'Tab' }, 4)).toMatchObject({ handled: true, pick: 1 })
    expect(quickKey(s, { key: 'Enter', shiftKey: true }, 4)).toEqual({ state: s, handled: false })
    // fewer options than before: the last one
    expect(quickKey({ ...s, active: 5 }, { key: 'Enter' }, 2).pick).toBe(1)
  })

  it('Escape closes it for that "/" until the caret leaves it; another "/" opens again', () => {
    let s = typed('Hi /sm')
    const esc = quickKey(s, { key: 'Escape' }, 2)
    expect(esc).toMatchObject({ handled: true, stop: true })
    s = esc.state
    expect(s.token).toBeNull()
    s = quickAtCaret(s, 'Hi /sms', 7)
    expect(s.token).toBeNull() // typing on after the dismissed "/"
    s = quickAtCaret(s, 'Hi /sms x', 9) // the caret left it
    expect(s.token).toBeNull()
    expect(quickAtCaret(s, 'Hi /sms x', 7).token).toMatchObject({ query: 'sms' })
    expect(quickAtCaret(s, 'Hi /sms x /q', 12).token).toMatchObject({ start: 10, query: 'q' })
  })

  it('keys do nothing while it is closed; an insert or leaving the box closes it', () => {
    const closed = closedQuick()
    for (const key of ['ArrowDown', 'Enter', 'Tab', 'Escape'])
      expect(quickKey(closed, { key }, 3)).toEqual({ state: closed, handled: false })
    expect(quickClosed(typed('/s')).token).toBeNull()
  })

  it('for any text and caret: open only on a "/" right before the caret’s query, and never past the caret', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.nat(), (text, n) => {
        const caret = n % (text.length + 1)
        const s = quickAtCaret(closedQuick(), text, caret)
        if (s.token === null) return
        expect(s.token.end).toBe(caret)
        expect('/／').toContain(text[s.token.start])
        expect(text.slice(s.token.start + 1, caret)).toBe(s.token.query)
        expect(s.token.start === 0 || /[\s\u3000]/u.test(text[s.token.start - 1] ?? '')).toBe(true)
      }),
    )
  })
})
