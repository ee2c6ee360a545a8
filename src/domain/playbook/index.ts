/** The troubleshooting playbook: content (loader), checklist state, next-step rules. */
export * from './content'
export * from './bundled'
export * from './checklist'
export * from './rules'
export type { Reason } from './reasons'
