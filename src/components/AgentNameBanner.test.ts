/**
 * The reminder to set an agent name, rendered by the component itself (Vue's server renderer): shown in solo
 * mode while no name is set; not in team mode, where the service signs every change with the signed-in
 * account (the reminder's "Cases you log will be signed …" would be untrue there); not once a name is set;
 * not on Settings, where the name is typed.
 */
import { createPinia, setActivePinia } from 'pinia'
import { createSSRApp, defineComponent, h } from 'vue'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import { renderToString } from 'vue/server-renderer'
import { describe, expect, it } from 'vitest'
import { allMessages } from '@/i18n'
import { useSettingsStore } from '@/stores/settings'
import { useSyncStore } from '@/stores/sync'
import AgentNameBanner from './AgentNameBanner.vue'

const Blank = defineComponent({ render: () => h('div') })

async function render(opts: { agentName: string; joined: boolean; path?: string; locale?: 'en' | 'zh-CN' }): Promise<string> {
  const app = createSSRApp(AgentNameBanner)
  app.use(createI18n({ legacy: false, locale: opts.locale ?? 'en', fallbackLocale: 'en', messages: await allMessages() }))
  const pinia = createPinia()
  setActivePinia(pinia)
  app.use(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/cases', name: 'cases', component: Blank },
      { path: '/settings', name: 'settings', component: Blank },
    ],
  })
  app.use(router)
  await router.push(opts.path ?? '/cases')
  await router.isReady()
  useSettingsStore().prefs.agentName = opts.agentName
  const sync = useSyncStore()
  sync.config = { ...sync.config, joined: opts.joined, serverUrl: opts.joined ? 'https://team.example' : '' }
  return (await renderToString(app))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

describe('the agent-name reminder', () => {
  it('asks for a name in solo mode while none is set, with a link to Settings (en and zh-CN)', async () => {
    const en = await render({ agentName: '', joined: false })
    expect(en).toContain('Your agent name is not set.')
    expect(en).toContain('Set your name')
    const zh = await render({ agentName: '', joined: false, locale: 'zh-CN' })
    expect(zh).toContain('尚未设置客服姓名')
    expect(zh).toContain('设置姓名')
  })

  it('is not shown in team mode: the signed-in account signs the changes', async () => {
    expect(await render({ agentName: '', joined: true })).toBe('')
  })

  it('is not shown once a name is set, nor on Settings', async () => {
    expect(await render({ agentName: 'Mei', joined: false })).toBe('')
    expect(await render({ agentName: '', joined: false, path: '/settings' })).toBe('')
  })
})
