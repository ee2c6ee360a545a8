/**
 * Settings → Team → accounts → Reset password, the dialog by itself (Vue's server renderer, no browser): its
 * heading, the two labelled fields and the server's rules, in en and zh-CN; then the form the dialog renders
 * (its own usePasswordReset, with the store's save stubbed) is filled and submitted, and the dialog is
 * rendered again from that same form: a short password, two different passwords and a refused reset each
 * show their message at the right field, and nothing is saved until both fields pass; a valid reset saves
 * exactly that password for that account, empties the form and logs no password.
 */
import { NMessageProvider } from 'naive-ui'
import { createPinia, setActivePinia } from 'pinia'
import { createSSRApp, h } from 'vue'
import { createI18n } from 'vue-i18n'
import { renderToString } from 'vue/server-renderer'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type * as PasswordResetModule from '@/composables/usePasswordReset'
import type { PasswordReset } from '@/composables/usePasswordReset'
import { allMessages } from '@/i18n'
import { clearLogEntries, recentLogEntries } from '@/platform/log'
import { useSyncStore, type AdminUser } from '@/stores/sync'
import ResetPasswordDialog from './ResetPasswordDialog.vue'

// the form the dialog made when it was last rendered; `reuse` makes the next render show that same form
const forms: { last: PasswordReset<AdminUser> | null; reuse: boolean } = { last: null, reuse: false }
vi.mock('@/composables/usePasswordReset', async (importOriginal) => {
  const real = await importOriginal<typeof PasswordResetModule>()
  return {
    usePasswordReset: (...args: Parameters<typeof real.usePasswordReset<AdminUser>>) => {
      if (!(forms.reuse && forms.last)) forms.last = real.usePasswordReset<AdminUser>(...args)
      return forms.last
    },
  }
})

const cy: AdminUser = {
  id: 'u-cy',
  username: 'cy',
  displayName: 'Cy Chen',
  role: 'agent',
  disabled: false,
  sso: false,
  hasPassword: true,
  createdAt: 0,
}

async function render(locale: 'en' | 'zh-CN' = 'en'): Promise<{ html: string; text: string }> {
  const app = createSSRApp({ render: () => h(NMessageProvider, null, { default: () => h(ResetPasswordDialog, { user: cy, show: true }) }) })
  app.use(createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: await allMessages() }))
  app.use(pinia)
  const ctx: { teleports?: Record<string, string> } = {}
  await renderToString(app, ctx)
  const html = ctx.teleports?.['body'] ?? ''
  const text = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, '’')
    .replace(/\s+/g, ' ')
    .trim()
  return { html, text }
}

/** The form the dialog shows, filled and submitted as a person would; then the dialog as it looks now. */
async function submitWith(password: string, confirm: string) {
  forms.reuse = false
  await render()
  const form = forms.last!
  form.password.value = password
  form.confirm.value = confirm
  const saved = await form.submit()
  forms.reuse = true
  return { form, saved, ...(await render()) }
}

let pinia: ReturnType<typeof createPinia>
let save: ReturnType<typeof vi.fn>
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  save = vi.fn((id: string, patch: { password?: string }) => Promise.resolve({ ...cy, id, hasPassword: patch.password !== undefined }))
  vi.spyOn(useSyncStore(pinia), 'updateUser').mockImplementation(save as never)
  forms.reuse = false
  clearLogEntries()
})

describe('ResetPasswordDialog', () => {
  it('is a dialog with a heading naming the account, two labelled password fields and the server’s rules (en)', async () => {
    const { html, text } = await render('en')
    expect(html).toMatch(/role="dialog"[^>]*aria-labelledby="(dialog-[^"]+)"/)
    expect(html).toMatch(/<h2 id="dialog-[^"]+"[^>]*>Reset the password of cy<\/h2>/)
    expect(text).toContain('Cy Chen is signed out on every device within minutes and signs in again with the new password.')
    expect(html).toContain('<label class="field__label" for="team-reset-password">New password')
    expect(html).toContain('<label class="field__label" for="team-reset-confirm">Repeat the new password')
    expect(html).toMatch(/id="team-reset-password"[^>]*aria-describedby="team-reset-password-hint"/)
    expect(text).toContain('10 to 200 characters.')
    expect(html.match(/type="password"/g)).toHaveLength(2)
    expect(html.match(/autocomplete="new-password"/g)).toHaveLength(2)
    expect(text).toContain('Set the new password')
    expect(text).toContain('Cancel')
    expect(html).not.toContain('role="alert"')
  })

  it('speaks Chinese in zh-CN', async () => {
    const { text } = await render('zh-CN')
    expect(text).toContain('重置 cy 的密码')
    expect(text).toContain('新密码')
    expect(text).toContain('再次输入新密码')
    expect(text).toContain('10–200 个字符。')
    expect(text).toContain('设置新密码')
  })

  it('a password shorter than the rules allow is refused at its field, and nothing is saved', async () => {
    const { saved, html, text } = await submitWith('short', 'short')
    expect(saved).toBeNull()
    expect(save).not.toHaveBeenCalled()
    expect(text).toContain('Use at least 10 characters.')
    expect(html).toMatch(/<p id="team-reset-password-error" class="field__error" role="alert">Use at least 10 characters.<\/p>/)
    expect(html).toMatch(
      /id="team-reset-password"[^>]*aria-describedby="team-reset-password-error team-reset-password-hint"[^>]*aria-invalid="true"/,
    )
    expect(html).not.toContain('team-reset-confirm-error')
  })

  it('two different passwords are refused at the repeat field, and nothing is saved', async () => {
    const { saved, html } = await submitWith('a-long-new-password', 'a-long-new-passwort')
    expect(saved).toBeNull()
    expect(save).not.toHaveBeenCalled()
    expect(html).toMatch(
      /<p id="team-reset-confirm-error" class="field__error" role="alert">The two passwords differ. Type the same password twice.<\/p>/,
    )
    expect(html).not.toContain('team-reset-password-error')
  })

  it('a valid reset saves that password for that account, empties the form and logs no password', async () => {
    const { form, saved, html } = await submitWith('a-long-new-password', 'a-long-new-password')
    expect(save).toHaveBeenCalledTimes(1)
    expect(save).toHaveBeenCalledWith('u-cy', { password: 'a-long-new-password' })
    expect(saved).toMatchObject({ id: 'u-cy', hasPassword: true })
    expect(form.password.value).toBe('')
    expect(form.confirm.value).toBe('')
    expect(html).not.toContain('role="alert"')
    expect(JSON.stringify(recentLogEntries())).not.toContain('a-long-new-password')
  })

  it('a reset the server refuses is said in words in the dialog; the typed passwords stay, and are not logged', async () => {
    save.mockRejectedValueOnce(new Error('boom'))
    const { form, saved, html, text } = await submitWith('a-long-new-password', 'a-long-new-password')
    expect(saved).toBeNull()
    expect(save).toHaveBeenCalledTimes(1)
    expect(html).toMatch(/<p class="field__error" role="alert">Something went wrong. Try again.<\/p>/)
    expect(text).toContain('Something went wrong. Try again.')
    expect(form.password.value).toBe('a-long-new-password')
    expect(recentLogEntries().map((e) => e.code)).toContain('team.users.resetPassword')
    expect(JSON.stringify(recentLogEntries())).not.toContain('a-long-new-password')
  })
})
