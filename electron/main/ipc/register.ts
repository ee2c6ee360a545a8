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

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`)
    .join('; ')
}

/**
 * Wraps a handler: checks the sender's frame is the app's own origin, validates the arguments with the
 * channel's zod schema, and turns every outcome into an envelope (never throws across the bridge).
 */
export function wrapHandler<C extends IpcChannel>(
  channel: C,
  handler: Handler<C>,
  origins: readonly string[],
): (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<IpcContract[C]['result']>> {
  const schema = argSchemas[channel] as z.ZodType
  return async (event, ...args) => {
    const senderUrl = event.senderFrame?.url
    if (!isTrustedUrl(senderUrl, origins)) {
      return { ok: false, error: `${channel}: refused, untrusted sender` }
    }
    const parsed = schema.safeParse(args)
    if (!parsed.success) {
      return { ok: false, error: `${channel}: invalid arguments (${describeIssues(parsed.error)})` }
    }
    try {
      const value = await handler(event, ...(parsed.data as IpcContract[C]['args']))
      return { ok: true, value }
    } catch (err) {
      return { ok: false, error: `${channel}: ${err instanceof Error ? err.message : String(err)}` }
    }
  }
}

export function register<C extends IpcChannel>(
  ipc: IpcMainLike,
  channel: C,
  handler: Handler<C>,
  origins: readonly string[],
): void {
  ipc.handle(channel, wrapHandler(channel, handler, origins))
}
