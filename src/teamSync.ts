/**
 * Team sync's start-up wiring, loaded on demand (main.ts): before the first screen in team mode, so every
 * change queues from the start; when the browser is idle in solo mode, so Settings → Team can join later.
 * It pulls in the sync engine and the stores it refreshes, none of which the first screen needs.
 */
import type { Pinia } from 'pinia'
import { clockNow } from './clock'
import { afterFirstScreen } from './composables/useFirstScreen'
import { DEFAULT_TIME_ZONE, localDateOf } from './domain/calendar/timeZone'
import { getDb } from './data/db'
import { createReplica } from './data/replica'
import { generateCaseNumber } from './domain/case/caseNumber'
import { platform } from './platform'
import { platformVault } from './platform/sessionVault'
import { useCalendarStore } from './stores/calendar'
import { useSettingsStore } from './stores/settings'
import { provideSyncEnvironment, useSyncStore } from './stores/sync'

export async function startTeamSync(pinia: Pinia): Promise<void> {
  const settings = useSettingsStore(pinia)
  // its zone dates a renumbered case (below); read once the first screen is up, as the reviews read it anyway
  const calendar = useCalendarStore(pinia)
  void afterFirstScreen().then(() => calendar.load())
  // team sync reaches local data only through src/data's replica (docs/team-sync.md, "The seam"); the
  // refresh token lives in the platform's vault (safeStorage in the desktop app, memory in the browser)
  provideSyncEnvironment({
    vault: () => platformVault(platform()),
    replica: () =>
      createReplica(getDb(), {
        now: clockNow,
        // the business calendar's date (as a new case's number has it), whatever the machine's zone
        nextCaseNumber: () => generateCaseNumber(localDateOf(clockNow(), calendar.calendar?.timeZone ?? DEFAULT_TIME_ZONE), Math.random),
        agent: () => settings.agent,
        // the removal note put in place of a secret in a pulled record, in the agent's language
        language: () => settings.uiLocale,
      }),
  })
  await useSyncStore(pinia).load()
}
