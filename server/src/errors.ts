/**
 * Error responses: `{ error: <code>, message, details? }` (docs/team-sync.md). The client maps the code to
 * an i18n key; `message` is plain English for logs and curl.
 */
export type ErrorCode =
  | 'invalid-request'
  | 'unsupported-media-type'
  | 'push-too-large'
  | 'request-too-large'
  | 'client-outdated'
  | 'server-outdated'
  | 'auth-required'
  | 'invalid-token'
  | 'token-expired'
  | 'invalid-credentials'
  | 'account-disabled'
  | 'invalid-refresh-token'
  | 'refresh-token-expired'
  | 'refresh-token-reused'
  | 'refresh-token-revoked'
  | 'invalid-id-token'
  | 'oidc-not-configured'
  | 'oidc-unavailable'
  | 'forbidden'
  | 'not-found'
  | 'username-taken'
  | 'last-admin'
  | 'unavailable'
  | 'internal'

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
