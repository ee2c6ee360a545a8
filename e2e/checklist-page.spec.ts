import { expect, test } from '@playwright/test'
import { everythingStored, logCase, openApp } from './support'

test('a checklist note with a code pasted in full-width digits is refused; removed in one click, the refusal goes and the outcome saves', async ({
  page,
}) => {
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  const method = page
    .getByRole('list', { name: 'The seven methods' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: 'Method 1: Turn off SMS blocking', exact: true }) })
  const note = method.getByRole('textbox', { name: 'Note (optional)' })
  await note.fill('用户说验证码是 ６５４３２１，还是收不到')
  await method.getByRole('button', { name: 'Tried without success', exact: true }).click()
  const refusal = page.getByRole('alert').filter({ hasText: 'Remove the verification code before saving' })
  await expect(refusal).toBeVisible()
  await expect(method.locator('[data-status]')).toHaveText('Suggested')

  await method.getByRole('button', { name: 'Remove it from the text' }).click()
  await expect(note).toHaveValue('用户说验证码是 [verification code removed]，还是收不到')
  // the refusal spoke of the text as it was
  await expect(refusal).toHaveCount(0)
  await method.getByRole('button', { name: 'Tried without success', exact: true }).click()
  await expect(method.locator('[data-status]')).toHaveText('Tried without success')
  expect(await everythingStored(page)).not.toContain('６５４３２１')
})

test('the case page has one region named History, the case’s, beside the open method’s own history', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  await page.keyboard.press('Alt+J')
  const method2 = page
    .getByRole('list', { name: 'The seven methods' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: 'Method 2: Ask the carrier to allow international SMS', exact: true }) })
  await expect(method2.getByRole('heading', { name: 'History' })).toBeVisible()
  const history = page.getByRole('region', { name: 'History' })
  await expect(history).toHaveCount(1)
  await expect(history.getByRole('listitem').filter({ hasText: 'Case logged' })).toBeVisible()
})
