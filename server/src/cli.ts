/**
 * `npm run server`: the team sync service for a small team or a try-out.
 * - Without DATABASE_URL: starts (creating it on first run) a private PostgreSQL cluster in a data folder
 *   (SYNC_DATA_DIR, default `.team-server/` in the repository), applies the migrations, starts the service
 *   on 127.0.0.1 and, the first time, creates an admin and prints its generated password once.
 * - With DATABASE_URL (and MIGRATE_DATABASE_URL for the owner role): uses that PostgreSQL instead.
 * Ctrl+C stops the service and the cluster cleanly.
 */
import { resolve } from 'node:path'
import pg from 'pg'
import { createService, type Service } from './app'
import { generatePassword } from './auth/passwords'
import { createUser } from './auth/users'
import { configFromEnv } from './config'
import { bootstrapDatabase, freePort, repoRoot, startCluster, type LocalCluster } from './localPg'

const DATABASE = 'vcc_sync'

async function firstAdmin(databaseUrl: string): Promise<{ username: string; password: string } | null> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  try {
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users')
    if ((rows[0]?.n ?? 0) > 0) return null
    const password = generatePassword()
    await createUser(pool, { username: 'admin', displayName: 'Admin', role: 'admin', password })
    return { username: 'admin', password }
  } finally {
    await pool.end()
  }
}

async function main() {
  let cluster: LocalCluster | null = null
  const env = { ...process.env }
  if (!env.DATABASE_URL) {
    const dataDir = resolve(env.SYNC_DATA_DIR ?? resolve(repoRoot(), '.team-server'))
    console.log(`Starting PostgreSQL in ${dataDir} …`)
    cluster = await startCluster({ dataDir })
    const { ownerUrl, appUrl } = await bootstrapDatabase(cluster, DATABASE)
    env.DATABASE_URL = appUrl
    env.MIGRATE_DATABASE_URL = ownerUrl
  }
  const config = configFromEnv(env)
  let service: Service
  try {
    service = await createService({ config })
  } catch (e) {
    await cluster?.stop()
    throw e
  }
  let url: string
  try {
    url = await service.listen()
  } catch (e) {
    if ((e as { code?: string }).code !== 'EADDRINUSE') throw e
    const port = await freePort()
    console.log(`Port ${config.port} is taken; using ${port}.`)
    config.port = port
    url = await service.listen()
  }
  const admin = await firstAdmin(config.databaseUrl)

  console.log('')
  console.log(`Team sync service: ${url}`)
  console.log('  In the console: Settings → Team → server address above, then sign in.')
  if (admin) {
    console.log(`  First admin sign-in (shown once): username ${admin.username}  password ${admin.password}`)
  }
  if (cluster) {
    console.log(`  PostgreSQL: psql -h ${cluster.dataDir} -p ${cluster.port} -U postgres ${DATABASE}`)
  }
  console.log('  Ctrl+C stops it.')

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping …`)
    await service.close().catch((e: unknown) => console.error(e))
    await cluster?.stop()
    console.log('Stopped.')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((e: unknown) => {
  console.error(`Cannot start the team sync service: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
