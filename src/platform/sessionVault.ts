/**
 * The refresh token's home between runs (src/sync's TokenVault; docs/team-sync.md, "Client"): the platform's
 * team-session store, encrypted by the main process with Electron's safeStorage in the desktop app; nothing at all in browser
 * mode (never localStorage), nor where the system offers no secure storage. A copy is always held in memory
 * for this run, so a sign-in works even when nothing can be kept (the agent signs in again next time).
 */
import { log } from './log'
import type { Platform, TeamSession } from './types'

type SessionPlatform = Pick<Platform, 'loadTeamSession' | 'saveTeamSession'>

/** The shape of src/sync's TokenVault (platform sits below sync, so it is matched structurally in main.ts). */
export interface SessionVault {
  readonly kind: 'secure' | 'memory'
  load(): Promise<TeamSession | null>
  save(session: TeamSession | null): Promise<void>
}

export function platformVault(p: SessionPlatform): SessionVault {
  let held: TeamSession | null = null
  let secure = false
  return {
    get kind() {
      return secure ? 'secure' : 'memory'
    },
    async load() {
      const r = await p.loadTeamSession()
      if (!r.ok) {
        log.warn('sync.vault.load', new Error(r.error.key))
        return held
      }
      secure = r.value.secure
      // a session another window saved (a rotated token) wins over the one held here
      if (r.value.session) held = r.value.session
      return held
    },
    async save(session) {
      held = session
      const r = await p.saveTeamSession(session)
      if (!r.ok) {
        log.warn('sync.vault.save', new Error(r.error.key))
        secure = false
        return
      }
      secure = r.value.secure
    },
  }
}
