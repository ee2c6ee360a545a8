/** Test helper: resolves a full `playbook.x.y` i18n key in one language's file (used by the tests only). */
import en from '@/i18n/en/playbook'
import zhCN from '@/i18n/zh-CN/playbook'

/** Resolves a full `playbook.x.y` key in one language's file, or undefined. */
export function playbookMessage(lang: 'en' | 'zh-CN', key: string): string | undefined {
  if (!key.startsWith('playbook.')) return undefined
  let cur: unknown = lang === 'en' ? en : zhCN
  for (const part of key.slice('playbook.'.length).split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return typeof cur === 'string' ? cur : undefined
}
