/** The users table: local accounts and OIDC-linked accounts. */
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { Role } from '../../../src/domain/sync/records'
import { pgCode } from '../db'
import { ApiError } from '../errors'
import { hashPassword } from './passwords'

export interface UserRow {
  id: string
  username: string
  displayName: string
  role: Role
  disabled: boolean
  sso: boolean
  hasPassword: boolean
  createdAt: number
}

const COLUMNS = `id, username, display_name AS "displayName", role, disabled, oidc_subject IS NOT NULL AS sso,
  password_hash IS NOT NULL AS "hasPassword", (extract(epoch from created_at) * 1000)::int8 AS "createdAt"`

type Db = pg.ClientBase | pg.Pool

export async function findUser(db: Db, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id])
  return rows[0] ?? null
}

export async function findByUsername(db: Db, username: string): Promise<(UserRow & { passwordHash: string | null }) | null> {
  const { rows } = await db.query<UserRow & { passwordHash: string | null }>(
    `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM users WHERE lower(username) = lower($1)`,
    [username],
  )
  return rows[0] ?? null
}

export async function findByOidc(db: Db, issuer: string, subject: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE oidc_issuer = $1 AND oidc_subject = $2`, [issuer, subject])
  return rows[0] ?? null
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY lower(display_name), id`)
  return rows
}

export interface NewUser {
  username: string
  displayName: string
  role: Role
  password: string | null
  oidc?: { issuer: string; subject: string }
}

export async function createUser(db: Db, u: NewUser): Promise<UserRow> {
  const hash = u.password === null ? null : await hashPassword(u.password)
  try {
    const { rows } = await db.query<UserRow>(
      `INSERT INTO users (id, username, display_name, role, password_hash, oidc_issuer, oidc_subject)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [randomUUID(), u.username, u.displayName, u.role, hash, u.oidc?.issuer ?? null, u.oidc?.subject ?? null],
    )
    return rows[0]!
  } catch (e) {
    if (pgCode(e) === '23505') throw new ApiError(409, 'username-taken', `The username "${u.username}" is taken.`)
    throw e
  }
}

export interface UserPatch {
  displayName?: string
  role?: Role
  disabled?: boolean
  password?: string
}

/** Changes a user; refuses to leave the team without an active admin (409 last-admin). */
export async function updateUser(client: pg.ClientBase, id: string, patch: UserPatch): Promise<UserRow> {
  // serialise admin changes so two admins cannot demote each other at once
  await client.query("SELECT id FROM users WHERE role = 'admin' FOR UPDATE")
  const current = await findUser(client, id)
  if (!current) throw new ApiError(404, 'not-found', 'No such user.')
  const hash = patch.password === undefined ? undefined : await hashPassword(patch.password)
  const { rows } = await client.query<UserRow>(
    `UPDATE users SET
       display_name = COALESCE($2, display_name),
       role = COALESCE($3, role),
       disabled = COALESCE($4, disabled),
       password_hash = COALESCE($5, password_hash),
       updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, patch.displayName ?? null, patch.role ?? null, patch.disabled ?? null, hash ?? null],
  )
  const { rows: admins } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled")
  if ((admins[0]?.n ?? 0) === 0) throw new ApiError(409, 'last-admin', 'The team must keep at least one active admin.')
  return rows[0]!
}
