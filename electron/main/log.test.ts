import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LogEntry } from '../shared/log'
import { FileLog, createRateLimiter, logDirIn } from './log'
import { receiveRendererLog } from './ipc/log'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const entry = (n: number, over: Partial<LogEntry> = {}): LogEntry => ({
  time: `2026-11-30T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
  level: 'info',
  code: `test.entry-${n}`,
  ...over,
})
const read = (file: string): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '')

describe('FileLog', () => {
  it('writes entries in order to <userData>/logs/console.log, creating the folder', async () => {
    const log = new FileLog(logDirIn(dir))
    for (let i = 0; i < 5; i++) log.write(entry(i))
    await log.flush()
    expect(log.file).toBe(path.join(dir, 'logs', 'console.log'))
    const lines = read(log.file).trim().split('\n')
    expect(lines.map((l) => l.split(' ')[3])).toEqual(['test.entry-0', 'test.entry-1', 'test.entry-2', 'test.entry-3', 'test.entry-4'])
  })

  it('returns before anything is on disk (asynchronous writes)', async () => {
    const log = new FileLog(dir)
    log.write(entry(1))
    expect(read(log.file)).toBe('')
    await log.flush()
    expect(read(log.file)).toContain('test.entry-1')
  })

  it('rotates when a file would pass the size cap, keeping the newest files', async () => {
    const log = new FileLog(dir, { maxBytes: 400, keep: 3 })
    for (let i = 0; i < 60; i++) {
      log.write(entry(i))
      if (i % 5 === 4) await log.flush() // several chunks, so rotation happens between them
    }
    await log.flush()
    const names = fs.readdirSync(dir).sort()
    expect(names).toEqual(['console.1.log', 'console.2.log', 'console.log'])
    for (const n of names) expect(fs.statSync(path.join(dir, n)).size).toBeLessThanOrEqual(400)
    // the newest entry is in the current file, older ones in .1 then .2, nothing duplicated
    const all = log.files().map(read).join('')
    const codes = [...all.matchAll(/test\.entry-(\d+)/g)].map((m) => Number(m[1]))
    expect(codes).toEqual([...codes].sort((a, b) => a - b))
    expect(codes.at(-1)).toBe(59)
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes.length).toBeLessThan(60) // the oldest were dropped with the oldest file
  })

  it('lists its files oldest first', () => {
    const log = new FileLog(dir, { keep: 3 })
    expect(log.files()).toEqual([path.join(dir, 'console.2.log'), path.join(dir, 'console.1.log'), path.join(dir, 'console.log')])
  })

  it('survives a write failure: reports it once, never throws, and goes on when the disk is back', async () => {
    const blocker = path.join(dir, 'not-a-folder')
    fs.writeFileSync(blocker, 'a file where the log folder should be')
    const onFailure = vi.fn()
    const log = new FileLog(path.join(blocker, 'logs'), { onFailure })
    expect(() => {
      log.write(entry(1))
      log.write(entry(2))
    }).not.toThrow()
    await log.flush()
    log.write(entry(3))
    await log.flush()
    expect(onFailure).toHaveBeenCalledTimes(1)
    expect(onFailure.mock.calls[0]?.[0]).toMatchObject({ code: expect.stringMatching(/ENOTDIR|EEXIST/) })

    fs.rmSync(blocker)
    log.write(entry(4))
    await log.flush()
    expect(read(log.file)).toContain('test.entry-4')
  })

  it('scrubs every entry again, whoever made it', async () => {
    const log = new FileLog(dir)
    log.write(
      entry(1, {
        level: 'error',
        error: { name: 'Error', message: 'no case for alice@qq.com or +86 138 0013 8000 (UID 35201187)' },
        context: { email: 'alice@qq.com', caseNumber: 'VC-20261130-7K3Q', count: 2 },
      }),
    )
    await log.flush()
    const text = read(log.file)
    expect(text).toContain('Error: no case for <email> or <number> (UID <number>)')
    expect(text).toContain('{"email":"[removed]","caseNumber":"VC-20261130-7K3Q","count":2}')
    expect(text).not.toMatch(/alice|35201187|13800138000|138 0013/)
  })
})

describe('renderer entries', () => {
  it('pass a per-renderer rate limit; the next entry after a burst says how many were dropped', async () => {
    let now = 0
    const limiter = createRateLimiter(3, 1, () => now)
    const log = new FileLog(dir)
    const results = [1, 2, 3, 4, 5].map((n) => receiveRendererLog(log, 7, entry(n), limiter))
    expect(results).toEqual([true, true, true, false, false])
    expect(receiveRendererLog(log, 8, entry(6), limiter)).toBe(true) // another window has its own budget
    now = 1000
    expect(receiveRendererLog(log, 7, entry(7), limiter)).toBe(true)
    await log.flush()
    const text = read(log.file)
    expect(text).not.toContain('test.entry-4')
    expect(text).toMatch(/WARN {2}log\.dropped \{"count":2,"process":"renderer"\}\n.*test\.entry-7/)
  })
})
