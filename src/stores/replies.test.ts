import type { Result } from '@/domain/result'
import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_TEMPLATES, searchTemplates } from '@/domain/replies'
import type { ReviewRecord } from '@/domain/model'
import type { getDb as GetDb } from '@/data/db'
import type { useRepliesStore as UseRepliesStore } from './replies'

/** The value of a store action that must succeed here. */
async function okValue<T>(pending: Promise<Result<T, unknown>>): Promise<T> {
  const r = await pending
  if (!r.ok) throw new Error(`failed: ${JSON.stringify(r.error)}`)
  return r.value
}

// the i18n module (via the settings store) reads navigator at import time (Node 20 has none)
vi.stubGlobal('navigator', { languages: ['en-US'], language: 'en-US' })

let useRepliesStore: typeof UseRepliesStore
let getDb: typeof GetDb

beforeAll(async () => {
  ;({ useRepliesStore } = await import('./replies'))
  ;({ getDb } = await import('@/data/db'))
})

beforeEach(async () => {
  setActivePinia(createPinia())
  const db = getDb()
  await Promise.all([
    db.templates.clear(),
    db.templateVersions.clear(),
    db.events.clear(),
    db.replies.clear(),
    db.attempts.clear(),
    db.reviews.clear(),
  ])
})

const review = (caseId: number, state: 'open' | 'closed'): ReviewRecord => ({
  caseId,
  state,
  registeredContact: '',
  uid: '1',
  description: '',
  methodsTried: [],
  identityRequested: false,
  identityReceived: false,
  reference: '',
  submittedAt: 1,
  pauses: [],
  outcome: null,
  closedAt: null,
  alerted: { atRisk: null, overdue: null },
  agent: 'A',
  createdAt: 1,
  updatedAt: 1,
})

describe('replies store', () => {
  it('loads once, seeding the defaults on first run, in library order', async () => {
    const store = useRepliesStore()
    await Promise.all([store.load(), store.load()])
    expect(store.loaded).toBe(true)
    expect(store.templates.map((t) => t.id)).toEqual(DEFAULT_TEMPLATES.map((t) => t.id))
    expect((await getDb().events.toArray()).map((e) => e.action)).toEqual(['seeded'])
    // a new store (app restart) finds them and seeds nothing
    setActivePinia(createPinia())
    await useRepliesStore().load()
    expect(await getDb().templates.count()).toBe(DEFAULT_TEMPLATES.length)
    expect(await getDb().events.count()).toBe(1)
  })

  it('rebuilds the quick index after a change', async () => {
    const store = useRepliesStore()
    await store.load()
    const find = (q: string) => searchTemplates(store.quickIndex, q, { language: 'en' }).map((r) => r.template.id)
    expect(find('/thanks')).toEqual([])
    const before = store.revision
    const r = await store.update('closing', { shortcut: 'thanks' })
    expect(r.ok).toBe(true)
    expect(store.revision).toBe(before + 1)
    expect(find('/thanks')[0]).toBe('closing')
    expect(store.byId.get('closing')?.version).toBe(2)

    await store.setEnabled('closing', false)
    expect(find('/thanks')).toEqual([])
  })

  it('a refused write leaves the loaded library as it was', async () => {
    const store = useRepliesStore()
    await store.load()
    const before = store.templates
    const r = await store.update('closing', { body: { en: '{% if x %}', 'zh-CN': 'x' } })
    expect(r.ok).toBe(false)
    expect(store.templates).toBe(before)
    const imported = await store.importFile('[]')
    expect(imported).toMatchObject({ ok: false, error: { key: 'replies.import.empty' } })
  })

  it('logs sent replies and lists them per case', async () => {
    const store = useRepliesStore()
    const sent = await okValue(store.send({ caseId: 3, templateId: 'greeting', templateVersion: 1, language: 'zh-CN', text: '您好' }))
    expect(store.sentRevision).toBe(1)
    expect(sent).toMatchObject({ caseId: 3, agent: 'Agent', language: 'zh-CN' })
    expect((await okValue(store.sentFor(3))).map((r) => r.text)).toEqual(['您好'])
    expect(await okValue(store.sentFor(4))).toEqual([])
  })

  it("reads a case's attempts through one small function", async () => {
    const db = getDb()
    await db.attempts.bulkAdd([
      { caseId: 1, methodId: 'sms-blocking', status: 'failed', variantId: null, steps: [], note: '', at: 1, agent: 'A' },
      { caseId: 2, methodId: 'carrier-sms', status: 'failed', variantId: null, steps: [], note: '', at: 1, agent: 'A' },
    ])
    expect((await okValue(useRepliesStore().attemptsFor(1))).map((a) => a.methodId)).toEqual(['sms-blocking'])
    expect((await okValue(useRepliesStore().attemptsFor(2))).map((a) => a.methodId)).toEqual(['carrier-sms'])
  })

  it("states an open review's business-day dates in the reply's language, and none without one", async () => {
    const store = useRepliesStore()
    expect(await okValue(store.reviewDatesForCase(1, 'en'))).toBeNull()
    // Friday 13 February 2026, 16:00 Asia/Shanghai, mainland China calendar (the example)
    await getDb().reviews.add({ ...review(1, 'open'), submittedAt: Date.UTC(2026, 1, 13, 8) })
    await getDb().reviews.add(review(2, 'closed'))
    const promise = await okValue(store.reviewPromiseForCase(1, 'en'))
    expect(promise?.promised).toEqual({ submitted: '2026-02-13', expectedFrom: '2026-02-25', dueBy: '2026-03-02' })
    expect(promise?.dates.expectedFrom).toContain('25 February 2026')
    expect((await okValue(store.reviewDatesForCase(1, 'zh-CN')))?.dueBy).toContain('2026年3月2日')
    expect(await okValue(store.reviewDatesForCase(2, 'zh-CN'))).toBeNull()
  })
})
