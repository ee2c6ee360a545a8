/**
 * One team connection: HTTP with the server's clock, the sign-in, the endpoints and the engine, wired
 * together. The sync store makes one per configured team server; the tests and the benchmark make several.
 */
import { TeamApi } from './api'
import { AuthSession, type TokenVault } from './auth'
import { ClockOffset } from './clockOffset'
import { SyncEngine, type EngineOptions, type SyncStatus } from './engine'
import { SyncHttp } from './http'
import type { NetworkMonitor } from './network'
import type { LocalReplica } from './types'

export interface TeamClientOptions {
  baseUrl: string
  replica: LocalReplica
  vault: TokenVault
  clientId: string
  network: NetworkMonitor
  /** The server's clock minus this machine's changed (the store feeds the app's shared clock with it). */
  onClockOffset?: (offsetMs: number) => void
  onStatus?: (status: SyncStatus) => void
  log?: (msg: string) => void
  fetch?: typeof fetch
  engine?: EngineOptions
}

export interface TeamClient {
  http: SyncHttp
  auth: AuthSession
  api: TeamApi
  engine: SyncEngine
  /** Server time: this machine's clock corrected by the last known offset. */
  now(): number
  offset(): number
}

export function createTeamClient(o: TeamClientOptions): TeamClient {
  const clock = new ClockOffset()
  let offset = 0
  const now = () => Date.now() + offset
  const http = new SyncHttp({
    baseUrl: o.baseUrl,
    fetch: o.fetch,
    onServerTime: (sample) => {
      const next = clock.add(sample)
      if (next !== offset) {
        offset = next
        o.onClockOffset?.(offset)
      }
    },
  })
  const auth = new AuthSession(http, o.vault, now)
  const api = new TeamApi(http, auth)
  const engine = new SyncEngine({
    replica: o.replica,
    api,
    clientId: o.clientId,
    now,
    network: o.network,
    log: o.log,
    onStatus: o.onStatus,
    options: o.engine,
  })
  return { http, auth, api, engine, now, offset: () => offset }
}
