import { expect, test } from '@playwright/test'
import { openApp } from './support'

/**
 * Settings as an agent meets them: the team address answered in plain words before any team server is
 * involved, and the appearance kept across a restart.
 */

test('Settings opened first offers the team address at once, never saying team mode is missing', async ({ page }) => {
  await openApp(page, '#/settings')
  const section = page.getByRole('region', { name: 'Team', exact: true })
  // as first drawn, while the team code loads: it says so, not "not available" (read once, not waited out)
  await expect(section.getByRole('heading', { name: 'Team' })).toBeVisible()
  expect(await section.textContent()).not.toContain('not available')
  await expect(section.getByRole('textbox', { name: 'Server address' })).toBeVisible()
})

test('an address where no team server answers says so in plain words, and the address stays to correct', async ({ page, baseURL }) => {
  await openApp(page, '#/settings')
  const section = page.getByRole('region', { name: 'Team', exact: true })
  const address = section.getByRole('textbox', { name: 'Server address' })
  const connect = section.getByRole('button', { name: 'Connect' })

  // a web server that is not a team server: the console's own (its 404 is not "Not found on the server")
  await address.fill(`${baseURL}/`)
  await connect.click()
  await expect(address).toHaveAccessibleDescription(/That address did not answer like a team server\./)
  await expect(address).toHaveValue(`${baseURL}/`)

  // nothing listening there
  await address.fill('http://127.0.0.1:9')
  await connect.click()
  await expect(address).toHaveAccessibleDescription(/The server did not answer\. Check the address and your connection\./)
  await expect(section.getByRole('textbox', { name: 'User name' })).toHaveCount(0)
})

test('the dark theme and the agent name survive a reload', async ({ page }) => {
  await openApp(page, '#/settings')
  // pasted from a chat, with the spaces and line break around it
  await page.getByRole('textbox', { name: 'Agent name' }).fill('  林梅 (Shift B)\n')
  await page.getByRole('button', { name: 'Save name' }).click()
  await expect(page.getByText('Saved')).toBeVisible()
  await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }).check()
  await expect(page.locator('.app-root')).toHaveClass(/theme-dark/)
  await expect(page.getByText('Saved')).toHaveCount(2)

  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(page.getByText('Your agent name is not set')).toHaveCount(0)
  await expect(page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' })).toBeChecked()
  await expect(page.locator('.app-root')).toHaveClass(/theme-dark/)
  await expect(page.getByRole('textbox', { name: 'Agent name' })).toHaveValue('林梅 (Shift B)')
})

test('backup with the keyboard: Back up now keeps the focus, and a refused file hands it back to the file field', async ({ page }) => {
  await openApp(page, '#/settings')
  const backupNow = page.getByRole('button', { name: 'Back up now' })
  await backupNow.focus()
  const download = page.waitForEvent('download')
  await page.keyboard.press('Enter')
  await download
  await expect(page.getByText('Backup saved', { exact: false })).toBeVisible()
  await expect(backupNow).toBeFocused()

  const file = page.getByLabel('Backup file to restore')
  await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was changed' })).toBeVisible()
  await expect(file).toBeFocused()
})
