import { startPostgres, type TestCluster } from '../testing/harness'

let cluster: TestCluster | null = null

/** One throw-away cluster for the whole run (each test file makes its own databases in it). */
export async function setup() {
  cluster = await startPostgres()
  process.env.VCC_TEST_PG_DIR = cluster.dataDir
  process.env.VCC_TEST_PG_PORT = String(cluster.port)
}

export async function teardown() {
  await cluster?.destroy()
}
