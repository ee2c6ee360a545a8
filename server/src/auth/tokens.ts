/**
 * Access tokens: JWT (HS256, `jose`), short-lived (15 min by default), carrying the user id (`sub`) and role.
 * Refresh tokens: 32 random bytes, stored only as SHA-256 hashes, in families; each use rotates the token
 * (the old one is marked rotated, a new one issued in the same family). Presenting a rotated token again
 * means it was copied: the whole family is revoked and both holders must sign in again.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { errors, jwtVerify, SignJWT } from 'jose'
import type pg from 'pg'
import { ROLES, type Role } from '../../../src/domain/sync/records'
import { ApiError } from '../errors'

const ISSUER = 'vcc-sync'
const AUDIENCE = 'vcc-console'

export interface AccessClaims {
  userId: string
  role: Role
  /** Expiry, epoch seconds. */
  exp: number
}

/** The signing key: SYNC_JWT_SECRET, or a random key created once in the database (shared by every instance). */
export async function loadSigningKey(pool: pg.Pool, secret: string | null): Promise<Uint8Array> {
  if (secret !== null) return new TextEncoder().encode(secret)
  await pool.query("INSERT INTO server_keys (name, value) VALUES ('jwt-hs256', $1) ON CONFLICT (name) DO NOTHING", [randomBytes(32)])
  const { rows } = await pool.query<{ value: Buffer }>("SELECT value FROM server_keys WHERE name = 'jwt-hs256'")
  return new Uint8Array(rows[0]!.value)
}

export class TokenService {
  constructor(
    private readonly key: Uint8Array,
    readonly accessTtlSeconds: number,
    readonly refreshTtlSeconds: number,
  ) {}

  async issueAccess(userId: string, role: Role, nowMs: number): Promise<{ token: string; expiresAt: number }> {
    const iat = Math.floor(nowMs / 1000)
    const exp = iat + this.accessTtlSeconds
    const token = await new SignJWT({ role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.key)
    return { token, expiresAt: exp * 1000 }
  }

  /** Verifies an access token: 401 `token-expired` when it has expired, 401 `invalid-token` otherwise. */
  async verifyAccess(token: string, nowMs: number): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(nowMs),
      })
      const role = payload.role
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || !ROLES.includes(role as Role)) {
        throw new ApiError(401, 'invalid-token', 'The access token is not valid.')
      }
      return { userId: payload.sub, role: role as Role, exp: payload.exp }
    } catch (e) {
      if (e instanceof ApiError) throw e
      if (e instanceof errors.JWTExpired)
        throw new ApiError(401, 'token-expired', 'The access token has expired: refresh it or sign in again.')
      throw new ApiError(401, 'invalid-token', 'The access token is not valid.')
    }
  }

  /** Issues a refresh token in `familyId` (a new family when null). */
  async issueRefresh(db: pg.ClientBase | pg.Pool, userId: string, familyId: string | null, nowMs: number) {
    const token = randomBytes(32).toString('base64url')
    const expiresAt = nowMs + this.refreshTtlSeconds * 1000
    await db.query(
      'INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, to_timestamp($4 / 1000.0))',
      [hashToken(token), familyId ?? randomUUID(), userId, expiresAt],
    )
    return { token, expiresAt }
  }

  /**
   * Exchanges a refresh token for the user it belongs to and marks it rotated (the caller issues the next
   * one in the returned family). A rotated token presented again revokes its family.
   */
  async rotate(db: pg.ClientBase, token: string): Promise<{ userId: string; familyId: string }> {
    const hash = hashToken(token)
    const { rows } = await db.query<{ family_id: string; user_id: string }>(
      `UPDATE refresh_tokens SET rotated_at = now()
        WHERE token_hash = $1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING family_id, user_id`,
      [hash],
    )
    if (rows[0]) return { userId: rows[0].user_id, familyId: rows[0].family_id }
    const found = await db.query<{ family_id: string; rotated: boolean; revoked: boolean; expired: boolean }>(
      `SELECT family_id, rotated_at IS NOT NULL AS rotated, revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired
         FROM refresh_tokens WHERE token_hash = $1`,
      [hash],
    )
    const t = found.rows[0]
    if (!t) throw new ApiError(401, 'invalid-refresh-token', 'The refresh token is not valid: sign in again.')
    if (t.revoked) throw new ApiError(401, 'refresh-token-revoked', 'This sign-in was ended: sign in again.')
    if (t.rotated) {
      await revokeFamily(db, t.family_id)
      throw new ApiError(
        401,
        'refresh-token-reused',
        'This refresh token was already used, so the sign-in was ended everywhere: sign in again.',
      )
    }
    throw new ApiError(401, 'refresh-token-expired', 'The sign-in has expired: sign in again.')
  }
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest()

export async function revokeFamily(db: pg.ClientBase | pg.Pool, familyId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId])
}

export async function revokeUser(db: pg.ClientBase | pg.Pool, userId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId])
}

/** The family a refresh token belongs to (for logout), or null. */
export async function familyOf(db: pg.ClientBase | pg.Pool, token: string): Promise<string | null> {
  const { rows } = await db.query<{ family_id: string }>('SELECT family_id FROM refresh_tokens WHERE token_hash = $1', [hashToken(token)])
  return rows[0]?.family_id ?? null
}
