/**
 * The dashboard's "Team" section rendered by itself (Vue's server renderer, no browser): a table with a
 * caption, column headers and one row per agent under the directory's name, in en and zh-CN; no rows: a note.
 */
import { createSSRApp } from 'vue'
import { createI18n } from 'vue-i18n'
import { renderToString } from 'vue/server-renderer'
import { describe, expect, it } from 'vitest'
import type { TeamRow } from '@/domain/dashboard/team'
import { allMessages } from '@/i18n'
import TeamTable from './TeamTable.vue'

const rows: TeamRow[] = [
  { agent: 'u-1', openCases: 12, waitingOnUser: 3, openReviews: 2, reviewsDueSoon: 1 },
  { agent: 'u-2', openCases: 4, waitingOnUser: 0, openReviews: 0, reviewsDueSoon: 0 },
]
const names = new Map([
  ['u-1', 'Ann Lee'],
  ['u-2', 'Bo Chen'],
])

async function render(locale: 'en' | 'zh-CN', shown: readonly TeamRow[]): Promise<string> {
  const app = createSSRApp(TeamTable, { rows: shown, nameOf: (a: string) => names.get(a) ?? a, error: null })
  app.use(createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: await allMessages() }))
  return renderToString(app)
}
const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

describe('TeamTable', () => {
  it('shows one row per agent by name, under labelled columns (en)', async () => {
    const html = await render('en', rows)
    expect(html).toContain('aria-labelledby="dashboard-team"')
    expect(html).toMatch(/<caption[^>]*>/)
    expect(text(html)).toContain(
      'Agent Open cases Waiting on user Open reviews owned Reviews due within 1 business day or overdue Ann Lee 12 3 2 1 Bo Chen 4 0 0 0',
    )
    expect(html.match(/<th scope="row"/g)).toHaveLength(2)
  })

  it('speaks Chinese in zh-CN', async () => {
    const t = text(await render('zh-CN', rows))
    expect(t).toContain('团队')
    expect(t).toContain('客服 未结工单 等待用户回复 负责的未结审核 1 个工作日内到期或已超期的审核 Ann Lee 12 3 2 1')
  })

  it('says so when no agent has anything open', async () => {
    const html = await render('en', [])
    expect(html).not.toContain('<table')
    expect(text(html)).toContain('No agent has an open case or an open review.')
  })
})
