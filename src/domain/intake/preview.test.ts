import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bundledIntakeWords } from './bundled'
import { extractFromChat } from './extract'
import { previewSegments, type PreviewSegment } from './preview'

const preview = (text: string): PreviewSegment[] => {
  const r = extractFromChat(text, bundledIntakeWords())
  return previewSegments(r.text, r.proposals, r.secrets)
}

describe('previewSegments', () => {
  it('cuts the chat into plain text, matches and removed secrets', () => {
    const segs = preview('UID 35001234，验证码 654321，移动')
    expect(
      segs.map((s) => (s.kind === 'secret' ? `[${s.secret}]` : s.kind === 'match' ? `<${s.text}:${s.ids.join('+')}>` : s.text)),
    ).toEqual(['UID ', '<35001234:uid:35001234>', '，验证码 ', '[verification-code]', '，', '<移动:carrier:china-mobile>'])
  })

  it('a span two proposals share names both', () => {
    const segs = preview('打过10086')
    expect(segs.filter((s) => s.kind === 'match')).toEqual([
      { kind: 'match', start: 0, end: 2, text: '打过', ids: ['method:carrier-sms:failed'] },
      { kind: 'match', start: 2, end: 7, text: '10086', ids: ['carrier:china-mobile', 'method:carrier-sms:failed'] },
    ])
  })

  it('covers the text exactly, and no secret character reaches the preview', () => {
    const pieces = fc.constantFrom(
      'UID ',
      '35001234',
      '验证码：',
      '654321',
      'key ',
      'JBSWY3DPEHPK3PXP',
      '移动',
      '打过10086',
      '，',
      ' ',
      'a@qq.com',
    )
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 16 }), (parts) => {
        const text = parts.join('')
        const r = extractFromChat(text, bundledIntakeWords())
        const segs = previewSegments(r.text, r.proposals, r.secrets)
        let pos = 0
        for (const s of segs) {
          expect(s.start).toBe(pos)
          expect(s.end).toBeGreaterThan(s.start)
          if (s.kind !== 'secret') expect(s.text).toBe(r.text.slice(s.start, s.end))
          else expect(JSON.stringify(s)).not.toContain(r.text.slice(s.start, s.end))
          pos = s.end
        }
        expect(pos).toBe(r.text.length)
      }),
      { numRuns: 300 },
    )
  })
})
