import { expect, test } from '@playwright/test'
import { everythingStored, openApp } from './support'

test.describe('secret guard', () => {
  test('a pasted authenticator key is refused with an offer to remove it, and never reaches storage', async ({ page }) => {
    await openApp(page, '#/cases/new')
    await page.getByRole('textbox', { name: 'UID' }).fill('35001234')
    const notes = page.getByRole('textbox', { name: 'Notes' })
    await notes.fill('User pasted their key JBSW Y3DP EHPK 3PXP when asked for a screenshot')
    await expect(page.getByText('This text contains data the console must not store')).toBeVisible()
    await expect(page.getByText(/authenticator secret key/)).toBeVisible()
    // the draft autosave holds the text without the key
    const stored = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('draft:intake@'))
      return (key && localStorage.getItem(key)) ?? ''
    })
    expect(stored).toContain('35001234')
    expect(stored).not.toContain('JBSW')

    await page.getByRole('button', { name: 'Save case' }).click()
    await expect(page.getByText('Remove the authenticator key before saving')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible()

    await page.getByRole('button', { name: 'Remove it from the text' }).click()
    await expect(notes).toHaveValue('User pasted their key [authenticator key removed] when asked for a screenshot')
    await page.getByRole('button', { name: 'Save case' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /^Case VC-/ })).toBeVisible()
    await expect(page.getByText('[authenticator key removed]')).toBeVisible()
    // nothing in IndexedDB or browser storage holds the key
    const dump = await everythingStored(page)
    expect(dump).toContain('35001234')
    expect(dump).not.toContain('JBSW')
    expect(dump).not.toContain('3PXP')
  })

  test('a verification code in Chinese is caught too', async ({ page }) => {
    await openApp(page, '#/cases/new')
    await page.getByRole('textbox', { name: 'UID' }).fill('35001234')
    await page.getByRole('textbox', { name: 'Notes' }).fill('用户说验证码是 654321 但提示无效')
    await expect(page.getByText('Found: verification code')).toBeVisible()
    await page.getByRole('button', { name: 'Save case' }).click()
    await expect(page.getByText('Remove the verification code before saving')).toBeVisible()
  })
})
