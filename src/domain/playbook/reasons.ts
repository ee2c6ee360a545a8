import type { Problem } from '../result'

/**
 * A one-line explanation for the agent: a Problem (full i18n key in the `playbook` namespace,
 * `src/i18n/<lang>/playbook.ts`, with parameters); the view calls `t(reason.key, reason.params ?? {})`.
 */
export type Reason = Problem
