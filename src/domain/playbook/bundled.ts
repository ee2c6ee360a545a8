/**
 * The playbook shipped with the app (`resources/playbook/`). Support leads edit those JSON files; the build
 * bundles them. A broken file fails `loadBundledPlaybooks()` with a PlaybookError naming file and field
 * (and fails the content tests long before a build ships).
 */
import en from '@resources/playbook/playbook.en.json'
import zhCN from '@resources/playbook/playbook.zh-CN.json'
import { loadPlaybooks, type PlaybookSet, type PlaybookSource } from './content'

export const BUNDLED_PLAYBOOK_SOURCES: readonly PlaybookSource[] = [
  { file: 'playbook.en.json', data: en },
  { file: 'playbook.zh-CN.json', data: zhCN },
]

let cached: PlaybookSet | null = null

/** The validated bundled playbooks, both languages. Throws PlaybookError when a file is broken. */
export function loadBundledPlaybooks(): PlaybookSet {
  if (cached) return cached
  const r = loadPlaybooks(BUNDLED_PLAYBOOK_SOURCES)
  if (!r.ok) throw r.error
  cached = r.value
  return cached
}
