import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '@/domain/sync/records'
import type { useSyncStore as UseSyncStore } from './sync'

// the i18n module reads navigator at import time (Node 20 has none)
vi.stubGlobal('navigator', { languages: ['en-US'], language: 'en-US' })

let useSyncStore: typeof UseSyncStore
beforeAll(async () => {
  ;({ useSyncStore } = await import('./sync'))
})
beforeEach(() => setActivePinia(createPinia()))

function store(opts: { joined: boolean; role: Role | null }) {
  const sync = useSyncStore()
  sync.config = { serverUrl: opts.joined ? 'https://sync.example.com' : '', joined: opts.joined, clientId: 'c1', teamName: 'T' }
  sync.user = opts.role ? { id: 'u1', username: 'u', displayName: 'U', role: opts.role } : null
  return sync
}

describe('team settings are a lead’s or admin’s in team mode', () => {
  it('an agent in team mode reads templates, calendar, SLA targets and playbook; cannot change them', () => {
    expect(store({ joined: true, role: 'agent' }).teamSettingsReadOnly).toBe(true)
  })

  it('leads and admins change them', () => {
    expect(store({ joined: true, role: 'lead' }).teamSettingsReadOnly).toBe(false)
    expect(store({ joined: true, role: 'admin' }).teamSettingsReadOnly).toBe(false)
  })

  it('solo: everything stays editable, signed in or not', () => {
    expect(store({ joined: false, role: null }).teamSettingsReadOnly).toBe(false)
    expect(store({ joined: false, role: 'agent' }).teamSettingsReadOnly).toBe(false)
  })

  it('joined but signed out: read-only until a lead or admin signs in (the server would refuse an unknown role)', () => {
    expect(store({ joined: true, role: null }).teamSettingsReadOnly).toBe(true)
  })
})
