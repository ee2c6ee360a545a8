import { afterEach, describe, expect, it } from 'vitest'
import { clearLogEntries, recentLogEntries, type LogEntry } from './log'
import { setPlatform, startLogging, type Platform } from './index'

/** A window stand-in: startLogging listens on it, the tests dispatch what a browser would. */
function fakeWindow() {
  const target = new EventTarget()
  const fire = (type: string, props: Record<string, unknown>) => target.dispatchEvent(Object.assign(new Event(type), props))
  return { target: target as unknown as Window, fire }
}

afterEach(() => {
  setPlatform(null)
  clearLogEntries()
})

describe('startLogging', () => {
  it('logs uncaught errors and rejections through the platform, scrubbed', () => {
    const written: string[] = []
    setPlatform({ writeLog: (e: LogEntry) => void written.push(e.code) } as unknown as Platform)
    const w = fakeWindow()
    startLogging(w.target)
    w.fire('error', { error: new Error('no case for 35001234'), message: 'no case for 35001234' })
    w.fire('unhandledrejection', { reason: new TypeError('x is undefined') })
    expect(written).toEqual(['window.error', 'window.unhandled-rejection'])
    expect(JSON.stringify(recentLogEntries())).not.toContain('35001234')
  })

  it("leaves out the browser's harmless ResizeObserver notice", () => {
    const written: string[] = []
    setPlatform({ writeLog: (e: LogEntry) => void written.push(e.code) } as unknown as Platform)
    const w = fakeWindow()
    startLogging(w.target)
    w.fire('error', { error: null, message: 'ResizeObserver loop completed with undelivered notifications.' })
    expect(written).toEqual([])
  })
})
