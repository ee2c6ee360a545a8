import { normalizeEmail } from './email'
import { normalizePhone } from './phone'
import { normalizeUid } from './uid'

/** The ways to recognise a user again, each as stored (null: not given, or not complete yet). */
export interface UserKeys {
  uid: string | null
  phoneE164: string | null
  emailLower: string | null
}

/**
 * The identity fields of a form that already hold a complete value, normalised as they would be saved:
 * a UID of enough digits, a valid phone number, a valid email address. A half-typed field counts as not
 * given, so a check for the same user can run while the agent types without matching on fragments.
 */
export function completeUserKeys(form: { uid: string; phone: string; email: string }): UserKeys {
  const uid = form.uid.trim() === '' ? null : normalizeUid(form.uid)
  const phone = form.phone.trim() === '' ? null : normalizePhone(form.phone)
  const email = form.email.trim() === '' ? null : normalizeEmail(form.email)
  return {
    uid: uid?.ok ? uid.value : null,
    phoneE164: phone?.ok ? phone.value.e164 : null,
    emailLower: email?.ok ? email.value.lower : null,
  }
}

export const hasUserKeys = (keys: UserKeys): boolean => keys.uid !== null || keys.phoneE164 !== null || keys.emailLower !== null
