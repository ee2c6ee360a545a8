import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { i18n, setLocale } from './index'

// setLocale sets <html lang>; unit tests run in Node, so a bare stand-in for document
const doc = { documentElement: { lang: '' } }
beforeEach(() => {
  ;(globalThis as { document?: unknown }).document = doc
})
afterEach(async () => {
  await setLocale('en')
  delete (globalThis as { document?: unknown }).document
})

describe('UI language', () => {
  it('starts in English and loads zh-CN only when it is chosen', async () => {
    expect(i18n.global.t('common.nav.cases')).toBe('Cases')
    await setLocale('zh-CN')
    expect(i18n.global.locale.value).toBe('zh-CN')
    expect(i18n.global.t('common.nav.cases')).toMatch(/[\u4e00-\u9fff]/)
    expect(doc.documentElement.lang).toBe('zh-CN')
  })

  it('ends in the language chosen last when a choice comes while zh-CN loads', async () => {
    const zh = setLocale('zh-CN')
    const en = setLocale('en')
    await Promise.all([zh, en])
    expect(i18n.global.locale.value).toBe('en')
    expect(doc.documentElement.lang).toBe('en')
  })
})
