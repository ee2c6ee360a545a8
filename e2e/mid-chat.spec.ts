import { expect, test, type Page } from '@playwright/test'
import { logCase, lookup, openApp } from './support'

/**
 * Mid-chat, the agent's hands stay on the keyboard and the focus mostly in the reply box: the keys the README's
 * Keyboard table lists must work from there, and as soon as the case shows; the reply follows what the agent
 * learns about the user.
 */
test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

const replyBox = (page: Page) => page.getByRole('textbox', { name: 'Reply', exact: true })
const readClipboard = (page: Page): Promise<string> => page.evaluate<string>('navigator.clipboard.readText()')
const methodStatus = (page: Page, title: string) =>
  page
    .getByRole('list', { name: 'The seven methods' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: title, exact: true }) })
    .locator('[data-status]')

test('Alt+M pressed the moment a case opens (just logged, or from the look-up) lands in the reply box', async ({ page }) => {
  await openApp(page)
  // a slow machine (or a long case history) widens the moment between the case showing and its reply being ready
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 })
  const number = await logCase(page, { uid: '35001234', phone: '13800138000' })
  await page.keyboard.press('Alt+M')
  await expect(replyBox(page)).toBeFocused()

  await page.goto('/#/cases')
  await lookup(page, 'UID: 35001234')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()
  await page.keyboard.press('Alt+M')
  await expect(replyBox(page)).toBeFocused()
  await expect(replyBox(page)).toHaveValue(/您好/)
})

test('from the reply box, Alt+J marks the suggested method, the next reply follows and Ctrl+Enter copies it', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  await page.getByRole('radio', { name: 'English' }).check()
  await expect(replyBox(page)).toHaveValue(/Filter Unknown Senders/)
  await page.keyboard.press('Alt+M')
  await expect(replyBox(page)).toBeFocused()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByText('Reply copied and logged.')).toBeVisible()
  expect(await readClipboard(page)).toMatch(/Filter Unknown Senders/)

  // the user says it did not help: still in the reply box, the agent records it and sends the next step
  await expect(replyBox(page)).toBeFocused()
  await page.keyboard.press('Alt+J')
  await expect(methodStatus(page, 'Method 1: Turn off SMS blocking')).toHaveText('Tried without success')
  await expect(page.getByTestId('next-method')).toContainText('Method 2: Ask the carrier to allow international SMS')
  await expect(replyBox(page)).toHaveValue(/carrier/)
  await expect(replyBox(page)).not.toHaveValue(/Filter Unknown Senders/)
  await expect(replyBox(page)).toBeFocused()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('region', { name: 'Sent replies' }).getByRole('listitem')).toHaveCount(2)
  expect(await readClipboard(page)).toMatch(/carrier/)
})

test('Ctrl+Enter copies the reply from the case page too: after Alt+J on the next step, or a purpose just chosen', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  await page.getByRole('radio', { name: 'English' }).check()
  await expect(replyBox(page)).toHaveValue(/Filter Unknown Senders/)
  await page.getByRole('heading', { level: 1 }).click()
  await page.keyboard.press('Alt+J')
  await expect(page.getByTestId('next-method')).toContainText('Method 2')
  await expect(replyBox(page)).toHaveValue(/carrier/)
  await expect(replyBox(page)).not.toBeFocused()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByText('Reply copied and logged.')).toBeVisible()
  expect(await readClipboard(page)).toMatch(/carrier/)

  await page.getByRole('group', { name: 'Compose' }).getByRole('button', { name: 'Greeting' }).focus()
  await page.keyboard.press('Enter')
  await expect(replyBox(page)).toHaveValue(/35001234/)
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('region', { name: 'Sent replies' }).getByRole('listitem')).toHaveCount(2)
  expect(await readClipboard(page)).toMatch(/35001234/)
})

test('the user’s language changed in the facts: the next reply follows it', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  await expect(replyBox(page)).toHaveValue(/您好/)
  await page.getByRole('button', { name: 'Edit facts' }).click()
  await page.getByRole('group', { name: "User's language" }).getByText('English', { exact: true }).click()
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('button', { name: 'Edit facts' })).toBeVisible()
  await expect(page.getByRole('radio', { name: 'English' })).toBeChecked()
  await expect(replyBox(page)).toHaveValue(/^Hello,/)
  await expect(replyBox(page)).toHaveValue(/Filter Unknown Senders/)
})

test('Ctrl+K from the reply box, then Escape: back in the reply box, the text as it was', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  await expect(replyBox(page)).not.toHaveValue('')
  await page.keyboard.press('Alt+M')
  await expect(replyBox(page)).toBeFocused()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\nLily')
  await page.keyboard.press('Control+K')
  const search = page.getByRole('searchbox', { name: 'Find case' })
  await expect(search).toBeFocused()
  await page.keyboard.type('13800138000')
  await expect(page.getByRole('listbox', { name: 'Matching cases' }).getByRole('option')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(replyBox(page)).toBeFocused()
  await page.keyboard.type(' (agent)')
  await expect(replyBox(page)).toHaveValue(/\nLily \(agent\)$/)
})
