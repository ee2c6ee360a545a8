import { ProblemError } from '@/domain/result'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConsoleDb } from './db'
import { eventsForCase } from './events'
import { logReply, repliesForCase } from './replies'
import { testDb } from '@test/db'

let db: ConsoleDb
afterEach(() => db?.close())

const input = (caseId: number, text = 'Hello') => ({ caseId, templateId: 'greeting', templateVersion: 3, language: 'en' as const, text })

describe('logReply', () => {
  it('keeps the reply on the case with a "sent" event, together', async () => {
    db = testDb()
    const r = await logReply(db, input(7, 'Hi <b>there</b>'), { now: 5000, agent: 'Lin' })
    expect(r).toMatchObject({
      id: expect.any(Number),
      caseId: 7,
      templateId: 'greeting',
      templateVersion: 3,
      language: 'en',
      text: 'Hi <b>there</b>',
      sentAt: 5000,
      agent: 'Lin',
      promised: null,
      reviewId: null,
    })
    expect(await db.replies.get(r.id!)).toEqual(r)
    expect(await eventsForCase(db, 7)).toMatchObject([
      { entity: 'reply', entityId: String(r.id), action: 'sent', caseId: 7, agent: 'Lin', at: 5000, note: 'greeting v3 (en)' },
    ])
  })

  it('free text has no template version', async () => {
    db = testDb()
    const r = await logReply(db, { ...input(1), templateId: null, templateVersion: 4 }, { now: 1, agent: 'Lin' })
    expect(r).toMatchObject({ templateId: null, templateVersion: null })
  })

  it('stores nothing when the event cannot be written', async () => {
    db = testDb()
    db.events.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError')
    })
    const err = await logReply(db, input(1), { now: 1, agent: 'Lin' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProblemError)
    expect(await db.replies.count()).toBe(0)
  })
})

describe('repliesForCase', () => {
  it("lists one case's replies, newest first", async () => {
    db = testDb()
    await logReply(db, input(1, 'first'), { now: 1000, agent: 'A' })
    await logReply(db, input(2, 'other case'), { now: 1500, agent: 'A' })
    await logReply(db, input(1, 'second'), { now: 2000, agent: 'B' })
    await logReply(db, input(1, 'same time'), { now: 2000, agent: 'B' })
    expect((await repliesForCase(db, 1)).map((r) => r.text)).toEqual(['same time', 'second', 'first'])
    expect(await repliesForCase(db, 3)).toEqual([])
  })
})
