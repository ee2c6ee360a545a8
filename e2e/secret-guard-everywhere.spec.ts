import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { everythingStored, logCase, openApp } from './support'

/**
 * Issue 15: every place an agent types text that is stored has the same guard — a warning while typing,
 * one-click removal, and a refusal — and nothing reaches IndexedDB or browser storage: templates (both
 * languages, and the editor's autosaved draft), the review's UID field, the pause reason, the agent name.
 */
const KEY = 'JBSW Y3DP EHPK 3PXP'

const warning = (page: Page) => page.getByRole('alert').filter({ hasText: 'This text contains data the console must not store' })

test('templates: warned while typing in either language, the draft never holds it, refused, removed in one click', async ({ page }) => {
  await openApp(page, '#/templates')
  await page.getByRole('button', { name: 'New template' }).click()
  await page.getByRole('textbox', { name: 'Shortcut' }).fill('keyhelp')
  await page.getByRole('textbox', { name: 'Title (English)' }).fill('Key help')
  await page.getByRole('textbox', { name: 'Title (Chinese)' }).fill('密钥帮助')
  await page.getByRole('textbox', { name: 'Text (English)' }).fill(`Your setup key is ${KEY}.`)
  await page.getByRole('textbox', { name: 'Text (Chinese)' }).fill('验证码：482913')
  await expect(warning(page)).toHaveCount(2)
  // the autosaved draft holds neither
  const draft = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('draft:template')))
  expect(JSON.stringify(draft)).toContain('keyhelp')
  expect(JSON.stringify(draft)).not.toContain('3PXP')
  expect(JSON.stringify(draft)).not.toContain('482913')

  await page.getByRole('button', { name: 'Create template' }).click()
  await expect(page.getByText('“Text (English)”: remove the authenticator secret key before saving', { exact: false })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Text (English)' })).toHaveAttribute('aria-invalid', 'true')
  // one warning per text: each removal takes its warning away
  for (const left of [1, 0]) {
    await warning(page).first().getByRole('button', { name: 'Remove it from the text' }).click()
    await expect(warning(page)).toHaveCount(left)
  }
  await expect(page.getByRole('textbox', { name: 'Text (English)' })).toHaveValue('Your setup key is [authenticator key removed].')
  await expect(page.getByRole('textbox', { name: 'Text (Chinese)' })).toHaveValue('验证码：[verification code removed]')
  await page.getByRole('button', { name: 'Create template' }).click()
  await expect(page.getByText('Template created.')).toBeVisible()

  const stored = await everythingStored(page)
  expect(stored).toContain('keyhelp')
  expect(stored).not.toContain('3PXP')
  expect(stored).not.toContain('482913')
})

test('the review UID field and the pause reason warn, offer removal and name the field when refused', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  const panel = page.getByRole('region', { name: 'Security-reset review' })
  await panel.getByRole('button', { name: 'Open a review' }).click()
  const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
  const uid = form.getByLabel('UID')
  await uid.fill('35001234 user says 482913')
  await expect(form.getByRole('alert').filter({ hasText: 'verification code' })).toBeVisible()
  await form.getByRole('button', { name: 'Open review' }).click()
  // refused, under the UID field
  await expect(uid).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText('“UID”: remove the verification code before saving', { exact: false })).toBeVisible()
  await form.getByRole('button', { name: 'Remove it from the text' }).click()
  // the note would not fit the field's 40 characters: the code is deleted outright
  await expect(uid).toHaveValue('35001234 user says')
  // the refusal spoke of the text as it was
  await expect(form.getByText('“UID”: remove the verification code before saving', { exact: false })).toHaveCount(0)
  await expect(uid).not.toHaveAttribute('aria-invalid', 'true')
  await form.getByRole('button', { name: 'Open review' }).click()
  await expect(form).toBeHidden({ timeout: 15_000 })

  await panel.getByRole('button', { name: 'Pause', exact: true }).click()
  const pause = page.getByRole('dialog', { name: 'Pause the review' })
  await pause.getByLabel('Reason').fill('Waiting for ID 11010519491231002X to be checked')
  await expect(pause.getByRole('alert').filter({ hasText: 'mainland China resident ID' })).toBeVisible()
  await pause.getByRole('button', { name: 'Pause review' }).click()
  await expect(pause.getByText('“Reason”: remove the identity document number before saving', { exact: false })).toBeVisible()
  await pause.getByRole('button', { name: 'Remove it from the text' }).click()
  await expect(pause.getByLabel('Reason')).toHaveValue('Waiting for ID [ID number removed] to be checked')
  await expect(pause.getByText('“Reason”: remove the identity document number before saving', { exact: false })).toHaveCount(0)
  await pause.getByRole('button', { name: 'Pause review' }).click()
  await expect(pause).toBeHidden({ timeout: 15_000 })

  const stored = await everythingStored(page)
  expect(stored).not.toContain('482913')
  expect(stored).not.toContain('11010519491231002X')
})

test('the agent name is guarded too', async ({ page }) => {
  await openApp(page, '#/settings')
  const name = page.getByRole('textbox', { name: 'Agent name' })
  await name.fill('Lin pp E12345678')
  await expect(warning(page)).toContainText('passport')
  await page.getByRole('button', { name: 'Save name' }).click()
  await expect(name).toHaveAttribute('aria-invalid', 'true')
  await warning(page).getByRole('button', { name: 'Remove it from the text' }).click()
  await expect(name).toHaveValue('Lin pp [ID number removed]')
  expect(await everythingStored(page)).not.toContain('E12345678')
})

test('a restore finds the codes, keys and ID numbers a backup holds and takes them out only with consent', async ({ page }) => {
  test.slow() // a case logged, a backup, a check and a restore: over 45 s when the machine is shared
  await openApp(page)
  await logCase(page, { uid: '35001234', notes: 'Huawei phone' })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up now' }).click()])
  const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'))
  const cases = file.data.data.find((t: { tableName: string }) => t.tableName === 'cases')
  cases.rows[0].notes = 'code is 482913, key JBSWY3DPEHPK3PXP, ID 11010519491231002X'

  await page.getByLabel('Backup file to restore').setInputFiles({
    name: 'hostile.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  })
  const preview = page.getByRole('region', { name: 'Restore this backup?' })
  await expect(preview).toContainText('This backup holds 3 verification codes, authenticator keys or ID numbers')
  await expect(preview).toContainText('Found in: Notes (3)')
  const confirm = preview.getByRole('button', { name: 'Replace my data with this backup' })
  await expect(confirm).toBeDisabled()
  await preview.getByRole('checkbox', { name: /Remove them while restoring/ }).check()
  await confirm.click()
  // a restore replaces every table and reloads every page's data: slower than a form on a busy machine
  await expect(page.getByText('Backup restored: 1 cases.')).toBeVisible({ timeout: 20_000 })

  const stored = await everythingStored(page)
  expect(stored).toContain('code is [verification code removed], key [authenticator key removed], ID [ID number removed]')
  for (const secret of ['482913', 'JBSWY3DPEHPK3PXP', '11010519491231002X']) expect(stored).not.toContain(secret)
})
