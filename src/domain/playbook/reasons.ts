/**
 * A one-line explanation for the agent, as an i18n key with parameters (same shape as Problem).
 * Unlike validation Problems (relative to `errors.`), these keys are full paths in the `playbook`
 * namespace (`src/i18n/<lang>/playbook.ts`): the view calls `t(reason.key, reason.params ?? {})`.
 */
export interface Reason {
  key: string
  params?: Record<string, string | number>
}
