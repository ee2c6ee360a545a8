import fs from 'node:fs/promises'
import type { LogEntry } from '../../shared/log'
import { createRateLimiter, type FileLog } from '../log'
import { writeFileAtomic } from './atomic'

/** A renderer may log 100 entries at once and 20 a second after that; the rest are dropped and counted. */
export const rendererLogLimit = createRateLimiter(100, 20)

/**
 * Writes one renderer entry (the file log scrubs it again). Over the rate limit it is dropped; the next
 * entry that passes is preceded by a `log.dropped` entry saying how many were lost.
 */
export function receiveRendererLog(log: FileLog, senderId: number, entry: LogEntry, limiter = rendererLogLimit): boolean {
  const { allowed, droppedBefore } = limiter.take(senderId)
  if (!allowed) return false
  if (droppedBefore > 0)
    log.write({ time: entry.time, level: 'warn', code: 'log.dropped', context: { count: droppedBefore, process: 'renderer' } })
  log.write(entry)
  return true
}

/** Copies the log files, oldest first, into one file where the agent chose (after pending writes land). */
export async function exportLogFiles(log: FileLog, target: string): Promise<void> {
  await log.flush()
  const parts = await Promise.all(
    log.files().map((f) =>
      fs.readFile(f, 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return '' // that older file does not exist (yet)
        throw err
      }),
    ),
  )
  await writeFileAtomic(target, { kind: 'text', text: parts.join('') })
}
