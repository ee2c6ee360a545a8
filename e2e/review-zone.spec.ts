import { expect, test } from '@playwright/test'
import { logCase, openApp } from './support'

/** An agent whose computer is set to another zone than the business calendar's (Asia/Shanghai by default). */
test.use({ timezoneId: 'America/Los_Angeles' })

const sh = (wall: string): Date => new Date(`${wall.replace(' ', 'T')}+08:00`)

test('a review’s submitted time reads the same in its panel and in the history: the calendar’s zone', async ({ page }) => {
  await page.clock.install({ time: sh('2026-02-13 15:00') })
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  await page.clock.setFixedTime(sh('2026-02-13 16:30'))
  const panel = page.getByRole('region', { name: 'Security-reset review' })
  await panel.getByRole('button', { name: 'Open a review' }).click()
  const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
  await form.getByLabel('Submitted at (Asia/Shanghai time)').fill('2026-02-13T16:00')
  await form.getByRole('button', { name: 'Open review' }).click()
  await expect(form).toBeHidden()
  await expect(panel).toContainText('Feb 13, 2026, 4:00 PM')
  await expect(panel).toContainText('Mon, Mar 2, 2026')
  // 16:00 in Shanghai is midnight in Los Angeles: the history said "Submitted: set to Feb 13, 2026, 12:00 AM"
  const submitted = page.getByRole('list', { name: 'History' }).getByRole('listitem').filter({ hasText: 'Security review submitted' })
  await expect(submitted).toContainText('Feb 13, 2026, 4:00 PM (Asia/Shanghai)')
  await expect(submitted).not.toContainText('12:00 AM')
})

test('a case number carries the calendar’s date, not the machine’s', async ({ page }) => {
  // 08:30 on 14 Feb in Shanghai is still 13 Feb (16:30) in Los Angeles
  await page.clock.install({ time: sh('2026-02-14 08:30') })
  await openApp(page)
  const number = await logCase(page, { uid: '35001235', phone: '13800138001' })
  expect(number).toMatch(/^VC-20260214-[0-9A-Z]{4}$/)
})
