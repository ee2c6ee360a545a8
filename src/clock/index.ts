import { readonly, ref, type Ref } from 'vue'

/**
 * The one shared clock (src/clock: below stores, so stores and views read the same time; see the layer
 * rules in eslint.config.mjs). Every countdown and every write reads time here, so one timer drives hundreds
 * of timers and tests can move time (Playwright's page.clock) in one place.
 */
const now = ref(Date.now())
/** Server minus local clock (ms): 0 in solo mode; in team mode the sync engine keeps it (docs/team-sync.md, "Time"). */
let offset = 0
let timer: ReturnType<typeof setInterval> | null = null
let subscribers = 0

export const TICK_MS = 1000

/** The current time in epoch ms (the team server's time in team mode): the only clock read the app makes. */
export function clockNow(): number {
  const t = Date.now() + offset
  now.value = t
  return t
}

function tick(): void {
  now.value = Date.now() + offset
}

/**
 * Corrects the clock by the team server's (server minus local, ms), so SLA dates, countdowns and the
 * instants the console writes agree with the server and with every other agent. 0 turns it off (solo).
 */
export function setClockOffset(ms: number): void {
  offset = Number.isFinite(ms) ? Math.round(ms) : 0
  now.value = Date.now() + offset
}

/** The correction in force (server minus local, ms). */
export function clockOffset(): number {
  return offset
}

/** A reactive "now" refreshed every second while something uses it. */
export function useNow(): Readonly<Ref<number>> {
  subscribers++
  if (timer === null) timer = setInterval(tick, TICK_MS)
  return readonly(now)
}

/** Stops the shared tick when the last user goes (components call this from onUnmounted). */
export function releaseNow(): void {
  subscribers = Math.max(0, subscribers - 1)
  if (subscribers === 0 && timer !== null) {
    clearInterval(timer)
    timer = null
  }
}

/** The local calendar date (YYYY-MM-DD) of an instant on this machine. */
export function localIsoDate(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
