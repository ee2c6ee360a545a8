import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import type { IpcChannel } from '../../shared/contract'
import type * as LogModule from '../log'

vi.mock('electron', () => ({ shell: { openExternal: vi.fn(() => Promise.resolve()) } }))
const logged = vi.hoisted(() => [] as Array<{ level: string; code: string; err?: unknown; context?: Record<string, unknown> }>)
vi.mock('../log', async (importOriginal) => ({
  ...(await importOriginal<typeof LogModule>()),
  mainLog: {
    info: (code: string, context?: Record<string, unknown>) => logged.push({ level: 'info', code, context }),
    warn: (code: string, err?: unknown, context?: Record<string, unknown>) => logged.push({ level: 'warn', code, err, context }),
    error: (code: string, err?: unknown, context?: Record<string, unknown>) => logged.push({ level: 'error', code, err, context }),
  },
}))

const { register, wrapHandler } = await import('./register')
const { argSchemas } = await import('./schemas')
const { trustedOrigins } = await import('../security')

const origins = trustedOrigins(undefined)
const from = (url: string | undefined): IpcMainInvokeEvent =>
  ({ senderFrame: url === undefined ? null : { url } }) as unknown as IpcMainInvokeEvent
const app = from('app://console/index.html#/cases')

const CHANNELS = Object.keys(argSchemas) as IpcChannel[]

const validRequest = {
  defaultName: 'cases.csv',
  filters: [{ name: 'CSV', extensions: ['csv'] }],
  payload: { kind: 'text', text: 'a,b' },
}

describe('wrapHandler', () => {
  it('returns ok with the value for a good call from the app', async () => {
    const handler = vi.fn(() => ({ saved: true as const, path: '/home/agent/cases.csv' }))
    const wrapped = wrapHandler('file:save', handler, origins)
    await expect(wrapped(app, validRequest)).resolves.toEqual({ ok: true, value: { saved: true, path: '/home/agent/cases.csv' } })
    expect(handler).toHaveBeenCalledWith(app, validRequest)
  })

  it('awaits async handlers', async () => {
    const wrapped = wrapHandler('app:badge', async (_e, n) => n > 0, origins)
    await expect(wrapped(app, 3)).resolves.toEqual({ ok: true, value: true })
  })

  it('hands the handler only the parsed value: unknown fields are dropped', async () => {
    const handler = vi.fn(() => true)
    await wrapHandler('shell:open-external', handler, origins)(app, { url: 'https://www.binance.com/', extra: 'x' })
    expect(handler).toHaveBeenCalledWith(app, { url: 'https://www.binance.com/' })
  })

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a file page', 'file:///tmp/index.html'],
    ['a look-alike app host', 'app://console.evil/'],
    ['about:blank', 'about:blank'],
    ['an opaque data page', 'data:text/html,x'],
    ['no frame', undefined],
  ])('refuses a sender from %s without calling the handler', async (_label, url) => {
    const handler = vi.fn(() => true)
    const result = await wrapHandler('app:badge', handler, origins)(from(url), 1)
    expect(result).toEqual({ ok: false, error: { key: 'errors.ipc.refused', params: { channel: 'app:badge' } } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('accepts the dev server only when it is trusted', async () => {
    const dev = from('http://localhost:5173/#/cases')
    expect((await wrapHandler('app:badge', () => true, origins)(dev, 1)).ok).toBe(false)
    expect((await wrapHandler('app:badge', () => true, trustedOrigins('http://localhost:5173'))(dev, 1)).ok).toBe(true)
  })

  it.each(
    [
      ['file:save', [{ ...validRequest, defaultName: '../evil.sh' }], 'defaultName'],
      ['file:save', [{ ...validRequest, payload: { kind: 'text', text: 5 } }], 'payload.text'],
      ['file:save', [{ ...validRequest, filters: [{ name: 'x', extensions: ['.csv'] }] }], 'filters.0.extensions.0'],
      ['backup:auto', [{ json: 42 }], 'json'],
      ['notify:show', [{ title: '', body: '' }], 'title'],
      ['app:badge', [-1], 'argument 1'],
      ['app:badge', ['7'], 'argument 1'],
      ['shell:open-external', [], 'arguments'],
      ['app:info', ['surprise'], 'arguments'],
    ].map(([channel, args, field]) => ({ channel: channel as IpcChannel, args: args as unknown[], field })),
  )('$channel refuses bad arguments naming "$field"', async ({ channel, args, field }) => {
    const handler = vi.fn()
    const result = await wrapHandler(channel, handler, origins)(app, ...args)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.key).toBe('errors.ipc.invalidArguments')
    expect(result.error.params?.['channel']).toBe(channel)
    expect(result.error.params?.['detail']).toContain(`${field}: `)
    expect(handler).not.toHaveBeenCalled()
  })

  it.each([
    [
      'an Error',
      () => {
        throw new Error('disk full')
      },
      'disk full',
    ],
    ['a rejected promise', () => Promise.reject(new Error('EACCES: permission denied')), 'EACCES: permission denied'],
    [
      'a string',
      () => {
        throw 'plain string'
      },
      'plain string',
    ],
    [
      'undefined',
      () => {
        throw undefined
      },
      'undefined',
    ],
    [
      'an object whose toString throws',
      () => {
        throw {
          toString: () => {
            throw new Error('nope')
          },
        }
      },
      'unknown error',
    ],
  ])('turns %s thrown by the handler into an error envelope, and logs it', async (_label, handler, detail) => {
    logged.length = 0
    const result = await wrapHandler('app:badge', handler as () => Promise<boolean>, origins)(app, 1)
    expect(result).toEqual({ ok: false, error: { key: 'errors.ipc.failed', params: { channel: 'app:badge', detail } } })
    expect(logged).toHaveLength(1)
    expect(logged[0]).toMatchObject({ level: 'error', code: 'ipc.failed', context: { channel: 'app:badge' } })
  })

  it('logs refusals, at most ten a minute per channel and kind', async () => {
    logged.length = 0
    for (let i = 0; i < 30; i++)
      await wrapHandler('notify:show', () => true, origins)(from('https://evil.example/'), { title: 't', body: '' })
    expect(logged.filter((l) => l.code === 'ipc.refused')).toHaveLength(10)
    expect(logged[0]).toMatchObject({ level: 'warn', context: { channel: 'notify:show' } })
  })

  it('never throws when reading the sender throws', async () => {
    const event = Object.defineProperty({}, 'senderFrame', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
    }) as IpcMainInvokeEvent
    const result = await wrapHandler('app:badge', () => true, origins)(event, 1)
    expect(result.ok).toBe(false)
  })
})

describe('register', () => {
  it('registers the wrapped handler under the channel name', async () => {
    const handle = vi.fn()
    register({ handle }, 'app:badge', () => true, origins)
    expect(handle).toHaveBeenCalledWith('app:badge', expect.any(Function))
    const listener = handle.mock.calls[0]?.[1] as (e: IpcMainInvokeEvent, ...a: unknown[]) => Promise<unknown>
    await expect(listener(app, 2)).resolves.toEqual({ ok: true, value: true })
    await expect(listener(from('https://evil.example/'), 2)).resolves.toMatchObject({ ok: false })
  })
})

describe('argument validation, property-based', () => {
  const anyValue = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
    maxDepth: 3,
  })
  /** JSON-ish values shaped a bit like the real requests, so the property also reaches deep fields. */
  const requestLike = fc.record(
    {
      defaultName: fc.oneof(fc.string(), anyValue),
      filters: fc.oneof(fc.array(fc.record({ name: fc.string(), extensions: fc.array(fc.string()) })), anyValue),
      payload: fc.oneof(
        fc.record({ kind: fc.constantFrom('text', 'bytes', 'path'), text: fc.string(), bytes: fc.uint8Array() }, { requiredKeys: [] }),
        anyValue,
      ),
      date: fc.oneof(
        fc.string(),
        fc.date().map((d) => (Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10))),
      ),
      json: fc.oneof(fc.json(), anyValue),
      title: fc.string(),
      body: fc.string(),
      url: fc.oneof(fc.webUrl(), fc.string()),
    },
    { requiredKeys: [] },
  )
  const argList = fc.array(fc.oneof(anyValue, requestLike, fc.integer(), fc.double()), { maxLength: 3 })

  it.each(CHANNELS)('%s: any arguments give an envelope, never a throw; ok only for schema-valid arguments', async (channel) => {
    await fc.assert(
      fc.asyncProperty(argList, async (args) => {
        const handler = vi.fn(() => 'handled' as never)
        const result = await wrapHandler(channel, handler, origins)(app, ...args)
        expect(typeof result.ok).toBe('boolean')
        if (result.ok) {
          expect(result.value).toBe('handled')
          expect(handler).toHaveBeenCalledTimes(1)
          expect(argSchemas[channel].safeParse(handler.mock.calls[0]?.slice(1)).success).toBe(true)
        } else {
          expect(result.error).toMatchObject({ key: 'errors.ipc.invalidArguments', params: { channel } })
          expect(handler).not.toHaveBeenCalled()
        }
      }),
      { numRuns: 300 },
    )
  })

  it('accepts every well-formed request', async () => {
    const name = fc.stringMatching(/^[\w\- ()\u4e00-\u9fa5]{1,40}\.(csv|xlsx|pdf|json)$/)
    const cases: Array<[IpcChannel, fc.Arbitrary<unknown[]>]> = [
      ['app:info', fc.constant([])],
      ['pdf:save', name.map((defaultName) => [{ defaultName }])],
      [
        'file:save',
        fc
          .tuple(
            name,
            fc.oneof(
              fc.string().map((text) => ({ kind: 'text', text })),
              fc.uint8Array().map((bytes) => ({ kind: 'bytes', bytes })),
            ),
          )
          .map(([defaultName, payload]) => [{ defaultName, filters: [{ name: 'File', extensions: ['csv'] }], payload }]),
      ],
      [
        'backup:auto',
        fc
          .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
          .map((d) => [{ json: JSON.stringify({ at: d.getTime() }) }]),
      ],
      [
        'notify:show',
        fc.tuple(fc.string({ minLength: 1, maxLength: 200 }), fc.string({ maxLength: 1000 })).map(([title, body]) => [{ title, body }]),
      ],
      ['app:badge', fc.integer({ min: 0, max: 99999 }).map((n) => [n])],
      ['shell:open-external', fc.webUrl().map((url) => [{ url }])],
      ['shortcut:set', fc.option(fc.string({ maxLength: 100 })).map((accelerator) => [{ accelerator }])],
      [
        'tray:status',
        fc
          .tuple(fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(1_000_000))
          .map(([openReviews, atRisk, overdue]) => [{ openReviews, atRisk, overdue }]),
      ],
      ['desktop:prefs', fc.tuple(fc.constantFrom('en', 'zh-CN'), fc.boolean()).map(([locale, closeToTray]) => [{ locale, closeToTray }])],
      ['clipboard:read', fc.constant([])],
    ]
    for (const [channel, args] of cases) {
      await fc.assert(
        fc.asyncProperty(args, async (a) => {
          const result = await wrapHandler(channel, () => 'handled' as never, origins)(app, ...a)
          expect(result, `${channel} ${JSON.stringify(a)}`).toEqual({ ok: true, value: 'handled' })
        }),
        { numRuns: 100 },
      )
    }
  })
})
