/**
 * Turns a push body into prepared changes, or a 400 `invalid-request` naming every problem (path and
 * message): the envelope, then each change with the checks shared with the client
 * (src/domain/sync/prepare.ts). A push with any malformed change is refused whole, so nothing of it is written.
 */
import { pushRequestSchema } from '../../../src/domain/sync/protocol'
import { prepareChange, zIssues, type Issue, type PreparedChange, type Stamp } from '../../../src/domain/sync/prepare'
import { ApiError, invalidRequest } from '../errors'

export type { Doc, PreparedChange, Stamp } from '../../../src/domain/sync/prepare'

const MAX_ISSUES = 20

export function preparePush(
  body: unknown,
  s: Stamp,
  limits: { maxChanges: number; maxBytes: number },
): { clientId: string; changes: PreparedChange[] } {
  const env = pushRequestSchema.safeParse(body)
  if (!env.success) {
    const issues = zIssues(env.error, [])
    throw invalidRequest('The push is not valid.', { issues: issues.slice(0, MAX_ISSUES) })
  }
  if (env.data.changes.length > limits.maxChanges) {
    throw new ApiError(
      413,
      'push-too-large',
      `A push may hold at most ${limits.maxChanges} changes and ${limits.maxBytes} bytes: push fewer changes at a time.`,
      {
        ...limits,
      },
    )
  }
  const issues: Issue[] = []
  const seen = new Set<string>()
  const changes = env.data.changes.map((c, i) => {
    const at = ['changes', i]
    if (seen.has(c.mutationId)) issues.push({ path: [...at, 'mutationId'], message: 'appears twice in this push' })
    seen.add(c.mutationId)
    return prepareChange(c, s, at, issues)
  })
  if (issues.length > 0) throw invalidRequest('The push is not valid.', { issues: issues.slice(0, MAX_ISSUES) })
  return { clientId: env.data.clientId, changes }
}
