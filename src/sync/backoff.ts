/**
 * Exponential back-off with jitter for retries: 1 s, 2 s, 4 s … up to a ceiling, each delay drawn from its
 * upper half so that many consoles that lost the server at the same moment do not all come back at once.
 */
export class Backoff {
  private attempt = 0

  constructor(
    private readonly baseMs = 1_000,
    private readonly maxMs = 60_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next try (and counts this try). */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempt, 30))
    this.attempt++
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2)
  }

  get attempts(): number {
    return this.attempt
  }

  reset(): void {
    this.attempt = 0
  }
}
