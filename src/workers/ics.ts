/**
 * Reading an .ics file in a worker: the page hands over the File (the worker reads it), sees progress, can
 * cancel, and stops the worker itself if the parser's own clock check (`shouldStop`) never comes round.
 */
import type { IcsOptions, IcsParseResult } from '@/domain/calendar/ics'
import type { Result } from '@/domain/result'
import { runWorkerJob, type RunningJob } from './job'

/** How long reading one file may take; the worker's parser stops itself then, the page a little later. */
export const ICS_TIME_LIMIT_MS = 15_000
const GRACE_MS = 3_000

export interface IcsJobRequest {
  file: Blob
  options: Omit<IcsOptions, 'budget'>
  timeLimitMs: number
}
export interface IcsJobProgress {
  done: number
  total: number
}
export type IcsJobResult = Result<IcsParseResult>

export function createIcsWorker(): Worker {
  return new Worker(new URL('./ics.worker.ts', import.meta.url), { type: 'module', name: 'ics' })
}

export function readIcsInWorker(
  file: Blob,
  options: Omit<IcsOptions, 'budget'>,
  onProgress?: (p: IcsJobProgress) => void,
  timeLimitMs = ICS_TIME_LIMIT_MS,
): RunningJob<IcsJobResult> {
  return runWorkerJob<IcsJobRequest, IcsJobProgress, IcsJobResult>(
    createIcsWorker,
    { file, options, timeLimitMs },
    { onProgress, timeLimitMs: timeLimitMs + GRACE_MS },
  )
}
