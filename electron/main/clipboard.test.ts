import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_CLIPBOARD_CHARS, clipboardText, readClipboardText } from './clipboard'
import { FakeClipboard } from './test-support/fakes'

describe('clipboardText', () => {
  it('trims and keeps line breaks as \\n', () => {
    expect(clipboardText('  UID 35001234 \r\n手机 138 0013 8000\r ')).toEqual({
      text: 'UID 35001234 \n手机 138 0013 8000',
      truncated: false,
    })
  })

  it('removes control and bidi-override characters that hide or reorder text', () => {
    expect(clipboardText('\u202e35001234\u0000\u200f\ufeff')).toEqual({ text: '35001234', truncated: false })
    expect(clipboardText('a\tb')).toEqual({ text: 'a\tb', truncated: false })
  })

  it('answers empty for anything that is not text', () => {
    for (const raw of [undefined, null, 42, {}, '   \n\t ']) expect(clipboardText(raw)).toEqual({ text: '', truncated: false })
  })

  it('cuts a huge clipboard to the limit and says so, without splitting a character', () => {
    const long = clipboardText('x'.repeat(MAX_CLIPBOARD_CHARS + 10))
    expect(long.truncated).toBe(true)
    expect(long.text).toHaveLength(MAX_CLIPBOARD_CHARS)
    const emoji = clipboardText('x'.repeat(MAX_CLIPBOARD_CHARS - 1) + '😀'.repeat(10))
    expect(emoji.truncated).toBe(true)
    expect(emoji.text).toBe('x'.repeat(MAX_CLIPBOARD_CHARS - 1))
    // a gigantic one is cut before it is cleaned
    expect(clipboardText('y'.repeat(MAX_CLIPBOARD_CHARS * 50))).toEqual({ text: 'y'.repeat(MAX_CLIPBOARD_CHARS), truncated: true })
  })

  it('always answers bounded, trimmed text with no hidden characters (property)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\u0000', '\u0007', '\r', '\n', '\t', ' ', '\u202e', '\u2066', '\ufeff', '😀', '号'),
            fc.string({ minLength: 1, maxLength: 1 }),
          ),
          maxLength: 300,
        }),
        (raw) => {
          const { text, truncated } = clipboardText(raw)
          expect(truncated).toBe(false)
          expect(text).toBe(text.trim())
          // eslint-disable-next-line no-control-regex -- the property is about control characters
          expect(text).not.toMatch(/[\u0000-\u0008\r\u202a-\u202e]/)
        },
      ),
    )
  })
})

describe('readClipboardText', () => {
  it('reads the clipboard, and treats a failing read as empty', async () => {
    const clipboard = new FakeClipboard()
    clipboard.text = ' li.wei@gmail.com '
    expect(await readClipboardText(clipboard)).toEqual({ text: 'li.wei@gmail.com', truncated: false })
    clipboard.failing = true
    expect(await readClipboardText(clipboard)).toEqual({ text: '', truncated: false })
  })
})
