import { describe, expect, it } from 'vitest'
import type { IpcChannel } from '../../shared/contract'
import { MAX_PAYLOAD, argSchemas, buildArgSchemas } from './schemas'

const CHANNELS: IpcChannel[] = [
  'app:info',
  'file:save',
  'pdf:save',
  'backup:auto',
  'notify:show',
  'app:badge',
  'shell:open-external',
  'shortcut:set',
  'tray:status',
  'desktop:prefs',
  'clipboard:read',
  'log:write',
  'log:export',
  'team-session:load',
  'team-session:save',
]
const ok = (channel: IpcChannel, ...args: unknown[]): boolean => argSchemas[channel].safeParse(args).success

const saveReq = (over: Record<string, unknown> = {}) => ({
  defaultName: 'cases-2026-11-01_2026-11-30.csv',
  filters: [{ name: 'CSV', extensions: ['csv'] }],
  payload: { kind: 'text', text: 'a,b\n1,2' },
  ...over,
})

/** A Uint8Array that claims to be huge without allocating it. */
const hugeBytes = (byteLength: number): Uint8Array => {
  const bytes = new Uint8Array(1)
  Object.defineProperty(bytes, 'byteLength', { value: byteLength })
  return bytes
}

describe('argument schemas', () => {
  it('has exactly one schema per contract channel', () => {
    expect(Object.keys(argSchemas).sort()).toEqual([...CHANNELS].sort())
  })

  it.each(CHANNELS.filter((c) => !['app:info', 'clipboard:read', 'team-session:load', 'team-session:save'].includes(c)))(
    '%s refuses missing, extra and non-object arguments',
    (channel) => {
      expect(ok(channel)).toBe(false)
      expect(ok(channel, null)).toBe(false)
      expect(ok(channel, 'text')).toBe(false)
    },
  )

  it('team-session:save takes a session or null (forget), nothing else', () => {
    const session = {
      refreshToken: 'rt',
      refreshTokenExpiresAt: 1,
      user: { id: 'u1', username: 'lin', displayName: 'Lin', role: 'agent' },
    }
    expect(ok('team-session:save', session)).toBe(true)
    expect(ok('team-session:save', null)).toBe(true)
    expect(ok('team-session:save')).toBe(false)
    expect(ok('team-session:save', 'rt')).toBe(false)
    expect(ok('team-session:save', { ...session, accessToken: 'at' })).toBe(false)
    expect(ok('team-session:save', session, session)).toBe(false)
    expect(ok('team-session:load')).toBe(true)
    expect(ok('team-session:load', null)).toBe(false)
  })

  it('app:info takes no arguments', () => {
    expect(ok('app:info')).toBe(true)
    expect(ok('app:info', 1)).toBe(false)
  })

  describe('file names (file:save and pdf:save)', () => {
    it.each(['cases-2026-11-01_2026-11-30.csv', '案例导出 2026-11.xlsx', 'report (1).pdf', '.hidden-but-plain', 'x'.repeat(200)])(
      'accepts %s',
      (defaultName) => {
        expect(ok('file:save', saveReq({ defaultName }))).toBe(true)
        expect(ok('pdf:save', { defaultName })).toBe(true)
      },
    )

    it.each([
      ['empty', ''],
      ['dot', '.'],
      ['dot dot', '..'],
      ['a folder', 'exports/cases.csv'],
      ['a parent folder', '../cases.csv'],
      ['an absolute path', '/etc/passwd'],
      ['a Windows folder', 'exports\\cases.csv'],
      ['a drive', 'C:cases.csv'],
      ['a wildcard', 'cases*.csv'],
      ['a newline', 'cases\n.csv'],
      ['a tab', 'cases\t.csv'],
      ['a null byte', 'cases.csv\u0000.exe'],
      ['DEL', 'cases\u007f.csv'],
      ['a C1 control', 'cases\u0085.csv'],
      ['a right-to-left override', 'invoice\u202Efdp.exe'],
      ['a bidi isolate', 'cases\u2067.csv'],
      ['too long', 'x'.repeat(201)],
    ])('refuses %s', (_label, defaultName) => {
      expect(ok('file:save', saveReq({ defaultName }))).toBe(false)
      expect(ok('pdf:save', { defaultName })).toBe(false)
    })

    it('refuses a non-string name', () => {
      expect(ok('pdf:save', { defaultName: 42 })).toBe(false)
    })
  })

  describe('file:save filters and payload', () => {
    it.each([
      ['no filters', []],
      [
        'several',
        [
          { name: 'Excel', extensions: ['xlsx'] },
          { name: 'All', extensions: ['csv', 'txt'] },
        ],
      ],
    ])('accepts %s', (_label, filters) => {
      expect(ok('file:save', saveReq({ filters }))).toBe(true)
    })

    it.each([
      ['a dotted extension', [{ name: 'CSV', extensions: ['.csv'] }]],
      ['a wildcard extension', [{ name: 'All', extensions: ['*'] }]],
      ['no extensions', [{ name: 'CSV', extensions: [] }]],
      ['an empty name', [{ name: '', extensions: ['csv'] }]],
      ['too many filters', Array.from({ length: 11 }, () => ({ name: 'CSV', extensions: ['csv'] }))],
    ])('refuses %s', (_label, filters) => {
      expect(ok('file:save', saveReq({ filters }))).toBe(false)
    })

    it('accepts text and bytes payloads', () => {
      expect(ok('file:save', saveReq({ payload: { kind: 'bytes', bytes: new Uint8Array([80, 75, 3, 4]) } }))).toBe(true)
      expect(ok('file:save', saveReq({ payload: { kind: 'text', text: '' } }))).toBe(true)
    })

    it.each([
      ['an unknown kind', { kind: 'path', path: '/etc/passwd' }],
      ['bytes as a plain array', { kind: 'bytes', bytes: [1, 2, 3] }],
      ['bytes as a string', { kind: 'bytes', bytes: 'AAEC' }],
      ['text as bytes', { kind: 'text', text: new Uint8Array([1]) }],
      ['no kind', { text: 'x' }],
    ])('refuses %s', (_label, payload) => {
      expect(ok('file:save', saveReq({ payload }))).toBe(false)
    })

    it('refuses oversized payloads', () => {
      expect(ok('file:save', saveReq({ payload: { kind: 'bytes', bytes: hugeBytes(MAX_PAYLOAD + 1) } }))).toBe(false)
      expect(ok('file:save', saveReq({ payload: { kind: 'bytes', bytes: hugeBytes(MAX_PAYLOAD) } }))).toBe(true)
      // the same limit for text, exercised with a small one
      const small = buildArgSchemas(10)
      expect(small['file:save'].safeParse([saveReq({ payload: { kind: 'text', text: 'x'.repeat(10) } })]).success).toBe(true)
      expect(small['file:save'].safeParse([saveReq({ payload: { kind: 'text', text: 'x'.repeat(11) } })]).success).toBe(false)
      expect(small['file:save'].safeParse([saveReq({ payload: { kind: 'bytes', bytes: new Uint8Array(11) } })]).success).toBe(false)
    })
  })

  describe('backup:auto', () => {
    it('accepts a JSON document (its content is checked by the handler)', () => {
      expect(ok('backup:auto', { json: '{"cases":[]}' })).toBe(true)
    })

    it('drops any date the renderer sends: main dates backups by its own clock', () => {
      const parsed = argSchemas['backup:auto'].safeParse([{ date: '9999-12-31', json: '{}' }])
      expect(parsed.success && parsed.data).toEqual([{ json: '{}' }])
    })

    it.each([
      ['an empty document', { json: '' }],
      ['a non-string document', { json: { cases: [] } }],
      ['no document', { date: '2026-11-30' }],
    ])('refuses %s', (_label, req) => {
      expect(ok('backup:auto', req)).toBe(false)
    })

    it('refuses an oversized backup', () => {
      const small = buildArgSchemas(10)
      expect(small['backup:auto'].safeParse([{ json: `"${'x'.repeat(8)}"` }]).success).toBe(true)
      expect(small['backup:auto'].safeParse([{ json: `"${'x'.repeat(9)}"` }]).success).toBe(false)
    })
  })

  describe('notify:show', () => {
    it('accepts a title and body', () => {
      expect(ok('notify:show', { title: 'Review due', body: '' })).toBe(true)
    })
    it.each([
      ['an empty title', { title: '', body: 'x' }],
      ['a long title', { title: 'x'.repeat(201), body: 'x' }],
      ['a long body', { title: 'x', body: 'x'.repeat(1001) }],
      ['no body', { title: 'x' }],
    ])('refuses %s', (_label, req) => {
      expect(ok('notify:show', req)).toBe(false)
    })
  })

  describe('app:badge', () => {
    it.each([0, 1, 99999])('accepts %s', (n) => {
      expect(ok('app:badge', n)).toBe(true)
    })
    it.each([-1, 1.5, 100000, Number.NaN, Number.POSITIVE_INFINITY, '3', null])('refuses %s', (n) => {
      expect(ok('app:badge', n)).toBe(false)
    })
  })

  describe('shell:open-external', () => {
    it('accepts any string URL (the allow-list is checked by the handler)', () => {
      expect(ok('shell:open-external', { url: 'https://www.binance.com/' })).toBe(true)
    })
    it.each([
      ['a long URL', { url: `https://www.binance.com/${'x'.repeat(2048)}` }],
      ['a non-string URL', { url: { href: 'https://www.binance.com/' } }],
      ['no URL', {}],
    ])('refuses %s', (_label, req) => {
      expect(ok('shell:open-external', req)).toBe(false)
    })
  })

  describe('shortcut:set', () => {
    it.each(['CommandOrControl+Shift+K', 'Alt+F9', ''])('accepts the string %j (its grammar is the handler’s to judge)', (accelerator) => {
      expect(ok('shortcut:set', { accelerator })).toBe(true)
    })
    it('accepts null: turn the shortcut off', () => {
      expect(ok('shortcut:set', { accelerator: null })).toBe(true)
    })
    it.each([
      ['a long string', { accelerator: `Ctrl+${'K'.repeat(100)}` }],
      ['a number', { accelerator: 75 }],
      ['nothing', {}],
    ])('refuses %s', (_label, req) => {
      expect(ok('shortcut:set', req)).toBe(false)
    })
  })

  describe('tray:status', () => {
    it('accepts counts, and drops anything else before the handler sees it', () => {
      const parsed = argSchemas['tray:status'].safeParse([{ openReviews: 4, atRisk: 1, overdue: 0, uid: '35001234' }])
      expect(parsed.success).toBe(true)
      expect(parsed.data).toEqual([{ openReviews: 4, atRisk: 1, overdue: 0 }])
    })
    it.each([
      { openReviews: -1, atRisk: 0, overdue: 0 },
      { openReviews: 1.5, atRisk: 0, overdue: 0 },
      { openReviews: 1, atRisk: '1', overdue: 0 },
      { openReviews: 1, atRisk: 0 },
      { openReviews: 2_000_000, atRisk: 0, overdue: 0 },
    ])('refuses %j', (req) => {
      expect(ok('tray:status', req)).toBe(false)
    })
  })

  describe('desktop:prefs', () => {
    it.each(['en', 'zh-CN'])('accepts the UI language %s', (locale) => {
      expect(ok('desktop:prefs', { locale, closeToTray: true })).toBe(true)
    })
    it.each([
      { locale: 'fr', closeToTray: false },
      { locale: 'auto', closeToTray: false },
      { locale: 'en', closeToTray: 'yes' },
      { locale: 'en' },
    ])('refuses %j', (req) => {
      expect(ok('desktop:prefs', req)).toBe(false)
    })
  })

  describe('clipboard:read', () => {
    it('takes no arguments', () => {
      expect(ok('clipboard:read')).toBe(true)
      expect(ok('clipboard:read', 'text')).toBe(false)
    })
  })

  describe('log:write', () => {
    const entry = (over: Record<string, unknown> = {}) => ({
      time: '2026-11-30T10:00:00.000Z',
      level: 'error',
      code: 'reviews.alert.record',
      error: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at x (app://console/a.js:1:2)' },
      context: { caseNumber: 'VC-20261130-7K3Q', count: 3, retried: false, channel: null },
      ...over,
    })
    it('accepts a well-formed entry, with or without error and context', () => {
      expect(ok('log:write', entry())).toBe(true)
      expect(ok('log:write', { time: '2026-11-30T10:00:00.000Z', level: 'info', code: 'app.started' })).toBe(true)
    })
    it.each([
      ['an unknown level', { level: 'fatal' }],
      ['a code with spaces or slashes', { code: 'a b/c' }],
      ['a long code', { code: 'x'.repeat(81) }],
      ['a time that is not ISO', { time: 'yesterday' }],
      ['a huge message', { error: { name: 'Error', message: 'x'.repeat(501) } }],
      ['a huge stack', { error: { name: 'Error', message: 'm', stack: 'x'.repeat(4001) } }],
      ['a nested context', { context: { a: { b: 1 } } }],
      ['a long context value', { context: { a: 'x'.repeat(201) } }],
      ['too many context fields', { context: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${i}`, i])) }],
    ])('refuses %s', (_label, over) => {
      expect(ok('log:write', entry(over))).toBe(false)
    })
  })

  describe('log:export', () => {
    it('takes a plain file name', () => {
      expect(ok('log:export', { defaultName: 'console-log-2026-11-30.txt' })).toBe(true)
      expect(ok('log:export', { defaultName: '../console.log' })).toBe(false)
      expect(ok('log:export')).toBe(false)
    })
  })
})
