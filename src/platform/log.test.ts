import { afterEach, describe, expect, it } from 'vitest'
import type { LogEntry } from '@shared/log'
import { clearLogEntries, consoleSink, log, recentLogEntries, RING_SIZE, setLogSink } from './log'

const collected: LogEntry[] = []

afterEach(() => {
  setLogSink(consoleSink)
  clearLogEntries()
  collected.length = 0
})

describe('renderer log', () => {
  it('hands scrubbed entries to the sink and keeps them in the ring', () => {
    setLogSink((e) => collected.push(e))
    log.error('cases.lookup', new Error('no case for 35001234 / lin@example.com / +86 138 0013 8000'), {
      caseNumber: 'VC-20261124-7K3Q',
      uid: '35001234',
      note: 'user says the code never came',
      count: 3,
    })
    expect(collected).toHaveLength(1)
    const [entry] = collected
    expect(entry).toMatchObject({ level: 'error', code: 'cases.lookup', context: { caseNumber: 'VC-20261124-7K3Q', count: 3 } })
    const text = JSON.stringify(entry)
    for (const personal of ['35001234', 'lin@example.com', '138 0013 8000', 'never came']) expect(text).not.toContain(personal)
    expect(recentLogEntries()).toEqual(collected)
  })

  it(`keeps the newest ${RING_SIZE} entries`, () => {
    setLogSink(() => {})
    for (let i = 0; i < RING_SIZE + 20; i++) log.info('test.entry', { i })
    const kept = recentLogEntries()
    expect(kept).toHaveLength(RING_SIZE)
    expect(kept[0]?.context).toEqual({ i: 20 })
  })

  it('never throws, even when the sink does', () => {
    setLogSink(() => {
      throw new Error('bridge gone')
    })
    const original = console.error
    const seen: unknown[] = []
    console.error = (...args: unknown[]) => void seen.push(args)
    try {
      expect(() => log.warn('test.sink', new Error('x'))).not.toThrow()
    } finally {
      console.error = original
    }
    expect(seen).toHaveLength(1)
  })
})
