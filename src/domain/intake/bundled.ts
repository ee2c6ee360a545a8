/**
 * The intake words shipped with the app (`resources/intake/`). A broken file fails
 * `bundledIntakeWords()` with every problem named by file and field (and fails the unit tests long
 * before a build ships).
 */
import en from '@resources/intake/intake.en.json'
import zhCN from '@resources/intake/intake.zh-CN.json'
import { formatIntakeWordsIssue, loadIntakeWords, type IntakeWords, type IntakeWordsSource } from './words'

export const BUNDLED_INTAKE_SOURCES: readonly IntakeWordsSource[] = [
  { file: 'intake.en.json', data: en },
  { file: 'intake.zh-CN.json', data: zhCN },
]

let cached: IntakeWords | null = null

/** The validated bundled words, both languages merged. Throws an Error listing every problem when a file is broken. */
export function bundledIntakeWords(): IntakeWords {
  if (cached) return cached
  const r = loadIntakeWords(BUNDLED_INTAKE_SOURCES)
  if (!r.ok) throw new Error(`intake words: ${r.issues.map(formatIntakeWordsIssue).join('; ')}`)
  cached = r.value
  return cached
}
