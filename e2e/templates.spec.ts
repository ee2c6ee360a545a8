import { expect, test } from '@playwright/test'
import { openApp } from './support'

/**
 * The smallest supported window (1024×640): the template list sits above the editor (one column) and must
 * not stay pinned over it while the agent scrolls down to the text, the preview and Save.
 */
test('at 1024×640 the template list does not cover the editor: the text is clickable and Save saves', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 640 })
  await openApp(page, '#/templates?id=greeting')
  const body = page.getByRole('textbox', { name: 'Text (English)' })
  await body.scrollIntoViewIfNeeded()
  // what is drawn at the middle of the text box is the text box, not the list scrolled over it
  const hit = await body.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20)))
  })
  expect(hit).toBe(true)
  await body.click({ timeout: 5_000 })
  await page.keyboard.press('Control+End')
  await page.keyboard.type(' See you soon.')
  await page.getByRole('button', { name: 'Save', exact: true }).click({ timeout: 5_000 })
  await expect(page.getByText('Saved as version 2.')).toBeVisible()
  await expect(body).toHaveValue(/See you soon\.$/)
})

test('New template, pressed with the keyboard in a small window, puts the focus in the editor’s first field, in sight', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 640 })
  await openApp(page, '#/templates')
  await page.getByRole('button', { name: 'New template' }).focus()
  await page.keyboard.press('Enter')
  const shortcut = page.getByRole('textbox', { name: 'Shortcut' })
  await expect(shortcut).toBeFocused()
  await expect(shortcut).toBeInViewport()
  await page.keyboard.type('bye')
  await expect(shortcut).toHaveValue('bye')
})

test('saving a template with Ctrl+S or Enter on Save keeps the focus where it was (the editor is rebuilt for the new version)', async ({
  page,
}) => {
  await openApp(page, '#/templates?id=greeting')
  const body = page.getByRole('textbox', { name: 'Text (English)' })
  await body.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(' Bye.')
  await page.keyboard.press('Control+s')
  await expect(page.getByText('Saved as version 2.')).toBeVisible()
  await expect(body).toHaveValue(/ Bye\.$/)
  await expect(body).toBeFocused()
  // the agent goes on typing where they were
  await page.keyboard.type(' Take care.')
  await expect(body).toHaveValue(/ Bye\. Take care\.$/)

  const save = page.getByRole('button', { name: 'Save', exact: true })
  await save.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByText('Saved as version 3.')).toBeVisible()
  await expect(save).toBeFocused()
  const disable = page.getByRole('button', { name: 'Disable' })
  await disable.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Enable' })).toBeFocused()
})

test('Duplicate and a version restored from the history leave the focus in the editor, not at the page’s start', async ({ page }) => {
  await openApp(page, '#/templates?id=greeting')
  await page.getByRole('button', { name: 'Duplicate' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByText('Copy created: Greeting and account details (copy)')).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Shortcut' })).toHaveValue('hi-copy')
  await expect(page.getByRole('button', { name: 'Duplicate' })).toBeFocused()

  const body = page.getByRole('textbox', { name: 'Text (English)' })
  await body.fill('Hello from the copy.')
  await page.keyboard.press('Control+s')
  await expect(page.getByText('Saved as version 2.')).toBeVisible()
  await page.getByRole('button', { name: 'Version history' }).click()
  const history = page.getByRole('dialog', { name: /^Version history of/ })
  await history.getByRole('button', { name: /^Version 1/ }).click()
  await history.getByRole('button', { name: 'Restore version 1' }).press('Enter')
  await expect(history).toBeHidden()
  await expect(body).not.toHaveValue('Hello from the copy.')
  await expect(page.locator('body')).not.toBeFocused()
  await expect(page.getByRole('button', { name: 'Version history' })).toBeFocused()
})
