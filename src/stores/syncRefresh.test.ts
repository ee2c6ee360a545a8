import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import en from '@resources/playbook/playbook.en.json'
import zhCN from '@resources/playbook/playbook.zh-CN.json'
import type { getDb as GetDb } from '@/data/db'
import type { ReplicaChange } from '@/sync/observed'
import type { useCalendarStore as UseCalendarStore } from './calendar'
import type { usePlaybookStore as UsePlaybookStore } from './playbook'
import type { useRepliesStore as UseRepliesStore } from './replies'
import type { refreshAfterReplicaChange as Refresh } from './syncRefresh'

// the i18n module reads navigator at import time (Node 20 has none)
vi.stubGlobal('navigator', { languages: ['en-US'], language: 'en-US' })

let s: {
  useCalendarStore: typeof UseCalendarStore
  usePlaybookStore: typeof UsePlaybookStore
  useRepliesStore: typeof UseRepliesStore
  refresh: typeof Refresh
  getDb: typeof GetDb
}

beforeAll(async () => {
  const [{ useCalendarStore }, { usePlaybookStore }, { useRepliesStore }, { refreshAfterReplicaChange }, { getDb }] = await Promise.all([
    import('./calendar'),
    import('./playbook'),
    import('./replies'),
    import('./syncRefresh'),
    import('@/data/db'),
  ])
  s = { useCalendarStore, usePlaybookStore, useRepliesStore, refresh: refreshAfterReplicaChange, getDb }
})

beforeEach(async () => {
  setActivePinia(createPinia())
  const db = s.getDb()
  await Promise.all([db.settings.clear(), db.templates.clear(), db.events.clear()])
})

/** What the engine reports after applying a pulled page (the replica already wrote these records). */
const pulled = (kinds: ReplicaChange['kinds'], settings: string[] = []): ReplicaChange => ({
  kinds,
  settings: new Set(settings),
  notices: false,
})

describe('screens follow pulled team settings (team mode)', () => {
  it('the SLA targets and the business calendar a lead changed are read again', async () => {
    const calendar = s.useCalendarStore()
    await calendar.load()
    const before = calendar.calendar!
    const db = s.getDb()
    await db.settings.put({ key: 'slaSettings', value: { expectedDays: 4, dueDays: 9, atRiskLeadDays: 2 } })
    await db.settings.put({ key: 'businessCalendar', value: { ...before, workingWeekdays: [1, 2, 3, 4] } })

    await s.refresh(pulled(new Set(['setting']), ['slaSettings', 'businessCalendar']))
    expect(calendar.sla).toEqual({ expectedDays: 4, dueDays: 9, atRiskLeadDays: 2 })
    expect(calendar.calendar?.workingWeekdays).toEqual([1, 2, 3, 4])
  })

  it('the playbook files a lead installed are read again (and going back to the bundled playbook too)', async () => {
    const playbook = s.usePlaybookStore()
    await playbook.init()
    expect(playbook.origin).toBe('bundled')
    const custom = JSON.parse(JSON.stringify(en)) as typeof en
    custom.methods[0]!.title = 'Method 1: The team’s title'
    const files = [
      { file: 'playbook.en.json', text: JSON.stringify(custom) },
      { file: 'playbook.zh-CN.json', text: JSON.stringify(zhCN) },
    ]
    await s.getDb().settings.put({ key: 'playbook.files', value: files })

    await s.refresh(pulled(new Set(['setting']), ['playbook.files']))
    expect(playbook.origin).toBe('custom')
    expect(playbook.playbookFor('en')?.methods[0]?.title).toBe('Method 1: The team’s title')

    await s.getDb().settings.delete('playbook.files')
    await s.refresh(pulled(new Set(['setting']), ['playbook.files']))
    expect(playbook.origin).toBe('bundled')
  })

  it('a template a lead edited shows its new title in the loaded list', async () => {
    const replies = s.useRepliesStore()
    expect((await replies.load()).ok).toBe(true)
    const first = replies.templates[0]!
    await s.getDb().templates.update(first.id, { title: { ...first.title, en: 'Edited by the lead' }, version: first.version + 1 })

    await s.refresh(pulled(new Set(['template'])))
    expect(replies.byId.get(first.id)?.title.en).toBe('Edited by the lead')
  })

  it('a change that is not a team setting leaves the calendar alone', async () => {
    const calendar = s.useCalendarStore()
    await calendar.load()
    const index = calendar.index
    await s.refresh(pulled(new Set(['case'])))
    expect(calendar.index).toBe(index)
  })
})
