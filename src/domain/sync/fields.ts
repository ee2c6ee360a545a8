/**
 * The synced record kinds and the fields the sync rules name (docs/team-sync.md, "Records"): plain
 * constants without the document schemas (`./records`), so the local database's outbox middleware can use
 * them without loading zod schemas and the business calendar at start-up.
 */

export const SYNC_KINDS = ['case', 'attempt', 'reply', 'review', 'event', 'template', 'setting'] as const
export type SyncKind = (typeof SYNC_KINDS)[number]

/** Settings that sync (team settings). Everything else in the local settings table stays local. */
export const TEAM_SETTING_KEYS = ['businessCalendar', 'slaSettings', 'playbook.files', 'playbook.installed'] as const
export type TeamSettingKey = (typeof TEAM_SETTING_KEYS)[number]

/**
 * Fields the server owns, per kind: stamped by it on every write (`updatedAt`, `updatedBy`), at insert
 * (`agent`, and `owner` of a new review: its creator), or by commands (`owner`). What a client sends for
 * them is ignored; a patch that names them has them dropped.
 */
export const SERVER_FIELDS: Readonly<Record<SyncKind, readonly string[]>> = {
  case: ['id', 'updatedAt', 'updatedBy', 'agent'],
  attempt: ['id', 'updatedAt', 'updatedBy', 'agent'],
  reply: ['id', 'updatedAt', 'updatedBy', 'agent'],
  review: ['id', 'updatedAt', 'updatedBy', 'agent', 'owner'],
  event: ['id', 'updatedAt', 'updatedBy', 'agent'],
  template: ['id', 'updatedAt', 'updatedBy'],
  setting: ['id', 'updatedAt', 'updatedBy'],
}

/** Review fields only the commands change (a patch naming them is refused: `review-command-required`). */
export const REVIEW_COMMAND_FIELDS: readonly string[] = ['state', 'outcome', 'closedAt']
