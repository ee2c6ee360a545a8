/**
 * The rules for a local account's password, one copy for both sides: the sync service checks them with zod
 * (server/src/app.ts) and the console shows and checks them before it asks (Settings → Team → accounts).
 * Lengths count UTF-16 code units, as `String.length` and zod's `.min` do.
 */
import { fail, ok, type FieldProblems, type Result } from '../result'

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 200

export type NewPasswordField = 'password' | 'confirm'

/** A new password typed twice: the password itself, or one Problem per field (length first, then the match). */
export function checkNewPassword(password: string, confirm: string): Result<string, FieldProblems<NewPasswordField>> {
  const problems: FieldProblems<NewPasswordField> = {}
  if (password.length < PASSWORD_MIN) problems.password = { key: 'team.password.tooShort', params: { n: PASSWORD_MIN } }
  else if (password.length > PASSWORD_MAX) problems.password = { key: 'team.password.tooLong', params: { n: PASSWORD_MAX } }
  if (confirm !== password) problems.confirm = { key: 'team.password.mismatch' }
  return problems.password || problems.confirm ? fail(problems) : ok(password)
}
