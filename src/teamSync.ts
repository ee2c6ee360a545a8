/**
 * Team sync's start-up wiring, loaded on demand (main.ts): before the first screen in team mode, so every
 * change queues from the start; when the browser is idle in solo mode, so Settings → Team can join later.
 * It pulls in the sync engine and the stores it refreshes, none of which the first screen needs.
 */
import type { Pinia } from 'pinia'
import { clockNow, localIsoDate } from './clock'
import { getDb } from './data/db'
import { createReplica } from './data/replica'
import { generateCaseNumber } from './domain/case/caseNumber'
import { platform } from './platform'
import { platformVault } from './platform/sessionVault'
import { useSettingsStore } from './stores/settings'
import { provideSyncEnvironment, useSyncStore } from './stores/sync'

export async function startTeamSync(pinia: Pinia): Promise<void> {
  const settings = useSettingsStore(pinia)
  // team sync reaches local data only through src/data's replica (docs/team-sync.md, "The seam"); the
  // refresh token lives in the platform's vault (safeStorage in the desktop app, memory in the browser)
  provideSyncEnvironment({
    vault: () => platformVault(platform()),
    replica: () =>
      createReplica(getDb(), {
        now: clockNow,
        nextCaseNumber: () => generateCaseNumber(localIsoDate(clockNow()), Math.random),
        agent: () => settings.agent,
        // the removal note put in place of a secret in a pulled record, in the agent's language
        language: () => settings.uiLocale,
      }),
  })
  await useSyncStore(pinia).load()
}
