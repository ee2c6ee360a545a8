import type { Result } from '@/domain/result'
import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import en from '@resources/playbook/playbook.en.json'
import zhCN from '@resources/playbook/playbook.zh-CN.json'
import { emptyDraft, validateDraft } from '@/domain/case/validation'
import type { CaseRecord } from '@/domain/model'
import type { getDb as GetDb } from '@/data/db'
import type { useCasesStore as UseCasesStore } from './cases'
import type { usePlaybookStore as UsePlaybookStore } from './playbook'

/** The value of a store action that must succeed here. */
async function okValue<T>(pending: Promise<Result<T, unknown>>): Promise<T> {
  const r = await pending
  if (!r.ok) throw new Error(`failed: ${JSON.stringify(r.error)}`)
  return r.value
}

// the i18n module reads navigator at import time (Node 20 has none)
vi.stubGlobal('navigator', { languages: ['en-US'], language: 'en-US' })

type Stores = {
  usePlaybookStore: typeof UsePlaybookStore
  useCasesStore: typeof UseCasesStore
  getDb: typeof GetDb
}
let s: Stores

beforeAll(async () => {
  const [{ usePlaybookStore }, { useCasesStore }, { getDb }] = await Promise.all([
    import('./playbook'),
    import('./cases'),
    import('@/data/db'),
  ])
  s = { usePlaybookStore, useCasesStore, getDb }
})

beforeEach(async () => {
  setActivePinia(createPinia())
  const db = s.getDb()
  await Promise.all([db.cases.clear(), db.attempts.clear(), db.events.clear(), db.settings.clear()])
})

async function android360Case(): Promise<CaseRecord> {
  const v = validateDraft({ ...emptyDraft('zh-CN'), uid: '35001234', phoneOs: 'android', blockingApp: '360' })
  if (!v.ok) throw new Error('bad draft')
  return okValue(s.useCasesStore().create(v.value))
}

describe('playbook store', () => {
  it('loads the bundled content in both languages', async () => {
    const store = s.usePlaybookStore()
    await store.init()
    expect(store.origin).toBe('bundled')
    expect(store.issues).toEqual([])
    expect(store.playbookFor('en')?.language).toBe('en')
    expect(store.playbookFor('zh-CN')?.language).toBe('zh-CN')
    expect(store.uiPlaybook?.language).toBe('en')
  })

  it('records changes one after another, keeps them in order and tells the cases store', async () => {
    const store = s.usePlaybookStore()
    const cases = s.useCasesStore()
    await store.init()
    const c = await android360Case()
    const rev = cases.revision
    const [tick, fail] = await Promise.all([
      store.change(c, 'sms-blocking', { type: 'step', stepId: 'find-sender', ticked: true }),
      store.change(c, 'sms-blocking', { type: 'outcome', status: 'failed', note: 'nothing in the 360 blocked list' }),
    ])
    expect(tick.ok && tick.value?.attempt).toMatchObject({ status: 'suggested', steps: ['find-sender'], variantId: 'android-360' })
    expect(fail.ok && fail.value?.attempt).toMatchObject({
      status: 'failed',
      steps: ['find-sender'],
      note: 'nothing in the 360 blocked list',
    })
    expect(cases.revision).toBe(rev + 2)
    expect(store.attemptsOf(c.id ?? -1).map((r) => r.status)).toEqual(['suggested', 'failed'])
    // what is stored matches what the store holds
    expect((await store.loadAttempts(c.id ?? -1)).map((r) => r.status)).toEqual(['suggested', 'failed'])
  })

  it('marking a method resolved resolves the case', async () => {
    const store = s.usePlaybookStore()
    await store.init()
    const c = await android360Case()
    const r = await store.change(c, 'carrier-sms', { type: 'outcome', status: 'resolved' })
    expect(r.ok && r.value?.caseRecord).toMatchObject({ status: 'resolved', resolvedBy: 'carrier-sms' })
    expect(await okValue(s.useCasesStore().get(c.id ?? -1))).toMatchObject({ status: 'resolved', resolvedBy: 'carrier-sms' })
  })

  it('refuses an unknown step and writes nothing for a no-op', async () => {
    const store = s.usePlaybookStore()
    await store.init()
    const c = await android360Case()
    expect(await store.change(c, 'sms-blocking', { type: 'step', stepId: 'check-filter-setting', ticked: true })).toEqual({
      ok: false,
      error: { key: 'playbook.error.unknown-step', params: { step: 'check-filter-setting' } },
    })
    expect(await store.change(c, 'sms-blocking', { type: 'outcome', status: 'not-tried' })).toEqual({ ok: true, value: null })
    expect(await s.getDb().attempts.count()).toBe(0)
  })

  it('installs valid custom files, and keeps the last good content when files are broken', async () => {
    const store = s.usePlaybookStore()
    await store.init()
    const custom = JSON.parse(JSON.stringify(en)) as typeof en
    custom.methods[0]!.title = 'Method 1: Custom title'
    const good = [
      { file: 'playbook.en.json', text: JSON.stringify(custom) },
      { file: 'playbook.zh-CN.json', text: JSON.stringify(zhCN) },
    ]
    expect(await store.installFiles(good)).toBe(true)
    expect(store.origin).toBe('custom')
    expect(store.playbookFor('en')?.methods[0]?.title).toBe('Method 1: Custom title')

    expect(store.installed).toMatchObject({ version: custom.version, agent: 'Agent' })
    const installedAt = store.installed?.at

    expect(await store.installFiles([good[0]!, { file: 'playbook.zh-CN.json', text: '{' }])).toBe(false)
    expect(store.refused[0]).toMatchObject({ file: 'playbook.zh-CN.json', field: '(file)' })
    // a refusal changes nothing else: content, origin, start-up issues, install record
    expect(store.issues).toEqual([])
    expect(store.origin).toBe('custom')
    expect(store.installed?.at).toBe(installedAt)
    expect(store.playbookFor('en')?.methods[0]?.title).toBe('Method 1: Custom title')

    // a new session starts from the saved custom files
    setActivePinia(createPinia())
    const again = s.usePlaybookStore()
    await again.init()
    expect(again.origin).toBe('custom')
    expect(again.installed?.at).toBe(installedAt)
    expect(again.playbookFor('en')?.methods[0]?.title).toBe('Method 1: Custom title')
    await again.useBundled()
    expect(again.origin).toBe('bundled')
    expect(again.installed).toBeNull()
    expect(again.playbookFor('en')?.methods[0]?.title).not.toBe('Method 1: Custom title')

    // each change is in the audit log
    const events = await s.getDb().events.toArray()
    expect(events.map((e) => `${e.entity}:${e.entityId}:${e.action}`)).toEqual([
      'settings:playbook.files:installed',
      'settings:playbook.files:reset',
    ])
    expect(events[0]?.changes).toContainEqual({ field: 'content', from: 'bundled', to: 'custom' })

    // and the next session starts from the bundled content again
    setActivePinia(createPinia())
    const third = s.usePlaybookStore()
    await third.init()
    expect(third).toMatchObject({ origin: 'bundled', installed: null, issues: [] })
  })

  it('refuses files that could not be kept, without reading them as content', async () => {
    const store = s.usePlaybookStore()
    await store.init()
    const many = Array.from({ length: 11 }, (_, i) => ({ file: `playbook.${i}.json`, text: '{}' }))
    expect(await store.installFiles(many)).toBe(false)
    expect(store.refused).toHaveLength(1)
    expect(store.origin).toBe('bundled')
    expect(await s.getDb().settings.get('playbook.files')).toBeUndefined()
  })

  it('reports unreadable saved files and uses the bundled content', async () => {
    await s.getDb().settings.put({ key: 'playbook.files', value: 'garbage' })
    const store = s.usePlaybookStore()
    await store.init()
    expect(store.origin).toBe('bundled')
    expect(store.issues).toHaveLength(1)
    expect(store.playbookFor('en')).not.toBeNull()
  })
})
