/** The service's settings, from environment variables (README, "Team mode"), checked with zod at start. */
import { z } from 'zod'

export const PROTOCOL = 1
/** The oldest client protocol this service still serves; older clients get 426 client-outdated. */
export const MIN_PROTOCOL = 1

export interface OidcConfig {
  issuer: string
  audience: string
  /** The JWKS address; default: `jwks_uri` from the issuer's /.well-known/openid-configuration. */
  jwksUrl: string | null
  /** The client id the console uses at the provider (default: the audience). */
  clientId: string
  /** A claim (string or list) naming the role: holds "admin" → admin, "lead" → lead, else agent. null: roles are managed here. */
  roleClaim: string | null
  /** Create an account at the first OIDC sign-in (as agent, or the role claim's role). */
  autoCreate: boolean
}

export interface ServiceConfig {
  /** The runtime role's connection (limited grants). */
  databaseUrl: string
  /** The owner role's connection, used only to migrate at start (default: databaseUrl). */
  migrateDatabaseUrl: string
  host: string
  port: number
  teamName: string
  /** HS256 secret for access tokens; null: a random key kept in the database (same for every instance). */
  jwtSecret: string | null
  accessTokenTtlSeconds: number
  refreshTokenTtlSeconds: number
  maxPushChanges: number
  maxPushBytes: number
  heartbeatMs: number
  /** Rows a live `changed` event carries at most; more and it carries only the version (clients pull). */
  liveMaxRows: number
  /** Allowed browser origins ('*': any; tokens travel in headers, never cookies). */
  corsOrigins: string[] | '*'
  oidc: OidcConfig | null
  poolSize: number
  /** scrypt cost of new password hashes, log2 of N (default 15). */
  passwordCostLog2: number
  /** Log requests (method, route, status, time; never bodies, query strings or tokens). */
  logRequests: boolean
}

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes')
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

const envSchema = z.object({
  DATABASE_URL: z.string().min(1, { error: 'DATABASE_URL is required' }),
  MIGRATE_DATABASE_URL: z.string().min(1).optional(),
  SYNC_HOST: z.string().default('127.0.0.1'),
  SYNC_PORT: int(0, 65535).default(8787),
  SYNC_TEAM_NAME: z.string().min(1).max(200).default('Support team'),
  SYNC_JWT_SECRET: z.string().min(32, { error: 'SYNC_JWT_SECRET must be at least 32 characters' }).optional(),
  SYNC_ACCESS_TOKEN_TTL: int(30, 86_400).default(900),
  SYNC_REFRESH_TOKEN_TTL: int(60, 365 * 86_400).default(30 * 86_400),
  SYNC_MAX_PUSH_CHANGES: int(1, 100_000).default(500),
  SYNC_MAX_PUSH_BYTES: int(1024, 512 * 1024 * 1024).default(8 * 1024 * 1024),
  SYNC_HEARTBEAT_MS: int(100, 600_000).default(15_000),
  SYNC_LIVE_MAX_ROWS: int(0, 5_000).default(500),
  SYNC_CORS_ORIGINS: z.string().default('*'),
  SYNC_OIDC_ISSUER: z.url().optional(),
  SYNC_OIDC_AUDIENCE: z.string().min(1).optional(),
  SYNC_OIDC_JWKS_URL: z.url().optional(),
  SYNC_OIDC_CLIENT_ID: z.string().min(1).optional(),
  SYNC_OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  SYNC_OIDC_AUTO_CREATE: bool.default(true),
  SYNC_DB_POOL_SIZE: int(1, 200).default(10),
  SYNC_LOG_REQUESTS: bool.default(false),
  SYNC_SCRYPT_LOG2N: int(10, 20).default(15),
})

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    throw new Error(`invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const e = parsed.data
  if ((e.SYNC_OIDC_ISSUER === undefined) !== (e.SYNC_OIDC_AUDIENCE === undefined)) {
    throw new Error('invalid settings: set both SYNC_OIDC_ISSUER and SYNC_OIDC_AUDIENCE (or neither)')
  }
  const oidc: OidcConfig | null =
    e.SYNC_OIDC_ISSUER && e.SYNC_OIDC_AUDIENCE
      ? {
          issuer: e.SYNC_OIDC_ISSUER,
          audience: e.SYNC_OIDC_AUDIENCE,
          jwksUrl: e.SYNC_OIDC_JWKS_URL ?? null,
          clientId: e.SYNC_OIDC_CLIENT_ID ?? e.SYNC_OIDC_AUDIENCE,
          roleClaim: e.SYNC_OIDC_ROLE_CLAIM ?? null,
          autoCreate: e.SYNC_OIDC_AUTO_CREATE,
        }
      : null
  const origins = e.SYNC_CORS_ORIGINS.trim()
  return {
    databaseUrl: e.DATABASE_URL,
    migrateDatabaseUrl: e.MIGRATE_DATABASE_URL ?? e.DATABASE_URL,
    host: e.SYNC_HOST,
    port: e.SYNC_PORT,
    teamName: e.SYNC_TEAM_NAME,
    jwtSecret: e.SYNC_JWT_SECRET ?? null,
    accessTokenTtlSeconds: e.SYNC_ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: e.SYNC_REFRESH_TOKEN_TTL,
    maxPushChanges: e.SYNC_MAX_PUSH_CHANGES,
    maxPushBytes: e.SYNC_MAX_PUSH_BYTES,
    heartbeatMs: e.SYNC_HEARTBEAT_MS,
    liveMaxRows: e.SYNC_LIVE_MAX_ROWS,
    corsOrigins:
      origins === '*'
        ? '*'
        : origins
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    oidc,
    poolSize: e.SYNC_DB_POOL_SIZE,
    logRequests: e.SYNC_LOG_REQUESTS,
    passwordCostLog2: e.SYNC_SCRYPT_LOG2N,
  }
}

/** Defaults for everything but the database (tests and the harness override what they need). */
export function defaultConfig(over: Partial<ServiceConfig> & Pick<ServiceConfig, 'databaseUrl'>): ServiceConfig {
  return { ...configFromEnv({ DATABASE_URL: over.databaseUrl }), ...over, migrateDatabaseUrl: over.migrateDatabaseUrl ?? over.databaseUrl }
}
