/**
 * Live updates. Each service instance keeps one PostgreSQL connection that LISTENs on the channel every
 * push NOTIFYs after its commit, so every instance behind a load balancer hears every change, and relays
 * `changed` to its own SSE clients. The connection reconnects with back-off; after a reconnect every client
 * gets a `changed` with the current version (catch-up: a notification may have been missed meanwhile).
 */
import type { ServerResponse } from 'node:http'
import pg from 'pg'
import { NOTIFY_CHANNEL } from './push'

type Listener = (version: number) => void

export class ChangeFeed {
  private client: pg.Client | null = null
  private readonly listeners = new Set<Listener>()
  private stopped = false
  private retryMs = 250
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly connectionString: string,
    private readonly currentVersion: () => Promise<number>,
    private readonly log: (msg: string) => void,
  ) {}

  async start(): Promise<void> {
    await this.connect()
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'vcc-sync-listen' })
    client.on('notification', (n) => {
      const v = Number(n.payload)
      if (n.channel === NOTIFY_CHANNEL && Number.isSafeInteger(v)) this.emit(v)
    })
    client.on('error', () => this.lost(client))
    client.on('end', () => this.lost(client))
    await client.connect()
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`)
    this.client = client
    this.retryMs = 250
  }

  private lost(client: pg.Client) {
    if (this.client !== client || this.stopped) return
    this.client = null
    client.end().catch(() => undefined)
    this.log('change feed: database connection lost, reconnecting')
    this.schedule()
  }

  private schedule() {
    if (this.stopped || this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.connect()
        .then(async () => this.emit(await this.currentVersion()))
        .catch(() => {
          this.retryMs = Math.min(this.retryMs * 2, 10_000)
          this.schedule()
        })
    }, this.retryMs)
  }

  private emit(version: number) {
    for (const l of this.listeners) l(version)
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  get connected(): boolean {
    return this.client !== null
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    const c = this.client
    this.client = null
    await c?.end().catch(() => undefined)
  }
}

/** One SSE connection: `event: <name>\ndata: <json>\n\n` frames; closes with `bye` (reason) on its own. */
export class SseConnection {
  private closed = false
  constructor(private readonly res: ServerResponse) {}

  send(event: string, data: unknown): void {
    if (this.closed) return
    this.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }

  close(reason: string): void {
    if (this.closed) return
    this.send('bye', { reason })
    this.closed = true
    this.res.end()
  }

  markClosed(): void {
    this.closed = true
  }
}
