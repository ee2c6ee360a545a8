import { expect, test } from '@playwright/test'
import { logCase, openApp } from './support'

test('a shortcut typed the way it is used (" /Thanks ") is saved as "thanks" and found with "/thanks" in the reply box', async ({
  page,
}) => {
  await openApp(page, '#/templates')
  await page.getByRole('button', { name: 'New template' }).click()
  await page.getByRole('textbox', { name: 'Shortcut' }).fill(' /Thanks ')
  await page.getByRole('textbox', { name: 'Title (English)' }).fill('Thanks')
  await page.getByRole('textbox', { name: 'Title (Chinese)' }).fill('感谢')
  await page.getByRole('textbox', { name: 'Text (English)' }).fill('Thank you for your patience!')
  await page.getByRole('textbox', { name: 'Text (Chinese)' }).fill('感谢您的耐心等待！')
  await page.getByRole('button', { name: 'Create template' }).click()
  await expect(page.getByText('Template created.')).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Shortcut' })).toHaveValue('thanks')

  await logCase(page, { uid: '35001234' })
  const box = page.getByRole('textbox', { name: 'Reply', exact: true })
  await expect(box).not.toHaveValue('')
  await box.fill('')
  await box.pressSequentially('/thanks')
  await expect(page.getByRole('listbox', { name: 'Templates matching “/thanks”' }).getByRole('option').first()).toContainText('/thanks')
})
