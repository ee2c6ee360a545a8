/**
 * The main process's log: a size-capped, rotating text file in the user-data folder
 * (`<userData>/logs/console.log`, then console.1.log, console.2.log), written asynchronously in order.
 * A failed write (disk full, folder gone) is reported once on stderr and never crashes the app. Entries
 * come from main itself (`mainLog`) and from the renderer through the `log:write` IPC message; every
 * entry is scrubbed again here (electron/shared/log.ts), whoever made it.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { describeError, formatEntry, scrubEntry, type LogEntry, type LogLevel } from '../shared/log'

export const LOG_DIR = 'logs'
export const LOG_FILE = 'console.log'
/** Each file stays under about 1 MB; three files are kept (the current one and two older). */
export const MAX_LOG_BYTES = 1024 * 1024
export const KEEP_LOG_FILES = 3

export interface FileLogOptions {
  maxBytes?: number
  keep?: number
  /** Told about the first failed write (default: one line on stderr). */
  onFailure?: (err: unknown) => void
  /** Also print entries on stdout/stderr (development). */
  echo?: boolean
}

export const logDirIn = (userData: string): string => path.join(userData, LOG_DIR)

export class FileLog {
  readonly file: string
  private readonly maxBytes: number
  private readonly keep: number
  private readonly onFailure: (err: unknown) => void
  private readonly echo: boolean
  private pending: string[] = []
  private chain: Promise<void> = Promise.resolve()
  private draining = false
  private size: number | null = null
  private failed = false

  constructor(
    readonly dir: string,
    options: FileLogOptions = {},
  ) {
    this.file = path.join(dir, LOG_FILE)
    this.maxBytes = options.maxBytes ?? MAX_LOG_BYTES
    this.keep = Math.max(1, options.keep ?? KEEP_LOG_FILES)
    this.onFailure = options.onFailure ?? ((err) => process.stderr.write(`console log unavailable: ${describeError(err).message}\n`))
    this.echo = options.echo ?? false
  }

  /** The n-th older file: 0 is the current one. */
  fileAt(n: number): string {
    return n === 0 ? this.file : path.join(this.dir, LOG_FILE.replace(/\.log$/, `.${n}.log`))
  }

  /** Every log file that may exist, oldest first. */
  files(): string[] {
    return Array.from({ length: this.keep }, (_, i) => this.fileAt(this.keep - 1 - i))
  }

  /** Queues one entry (scrubbed again here); returns at once. */
  write(entry: LogEntry): void {
    let line: string
    try {
      line = `${formatEntry(scrubEntry(entry))}\n`
    } catch (err) {
      this.fail(err) // a malformed entry is dropped, the log goes on
      return
    }
    if (this.echo) (entry.level === 'error' || entry.level === 'warn' ? process.stderr : process.stdout).write(line)
    this.pending.push(line)
    if (!this.draining) {
      this.draining = true
      this.chain = this.chain.then(() => this.drain())
    }
  }

  /** Resolves when everything queued so far is on disk (or has failed). */
  flush(): Promise<void> {
    return this.chain
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const chunk = this.pending.join('')
      this.pending = []
      try {
        await this.append(chunk)
      } catch (err) {
        this.size = null // unknown after a failure: read it again next time
        this.fail(err)
      }
    }
    this.draining = false
  }

  private async append(chunk: string): Promise<void> {
    const bytes = Buffer.byteLength(chunk)
    if (this.size === null) {
      await fs.mkdir(this.dir, { recursive: true })
      this.size = await fs.stat(this.file).then(
        (s) => s.size,
        () => 0, // no file yet: it starts empty
      )
    }
    if (this.size > 0 && this.size + bytes > this.maxBytes) await this.rotate()
    await fs.appendFile(this.file, chunk, { encoding: 'utf8', mode: 0o600 })
    this.size += bytes
  }

  private async rotate(): Promise<void> {
    await fs.rm(this.fileAt(this.keep - 1), { force: true })
    for (let n = this.keep - 2; n >= 0; n--) {
      await fs.rename(this.fileAt(n), this.fileAt(n + 1)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err // a missing older file is simply not there yet
      })
    }
    this.size = 0
  }

  private fail(err: unknown): void {
    if (this.failed) return
    this.failed = true
    this.onFailure(err)
  }
}

// ---------------------------------------------------------------------------------------------------------
// the main process's own logger

let current: FileLog | null = null

/** Starts writing to `<userData>/logs/console.log`. Before this, main's entries go to stderr. */
export function startMainLog(userData: string, options: FileLogOptions = {}): FileLog {
  current = new FileLog(logDirIn(userData), options)
  return current
}

function write(level: LogLevel, code: string, err: unknown, context: Record<string, unknown> | undefined): void {
  const entry: LogEntry = { time: new Date().toISOString(), level, code }
  if (err !== undefined) entry.error = describeError(err)
  if (context) entry.context = context as LogEntry['context']
  if (current) current.write(entry)
  else process.stderr.write(`${formatEntry(scrubEntry(entry))}\n`)
}

/** `mainLog.error('ipc.failed', err, { channel })`: a stable code, the error, non-personal context. */
export const mainLog = {
  info: (code: string, context?: Record<string, unknown>): void => write('info', code, undefined, context),
  warn: (code: string, err?: unknown, context?: Record<string, unknown>): void => write('warn', code, err, context),
  error: (code: string, err?: unknown, context?: Record<string, unknown>): void => write('error', code, err, context),
}

// ---------------------------------------------------------------------------------------------------------
// rate limit for entries from renderers

/**
 * A token bucket per key (a renderer's webContents id): `capacity` entries at once, refilled at
 * `perSecond`. `take` says whether one more entry may pass, and how many were dropped before it.
 */
export function createRateLimiter(capacity: number, perSecond: number, now: () => number = Date.now) {
  const buckets = new Map<string | number, { tokens: number; at: number; dropped: number }>()
  return {
    take(key: string | number): { allowed: boolean; droppedBefore: number } {
      const t = now()
      const b = buckets.get(key) ?? { tokens: capacity, at: t, dropped: 0 }
      b.tokens = Math.min(capacity, b.tokens + ((t - b.at) / 1000) * perSecond)
      b.at = t
      buckets.set(key, b)
      if (b.tokens < 1) {
        b.dropped++
        return { allowed: false, droppedBefore: 0 }
      }
      b.tokens -= 1
      const droppedBefore = b.dropped
      b.dropped = 0
      return { allowed: true, droppedBefore }
    },
    forget(key: string | number): void {
      buckets.delete(key)
    },
  }
}
