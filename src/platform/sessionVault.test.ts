import { describe, expect, it, vi } from 'vitest'
import { createBrowserPlatform } from './browser'
import { platformVault } from './sessionVault'
import type { PlatformResult, TeamSession, TeamSessionState } from './types'

const SESSION: TeamSession = {
  refreshToken: 'rt-1',
  refreshTokenExpiresAt: 1_900_000_000_000,
  user: { id: 'u1', username: 'lin', displayName: 'Lin Wei', role: 'agent' },
}

/** The desktop's store as the renderer sees it through the bridge: a file main encrypts. */
function desktopStore(secure = true) {
  let kept: TeamSession | null = null
  let failing = false
  return {
    get kept() {
      return kept
    },
    fail(on: boolean) {
      failing = on
    },
    platform: {
      async loadTeamSession(): Promise<PlatformResult<TeamSessionState>> {
        if (failing) return { ok: false, error: { key: 'errors.ipc.failed', params: { channel: 'team-session:load' } } }
        return { ok: true, value: { secure, session: secure ? kept : null } }
      },
      async saveTeamSession(s: TeamSession | null): Promise<PlatformResult<{ secure: boolean }>> {
        if (failing) return { ok: false, error: { key: 'errors.ipc.failed', params: { channel: 'team-session:save' } } }
        if (secure || s === null) kept = secure ? s : null
        return { ok: true, value: { secure } }
      },
    },
  }
}

describe('platformVault', () => {
  it('desktop: the sign-in survives a restart (a new vault over the same store)', async () => {
    const store = desktopStore()
    const vault = platformVault(store.platform)
    await vault.save(SESSION)
    expect(vault.kind).toBe('secure')
    expect(store.kept).toEqual(SESSION)
    const next = platformVault(store.platform)
    expect(await next.load()).toEqual(SESSION)
    expect(next.kind).toBe('secure')
    await next.save(null)
    expect(store.kept).toBeNull()
  })

  it('picks up a token another window rotated', async () => {
    const store = desktopStore()
    const a = platformVault(store.platform)
    const b = platformVault(store.platform)
    await a.save(SESSION)
    await b.save({ ...SESSION, refreshToken: 'rt-2' })
    expect((await a.load())?.refreshToken).toBe('rt-2')
  })

  it('no secure storage: says memory and keeps the sign-in for this run only', async () => {
    const store = desktopStore(false)
    const vault = platformVault(store.platform)
    await vault.save(SESSION)
    expect(vault.kind).toBe('memory')
    expect(await vault.load()).toEqual(SESSION)
    expect(await platformVault(store.platform).load()).toBeNull()
  })

  it('a failing bridge keeps the sign-in in memory and says memory', async () => {
    const store = desktopStore()
    const vault = platformVault(store.platform)
    store.fail(true)
    await vault.save(SESSION)
    expect(vault.kind).toBe('memory')
    expect(await vault.load()).toEqual(SESSION)
  })

  it('browser mode: memory only, never localStorage', async () => {
    const setItem = vi.fn()
    vi.stubGlobal('localStorage', { setItem, getItem: vi.fn(() => null), removeItem: vi.fn(), key: vi.fn(), length: 0, clear: vi.fn() })
    try {
      const vault = platformVault(createBrowserPlatform())
      await vault.save(SESSION)
      expect(vault.kind).toBe('memory')
      expect(await vault.load()).toEqual(SESSION)
      expect(await platformVault(createBrowserPlatform()).load()).toBeNull()
      expect(setItem).not.toHaveBeenCalled()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
