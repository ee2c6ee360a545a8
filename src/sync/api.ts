/**
 * The team server's endpoints as typed calls (docs/team-sync.md, "HTTP API"). Calls that need a user go
 * through the session (`authed`: a token that expired meanwhile is refreshed once and the call repeated).
 */
import type { PullResponse, PushChange, PushResponse } from '@/domain/sync/protocol'
import type { Role } from '@/domain/sync/records'
import type { AuthSession, TeamUser } from './auth'
import type { SyncHttp } from './http'

export interface ServerConfig {
  protocol: number
  minProtocol: number
  team: { name: string }
  local: boolean
  oidc: { issuer: string; clientId: string | null } | null
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

  /** No sign-in needed: checks the address is a team server and what it offers. */
  config(signal?: AbortSignal): Promise<ServerConfig> {
    return this.http.request<ServerConfig>('GET', '/v1/auth/config', { signal, timeoutMs: 10_000 })
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
