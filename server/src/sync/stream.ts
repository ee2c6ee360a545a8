/**
 * Live updates. Each service instance keeps one PostgreSQL connection that LISTENs on the channel every
 * push NOTIFYs after its commit, so every instance behind a load balancer hears every change. On a
 * notification the instance reads the new rows once, on that connection (the primary, where the commit is
 * already visible), and hands them to its SSE clients in one `changed` event, so 50 clients cost one read
 * instead of 50 identical pulls. Batches follow each other without gaps: a batch holds every row with
 * `after` < version ≤ `version`, and the next batch starts where it ended; notifications that arrive while
 * a batch is read are folded into the next one. Too many rows for one event (`maxRows`), or a failed read:
 * the batch carries no rows and clients pull. The connection reconnects with back-off; after a reconnect the
 * rows committed meanwhile are read and sent the same way (catch-up: a notification may have been missed).
 */
import type { ServerResponse } from 'node:http'
import pg from 'pg'
import type { PulledChange } from '../../../src/domain/sync/protocol'
import { readChanges } from './pull'
import { NOTIFY_CHANNEL } from './push'

/** What one `changed` event tells: every change with `after` < version ≤ `version`, or only the version. */
export interface LiveBatch {
  version: number
  after: number
  /** null: not sent (too many, or the read failed); pull from the checkpoint. */
  changes: PulledChange[] | null
}

type Listener = (batch: LiveBatch) => void | Promise<void>

/** Bytes of one `changed` event's data at most (more: only the version). */
export const LIVE_MAX_BYTES = 512 * 1024

export class ChangeFeed {
  private client: pg.Client | null = null
  private readonly listeners = new Set<Listener>()
  private stopped = false
  private retryMs = 250
  private timer: NodeJS.Timeout | null = null
  /** The version the last batch ended at (-1: not known yet, before the first connection). */
  private sent = -1
  /** The newest version notified (or found on reconnecting). */
  private target = -1
  private draining: Promise<void> | null = null

  constructor(
    private readonly connectionString: string,
    private readonly currentVersion: () => Promise<number>,
    private readonly log: (msg: string) => void,
    /** Rows one `changed` event carries at most (more: only the version, and clients pull). */
    private readonly maxRows: number,
  ) {}

  async start(): Promise<void> {
    await this.connect()
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'vcc-sync-listen' })
    client.on('notification', (n) => {
      const v = Number(n.payload)
      if (n.channel === NOTIFY_CHANNEL && Number.isSafeInteger(v)) this.notified(v)
    })
    client.on('error', () => this.lost(client))
    client.on('end', () => this.lost(client))
    await client.connect()
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`)
    // listening first, then the counter: a commit after this read is notified, one before it is not news
    if (this.sent < 0) {
      const { rows } = await client.query<{ value: number }>('SELECT value FROM sync_counter')
      this.sent = rows[0]?.value ?? 0
      this.target = Math.max(this.target, this.sent)
    }
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
        .then(async () => this.notified(await this.currentVersion()))
        .catch(() => {
          this.retryMs = Math.min(this.retryMs * 2, 10_000)
          this.schedule()
        })
    }, this.retryMs)
  }

  private notified(version: number) {
    if (version > this.target) this.target = version
    if (this.sent < 0 || this.target <= this.sent) return
    this.draining ??= this.drain().finally(() => {
      this.draining = null
    })
  }

  /** One batch at a time, in version order, until every notified version went out. */
  private async drain(): Promise<void> {
    while (!this.stopped && this.target > this.sent) {
      const after = this.sent
      const version = this.target
      let changes: PulledChange[] | null = null
      const client = this.client
      if (client) {
        try {
          // ids are never empty, so (after + 1, '') starts right after every row of version `after`
          const rows = await readChanges(client, { version: after + 1, id: '' }, this.maxRows + 1, version)
          changes = rows.length > this.maxRows ? null : rows
        } catch {
          changes = null
        }
      }
      this.sent = version
      await this.emit({ version, after, changes })
    }
  }

  private async emit(batch: LiveBatch) {
    for (const l of this.listeners) {
      try {
        await l(batch)
      } catch (e) {
        this.log(`change feed: a listener failed (${e instanceof Error ? e.message : String(e)})`)
      }
    }
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
    await this.draining
    await c?.end().catch(() => undefined)
  }
}

/** The data of a `changed` event, serialised once for every connection: the rows when they fit in `maxBytes`. */
export function changedEventData(batch: LiveBatch, maxBytes = LIVE_MAX_BYTES): string {
  if (batch.changes) {
    const full = JSON.stringify({ version: batch.version, after: batch.after, changes: batch.changes })
    if (Buffer.byteLength(full) <= maxBytes) return full
  }
  return JSON.stringify({ version: batch.version })
}

/** One SSE connection: `event: <name>\ndata: <json>\n\n` frames; closes with `bye` (reason) on its own. */
export class SseConnection {
  private closed = false
  constructor(private readonly res: ServerResponse) {}

  send(event: string, data: unknown): void {
    this.sendRaw(event, JSON.stringify(data))
  }

  /** An event whose data is already JSON (one serialisation shared by every connection). */
  sendRaw(event: string, json: string): void {
    if (this.closed) return
    this.res.write(`event: ${event}\ndata: ${json}\n\n`)
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
