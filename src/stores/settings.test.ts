/**
 * The settings store's saves on fake-indexeddb: changes made in quick succession (Settings → Desktop app:
 * "Use Ctrl+Shift+K" then "Turn off" at once) all apply and are saved in the order they were made; a failed
 * save puts the old value back only when nothing newer was changed meanwhile.
 */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getDb } from '@/data/db'
import { readSetting } from '@/data/settings'
import { useSettingsStore } from './settings'

beforeEach(async () => {
  setActivePinia(createPinia())
  await getDb().settings.clear()
})
afterEach(() => vi.restoreAllMocks())

describe('settings store', () => {
  it('applies and saves overlapping changes in order; the last one is what is shown and stored', async () => {
    const settings = useSettingsStore()
    await settings.load()
    const first = settings.update({ globalShortcut: 'Ctrl+Shift+K' })
    const second = settings.update({ globalShortcut: '' })
    const third = settings.update({ theme: 'dark' })
    expect(settings.prefs.globalShortcut).toBe('')
    const results = await Promise.all([first, second, third])
    expect(results.map((r) => r.ok)).toEqual([true, true, true])
    expect(settings.prefs).toMatchObject({ globalShortcut: '', theme: 'dark' })
    expect(await readSetting(getDb(), 'prefs')).toMatchObject({ globalShortcut: '', theme: 'dark' })

    // a fresh start reads what was saved last
    setActivePinia(createPinia())
    const again = useSettingsStore()
    await again.load()
    expect(again.prefs).toMatchObject({ globalShortcut: '', theme: 'dark' })
  })

  it('two windows: a change in one keeps what the other changed meanwhile', async () => {
    const a = useSettingsStore()
    await a.load()
    setActivePinia(createPinia())
    const b = useSettingsStore()
    await b.load()
    expect((await a.update({ agentName: 'Lin Mei' })).ok).toBe(true)
    // window B, loaded before, opens the case list's filters: the agent name stays
    expect((await b.update({ caseFiltersOpen: true })).ok).toBe(true)
    expect(await readSetting(getDb(), 'prefs')).toMatchObject({ agentName: 'Lin Mei', caseFiltersOpen: true })
  })

  it('a failed save puts the old value back, but never undoes a newer change', async () => {
    const settings = useSettingsStore()
    await settings.load()
    const put = vi.spyOn(getDb().settings, 'put')

    put.mockRejectedValueOnce(new Error('QuotaExceededError'))
    const failed = await settings.update({ theme: 'dark' })
    expect(failed.ok).toBe(false)
    expect(settings.prefs.theme).toBe('auto')

    put.mockRejectedValueOnce(new Error('QuotaExceededError'))
    const refused = settings.update({ theme: 'light' })
    const newer = settings.update({ closeToTray: true })
    expect((await refused).ok).toBe(false)
    expect((await newer).ok).toBe(true)
    // the newer save wrote everything the agent sees, the light theme included
    expect(settings.prefs).toMatchObject({ theme: 'light', closeToTray: true })
    put.mockRestore()
    expect(await readSetting(getDb(), 'prefs')).toMatchObject({ theme: 'light', closeToTray: true })
  })
})
