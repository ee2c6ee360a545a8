/**
 * The notices about team records that belong to no case (a reply template, the team's calendar or
 * playbook pulled with its secrets removed): rendered by the component itself (Vue's server renderer, no
 * browser needed), in plain words naming the record and the field, en and zh-CN, each with its own
 * Dismiss; a dismissed notice is gone.
 */
import { createPinia, setActivePinia } from 'pinia'
import { createSSRApp } from 'vue'
import { createI18n } from 'vue-i18n'
import { renderToString } from 'vue/server-renderer'
import { beforeEach, describe, expect, it } from 'vitest'
import { allMessages } from '@/i18n'
import { useSyncNoticesStore } from '@/stores/syncNotices'
import { caselessNoticeIds, storeSyncNotices } from '@test/syncNotices'
import TeamRecordNotices from './TeamRecordNotices.vue'

const at = Date.UTC(2026, 11, 5)

async function render(locale: 'en' | 'zh-CN'): Promise<string> {
  const app = createSSRApp(TeamRecordNotices, { headingLevel: 3 })
  app.use(createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: await allMessages() }))
  const pinia = createPinia()
  setActivePinia(pinia)
  app.use(pinia)
  await useSyncNoticesStore().loadWithoutCase()
  const html = await renderToString(app)
  // the text a person reads: tags dropped, entities read
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x201C;|&ldquo;/g, '“')
    .replace(/&#x201D;|&rdquo;/g, '”')
    .replace(/&#39;/g, '’')
    .replace(/\s+/g, ' ')
}

beforeEach(async () => {
  await storeSyncNotices([
    {
      caseId: null,
      kind: 'template',
      recordId: 'greeting',
      type: 'redacted',
      reason: null,
      conflicts: [],
      details: { fields: ['guard.fields.templateBodyEn', 'guard.fields.templateBodyZh'], count: 3 },
      at,
    },
    {
      caseId: null,
      kind: 'setting',
      recordId: 'playbook.files',
      type: 'redacted',
      reason: null,
      conflicts: [],
      details: { fields: ['guard.fields.playbookFile'], count: 1 },
      at: at + 1,
    },
    // on a case: shown on the case page, not here
    {
      caseId: 7,
      kind: 'case',
      recordId: 'c-7',
      type: 'redacted',
      reason: null,
      conflicts: [],
      details: { fields: ['case.fields.notes'], count: 1 },
      at,
    },
  ])
})

describe('TeamRecordNotices', () => {
  it('names the record kind and the field in plain words, each notice with its own Dismiss (en)', async () => {
    const text = await render('en')
    expect(text).toContain('Secrets removed from team records')
    expect(text).toContain(
      'As it came from the team server, the reply template “greeting” held verification codes, authenticator keys or ID numbers in Text (English), Text (Chinese) (3 found).',
    )
    expect(text).toContain('the team’s playbook files held verification codes, authenticator keys or ID numbers in Playbook file (1 found)')
    expect(text).not.toContain('Notes')
    expect(text.match(/Dismiss/g)).toHaveLength(2)
  })

  it('speaks Chinese in zh-CN', async () => {
    const text = await render('zh-CN')
    expect(text).toContain('已从团队记录中删除机密信息')
    expect(text).toContain('回复模板“greeting”（来自团队服务器）的')
    expect(text).toContain('团队处理手册文件')
    expect(text).not.toMatch(/Dismiss|reply template|guard\.fields/)
  })

  it('a dismissed notice is gone; none left renders nothing', async () => {
    const store = useSyncNoticesStore()
    const [first, second] = await caselessNoticeIds()
    await store.dismiss(first!)
    let text = await render('en')
    expect(text).not.toContain('greeting')
    expect(text).toContain('playbook files')
    await store.dismiss(second!)
    text = await render('en')
    expect(text.trim()).toBe('')
  })
})
