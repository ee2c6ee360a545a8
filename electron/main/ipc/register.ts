import type { IpcMainInvokeEvent } from 'electron'
import type { z } from 'zod'
import type { IpcChannel, IpcContract, IpcProblem, IpcResult } from '../../shared/contract'
import { createRateLimiter, mainLog } from '../log'
import { isTrustedUrl } from '../security'
import { argSchemas } from './schemas'

export type Handler<C extends IpcChannel> = (
  event: IpcMainInvokeEvent,
  ...args: IpcContract[C]['args']
) => Promise<IpcContract[C]['result']> | IpcContract[C]['result']

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void
}

/** Where an issue is, in words: `argument 1`, or the field path inside the argument (`payload.text`). */
function where(issuePath: readonly PropertyKey[]): string {
  if (issuePath.length === 0) return 'arguments'
  const [index, ...rest] = issuePath
  if (rest.length === 0) return typeof index === 'number' ? `argument ${index + 1}` : String(index)
  return rest.map((p) => String(p)).join('.')
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${where(i.path)}: ${i.message}`)
    .join('; ')
}

/** A message for anything thrown, without ever throwing itself. */
function describeError(err: unknown): string {
  if (err instanceof Error) return err.message
  try {
    return String(err)
  } catch {
    return 'unknown error' // String() itself threw (a hostile toString): say so in general terms
  }
}

const problem = (key: string, params: IpcProblem['params']): { ok: false; error: IpcProblem } => ({ ok: false, error: { key, params } })

/** Refusals are logged, but a renderer sending garbage in a loop must not flood the log: 10 per minute per channel. */
const refusalLog = createRateLimiter(10, 10 / 60)
function logRefusal(kind: 'refused' | 'invalid', channel: IpcChannel, detail?: string): void {
  if (!refusalLog.take(`${kind}:${channel}`).allowed) return
  mainLog.warn(`ipc.${kind}`, undefined, detail === undefined ? { channel } : { channel, detail })
}

/**
 * Wraps a handler: checks the sender's frame is the app's own origin, validates the arguments with the
 * channel's zod schema, and turns every outcome into an envelope (never throws across the bridge).
 */
export function wrapHandler<C extends IpcChannel>(
  channel: C,
  handler: Handler<C>,
  origins: readonly string[],
  schemas: Record<IpcChannel, z.ZodType> = argSchemas,
): (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<IpcContract[C]['result']>> {
  const schema = schemas[channel]
  return async (event, ...args) => {
    try {
      if (!isTrustedUrl(event.senderFrame?.url, origins)) {
        logRefusal('refused', channel)
        return problem('errors.ipc.refused', { channel })
      }
      const parsed = schema.safeParse(args)
      if (!parsed.success) {
        const detail = describeIssues(parsed.error)
        logRefusal('invalid', channel, detail)
        return problem('errors.ipc.invalidArguments', { channel, detail })
      }
      const value = await handler(event, ...(parsed.data as IpcContract[C]['args']))
      return { ok: true, value }
    } catch (err) {
      mainLog.error('ipc.failed', err, { channel })
      // the agent sees the system's reason (it may name the file they chose); the log has it scrubbed
      return problem('errors.ipc.failed', { channel, detail: describeError(err).slice(0, 300) })
    }
  }
}

export function register<C extends IpcChannel>(ipc: IpcMainLike, channel: C, handler: Handler<C>, origins: readonly string[]): void {
  ipc.handle(channel, wrapHandler(channel, handler, origins))
}
