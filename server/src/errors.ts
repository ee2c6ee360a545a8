/**
 * Error responses: `{ error: <code>, message, details? }` (docs/team-sync.md). The client maps the code to
 * an i18n key; `message` is plain English for logs and curl.
 */
import type { ErrorCode } from '../../src/domain/sync/protocol'

export type { ErrorCode }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const invalidRequest = (message: string, details?: Record<string, unknown>) => new ApiError(400, 'invalid-request', message, details)
