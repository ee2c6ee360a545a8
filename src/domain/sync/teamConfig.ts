/**
 * The team configuration, a local setting (docs/team-sync.md, "Client"): which team server this console
 * syncs with, whether this database joined it, and this installation's id. Small on purpose: start-up reads
 * it to decide whether team sync loads before the first screen (joined) or later (solo).
 */
// zod/mini: start-up reads this before the first screen, which then carries no full zod
import * as z from 'zod/mini'

/** The key of the team configuration in the local settings table. */
export const TEAM_CONFIG_KEY = 'team'

export const teamConfigSchema = z.object({
  /** The team server's base URL ('' = solo). */
  serverUrl: z._default(z.string().check(z.maxLength(2048)), ''),
  /** This database joined the team: its changes queue and sync. */
  joined: z._default(z.boolean(), false),
  /** This installation, for the server's logs. */
  clientId: z._default(z.string().check(z.maxLength(64)), ''),
  teamName: z._default(z.string().check(z.maxLength(200)), ''),
})
export type TeamConfig = z.infer<typeof teamConfigSchema>

/** Joined a team (a damaged or missing setting is solo). */
export function isTeamJoined(stored: unknown): boolean {
  const parsed = teamConfigSchema.safeParse(stored ?? {})
  return parsed.success && parsed.data.joined && parsed.data.serverUrl !== ''
}
