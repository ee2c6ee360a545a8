import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ProblemError, problem } from '@/domain/result'
import { consoleSink, setLogSink, type LogEntry } from '@/platform/log'
import { attempt } from './attempt'

const entries: LogEntry[] = []
beforeEach(() => setLogSink((e) => entries.push(e)))
afterEach(() => {
  setLogSink(consoleSink)
  entries.length = 0
})

describe('attempt', () => {
  it('answers the work’s value, logging nothing', async () => {
    expect(await attempt('test.ok', async () => 42)).toEqual({ ok: true, value: 42 })
    expect(entries).toEqual([])
  })

  it('turns a storage failure into a Problem and logs it without the personal data in its message', async () => {
    const err = Object.assign(new Error('Key already exists: uid 35001234, email lin@example.com'), { name: 'ConstraintError' })
    const r = await attempt(
      'cases.create',
      async () => {
        throw err
      },
      { caseNumber: 'VC-20261124-7K3Q', phone: '+86 138 0013 8000' },
    )
    expect(r).toEqual({ ok: false, error: { key: 'errors.storage.constraint' } })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ level: 'error', code: 'cases.create', error: { name: 'ConstraintError' } })
    const text = JSON.stringify(entries)
    for (const personal of ['35001234', 'lin@example.com', '138 0013 8000']) expect(text).not.toContain(personal)
    expect(text).toContain('VC-20261124-7K3Q')
  })

  it('passes a deliberate refusal on as it is, without logging it', async () => {
    const r = await attempt('reviews.close', async () => {
      throw new ProblemError(problem('reviews.errors.alreadyClosed'))
    })
    expect(r).toEqual({ ok: false, error: { key: 'reviews.errors.alreadyClosed' } })
    expect(entries).toEqual([])
  })
})
