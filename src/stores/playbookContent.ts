/**
 * Pure helpers for the playbook settings section (tested without Vue): the current content as one JSON
 * file per language (so a support lead starts editing from what is in use), limits on the chosen files
 * checked before they are read, and which content is in use.
 */
import { LANGUAGES, type Language } from '@/domain/model'
import type { PlaybookSet } from '@/domain/playbook'
import { PLAYBOOK_FILE_LIMITS } from '@/data/playbookFiles'
import type { PlaybookOrigin } from './playbookHelpers'

export interface PlaybookDownload {
  language: Language
  /** `playbook.<language>.json`: the name the loader reads the language from. */
  defaultName: string
  /** Pretty-printed JSON (two-space indent, final newline): valid input for the loader as it is. */
  text: string
}

/** `playbook.en.json`, `playbook.zh-CN.json`. */
export const playbookFileName = (language: Language): string => `playbook.${language}.json`

/**
 * The content in use as files, one per language in LANGUAGES order. The validated content keeps the
 * file format's fields (the loader fills in defaults such as `stepOrder`), so the files load again as they are.
 */
export function playbookDownloads(set: PlaybookSet): PlaybookDownload[] {
  return LANGUAGES.map((language) => ({
    language,
    defaultName: playbookFileName(language),
    text: `${JSON.stringify(set[language], null, 2)}\n`,
  }))
}

/** A chosen file before it is read: its name and size in bytes. */
export interface ChosenFile {
  name: string
  size: number
}

/** Why chosen files are refused before they are read; `key` is under `playbook.settings.selection.`. */
export interface SelectionProblem {
  file: string
  key: 'tooMany' | 'nameTooLong' | 'tooLarge'
  params: Record<string, string | number>
}

/**
 * Problems with the chosen files that make reading them pointless (more files than languages, a name
 * or a file too long to store). Content problems are the loader's to report once the files are read.
 */
export function selectionProblems(files: readonly ChosenFile[]): SelectionProblem[] {
  const names = LANGUAGES.map(playbookFileName).join(', ')
  if (files.length > LANGUAGES.length)
    return [{ file: files.map((f) => f.name).join(', '), key: 'tooMany', params: { count: files.length, max: LANGUAGES.length, names } }]
  const out: SelectionProblem[] = []
  for (const f of files) {
    if (f.name.length > PLAYBOOK_FILE_LIMITS.nameLength)
      out.push({ file: `${f.name.slice(0, 60)}…`, key: 'nameTooLong', params: { max: PLAYBOOK_FILE_LIMITS.nameLength } })
    // UTF-8 takes at least one byte per UTF-16 unit, so a file within the limit in bytes fits once read
    if (f.size > PLAYBOOK_FILE_LIMITS.textLength)
      out.push({ file: f.name, key: 'tooLarge', params: { max: PLAYBOOK_FILE_LIMITS.textLength / 1_000_000 } })
  }
  return out
}

export type ContentInUse = 'custom' | 'bundled' | 'none'

/**
 * Which content the checklist shows: installed files, or the bundled playbook. After broken custom files
 * (`last-good`) the content kept is whatever was in use before, compared by identity with the bundled set.
 */
export function contentInUse(origin: PlaybookOrigin, playbooks: PlaybookSet | null, bundled: PlaybookSet | null): ContentInUse {
  if (!playbooks || origin === 'none') return 'none'
  if (origin === 'custom') return 'custom'
  if (origin === 'bundled') return 'bundled'
  return playbooks === bundled ? 'bundled' : 'custom'
}
