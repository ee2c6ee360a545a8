import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { setPlatform, type Platform, type PlatformResult, type SaveOutcome } from '@/platform'
import { useSupportLogStore } from './supportLog'

function fakePlatform(answer: PlatformResult<SaveOutcome>, location: string | Error) {
  const names: string[] = []
  const platform = {
    kind: 'electron',
    logLocation: async () => {
      if (location instanceof Error) throw location
      return location
    },
    exportLog: async (name: string) => {
      names.push(name)
      return answer
    },
  } as unknown as Platform
  return { platform, names }
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => setPlatform(null))

describe('support log store', () => {
  it('knows where the desktop writes the log', async () => {
    setPlatform(fakePlatform({ ok: true, value: { saved: false } }, '/home/lin/.config/console/logs/console.log').platform)
    const store = useSupportLogStore()
    await store.load()
    expect(store.location).toBe('/home/lin/.config/console/logs/console.log')
  })

  it('has no location when the desktop cannot say', async () => {
    setPlatform(fakePlatform({ ok: true, value: { saved: false } }, new Error('bridge gone')).platform)
    const store = useSupportLogStore()
    await store.load()
    expect(store.location).toBeNull()
  })

  it("exports under a dated name and answers the platform's result", async () => {
    const saved = { ok: true as const, value: { saved: true as const, where: '/tmp/log.txt' } }
    const fake = fakePlatform(saved, '/x')
    setPlatform(fake.platform)
    expect(await useSupportLogStore().exportLog()).toEqual(saved)
    expect(fake.names).toHaveLength(1)
    expect(fake.names[0]).toMatch(/^console-log-\d{4}-\d{2}-\d{2}\.txt$/)
  })

  it('passes a refusal on', async () => {
    const refused = { ok: false as const, error: { key: 'errors.platform.saveFailed', params: { detail: 'EACCES' } } }
    setPlatform(fakePlatform(refused, '/x').platform)
    expect(await useSupportLogStore().exportLog()).toEqual(refused)
  })
})
