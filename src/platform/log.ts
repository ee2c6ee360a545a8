/**
 * The renderer's logger. Every entry is scrubbed (electron/shared/log.ts), kept in a ring buffer of the
 * most recent entries (what browser mode exports for support), and handed to the sink: in the desktop
 * app the platform forwards it to the main process's log file; in browser mode it goes to the console.
 *
 * Log what happened, never who it happened to: a stable code, the error, and non-personal context
 * (a case number, a channel, a count). Never UIDs, phones, emails, note, reply or template text.
 */
import { describeError, scrubEntry, type LogContext, type LogEntry, type LogLevel } from '@shared/log'

export type { LogEntry } from '@shared/log'

export type LogSink = (entry: LogEntry) => void

export const RING_SIZE = 500

const ring: LogEntry[] = []
let sink: LogSink = consoleSink

/** Browser mode: the browser's console, at the entry's level. */
export function consoleSink(entry: LogEntry): void {
  const method = entry.level === 'debug' ? 'debug' : entry.level === 'info' ? 'info' : entry.level === 'warn' ? 'warn' : 'error'
  const parts: unknown[] = [`[${entry.code}]`]
  if (entry.error) parts.push(`${entry.error.name}: ${entry.error.message}`)
  if (entry.context) parts.push(entry.context)
  console[method](...parts)
}

/** Where entries go besides the ring buffer (the platform sets it at start; tests set a collector). */
export function setLogSink(next: LogSink): void {
  sink = next
}

/** The most recent entries, oldest first. */
export function recentLogEntries(): readonly LogEntry[] {
  return ring.slice()
}

export function clearLogEntries(): void {
  ring.length = 0
}

function write(level: LogLevel, code: string, err: unknown, context: Record<string, unknown> | undefined): void {
  try {
    const raw: LogEntry = { time: new Date().toISOString(), level, code }
    if (err !== undefined) raw.error = describeError(err)
    if (context) raw.context = context as LogContext
    const entry = scrubEntry(raw)
    ring.push(entry)
    if (ring.length > RING_SIZE) ring.splice(0, ring.length - RING_SIZE)
    sink(entry)
  } catch (failure) {
    // logging must never break the app; the console is the last place left to say so
    console.error('logging failed', failure)
  }
}

/**
 * `log.error('reviews.alert.record', err, { caseNumber })`: what failed (a stable code), the error, and
 * non-personal context. `warn` for a failure the agent does not notice (a nicety), `info`/`debug` for events.
 */
export const log = {
  debug: (code: string, context?: Record<string, unknown>): void => write('debug', code, undefined, context),
  info: (code: string, context?: Record<string, unknown>): void => write('info', code, undefined, context),
  warn: (code: string, err?: unknown, context?: Record<string, unknown>): void => write('warn', code, err, context),
  error: (code: string, err?: unknown, context?: Record<string, unknown>): void => write('error', code, err, context),
}
