import type { IpcMainInvokeEvent } from 'electron'
import type { z } from 'zod'
import type { IpcChannel, IpcContract, IpcResult } from '../../shared/contract'
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
    return 'unknown error'
  }
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
        return { ok: false, error: `${channel}: refused, untrusted sender` }
      }
      const parsed = schema.safeParse(args)
      if (!parsed.success) {
        return { ok: false, error: `${channel}: invalid arguments (${describeIssues(parsed.error)})` }
      }
      const value = await handler(event, ...(parsed.data as IpcContract[C]['args']))
      return { ok: true, value }
    } catch (err) {
      return { ok: false, error: `${channel}: ${describeError(err)}` }
    }
  }
}

export function register<C extends IpcChannel>(ipc: IpcMainLike, channel: C, handler: Handler<C>, origins: readonly string[]): void {
  ipc.handle(channel, wrapHandler(channel, handler, origins))
}
