import fs from 'node:fs/promises'
import type { TeamSession, TeamSessionState } from '../../shared/contract'
import { mainLog } from '../log'
import { writeFileAtomic } from './atomic'
import { register, type IpcMainLike } from './register'
import { teamSessionSchema } from './schemas'

/** The part of Electron's safeStorage this uses (the asynchronous API; the synchronous one is deprecated). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>
  encryptStringAsync(plainText: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
  getSelectedStorageBackend?(): string
}

export interface TeamSessionStore {
  load(): Promise<TeamSessionState>
  save(session: TeamSession | null): Promise<{ secure: boolean }>
}

/**
 * The team sign-in (refresh token) kept between runs, encrypted with the system's key (Keychain, DPAPI,
 * libsecret/kwallet) in one file under user data, readable by its owner only. Where the system offers no
 * secure storage — including Linux's `basic_text`, which encrypts with a key built into Chromium — nothing
 * is written: the renderer keeps the sign-in in memory and says so. A file that cannot be decrypted or
 * does not parse (another user's, a changed key, damage) is removed and counts as no sign-in.
 */
export function createTeamSessionStore(
  file: string,
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): TeamSessionStore {
  let available: Promise<boolean> | null = null
  const secure = (): Promise<boolean> => {
    available ??= (async () => {
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return false
      try {
        return await safeStorage.isAsyncEncryptionAvailable()
      } catch (err) {
        mainLog.warn('team-session.unavailable', err)
        return false
      }
    })()
    return available
  }

  const forget = (): Promise<void> => fs.rm(file, { force: true })

  const write = async (session: TeamSession): Promise<void> => {
    const bytes = await safeStorage.encryptStringAsync(JSON.stringify(session))
    await writeFileAtomic(file, { kind: 'bytes', bytes: new Uint8Array(bytes) }, 0o600)
  }

  return {
    async load() {
      if (!(await secure())) return { secure: false, session: null }
      let encrypted: Buffer
      try {
        encrypted = await fs.readFile(file)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { secure: true, session: null }
        throw err
      }
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted)
        const session = teamSessionSchema.parse(JSON.parse(result))
        if (shouldReEncrypt) await write(session) // the key rotated: keep it under the new one
        return { secure: true, session }
      } catch (err) {
        // never the token itself: only that the file was unusable
        mainLog.warn('team-session.unreadable', err instanceof Error ? new Error(err.name) : undefined)
        await forget()
        return { secure: true, session: null }
      }
    },
    async save(session) {
      if (session === null) {
        await forget() // forgetting works even where nothing could be kept
        return { secure: await secure() }
      }
      if (!(await secure())) return { secure: false }
      await write(session)
      return { secure: true }
    },
  }
}

/** The two team-session messages; the store decides where (and whether) the sign-in is kept. */
export function registerTeamSessionIpc(ipc: IpcMainLike, store: TeamSessionStore, origins: readonly string[]): void {
  register(ipc, 'team-session:load', () => store.load(), origins)
  register(ipc, 'team-session:save', (_event, session) => store.save(session), origins)
}
