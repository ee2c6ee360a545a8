import { describe, expect, it, vi } from 'vitest'
import { SyncHttp } from './http'
import { runStream } from './stream'

describe('runStream', () => {
  it('ends at once, without connecting, when stopped before it started (the engine stopped while fetching a token)', async () => {
    const fetchFn = vi.fn<typeof fetch>(() => new Promise<Response>(() => undefined)) // a stream that never ends
    const http = new SyncHttp({ baseUrl: 'http://127.0.0.1:1', fetch: fetchFn })
    const stopped = new AbortController()
    stopped.abort()
    await expect(runStream(http, { token: 't', onEvent: () => undefined, signal: stopped.signal })).resolves.toEqual({ reason: 'aborted' })
    expect(fetchFn).not.toHaveBeenCalled()
  })

  it('ends when stopped while connected', async () => {
    const fetchFn = vi.fn<typeof fetch>(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    )
    const http = new SyncHttp({ baseUrl: 'http://127.0.0.1:1', fetch: fetchFn })
    const stop = new AbortController()
    const ended = runStream(http, { token: 't', onEvent: () => undefined, signal: stop.signal })
    stop.abort()
    await expect(ended).resolves.toEqual({ reason: 'aborted' })
  })
})
