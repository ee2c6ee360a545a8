import { expect, test } from '@playwright/test'
import { logCase, openApp } from './support'

/**
 * The dashboard's charts as a screen-reader or keyboard user reaches them: each chart is a region named by
 * its heading, so its "Show the numbers" (the same words under every chart) can be told apart.
 */
test('each chart is a region named by its title; its numbers open from the keyboard; an open-ended range counts all', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  await page.getByRole('button', { name: 'Open a review' }).click()
  const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
  await form.getByRole('button', { name: 'Open review' }).click()
  await expect(form).toBeHidden()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  const perDay = page.getByRole('region', { name: 'Cases per day by symptom' })
  const methods = page.getByRole('region', { name: 'Which method resolved the cases' })
  const reviews = page.getByRole('region', { name: 'Security-reset reviews by SLA status' })
  for (const r of [perDay, methods, reviews]) await expect(r).toBeVisible()

  // the reviews' numbers, opened with the keyboard: only that chart's table opens
  await reviews.getByText('Show the numbers').focus()
  await page.keyboard.press('Enter')
  const table = reviews.getByRole('table', { name: 'Reviews submitted in these dates, by SLA status now' })
  await expect(table).toBeVisible()
  await expect(table.getByRole('row', { name: /^Pending/ }).getByRole('cell')).toHaveText('1')
  await expect(perDay.getByRole('table')).toBeHidden()
  await expect(methods.getByRole('table')).toBeHidden()

  // the last 7 days: one row a day; a start date cleared counts from the first case, with no error
  await page.getByRole('button', { name: 'Last 7 days' }).click()
  await perDay.getByText('Show the numbers').click()
  await expect(perDay.getByRole('table').getByRole('row')).toHaveCount(1 + 7)
  await page.getByLabel('From').fill('')
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Key figures' }).getByRole('definition').first()).toHaveText('1')
})
