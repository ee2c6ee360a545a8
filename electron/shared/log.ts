/**
 * Log entries, shared by the renderer (which makes them) and the main process (which writes them to the
 * log file). Pure TypeScript with no imports, so both sides and the tests use the very same scrubber.
 *
 * An entry is a level, a stable message code (`reviews.alert.record`), the error's name and a scrubbed
 * message and stack, and a small context of non-personal fields (a case number, a channel, a count).
 * Personal data (UIDs, phones, emails, note, reply and template text) never belongs in an entry; the
 * scrubber below is defence in depth for what slips into an error message anyway.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export type LogValue = string | number | boolean | null
export type LogContext = Record<string, LogValue>

export interface LoggedError {
  name: string
  message: string
  stack?: string
}

export interface LogEntry {
  /** ISO time the entry was made. */
  time: string
  level: LogLevel
  /** A stable, greppable code: `area.what` (letters, digits, `.`, `-`, `_`). */
  code: string
  error?: LoggedError
  context?: LogContext
}

export const LOG_LIMITS = {
  code: 80,
  errorName: 80,
  message: 500,
  stackLines: 20,
  stack: 4000,
  contextKeys: 12,
  contextKey: 40,
  contextValue: 200,
} as const

export const CODE_PATTERN = /^[a-zA-Z0-9][\w.-]*$/

// ---------------------------------------------------------------------------------------------------------
// scrubbing

/**
 * Email addresses, broadly: anything up to `@`, then a domain (no dot needed: `agent@localhost` too). The
 * one `@` kept is a scoped package's in a stack frame's path (`node_modules/@vitest/runner`).
 */
const EMAIL = /[^\s@<>()[\]",;:]*(?<!node_modules\/)@[^\s@<>()[\]",;:]+/gu
/**
 * Phone-like: digits in groups split by one or two spaces, dashes, dots, slashes or brackets, with an
 * optional leading `+` or `(`: `+86 138 0013 8000`, `(852) 1234-5678`. Masked when the groups hold 7
 * digits or more together (dates such as 2026-11-24 are masked too: the entry has its own time).
 */
const PHONE_LIKE = /[+(]?\p{Nd}(?:\p{Nd}|[ \t\u00a0\u3000\-./()]{1,2}(?=\p{Nd}))*/gu
/** Any run of 5 or more digits (UIDs, IDs, phone numbers without separators), also inside words. */
const DIGIT_RUN = /\p{Nd}{5,}/gu

const countDigits = (s: string): number => s.replace(/\P{Nd}/gu, '').length

/** The console's case numbers (`VC-20261124-7K3Q`) name a case, not a person: they are kept. */
const CASE_NUMBER = /\bVC-\d{8}-[0-9A-Z]{4}\b/g

const scrubPart = (text: string): string =>
  text
    .replace(EMAIL, '<email>')
    .replace(PHONE_LIKE, (m) => (countDigits(m) >= 7 ? '<number>' : m))
    .replace(DIGIT_RUN, '<number>')

/**
 * Masks personal data in free text: emails become `<email>`; phone-like strings (7+ digits with
 * separators) and any other run of 5+ digits become `<number>`. Case numbers are kept. Idempotent.
 */
export function scrubText(text: string): string {
  const normalized = text.normalize('NFKC')
  let out = ''
  let last = 0
  for (const m of normalized.matchAll(CASE_NUMBER)) {
    out += scrubPart(normalized.slice(last, m.index)) + m[0]
    last = m.index + m[0].length
  }
  return out + scrubPart(normalized.slice(last))
}

/** A stack frame's `:line:column` suffix is kept as is (it is code position, not data). */
const FRAME_POSITION = /(:\d+:\d+\)?)$/

/** Scrubs a stack trace line by line, keeping frame positions, at most `stackLines` lines. */
export function scrubStack(stack: string): string {
  return stack
    .split('\n')
    .slice(0, LOG_LIMITS.stackLines)
    .map((line) => {
      const m = FRAME_POSITION.exec(line)
      return m ? scrubText(line.slice(0, m.index)) + m[1] : scrubText(line)
    })
    .join('\n')
    .slice(0, LOG_LIMITS.stack)
}

/** Context keys whose values are personal by their name: dropped whatever they hold. */
const PERSONAL_KEY = /uid|phone|mobile|e-?mail|note|reply|replies|body|text|template|content|name|address|secret|code$/i

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

/** Non-personal fields only, primitive values, scrubbed and capped. */
export function scrubContext(context: Record<string, unknown> | undefined): LogContext | undefined {
  if (!context) return undefined
  const out: LogContext = {}
  let n = 0
  for (const [rawKey, value] of Object.entries(context)) {
    if (n >= LOG_LIMITS.contextKeys) break
    const key = clip(rawKey.replace(/[^\w.-]/g, '_'), LOG_LIMITS.contextKey)
    if (PERSONAL_KEY.test(key)) out[key] = '[removed]'
    else if (value === null || typeof value === 'boolean') out[key] = value
    else if (typeof value === 'number') out[key] = Number.isFinite(value) && Math.abs(value) < 100_000 ? value : scrubText(String(value))
    else if (typeof value === 'string') out[key] = clip(scrubText(value), LOG_LIMITS.contextValue)
    else continue
    n++
  }
  return n > 0 ? out : undefined
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : String(value)
  } catch {
    return '(unprintable)' // String() itself threw (a hostile toString): nothing more to say
  }
}

/** Name, scrubbed message and stack of anything thrown (Dexie's wrapped `inner` error included). */
export function describeError(err: unknown): LoggedError {
  if (err instanceof Error || (typeof err === 'object' && err !== null && 'message' in err)) {
    const e = err as { name?: unknown; message?: unknown; stack?: unknown; inner?: unknown }
    let message = safeString(e.message)
    const inner = e.inner as { name?: unknown; message?: unknown } | undefined
    if (inner && typeof inner === 'object' && inner !== err) message += ` (inner ${safeString(inner.name)}: ${safeString(inner.message)})`
    const out: LoggedError = {
      name: clip(safeString(e.name ?? 'Error'), LOG_LIMITS.errorName),
      message: clip(scrubText(message), LOG_LIMITS.message),
    }
    if (typeof e.stack === 'string' && e.stack !== '') out.stack = scrubStack(e.stack)
    return out
  }
  return { name: 'NonError', message: clip(scrubText(safeString(err)), LOG_LIMITS.message) }
}

/**
 * Checks and scrubs an entry from anywhere (the renderer may be compromised or buggy): a valid level and
 * code, scrubbed error and context, all within the limits. Main runs every entry through it again.
 */
export function scrubEntry(entry: LogEntry): LogEntry {
  const out: LogEntry = {
    time: entry.time,
    level: entry.level,
    code: CODE_PATTERN.test(entry.code) ? clip(entry.code, LOG_LIMITS.code) : 'invalid-code',
  }
  if (entry.error) {
    out.error = {
      name: clip(scrubText(entry.error.name), LOG_LIMITS.errorName),
      message: clip(scrubText(entry.error.message), LOG_LIMITS.message),
    }
    if (entry.error.stack) out.error.stack = scrubStack(entry.error.stack)
  }
  const context = scrubContext(entry.context)
  if (context) out.context = context
  return out
}

/** One entry as text: `time LEVEL code name: message {context}` and the stack indented below. */
export function formatEntry(entry: LogEntry): string {
  let line = `${entry.time} ${entry.level.toUpperCase().padEnd(5)} ${entry.code}`
  if (entry.error) line += ` ${entry.error.name}: ${entry.error.message}`
  if (entry.context) line += ` ${JSON.stringify(entry.context)}`
  if (entry.error?.stack) {
    const frames = entry.error.stack
      .split('\n')
      .filter((l) => /^\s+at\s/.test(l))
      .map((l) => `    ${l.trim()}`)
    if (frames.length) line += `\n${frames.join('\n')}`
  }
  return line
}
