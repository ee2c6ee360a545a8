import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inferEmailProvider, normalizeEmail } from '../case/email'
import { normalizePhone } from '../case/phone'
import { normalizeUid } from '../case/uid'
import { findSecrets } from '../guard/secrets'
import { bundledIntakeWords } from './bundled'
import { extractFromChat, type Proposal, type SourceSpan } from './extract'
import { foldForMatching, termSource } from './text'
import { WORD_FIELDS, type WordField } from './words'

const words = bundledIntakeWords()

// pieces of real chats: labels, numbers in every form, words of every field, secrets, punctuation
const FRAGMENTS = [
  'UID',
  'uid：',
  '用户ID ',
  '手机号',
  'phone ',
  '/',
  '35001234',
  '3500 1234',
  '３５００１２３４',
  '13800138000',
  '+86 138 0013 8000',
  '008613800138000',
  '138-0013-8000',
  '１３８００１３８０００',
  '139 1234 5678',
  'zhang.san@qq.com',
  'a@gmail.com',
  '＠',
  '验证码',
  'code ',
  '654321',
  '98765432',
  ' is my code',
  'key ',
  'JBSWY3DPEHPK3PXP',
  '身份证 ',
  '11010519491231002X',
  '110105194912310021',
  'A123456(3)',
  '10086',
  '打过',
  'called ',
  '还没',
  "haven't ",
  '移动',
  '移动数据',
  '联通',
  'China Telecom',
  '华为',
  'iPhone',
  '360',
  '腾讯手机管家',
  '短信',
  'email',
  '谷歌验证器',
  '收不到',
  'invalid',
  '受限',
  '提现',
  'login',
  '看过垃圾箱',
  ' ',
  '，',
  '。',
  '\n',
  ':',
  '-',
  '　',
]
const chatish = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), {
    maxLength: 24,
  })
  .map((xs) => xs.join(''))
const anyText = fc.oneof(chatish, fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }))

const wordMatches = (field: WordField, value: string, text: string): boolean => {
  const entry = words.fields[field].find((e) => e.value === value)?.entry
  return !!entry && entry.words.some((w) => new RegExp(`^(?:${termSource(w)})$`).test(foldForMatching(text)))
}

/** Whether a span's text says what the proposal claims it says. */
function spanClaims(p: Proposal, s: SourceSpan): boolean {
  switch (p.field) {
    case 'uid': {
      const n = normalizeUid(s.text)
      return n.ok && n.value === p.value
    }
    case 'phone': {
      const n = normalizePhone(s.text)
      return n.ok && n.value.e164 === p.value
    }
    case 'email': {
      const n = normalizeEmail(s.text)
      return n.ok && n.value.display === p.value
    }
    case 'emailProvider':
      return inferEmailProvider(`x@${s.text}`) === p.value || wordMatches('emailProvider', p.value, s.text)
    case 'method': {
      const tried = words.tried.filter((e) => e.method === p.value.methodId && e.outcome === p.value.status)
      return tried.some((e) => e.words.some((w) => new RegExp(`^(?:${termSource(w)})$`).test(foldForMatching(s.text))))
    }
    case 'language':
      return false
    default:
      return (WORD_FIELDS as readonly string[]).includes(p.field) && wordMatches(p.field, String(p.value), s.text)
  }
}

describe('extractFromChat properties', () => {
  it('never throws; spans lie inside the text, in order, and hold what they claim', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = extractFromChat(text, words)
        expect(text.startsWith(r.text)).toBe(true)
        const ids = new Set<string>()
        for (const p of r.proposals) {
          expect(ids.has(p.id)).toBe(false)
          ids.add(p.id)
          if (p.field !== 'language') expect(p.spans.length).toBeGreaterThan(0)
          let last = -1
          for (const s of p.spans) {
            expect(s.start).toBeGreaterThanOrEqual(0)
            expect(s.end).toBeLessThanOrEqual(r.text.length)
            expect(s.start).toBeLessThan(s.end)
            expect(s.start).toBeGreaterThan(last)
            last = s.start
            expect(r.text.slice(s.start, s.end)).toBe(s.text)
            expect(spanClaims(p, s), `${p.id} from "${s.text}"`).toBe(true)
          }
        }
      }),
      { numRuns: 600 },
    )
  })

  it('no secret ever appears in a proposal', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = extractFromChat(text, words)
        expect(r.secrets).toEqual(findSecrets(r.text))
        const secretValues = r.secrets.map((s) =>
          r.text
            .slice(s.start, s.end)
            .normalize('NFKC')
            .replace(/[\s()-]/g, '')
            .toUpperCase(),
        )
        for (const p of r.proposals) {
          for (const s of p.spans)
            for (const f of r.secrets) expect(s.end <= f.start || s.start >= f.end, `${p.id} overlaps a secret`).toBe(true)
          const value = (typeof p.value === 'string' ? p.value : JSON.stringify(p.value)).toUpperCase()
          for (const v of secretValues) expect(value === v || value === `+${v}`, `${p.id} is a secret`).toBe(false)
        }
        expect(r.dropped.reduce((n, d) => n + d.count, 0)).toBe(r.secrets.length)
      }),
      { numRuns: 600 },
    )
  })

  it('a verification code after its keyword is never proposed, whatever surrounds it', () => {
    fc.assert(
      fc.property(chatish, fc.stringMatching(/^[0-9]{6}$/), chatish, (before, code, after) => {
        const text = `${before}\n验证码：${code}\n${after}`
        const r = extractFromChat(text, words)
        const at = r.text.indexOf(`验证码：${code}`) + 4
        for (const p of r.proposals) for (const s of p.spans) expect(s.end <= at || s.start >= at + 6).toBe(true)
        // dropped as a secret: a verification code, or an ID number when a passport word follows it ("pp" on the
        // next line: the same six digits read as a passport number, the more serious kind, and dropped as well)
        const found = r.secrets.find((f) => f.start <= at && f.end >= at + 6)
        expect(found?.kind === 'verification-code' || (found?.kind === 'id-number' && /passport|\bpp\b|护照|证/i.test(after))).toBe(true)
      }),
      { numRuns: 300, examples: [['', '000000', 'pp']] },
    )
  })

  it('preselected proposals never contradict each other', () => {
    fc.assert(
      fc.property(chatish, (text) => {
        const pre = extractFromChat(text, words).proposals.filter((p) => p.preselected)
        for (const p of pre) {
          if (p.field === 'channel') continue
          const slot = p.field === 'method' ? `${p.field}:${p.value.methodId}` : p.field
          const rivals = pre.filter((o) => o !== p && (o.field === 'method' ? `${o.field}:${o.value.methodId}` : o.field) === slot)
          expect(rivals).toEqual([])
        }
      }),
      { numRuns: 400 },
    )
  })
})
