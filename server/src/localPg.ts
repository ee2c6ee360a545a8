/**
 * A private PostgreSQL cluster in a data folder, for `npm run server`, the tests and the harness: initdb
 * and pg_ctl from the installed PostgreSQL (PG_BIN, /usr/lib/postgresql/<newest>/bin, or PATH), run as
 * the `postgres` OS user when we are root (PostgreSQL refuses to run as root), on a free port, listening
 * only on a unix socket inside the data folder (no TCP), with trust for local socket connections.
 */
import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

export const OWNER_ROLE = 'vcc_owner'
export const RUNTIME_GROUP = 'vcc_sync_runtime'
export const APP_ROLE = 'vcc_app'

export function findPgBin(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN && existsSync(join(env.PG_BIN, 'initdb'))) return env.PG_BIN
  const base = '/usr/lib/postgresql'
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^\d+$/.test(v) && existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return join(base, versions[0], 'bin')
  }
  for (const dir of (env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'initdb'))) return dir
  throw new Error(
    'PostgreSQL is not installed (no initdb found): install it (Debian: apt-get install postgresql) or set PG_BIN or DATABASE_URL',
  )
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => (addr && typeof addr === 'object' ? res(addr.port) : rej(new Error('no port'))))
    })
  })
}

export interface LocalCluster {
  dataDir: string
  port: number
  /** A connection string for `role` to `database` over the cluster's unix socket. */
  url(database: string, role?: string): string
  stop(): Promise<void>
}

const isRoot = () => process.getuid?.() === 0

/** Runs a PostgreSQL program, as the `postgres` OS user when we are root. */
async function pgRun(bin: string, prog: string, args: string[]): Promise<string> {
  const file = join(bin, prog)
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args]
  const { stdout } = await run(cmd, argv, { maxBuffer: 10 * 1024 * 1024 })
  return stdout
}

function prepareDir(dataDir: string) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  if (!isRoot()) return
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
  chownSync(dataDir, uid, gid)
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dataDir])
  } catch {
    throw new Error(`the postgres OS user cannot reach ${dataDir} (a parent folder is private): choose another folder with SYNC_DATA_DIR`)
  }
}

export function socketUrl(dataDir: string, port: number, database: string, role: string): string {
  return `postgresql://${encodeURIComponent(role)}@localhost/${encodeURIComponent(database)}?host=${encodeURIComponent(dataDir)}&port=${port}`
}

/** Starts (creating it first if needed) the cluster in `dataDir`; reuses one already running there. */
export async function startCluster(opts: { dataDir: string; fast?: boolean; port?: number }): Promise<LocalCluster> {
  const dataDir = resolve(opts.dataDir)
  if (join(dataDir, '.s.PGSQL.65535').length > 100) throw new Error(`the data folder path is too long for a unix socket: ${dataDir}`)
  const bin = findPgBin()
  prepareDir(dataDir)
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await pgRun(bin, 'initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth-local=trust',
      '--auth-host=reject',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ])
  }
  let port = runningPort(dataDir)
  if (port !== null) {
    try {
      await pgRun(bin, 'pg_ctl', ['status', '-D', dataDir])
    } catch {
      port = null // a stale postmaster.pid: pg_ctl start handles it
    }
  }
  if (port === null) {
    port = opts.port ?? (await freePort())
    const settings = [`-c listen_addresses=''`, `-c unix_socket_directories='${dataDir}'`, `-c port=${port}`, `-c max_connections=200`]
    if (opts.fast) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off')
    await pgRun(bin, 'pg_ctl', ['start', '-D', dataDir, '-w', '-t', '60', '-l', join(dataDir, 'server.log'), '-o', settings.join(' ')])
  }
  const p = port
  return {
    dataDir,
    port: p,
    url: (database, role = 'postgres') => socketUrl(dataDir, p, database, role),
    stop: async () => {
      await pgRun(bin, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']).catch(() => undefined)
    },
  }
}

function runningPort(dataDir: string): number | null {
  const pidFile = join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return null
  const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3])
  return Number.isInteger(port) && port > 0 ? port : null
}

/** Creates (once) the owner role, the runtime group and app role, and `database` owned by the owner. */
export async function bootstrapDatabase(cluster: LocalCluster, database: string): Promise<{ ownerUrl: string; appUrl: string }> {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') })
  await admin.connect()
  try {
    const roles = () =>
      admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${OWNER_ROLE}') THEN CREATE ROLE ${OWNER_ROLE} LOGIN; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${RUNTIME_GROUP}') THEN CREATE ROLE ${RUNTIME_GROUP} NOLOGIN; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} LOGIN IN ROLE ${RUNTIME_GROUP}; END IF;
    END $$`)
    // two callers at once may race to create a role: the loser sees it exist on its second try
    await roles().catch(() => roles())
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)} OWNER ${OWNER_ROLE}`)
  } finally {
    await admin.end()
  }
  return { ownerUrl: cluster.url(database, OWNER_ROLE), appUrl: cluster.url(database, APP_ROLE) }
}

export const repoRoot = (): string => resolve(dirname(new URL(import.meta.url).pathname), '../..')
