/**
 * Custom troubleshooting-playbook files installed by a support lead, kept in the settings table:
 * `playbook.files` (the files as given: name and text, so they can be read again at every start) and
 * `playbook.installed` (when and by whom). Installing or going back to the bundled playbook writes both
 * keys and a 'settings' audit event in one transaction. Validation of the content is the caller's job
 * (src/stores/playbookHelpers.ts); this module only checks the stored shape.
 */
import { z } from 'zod'
import type { FieldChange } from '@/domain/model'
import type { ConsoleDb } from './db'
import { guarded } from './errors'
import { appendEvent } from './events'

export const PLAYBOOK_FILES_SETTING = 'playbook.files'
export const PLAYBOOK_INSTALLED_SETTING = 'playbook.installed'

/** What may be stored (and is checked again on every start). */
export const PLAYBOOK_FILE_LIMITS = { files: 10, nameLength: 200, textLength: 2_000_000 } as const

export const storedFilesSchema = z
  .array(z.object({ file: z.string().min(1).max(PLAYBOOK_FILE_LIMITS.nameLength), text: z.string().max(PLAYBOOK_FILE_LIMITS.textLength) }))
  .max(PLAYBOOK_FILE_LIMITS.files)
export type StoredPlaybookFile = z.infer<typeof storedFilesSchema>[number]

export const installedSchema = z.object({
  at: z.number().int().nonnegative(),
  agent: z.string().max(200),
  version: z.number().int().positive(),
})
/** When custom files were installed, by whom, and the content version they carry. */
export type PlaybookInstall = z.infer<typeof installedSchema>

export interface StoredPlaybook {
  /** undefined: nothing stored (bundled); null: explicitly back to bundled; else the saved files. */
  files: unknown
  /** Null when unknown (older data, or nothing installed). */
  installed: PlaybookInstall | null
}

export async function readStoredPlaybook(db: ConsoleDb): Promise<StoredPlaybook> {
  const [files, installed] = await guarded(() =>
    Promise.all([db.settings.get(PLAYBOOK_FILES_SETTING), db.settings.get(PLAYBOOK_INSTALLED_SETTING)]),
  )
  const meta = installedSchema.safeParse(installed?.value)
  return { files: files?.value, installed: meta.success ? meta.data : null }
}

export interface PlaybookWriteContext {
  agent: string
  now: number
  /** The content version in use before the change (null: none). */
  fromVersion: number | null
  fromCustom: boolean
}

function changes(ctx: PlaybookWriteContext, toVersion: number | null, toCustom: boolean): FieldChange[] {
  const out: FieldChange[] = []
  if (ctx.fromCustom !== toCustom)
    out.push({ field: 'content', from: ctx.fromCustom ? 'custom' : 'bundled', to: toCustom ? 'custom' : 'bundled' })
  if (ctx.fromVersion !== toVersion) out.push({ field: 'version', from: ctx.fromVersion, to: toVersion })
  return out
}

/** Stores validated custom files (with `version`, their content version) and an 'installed' event. */
export async function installPlaybookFiles(
  db: ConsoleDb,
  files: readonly StoredPlaybookFile[],
  version: number,
  ctx: PlaybookWriteContext,
): Promise<PlaybookInstall> {
  const value = storedFilesSchema.parse(files.map((f) => ({ file: f.file, text: f.text })))
  const installed: PlaybookInstall = { at: ctx.now, agent: ctx.agent, version }
  return guarded(() =>
    db.transaction('rw', db.settings, db.events, async () => {
      await db.settings.put({ key: PLAYBOOK_FILES_SETTING, value })
      await db.settings.put({ key: PLAYBOOK_INSTALLED_SETTING, value: installed })
      await appendEvent(
        db,
        {
          entity: 'settings',
          entityId: PLAYBOOK_FILES_SETTING,
          caseId: null,
          action: 'installed',
          changes: changes(ctx, version, true),
          note: value.map((f) => f.file).join(', '),
        },
        ctx.agent,
        ctx.now,
      )
      return installed
    }),
  )
}

/** Forgets the custom files (the bundled playbook applies), with a 'reset' event. */
export async function clearPlaybookFiles(db: ConsoleDb, bundledVersion: number | null, ctx: PlaybookWriteContext): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.settings, db.events, async () => {
      await db.settings.put({ key: PLAYBOOK_FILES_SETTING, value: null })
      await db.settings.delete(PLAYBOOK_INSTALLED_SETTING)
      await appendEvent(
        db,
        {
          entity: 'settings',
          entityId: PLAYBOOK_FILES_SETTING,
          caseId: null,
          action: 'reset',
          changes: changes(ctx, bundledVersion, false),
        },
        ctx.agent,
        ctx.now,
      )
    }),
  )
}
