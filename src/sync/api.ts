/**
 * The team server's endpoints as typed calls (docs/team-sync.md, "HTTP API"). Calls that need a user go
 * through the session (`authed`: a token that expired meanwhile is refreshed once and the call repeated).
 */
import type { PullResponse, PushChange, PushResponse } from '@/domain/sync/protocol'
import type { Role } from '@/domain/sync/records'
import type { AuthSession, TeamUser } from './auth'
import { SyncError, type SyncErrorCode, type SyncHttp } from './http'

export interface ServerConfig {
  protocol: number
  minProtocol: number
  team: { name: string }
  local: boolean
  oidc: { issuer: string; clientId: string | null } | null
}

/** What a team server (or its proxy) may answer to the configuration request; anything else is not one. */
const TEAM_SERVER_ANSWERS: ReadonlySet<SyncErrorCode> = new Set<SyncErrorCode>([
  'network',
  'bad-response',
  'unavailable',
  'internal',
  'client-outdated',
  'server-outdated',
])

function isServerConfig(v: unknown): v is ServerConfig {
  if (v === null || typeof v !== 'object') return false
  const c = v as Partial<Record<keyof ServerConfig, unknown>>
  const team = c.team as { name?: unknown } | null | undefined
  return (
    typeof c.protocol === 'number' &&
    typeof c.minProtocol === 'number' &&
    typeof team === 'object' &&
    team !== null &&
    typeof team.name === 'string' &&
    typeof c.local === 'boolean' &&
    (c.oidc === null || typeof c.oidc === 'object')
  )
}

export interface TeamDirectory {
  team: { name: string }
  users: { id: string; displayName: string; role: Role }[]
}

export interface AdminUser extends TeamUser {
  disabled: boolean
  sso: boolean
  hasPassword: boolean
  createdAt: number
}

export interface NewUser {
  username: string
  displayName?: string
  role: Role
  password?: string
}

export interface UserPatch {
  displayName?: string
  role?: Role
  disabled?: boolean
  password?: string
  resetPassword?: true
}

export class TeamApi {
  constructor(
    readonly http: SyncHttp,
    readonly auth: AuthSession,
  ) {}

  /**
   * No sign-in needed: checks the address is a team server and what it offers. An address where something
   * else answers (a web site's 404 or 401, JSON that is not a team server's) is `bad-response` ("That address
   * did not answer like a team server"), not "Not found on the server" or "Sign in again".
   */
  async config(signal?: AbortSignal): Promise<ServerConfig> {
    let body: unknown
    try {
      body = await this.http.request<unknown>('GET', '/v1/auth/config', { signal, timeoutMs: 10_000 })
    } catch (e) {
      if (e instanceof SyncError && !TEAM_SERVER_ANSWERS.has(e.code)) throw new SyncError('bad-response', e.message, e.status)
      throw e
    }
    if (!isServerConfig(body)) throw new SyncError('bad-response', 'the answer is not a team server configuration')
    return body
  }

  team(): Promise<TeamDirectory> {
    return this.auth.authed((token) => this.http.request<TeamDirectory>('GET', '/v1/team', { token }))
  }

  pull(since: string, limit: number, signal?: AbortSignal): Promise<PullResponse> {
    const q = `since=${encodeURIComponent(since)}&limit=${limit}`
    return this.auth.authed((token) => this.http.request<PullResponse>('GET', `/v1/pull?${q}`, { token, signal, timeoutMs: 120_000 }))
  }

  push(clientId: string, changes: PushChange[], signal?: AbortSignal): Promise<PushResponse> {
    return this.auth.authed((token) =>
      this.http.request<PushResponse>('POST', '/v1/push', { token, body: { clientId, changes }, signal, timeoutMs: 120_000 }),
    )
  }

  users(): Promise<{ users: AdminUser[] }> {
    return this.auth.authed((token) => this.http.request<{ users: AdminUser[] }>('GET', '/v1/users', { token }))
  }

  createUser(user: NewUser): Promise<{ user: AdminUser; password?: string }> {
    return this.auth.authed((token) =>
      this.http.request<{ user: AdminUser; password?: string }>('POST', '/v1/users', { token, body: user }),
    )
  }

  updateUser(id: string, patch: UserPatch): Promise<{ user: AdminUser; password?: string }> {
    return this.auth.authed((token) =>
      this.http.request<{ user: AdminUser; password?: string }>('PATCH', `/v1/users/${encodeURIComponent(id)}`, { token, body: patch }),
    )
  }
}
