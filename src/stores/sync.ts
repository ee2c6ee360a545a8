/**
 * Team sync as the views see it (docs/team-sync.md, "Client"): the configured team server, who is signed
 * in, the engine's state for the indicator (synced / N waiting / offline / conflict / signed out), and the
 * actions of Settings → Team (check an address, sign in, join after seeing what will be shared, sign out,
 * leave). Views read sync state here only. The team configuration (address, joined, this installation's
 * id) is a local setting; the refresh token is in the platform's vault (memory only in browser mode).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { clockNow, setClockOffset } from '@/clock'
import { getDb } from '@/data/db'
import { HANDOVER_NOTE_MAX, queueReviewCommand, type OwnershipCommand } from '@/data/reviewCommands'
import { log } from '@/platform'
import { readSetting, writeSetting } from '@/data/settings'
import { parseServerAddress } from '@/domain/sync/address'
import { TEAM_CONFIG_KEY as KEY, teamConfigSchema, type TeamConfig } from '@/domain/sync/teamConfig'
import type { Role } from '@/domain/sync/records'
import type { AdminUser, NewUser, ServerConfig, TeamDirectory, UserPatch } from '@/sync/api'
import { memoryVault, type TeamUser, type TokenVault } from '@/sync/auth'
import { createTeamClient, type TeamClient } from '@/sync/client'
import { STOPPED_STATUS, type SyncStatus } from '@/sync/engine'
import { SyncError, isSyncError, type SyncErrorCode } from '@/sync/http'
import { browserNetwork, type NetworkMonitor } from '@/sync/network'
import { observedReplica, type ReplicaChange } from '@/sync/observed'
import type { LocalReplica, ShareSummary } from '@/sync/types'
import { refreshAfterReplicaChange } from './syncRefresh'

/** For views: the share summary a join shows and the accounts an admin manages (views do not import src/sync). */
export type { ShareSummary } from '@/sync/types'
export type { AdminUser, NewUser, UserPatch } from '@/sync/api'

export { HANDOVER_NOTE_MAX, type OwnershipCommand }

/** What the indicator shows, most pressing first. */
export type SyncIndicator = 'solo' | 'signed-out' | 'outdated' | 'offline' | 'conflict' | 'error' | 'syncing' | 'waiting' | 'synced'

export interface SyncEnvironment {
  replica: () => LocalReplica
  vault?: () => TokenVault
  network?: () => NetworkMonitor
  fetch?: typeof fetch
}

/** Reactive: start-up may provide it after a view already read `available` (solo mode loads sync when idle). */
const env = shallowRef<SyncEnvironment | null>(null)

/** The app's start-up (src/teamSync.ts) says where local data is (src/data's replica) and where the refresh token is kept. */
export function provideSyncEnvironment(e: SyncEnvironment | null): void {
  env.value = e
}

const uuid = (): string => globalThis.crypto.randomUUID()

export const useSyncStore = defineStore('sync', () => {
  const config = ref<TeamConfig>(teamConfigSchema.parse({}))
  const status = ref<SyncStatus>({ ...STOPPED_STATUS })
  const user = ref<TeamUser | null>(null)
  /** Where the sign-in is kept: `secure` (encrypted by the system, survives a restart) or `memory` (this run only). */
  const vaultKind = ref<TokenVault['kind']>('memory')
  const server = ref<ServerConfig | null>(null)
  const directory = ref<TeamDirectory | null>(null)
  /** Conflicts the agent has already looked at (the indicator stops saying "conflict"). */
  const conflictsSeen = ref(0)
  const loaded = ref(false)
  const client = shallowRef<TeamClient | null>(null)
  let replica: LocalReplica | null = null

  const available = computed(() => env.value !== null)
  const joined = computed(() => config.value.joined && config.value.serverUrl !== '')
  const role = computed<Role | null>(() => user.value?.role ?? null)
  const canEditTeamSettings = computed(() => role.value === 'lead' || role.value === 'admin')
  /**
   * Team settings (reply templates, business calendar, SLA targets, playbook) are a lead's or admin's in team
   * mode: the server refuses anyone else's change, so their screens show them read-only. Solo: editable.
   */
  const teamSettingsReadOnly = computed(() => joined.value && !canEditTeamSettings.value)
  const isAdmin = computed(() => role.value === 'admin')
  const unseenConflicts = computed(() => Math.max(0, status.value.conflicts - conflictsSeen.value))

  const indicator = computed<SyncIndicator>(() => {
    if (!joined.value) return 'solo'
    const s = status.value
    if (s.phase === 'signed-out' || (s.phase === 'stopped' && !user.value)) return 'signed-out'
    if (s.phase === 'outdated' || s.phase === 'server-outdated') return 'outdated'
    if (s.phase === 'offline') return 'offline'
    if (unseenConflicts.value > 0) return 'conflict'
    if (s.phase === 'error') return 'error'
    if (s.phase === 'syncing' && s.progress) return 'syncing'
    if (s.pending > 0) return 'waiting'
    return 'synced'
  })

  /** Users by id (owner and "last changed by" names). */
  const userNames = computed(() => new Map((directory.value?.users ?? []).map((u) => [u.id, u.displayName])))

  /** A user id's display name from the team directory; anything else (a solo agent's name) as it is. */
  function displayName(agent: string): string {
    return userNames.value.get(agent) ?? agent
  }

  async function saveConfig(next: TeamConfig): Promise<void> {
    await writeSetting(getDb(), KEY, next)
    config.value = next
  }

  /** The engine wrote local records (pulled a page, recorded a notice): the screens showing them refresh. */
  function onReplicaChange(change: ReplicaChange): void {
    void refreshAfterReplicaChange(change)
    if ([...change.kinds].some((k) => k !== 'template' && k !== 'setting')) void refreshDirectoryIfMissing()
  }

  function localReplica(): LocalReplica {
    const e = env.value
    if (!e) throw new Error('team sync is not available in this build')
    replica ??= observedReplica(e.replica(), onReplicaChange)
    return replica
  }

  function makeClient(baseUrl: string): TeamClient {
    const e = env.value
    if (!e) throw new Error('team sync is not available in this build')
    const c = createTeamClient({
      baseUrl,
      replica: localReplica(),
      vault: e.vault?.() ?? memoryVault(),
      clientId: config.value.clientId || uuid(),
      network: e.network?.() ?? browserNetwork(),
      fetch: e.fetch,
      onClockOffset: (ms) => setClockOffset(ms),
      onStatus: (s) => (status.value = s),
      log: (msg) => console.info(msg),
    })
    c.auth.onChange((u) => {
      user.value = u
      vaultKind.value = c.auth.vaultKind
      if (!u) directory.value = null
    })
    return c
  }

  async function dropClient(): Promise<void> {
    const c = client.value
    client.value = null
    if (c) await c.engine.stop()
    status.value = { ...STOPPED_STATUS }
    user.value = null
    directory.value = null
  }

  /** At start: picks up the team configuration; a joined console queues its changes and syncs. */
  async function load(): Promise<void> {
    try {
      config.value = teamConfigSchema.parse((await readSetting(getDb(), KEY)) ?? {})
    } catch (err) {
      log.warn('sync.config.unreadable', err) // a damaged setting: solo until the team is set up again
      config.value = teamConfigSchema.parse({})
    }
    loaded.value = true
    if (!joined.value || !env.value) return
    localReplica().setQueueing(true)
    const c = makeClient(config.value.serverUrl)
    client.value = c
    await c.auth.resume()
    vaultKind.value = c.auth.vaultKind
    c.engine.start()
    if (c.auth.signedIn) void refreshDirectory()
  }

  /** Checks an address is a team server (before signing in). Throws a SyncError on failure. */
  async function checkServer(address: string): Promise<ServerConfig> {
    const parsed = parseServerAddress(address)
    if (!parsed.ok) throw new SyncError('invalid-request', `address: ${parsed.problem}`, 0, { address: parsed.problem })
    if (client.value && client.value.http.baseUrl !== parsed.url) {
      if (joined.value) throw new Error('leave the team before changing the server')
      await dropClient()
    }
    const c = client.value ?? makeClient(parsed.url)
    client.value = c
    const cfg = await c.api.config()
    server.value = cfg
    return cfg
  }

  async function signIn(username: string, password: string): Promise<TeamUser> {
    const c = client.value
    if (!c) throw new Error('check the server address first')
    const u = await c.auth.login(username, password)
    if (joined.value) c.engine.resume()
    void refreshDirectory()
    return u
  }

  /** Names of who did what: the directory is fetched again when records came in without one (at most every 30 s). */
  let directoryAsked = 0
  async function refreshDirectoryIfMissing(): Promise<void> {
    if (directory.value || !client.value?.auth.signedIn || Date.now() - directoryAsked < 30_000) return
    directoryAsked = Date.now()
    await refreshDirectory()
  }

  async function refreshDirectory(): Promise<void> {
    try {
      directory.value = (await client.value?.api.team()) ?? null
    } catch (err) {
      // offline or signed out: names show as unknown until the next try
      log.warn('sync.directory', err)
    }
  }

  async function shareSummary(): Promise<ShareSummary> {
    return localReplica().shareSummary()
  }

  /** After the agent saw what will be shared: queue everything once and start syncing. */
  async function join(): Promise<number> {
    const c = client.value
    if (!c || !c.auth.user) throw new Error('sign in first')
    const r = localReplica()
    const clientId = config.value.clientId || uuid()
    await saveConfig({ serverUrl: c.http.baseUrl, joined: true, clientId, teamName: server.value?.team.name ?? '' })
    r.setQueueing(true)
    const queued = await r.enqueueAll({ teamSettings: c.auth.user.role !== 'agent' })
    c.engine.start()
    return queued
  }

  /** Ends the sign-in; the console stays in the team and its changes queue until someone signs in again. */
  async function signOut(): Promise<void> {
    const c = client.value
    if (!c) return
    await c.auth.logout()
    if (!joined.value) await dropClient()
  }

  /** Leaves the team: syncing stops, the outbox and checkpoint are forgotten, local records stay. */
  async function leave(): Promise<void> {
    const c = client.value
    if (c) {
      await c.engine.stop()
      await c.auth.logout()
    }
    if (replica) {
      replica.setQueueing(false)
      await replica.reset()
    }
    await dropClient()
    server.value = null
    setClockOffset(0)
    conflictsSeen.value = 0
    await saveConfig({ ...teamConfigSchema.parse({}), clientId: config.value.clientId })
  }

  /** The signed-in user's id (owner of reviews they claimed). */
  const myId = computed(() => user.value?.id ?? null)

  /**
   * A review's owner as the team sees it: the server stamps the creator, so a review this console made
   * and has not pulled back yet is the signed-in user's.
   */
  function ownerOf(review: { owner?: string | null; serverVersion?: number | null }): string | null {
    if (review.owner) return review.owner
    return review.serverVersion === null || review.serverVersion === undefined ? myId.value : null
  }

  /** What the agent may do with a review's owner (the server checks again: docs/team-sync.md, "Reviews are owned"). */
  function ownership(owner: string | null | undefined): { claim: boolean; release: boolean; handOver: boolean } {
    const me = myId.value
    if (!joined.value || !me) return { claim: false, release: false, handOver: false }
    const lead = role.value === 'lead' || role.value === 'admin'
    return { claim: !owner, release: owner === me, handOver: owner === me || lead }
  }

  /** Queues Claim / Release / Hand over: the owner changes on every screen once the server applied it. */
  async function reviewCommand(reviewId: number, cmd: OwnershipCommand): Promise<void> {
    if (!joined.value) throw new Error('review ownership needs team mode')
    await queueReviewCommand(getDb(), reviewId, cmd, clockNow())
    client.value?.engine.syncNow()
  }

  /** Admin only (the server checks): the team's accounts. Throws a SyncError on failure. */
  async function listUsers(): Promise<AdminUser[]> {
    const c = client.value
    if (!c) throw new Error('connect to the team server first')
    return (await c.api.users()).users
  }

  /** Admin only: adds a local account; the directory (names on screens) follows. */
  async function addUser(user: NewUser): Promise<AdminUser> {
    const c = client.value
    if (!c) throw new Error('connect to the team server first')
    const { user: made } = await c.api.createUser(user)
    void refreshDirectory()
    return made
  }

  /** Admin only: changes an account's role, name or whether it may sign in. */
  async function updateUser(id: string, patch: UserPatch): Promise<AdminUser> {
    const c = client.value
    if (!c) throw new Error('connect to the team server first')
    const { user } = await c.api.updateUser(id, patch)
    void refreshDirectory()
    return user
  }

  function syncNow(): void {
    client.value?.engine.syncNow()
  }

  function markConflictsSeen(): void {
    conflictsSeen.value = status.value.conflicts
  }

  return {
    config,
    status,
    user,
    vaultKind,
    server,
    directory,
    loaded,
    available,
    joined,
    role,
    canEditTeamSettings,
    teamSettingsReadOnly,
    isAdmin,
    unseenConflicts,
    indicator,
    userNames,
    displayName,
    myId,
    ownership,
    ownerOf,
    reviewCommand,
    client,
    now: clockNow,
    load,
    checkServer,
    signIn,
    refreshDirectory,
    shareSummary,
    join,
    signOut,
    leave,
    syncNow,
    markConflictsSeen,
    listUsers,
    addUser,
    updateUser,
  }
})

/** The i18n key of a sync error code, for messages the agent reads. */
export function syncErrorKey(e: unknown): string {
  const code: SyncErrorCode | 'unknown' = isSyncError(e) ? e.code : 'unknown'
  if (isSyncError(e) && typeof e.details['address'] === 'string') return `team.address.${e.details['address']}`
  return `team.errors.${code}`
}
