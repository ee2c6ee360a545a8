import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import { logCase, openApp } from './support'

const UID = '35201187'
const PHONE = '+86 138 0013 8000'
const EMAIL = 'lin.w@example.com'
const NOTE = 'User changed phones last week'

test.describe('troubleshooting log', () => {
  test('Settings explains the log and exports it; personal data never reaches it', async ({ page }) => {
    await openApp(page)
    await logCase(page, { uid: UID, phone: PHONE, email: EMAIL, notes: NOTE })
    // an error nobody caught, its message full of personal data: logged, scrubbed
    await page.evaluate(
      ([uid, email]) =>
        setTimeout(() => {
          throw new Error(`lookup failed for ${uid} (${email})`)
        }),
      [UID, EMAIL],
    )

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click()
    const section = page.getByRole('region', { name: 'Troubleshooting log' })
    await expect(section).toBeVisible()
    await expect(section).toContainText('never notes UIDs, phone numbers, email addresses')
    await expect(section).toContainText('In the browser the log is kept in memory')

    const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Export log…' }).click()])
    expect(download.suggestedFilename()).toMatch(/^console-log-\d{4}-\d{2}-\d{2}\.txt$/)
    const text = fs.readFileSync(await download.path(), 'utf8')
    expect(text).toContain('ERROR window.error Error: lookup failed for <number> (<email>)')
    for (const personal of [UID, EMAIL, '138 0013 8000', NOTE]) expect(text).not.toContain(personal)
  })
})
