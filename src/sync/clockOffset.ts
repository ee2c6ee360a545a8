/**
 * The server's clock decides (docs/team-sync.md, "Time"): every response carries `serverTime`, and the
 * client keeps the offset between the server's clock and its own. Each request gives one estimate, the
 * server's time minus the middle of the request's round trip; the estimate with the shortest round trip
 * among the recent ones is the most precise (its error is at most half that round trip), as in NTP.
 */
import type { ServerTimeSample } from './http'

interface Estimate {
  offset: number
  rtt: number
}

export class ClockOffset {
  private recent: Estimate[] = []

  constructor(private readonly keep = 8) {}

  /** Adds a reading; returns the offset now believed (server minus local, ms). */
  add(s: ServerTimeSample): number {
    const rtt = s.receivedAt - s.sentAt
    if (rtt >= 0 && Number.isFinite(rtt)) {
      this.recent.push({ offset: s.serverTime - (s.sentAt + s.receivedAt) / 2, rtt })
      if (this.recent.length > this.keep) this.recent.shift()
    }
    return this.offset
  }

  /** Server minus local clock in ms (0 before the first reading). */
  get offset(): number {
    let best: Estimate | null = null
    for (const e of this.recent) if (best === null || e.rtt < best.rtt) best = e
    return best === null ? 0 : Math.round(best.offset)
  }

  reset(): void {
    this.recent = []
  }
}
