/**
 * Signing in to the team server (docs/team-sync.md, "HTTP API"): a token pair from a password or an OIDC ID
 * token; the short-lived access token in memory; the refresh token in a `TokenVault` (Electron's
 * safeStorage through src/platform in the desktop app, memory only in browser mode). Refresh tokens rotate
 * and a second use of one revokes the whole sign-in, so refreshing is single-flight: one refresh at a time
 * per stored token (across windows too, with a Web Lock), the others wait for its result.
 */
import type { Role } from '@/domain/sync/records'
import { SIGN_IN_AGAIN, SyncError, isSyncError, type SyncHttp } from './http'

export interface TeamUser {
  id: string
  username: string
  displayName: string
  role: Role
}

export interface TokenPair {
  accessToken: string
  accessTokenExpiresAt: number
  refreshToken: string
  refreshTokenExpiresAt: number
  user: TeamUser
}

/** Where the refresh token is kept between runs. */
export interface TokenVault {
  /** Where it is kept: `secure` (encrypted by the OS), `memory` (gone on reload). */
  readonly kind: 'secure' | 'memory'
  load(): Promise<StoredSession | null>
  save(session: StoredSession | null): Promise<void>
}

export interface StoredSession {
  refreshToken: string
  refreshTokenExpiresAt: number
  user: TeamUser
}

export function memoryVault(): TokenVault {
  let held: StoredSession | null = null
  return {
    kind: 'memory',
    load: async () => held,
    save: async (s) => {
      held = s
    },
  }
}

/** Refresh this long before the access token expires, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 60_000
const LOCK_NAME = 'vcc-team-refresh'

type LockManagerLike = { request<T>(name: string, cb: () => Promise<T>): Promise<T> }

function locks(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator
  return nav?.locks ?? null
}

export class AuthSession {
  private access: { token: string; expiresAt: number } | null = null
  private session: StoredSession | null = null
  private refreshing: Promise<string> | null = null
  private readonly listeners = new Set<(user: TeamUser | null) => void>()

  constructor(
    private readonly http: SyncHttp,
    private readonly vault: TokenVault,
    /** Server-corrected time. */
    private readonly now: () => number,
  ) {}

  get user(): TeamUser | null {
    return this.session?.user ?? null
  }

  /** Whether a session is held (it may still turn out to be expired or revoked when used). */
  get signedIn(): boolean {
    return this.session !== null && this.session.refreshTokenExpiresAt > this.now()
  }

  get vaultKind(): TokenVault['kind'] {
    return this.vault.kind
  }

  onChange(listener: (user: TeamUser | null) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(): void {
    for (const l of this.listeners) l(this.user)
  }

  private async adopt(pair: TokenPair): Promise<TeamUser> {
    this.access = { token: pair.accessToken, expiresAt: pair.accessTokenExpiresAt }
    this.session = { refreshToken: pair.refreshToken, refreshTokenExpiresAt: pair.refreshTokenExpiresAt, user: pair.user }
    await this.vault.save(this.session)
    this.emit()
    return pair.user
  }

  /** Picks up a session kept from an earlier run (desktop); no network. */
  async resume(): Promise<TeamUser | null> {
    const kept = await this.vault.load()
    if (kept && kept.refreshTokenExpiresAt > this.now()) {
      this.session = kept
      this.emit()
    }
    return this.user
  }

  async login(username: string, password: string): Promise<TeamUser> {
    return this.adopt(await this.http.request<TokenPair>('POST', '/v1/auth/login', { body: { username, password } }))
  }

  async loginWithIdToken(idToken: string): Promise<TeamUser> {
    return this.adopt(await this.http.request<TokenPair>('POST', '/v1/auth/oidc', { body: { idToken } }))
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    const pair = await this.authed((token) =>
      this.http.request<TokenPair>('POST', '/v1/auth/password', { body: { currentPassword, newPassword }, token }),
    )
    await this.adopt(pair)
  }

  /** Ends the sign-in on the server (best effort) and forgets it here. */
  async logout(): Promise<void> {
    const s = this.session
    await this.forget()
    if (s)
      await this.http
        .request('POST', '/v1/auth/logout', { body: { refreshToken: s.refreshToken }, timeoutMs: 5_000 })
        .catch(() => undefined)
  }

  /** Forgets the session here only (it is already dead on the server, or the agent left the team). */
  async forget(): Promise<void> {
    this.access = null
    this.session = null
    await this.vault.save(null)
    this.emit()
  }

  /** A valid access token, refreshing first when it is missing or about to expire. */
  async accessToken(): Promise<string> {
    if (this.access && this.access.expiresAt - REFRESH_MARGIN_MS > this.now()) return this.access.token
    return this.refresh()
  }

  /** A new token pair from the refresh token; single-flight. A refusal that needs a new sign-in forgets the session. */
  refresh(): Promise<string> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  private async refreshOnce(): Promise<string> {
    const run = async (): Promise<string> => {
      // another window may have rotated the token meanwhile: the vault holds the current one
      const kept = (await this.vault.load()) ?? this.session
      if (kept && kept.refreshToken !== this.session?.refreshToken) this.session = kept
      if (!this.session || this.session.refreshTokenExpiresAt <= this.now()) {
        if (this.session) await this.forget()
        throw new SyncError('refresh-token-expired', 'The sign-in has expired: sign in again.', 401)
      }
      try {
        const pair = await this.http.request<TokenPair>('POST', '/v1/auth/refresh', { body: { refreshToken: this.session.refreshToken } })
        await this.adopt(pair)
        return pair.accessToken
      } catch (e) {
        if (isSyncError(e, ...SIGN_IN_AGAIN)) await this.forget()
        throw e
      }
    }
    const lm = locks()
    return lm ? lm.request(LOCK_NAME, run) : run()
  }

  /**
   * Runs `fn` with a valid access token; when the server says the token expired (or is not valid any
   * more, e.g. the signing key changed) it refreshes once and tries again.
   */
  async authed<T>(fn: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken()
    try {
      return await fn(token)
    } catch (e) {
      if (!isSyncError(e, 'token-expired', 'invalid-token')) throw e
      if (this.access?.token === token) this.access = null
      return fn(await this.accessToken())
    }
  }
}
