import { ref, type Ref } from 'vue'
import type { FieldProblems, Problem } from '@/domain/result'
import { checkNewPassword, type NewPasswordField } from '@/domain/sync/password'
import { log } from '@/platform'

export interface PasswordReset<T> {
  password: Ref<string>
  confirm: Ref<string>
  /** The field problems of the last submit (the password's rules, the repeat). */
  problems: Readonly<Ref<FieldProblems<NewPasswordField>>>
  /** Why the server refused, as an i18n key (`team.errors.forbidden`), or null. */
  failure: Readonly<Ref<Problem | null>>
  busy: Readonly<Ref<boolean>>
  /** Checks both fields, then saves: the saved account, or null when refused (the problems say why). */
  submit: () => Promise<T | null>
  /** Empties the form (a dialog opened again starts blank). */
  clear: () => void
}

/**
 * The form behind "Reset password" (Settings → Team → accounts): a new password typed twice, checked by the
 * same rules as the server (src/domain/sync/password.ts) before `save` is asked. `save` throws a SyncError
 * when the server refuses; `errorKey` maps it to an i18n key. The password is never logged: only the error.
 */
export function usePasswordReset<T>(save: (password: string) => Promise<T>, errorKey: (e: unknown) => string): PasswordReset<T> {
  const password = ref('')
  const confirm = ref('')
  const problems = ref<FieldProblems<NewPasswordField>>({})
  const failure = ref<Problem | null>(null)
  const busy = ref(false)

  function clear(): void {
    password.value = ''
    confirm.value = ''
    problems.value = {}
    failure.value = null
  }

  async function submit(): Promise<T | null> {
    if (busy.value) return null
    failure.value = null
    const checked = checkNewPassword(password.value, confirm.value)
    problems.value = checked.ok ? {} : checked.error
    if (!checked.ok) return null
    busy.value = true
    try {
      const saved = await save(checked.value)
      clear()
      return saved
    } catch (e) {
      log.warn('team.users.resetPassword', e)
      failure.value = { key: errorKey(e) }
      return null
    } finally {
      busy.value = false
    }
  }

  return { password, confirm, problems, failure, busy, submit, clear }
}
