import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useIntakeStore } from './intake'

beforeEach(() => setActivePinia(createPinia()))

describe('intake store', () => {
  it('reads a chat with the bundled words', () => {
    const store = useIntakeStore()
    const r = store.extract('UID 35001234，移动，收不到')
    expect(r?.proposals.map((p) => p.id)).toEqual(['uid:35001234', 'symptom:not-received', 'carrier:china-mobile', 'language:zh-CN'])
    expect(store.problem).toBeNull()
  })

  it('hands a chat over once, in memory only', () => {
    const store = useIntakeStore()
    expect(store.takeHandedOver()).toBeNull()
    store.handOver('我的UID是35001234')
    expect(store.handedOver).toBe('我的UID是35001234')
    expect(store.takeHandedOver()).toBe('我的UID是35001234')
    expect(store.takeHandedOver()).toBeNull()
  })
})
