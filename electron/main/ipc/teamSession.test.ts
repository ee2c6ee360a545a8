import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import type { IpcResult, TeamSession } from '../../shared/contract'

// the real electron package would try to download its binary; security.ts only needs shell
vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }))

const { createTeamSessionStore, registerTeamSessionIpc } = await import('./teamSession')

/** safeStorage as the OS would do it: bytes that do not show the text, bound to this "user's" key. */
class FakeSafeStorage {
  available = true
  backend = 'gnome_libsecret'
  key = 7
  reEncrypt = false
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available
  }
  getSelectedStorageBackend(): string {
    return this.backend
  }
  async encryptStringAsync(text: string): Promise<Buffer> {
    if (!this.available) throw new Error('Encryption is not available.')
    return Buffer.concat([Buffer.from([this.key]), Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ this.key))])
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    if (encrypted[0] !== this.key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return { result: Buffer.from(encrypted.subarray(1).map((b) => b ^ this.key)).toString('utf8'), shouldReEncrypt: this.reEncrypt }
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'team-session-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
let n = 0
let file = ''
let safe = new FakeSafeStorage()
beforeEach(() => {
  file = path.join(dir, `team-session-${++n}.bin`)
  safe = new FakeSafeStorage()
})

const SESSION: TeamSession = {
  refreshToken: 'rt-secret-0123456789abcdef',
  refreshTokenExpiresAt: 1_900_000_000_000,
  user: { id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', username: 'lin', displayName: 'Lin Wei', role: 'lead' },
}

describe('team session store (safeStorage)', () => {
  it('keeps the sign-in encrypted in a file only its owner can read, and gives it back', async () => {
    const store = createTeamSessionStore(file, safe, 'linux')
    expect(await store.load()).toEqual({ secure: true, session: null })
    expect(await store.save(SESSION)).toEqual({ secure: true })
    const bytes = fs.readFileSync(file)
    expect(bytes.toString('utf8')).not.toContain('rt-secret')
    expect(bytes.toString('latin1')).not.toContain('rt-secret')
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    // a new run (a new store over the same file) finds it
    expect(await createTeamSessionStore(file, safe, 'linux').load()).toEqual({ secure: true, session: SESSION })
  })

  it('forgets it: signing out removes the file', async () => {
    const store = createTeamSessionStore(file, safe, 'darwin')
    await store.save(SESSION)
    expect(await store.save(null)).toEqual({ secure: true })
    expect(fs.existsSync(file)).toBe(false)
    expect(await store.load()).toEqual({ secure: true, session: null })
  })

  it('writes nothing where the system has no secure storage, and says so', async () => {
    safe.available = false
    const store = createTeamSessionStore(file, safe, 'win32')
    expect(await store.save(SESSION)).toEqual({ secure: false })
    expect(fs.existsSync(file)).toBe(false)
    expect(await store.load()).toEqual({ secure: false, session: null })
  })

  it("counts Linux's basic_text (a key built into Chromium) as no secure storage", async () => {
    safe.backend = 'basic_text'
    const store = createTeamSessionStore(file, safe, 'linux')
    expect(await store.save(SESSION)).toEqual({ secure: false })
    expect(fs.existsSync(file)).toBe(false)
    // the same backend name means nothing on other systems
    expect(await createTeamSessionStore(file, safe, 'darwin').save(SESSION)).toEqual({ secure: true })
  })

  it('a file it cannot decrypt (another key) or parse is removed and counts as no sign-in', async () => {
    await createTeamSessionStore(file, safe, 'linux').save(SESSION)
    safe.key = 9
    expect(await createTeamSessionStore(file, safe, 'linux').load()).toEqual({ secure: true, session: null })
    expect(fs.existsSync(file)).toBe(false)

    fs.writeFileSync(file, await safe.encryptStringAsync(JSON.stringify({ ...SESSION, user: { ...SESSION.user, role: 'root' } })))
    expect(await createTeamSessionStore(file, safe, 'linux').load()).toEqual({ secure: true, session: null })
    expect(fs.existsSync(file)).toBe(false)
  })

  it('re-encrypts under a rotated key when safeStorage asks', async () => {
    await createTeamSessionStore(file, safe, 'linux').save(SESSION)
    const before = fs.readFileSync(file)
    safe.reEncrypt = true
    const encrypt = vi.spyOn(safe, 'encryptStringAsync')
    expect((await createTeamSessionStore(file, safe, 'linux').load()).session).toEqual(SESSION)
    expect(encrypt).toHaveBeenCalledTimes(1)
    expect(fs.readFileSync(file).equals(before)).toBe(true) // same fake key: same bytes, rewritten
  })
})

describe('team-session IPC', () => {
  type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>
  const handlers = new Map<string, Listener>()
  const from = (url: string): IpcMainInvokeEvent => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent
  const app = from('app://console/index.html#/settings')

  beforeEach(() => {
    handlers.clear()
    registerTeamSessionIpc(
      { handle: (channel, listener) => void handlers.set(channel, listener as Listener) },
      createTeamSessionStore(file, safe, 'linux'),
      ['app://console'],
    )
  })
  const call = (event: IpcMainInvokeEvent, channel: string, ...args: unknown[]) => handlers.get(channel)!(event, ...args)

  it('saves and loads through the envelope', async () => {
    expect(await call(app, 'team-session:save', SESSION)).toEqual({ ok: true, value: { secure: true } })
    expect(await call(app, 'team-session:load')).toEqual({ ok: true, value: { secure: true, session: SESSION } })
  })

  it('refuses another origin: nothing read, nothing written', async () => {
    await call(app, 'team-session:save', SESSION)
    const evil = from('https://evil.example/')
    expect(await call(evil, 'team-session:load')).toEqual({
      ok: false,
      error: { key: 'errors.ipc.refused', params: { channel: 'team-session:load' } },
    })
    expect((await call(evil, 'team-session:save', null)).ok).toBe(false)
    expect(fs.existsSync(file)).toBe(true)
  })

  it.each([
    ['an unknown field', { ...SESSION, accessToken: 'x' }],
    ['an unknown role', { ...SESSION, user: { ...SESSION.user, role: 'root' } }],
    ['no token', { ...SESSION, refreshToken: '' }],
    ['a string', 'rt-secret'],
  ])('refuses %s and writes nothing', async (_label, arg) => {
    const result = await call(app, 'team-session:save', arg)
    expect(result).toMatchObject({ ok: false, error: { key: 'errors.ipc.invalidArguments' } })
    expect(fs.existsSync(file)).toBe(false)
  })

  it('an encryption failure comes back as a refusal in words, not a throw', async () => {
    safe.encryptStringAsync = async () => {
      throw new Error('Encryption failed')
    }
    expect(await call(app, 'team-session:save', SESSION)).toMatchObject({ ok: false, error: { key: 'errors.ipc.failed' } })
    expect(fs.existsSync(file)).toBe(false)
  })
})
