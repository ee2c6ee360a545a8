/**
 * The playbook shipped with the app (`resources/playbook/`). Support leads edit those JSON files; the build
 * bundles them. A broken file makes `bundledPlaybooks()` fail with the issues (file and field), and fails
 * the content tests long before a build ships.
 */
import en from '@resources/playbook/playbook.en.json'
import zhCN from '@resources/playbook/playbook.zh-CN.json'
import { formatPlaybookIssue, loadPlaybooks, type PlaybookResult, type PlaybookSet, type PlaybookSource } from './content'

export const BUNDLED_PLAYBOOK_SOURCES: readonly PlaybookSource[] = [
  { file: 'playbook.en.json', data: en },
  { file: 'playbook.zh-CN.json', data: zhCN },
]

let cached: PlaybookResult<PlaybookSet> | null = null

/** The validated bundled playbooks, both languages, or the issues of a broken bundle. */
export function bundledPlaybooks(): PlaybookResult<PlaybookSet> {
  cached ??= loadPlaybooks(BUNDLED_PLAYBOOK_SOURCES)
  return cached
}

/**
 * The bundled playbooks for code that may rely on them (tests, tools): a broken bundle is a build error
 * here, thrown with every issue. The app itself uses `bundledPlaybooks()` and shows the issues.
 */
export function loadBundledPlaybooks(): PlaybookSet {
  const r = bundledPlaybooks()
  if (!r.ok) throw new Error(`the bundled playbook is broken:\n${r.error.map(formatPlaybookIssue).join('\n')}`)
  return r.value
}
