/**
 * A reusable harness for tests, the two-agent Playwright e2e and `npm run bench:sync`: starts a private
 * PostgreSQL cluster (free port, unix socket in a temp folder), creates a database with the owner/runtime
 * roles, starts sync service instances on free ports, creates users, and returns URLs and credentials.
 *
 *   const team = await startTeam({ users: [{ username: 'ana', role: 'agent' }, { username: 'lee', role: 'lead' }] })
 *   team.url                      // http://127.0.0.1:<port>
 *   team.users.ana.password       // sign in with it
 *   await team.stop()
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Role } from '../../src/domain/sync/records'
import { createService, type Service, type ServiceOptions } from '../src/app'
import { setPasswordCost } from '../src/auth/passwords'
import { createUser } from '../src/auth/users'
import { defaultConfig, type ServiceConfig } from '../src/config'
import { migrate } from '../src/migrate'
import { bootstrapDatabase, startCluster, type LocalCluster } from '../src/localPg'

export interface TestCluster extends LocalCluster {
  /** Stops the cluster and removes its folder (when the harness made it). */
  destroy(): Promise<void>
}

/** Starts a throw-away cluster in a temp folder (fsync off: for tests and benchmarks only). */
export async function startPostgres(opts: { dataDir?: string } = {}): Promise<TestCluster> {
  const made = opts.dataDir === undefined
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'vcc-pg-'))
  const cluster = await startCluster({ dataDir, fast: true })
  return {
    ...cluster,
    async destroy() {
      await cluster.stop()
      if (made) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The cluster the test command started (server/test/globalSetup.ts), from its environment variables. */
export function clusterFromEnv(): Pick<LocalCluster, 'url' | 'dataDir' | 'port'> {
  const dataDir = process.env.VCC_TEST_PG_DIR
  const port = Number(process.env.VCC_TEST_PG_PORT)
  if (!dataDir || !port) throw new Error('no test PostgreSQL: run through `npm run test:server` (its global setup starts one)')
  return {
    dataDir,
    port,
    url: (database, role = 'postgres') =>
      `postgresql://${encodeURIComponent(role)}@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(dataDir)}&port=${port}`,
  }
}

export interface TestDatabase {
  name: string
  /** The owner role: migrates. */
  ownerUrl: string
  /** The service's runtime role (limited grants). */
  appUrl: string
  /** The cluster's superuser (for test set-up only). */
  superUrl: string
}

/** Creates a fresh database (owned by the owner role) in the cluster; `migrateTo` applies migrations up to that number. */
export async function createDatabase(
  cluster: Pick<LocalCluster, 'url'>,
  opts: { name?: string; migrateTo?: number | 'all' } = {},
): Promise<TestDatabase> {
  const name = opts.name ?? `vcc_${randomBytes(6).toString('hex')}`
  const { ownerUrl, appUrl } = await bootstrapDatabase(cluster as LocalCluster, name)
  if (opts.migrateTo !== undefined) {
    const c = new pg.Client({ connectionString: ownerUrl })
    await c.connect()
    try {
      await migrate(c, opts.migrateTo === 'all' ? {} : { target: opts.migrateTo })
    } finally {
      await c.end()
    }
  }
  return { name, ownerUrl, appUrl, superUrl: cluster.url(name) }
}

export interface RunningService {
  url: string
  service: Service
  stop(): Promise<void>
}

/** Starts one service instance on 127.0.0.1 (a free port unless `port`), migrating first. */
export async function startSyncService(
  db: Pick<TestDatabase, 'appUrl' | 'ownerUrl'>,
  opts: { port?: number; config?: Partial<ServiceConfig> } & Omit<ServiceOptions, 'config'> = {},
): Promise<RunningService> {
  const config = defaultConfig({
    databaseUrl: db.appUrl,
    migrateDatabaseUrl: db.ownerUrl,
    host: '127.0.0.1',
    port: opts.port ?? 0,
    jwtSecret: 'harness-secret-harness-secret-harness-secret',
    // throw-away accounts: a cheap password hash keeps tests and benchmarks fast
    passwordCostLog2: 10,
    ...opts.config,
  })
  const service = await createService({ log: () => undefined, ...opts, config })
  const url = await service.listen()
  return { url, service, stop: () => service.close() }
}

export interface TeamUser {
  id: string
  username: string
  password: string
  role: Role
  displayName: string
}

/** Creates accounts directly in the database (no admin needed); passwords generated unless given. */
export async function createUsers(
  databaseUrl: string,
  users: readonly { username: string; role: Role; password?: string; displayName?: string }[],
): Promise<Record<string, TeamUser>> {
  setPasswordCost(10)
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  try {
    const out: Record<string, TeamUser> = {}
    for (const u of users) {
      const password = u.password ?? `pw-${randomBytes(9).toString('base64url')}`
      const displayName = u.displayName ?? u.username
      const row = await createUser(pool, { username: u.username, displayName, role: u.role, password })
      out[u.username] = { id: row.id, username: u.username, password, role: u.role, displayName }
    }
    return out
  } finally {
    await pool.end()
  }
}

export interface Team {
  url: string
  users: Record<string, TeamUser>
  db: TestDatabase
  cluster: TestCluster
  service: Service
  stop(): Promise<void>
}

/** Everything at once: a cluster, a database, one service instance, and the users asked for. */
export async function startTeam(
  opts: {
    users?: readonly { username: string; role: Role; password?: string; displayName?: string }[]
    port?: number
    config?: Partial<ServiceConfig>
  } = {},
): Promise<Team> {
  const cluster = await startPostgres()
  try {
    const db = await createDatabase(cluster)
    const running = await startSyncService(db, { port: opts.port, config: opts.config })
    const users = await createUsers(db.appUrl, opts.users ?? [{ username: 'admin', role: 'admin' }])
    return {
      url: running.url,
      users,
      db,
      cluster,
      service: running.service,
      async stop() {
        await running.stop()
        await cluster.destroy()
      },
    }
  } catch (e) {
    await cluster.destroy()
    throw e
  }
}
