/**
 * Sign-in with a company's OIDC provider: the console obtains an ID token from the provider (authorization
 * code + PKCE) and posts it here; the service verifies it with `jose` against the configured issuer,
 * audience and the provider's JWKS, then issues its own token pair for the linked (or new) account.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose'
import type { OidcConfig } from '../config'
import type { Role } from '../../../src/domain/sync/records'
import { ApiError } from '../errors'

export interface OidcIdentity {
  issuer: string
  subject: string
  username: string
  displayName: string
  /** The role the role claim gives (null: no role claim configured). */
  role: Role | null
}

export class OidcVerifier {
  private jwks: ReturnType<typeof createRemoteJWKSet> | null = null

  constructor(readonly config: OidcConfig) {}

  private async keySet() {
    if (this.jwks) return this.jwks
    let url = this.config.jwksUrl
    if (url === null) {
      const discovery = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`
      try {
        const res = await fetch(discovery, { signal: AbortSignal.timeout(5_000) })
        const body = (await res.json()) as { jwks_uri?: unknown }
        if (typeof body.jwks_uri !== 'string') throw new Error('no jwks_uri')
        url = body.jwks_uri
      } catch {
        throw new ApiError(503, 'oidc-unavailable', 'The sign-in provider cannot be reached right now.')
      }
    }
    this.jwks = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })
    return this.jwks
  }

  async verify(idToken: string, nowMs: number): Promise<OidcIdentity> {
    const jwks = await this.keySet()
    let payload: JWTPayload
    try {
      ;({ payload } = await jwtVerify(idToken, jwks, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
        currentDate: new Date(nowMs),
        clockTolerance: 30,
      }))
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw new ApiError(401, 'token-expired', 'The sign-in provider token has expired: sign in again.')
      if (e instanceof errors.JOSEError && (e.code === 'ERR_JWKS_TIMEOUT' || e.code === 'ERR_JOSE_GENERIC')) {
        throw new ApiError(503, 'oidc-unavailable', 'The sign-in provider cannot be reached right now.')
      }
      throw new ApiError(401, 'invalid-id-token', 'The sign-in provider token is not valid for this team.')
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new ApiError(401, 'invalid-id-token', 'The token names no user.')
    const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 100) : null)
    const username = str(payload.preferred_username) ?? str(payload.email) ?? payload.sub.slice(0, 100)
    return {
      issuer: this.config.issuer,
      subject: payload.sub,
      username,
      displayName: str(payload.name) ?? username,
      role: this.config.roleClaim === null ? null : roleFromClaim(payload[this.config.roleClaim]),
    }
  }
}

export function roleFromClaim(claim: unknown): Role {
  const values = (Array.isArray(claim) ? claim : [claim]).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase())
  if (values.includes('admin')) return 'admin'
  if (values.includes('lead')) return 'lead'
  return 'agent'
}
