import { expect, test } from '@playwright/test'
import { logCase, openApp } from './support'

/** The reviews board as an agent uses it mid-shift: filter it, open a case from it, come back. */
test('the board keeps its status filter back from a case opened from it, and shows every review after a reload', async ({ page }) => {
  await openApp(page)
  const number = await logCase(page, { uid: '35001234', phone: '13800138000' })
  await page.getByRole('button', { name: 'Open a review' }).click()
  const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
  await form.getByRole('button', { name: 'Open review' }).click()
  await expect(form).toBeHidden()

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /Reviews/ })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible()
  const status = page.getByRole('group', { name: 'Status' })
  const pending = status.getByRole('checkbox', { name: 'Pending' })
  const overdue = status.getByRole('checkbox', { name: 'Overdue' })
  const board = page.getByRole('region', { name: 'Open reviews' })

  // a filter that hides the review says so, and a filter that matches it shows it
  await status.getByText('Overdue', { exact: true }).click()
  await expect(board.getByText('No open review has the chosen status.')).toBeVisible()
  await status.getByText('Overdue', { exact: true }).click()
  await status.getByText('Pending', { exact: true }).click()
  await expect(pending).toBeChecked()
  await board.getByRole('link', { name: number }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()

  // back with the browser's Back, and again through the navigation: the board is as the agent left it
  await page.goBack()
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible()
  await expect(pending).toBeChecked()
  await expect(overdue).not.toBeChecked()
  await expect(board.getByRole('link', { name: number })).toBeVisible()
  await board.getByRole('link', { name: number }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /Reviews/ })
    .click()
  await expect(pending).toBeChecked()

  // a new start shows every open review: a filter left on from yesterday would hide reviews unnoticed
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible()
  await expect(pending).not.toBeChecked()
  await expect(board.getByRole('link', { name: number })).toBeVisible()
})
