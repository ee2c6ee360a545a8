/**
 * Security-reset reviews on the mainland China business calendar, driven with Playwright's clock.
 *
 * Hand-worked dates (default SLA: expected 3, due 7 business days; the submission day never counts):
 * submitted Fri 2026-02-13 16:00 (Shanghai). Sat 02-14 is an adjusted working day, 02-15..02-23 is the
 * Spring Festival, Sat 02-28 is a working day. Business days: 1 = Sat 14, 2 = Tue 24, 3 = Wed 25,
 * 4 = Thu 26, 5 = Fri 27, 6 = Sat 28, 7 = Mon 03-02.
 *   expected from Wed 02-25, due by Mon 03-02; at risk from 03-02 00:00; overdue from 03-03 00:00.
 * Paused from Thu 02-26 10:00 to Fri 02-27 10:00: Thu 26 does not count, so business day 7 becomes
 * Tue 03-03: due by Tue 03-03, at risk from 03-03 00:00, overdue from 03-04 00:00.
 */
import { expect, test, type Page } from '@playwright/test'
import { logCase, openApp } from './support'

const sh = (wall: string): Date => new Date(`${wall.replace(' ', 'T')}+08:00`)

/**
 * Records every desktop notification (and still calls the real constructor). A string script: the e2e
 * project is typechecked without the DOM library.
 */
const NOTIFICATION_SPY = `(() => {
  const calls = []
  window.__notifications = calls
  const Real = window.Notification
  class Spy extends Real {
    constructor(title, options) {
      calls.push({ title, body: (options && options.body) || '' })
      super(title, options)
    }
  }
  Object.defineProperty(window, 'Notification', { value: Spy, configurable: true, writable: true })
})()`

async function spyOnNotifications(page: Page): Promise<void> {
  await page.addInitScript({ content: NOTIFICATION_SPY })
}

const notifications = (page: Page) => page.evaluate('window.__notifications') as Promise<{ title: string; body: string }[]>

/** Moves the page's clock to a Shanghai wall time and lets the shared one-second tick run. */
async function at(page: Page, wall: string): Promise<void> {
  await page.clock.setFixedTime(sh(wall))
  await page.clock.runFor(2000)
}

test.describe('security-reset reviews', () => {
  test('a review goes pending → in window → at risk → overdue, pauses move the dates, alerts fire once', async ({ page, context }) => {
    await context.grantPermissions(['notifications', 'clipboard-read', 'clipboard-write'])
    await spyOnNotifications(page)
    await page.clock.install({ time: sh('2026-02-13 15:59:30') })
    await openApp(page)

    const board = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Reviews/ })
    await board.click()
    await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible()
    await expect(page.getByText('No open reviews.')).toBeVisible()

    const number = await logCase(page, { uid: '35001234', phone: '13800138000', notes: 'Lost the phone; number recycled.' })
    await at(page, '2026-02-13 16:00')

    const panel = page.getByRole('region', { name: 'Security-reset review' })
    await expect(panel.getByText('No open review on this case.')).toBeVisible()
    await panel.getByRole('button', { name: 'Open a review' }).click()
    const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
    await expect(form.getByLabel('Registered phone or email')).toHaveValue('+86 138 0013 8000')
    await expect(form.getByLabel('UID')).toHaveValue('35001234')
    await expect(form.getByLabel('Submitted at (Asia/Shanghai time)')).toHaveValue('2026-02-13T16:00')
    // a time in the future is refused with the reason
    await form.getByLabel('Submitted at (Asia/Shanghai time)').fill('2026-02-14T09:00')
    await form.getByRole('button', { name: 'Open review' }).click()
    await expect(form.getByText('The submission time is in the future.')).toBeVisible()
    await form.getByLabel('Submitted at (Asia/Shanghai time)').fill('2026-02-13T16:00')
    await form.getByLabel('Back-office reference number').fill('BO-2026-0213')
    await form.getByRole('button', { name: 'Open review' }).click()
    await expect(form).toBeHidden()

    await expect(page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Escalated' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(panel.getByText('Pending', { exact: true })).toBeVisible()
    await expect(panel).toContainText('Wed, Feb 25, 2026')
    await expect(panel).toContainText('Mon, Mar 2, 2026')
    await expect(panel).toContainText('Submitted (reference BO-2026-0213)')
    // the dates explained: the make-up Saturday counts, the Spring Festival does not
    await panel.getByText('Why these dates?').click()
    const why = panel.getByRole('listitem').filter({ hasText: 'Sat, Feb 14, 2026' })
    await expect(why).toContainText('make-up working day, counted as business day 1')
    await expect(panel.getByRole('listitem').filter({ hasText: 'Tue, Feb 17, 2026' })).toContainText('holiday, not counted')
    await expect(panel.getByRole('listitem').filter({ hasText: 'Mon, Mar 2, 2026' })).toContainText('business day 7 · Due by')

    // one open review per case: the button is gone
    await expect(panel.getByRole('button', { name: 'Open a review' })).toHaveCount(0)

    // the board: pending, then in window after the end of the expected-from day
    await board.click()
    const row = page.getByRole('row', { name: new RegExp(number) })
    await expect(row).toContainText('Pending')
    await expect(row).toContainText('Wed, Feb 25, 2026')
    await expect(row).toContainText('Mon, Mar 2, 2026')
    await at(page, '2026-02-25 23:59')
    await expect(row).toContainText('Pending')
    await at(page, '2026-02-26 10:00')
    await expect(row).toContainText('In window')
    await expect(board).not.toContainText(/\d/)

    // "When will my reset be done?" in one keystroke: the review-status reply, in the case's language, in the
    // reply box to read (and edit) before Ctrl+Enter copies and records it with the promised dates
    await row.getByRole('link', { name: number }).click()
    await expect(panel.getByText('In window', { exact: true })).toBeVisible()
    await page.keyboard.press('Alt+W')
    const box = page.getByRole('textbox', { name: 'Reply', exact: true })
    await expect(box).toBeFocused()
    await expect(box).toHaveValue(/已于2026年2月13日 星期五提交，目前已进入常规审核期.*最迟不晚于2026年3月2日 星期一/)
    await expect(panel).not.toContainText('Last answer sent')
    await page.keyboard.press('Control+Enter')
    await expect(page.getByText('Reply copied and logged.')).toBeVisible()
    const answer = (await page.evaluate('navigator.clipboard.readText()')) as string
    expect(answer).toContain('2026年3月2日')
    await expect(panel).toContainText('Last answer sent')

    // pause (identity documents requested), then resume a day later: the due date moves by one business day
    await panel.getByRole('button', { name: 'Pause', exact: true }).click()
    const pause = page.getByRole('dialog', { name: 'Pause the review' })
    await pause.getByRole('button', { name: 'Identity documents requested from the user' }).click()
    await pause.getByRole('button', { name: 'Pause review' }).click()
    await expect(pause).toBeHidden()
    await expect(panel.getByText('Paused', { exact: true })).toBeVisible()
    await expect(panel).toContainText('Paused: Identity documents requested from the user')

    await at(page, '2026-02-27 10:00')
    await panel.getByRole('button', { name: 'Resume' }).click()
    await expect(panel.getByText('In window', { exact: true })).toBeVisible()
    await expect(panel).toContainText('Tue, Mar 3, 2026')
    await expect(panel).toContainText('Resumed')
    await expect(panel.getByText('The dates you gave the user have moved')).toBeVisible()
    await expect(panel).toContainText('(Wed, Feb 25, 2026 to Mon, Mar 2, 2026) have moved to Wed, Feb 25, 2026 to Tue, Mar 3, 2026')

    // Mon 03-02 is no longer the due day: not at risk yet
    await at(page, '2026-03-02 12:00')
    await expect(panel.getByText('In window', { exact: true })).toBeVisible()
    expect(await notifications(page)).toEqual([])

    // at risk on the new due day: badge, desktop notification (once)
    await at(page, '2026-03-03 09:00')
    await expect(panel.getByText('At risk', { exact: true })).toBeVisible()
    await expect(board).toContainText('1')
    await expect.poll(() => notifications(page)).toEqual([{ title: `Review at risk: ${number}`, body: 'Due by Tue, Mar 3, 2026.' }])
    await expect(page.getByText('Review alert', { exact: true })).toBeVisible()

    // overdue after the end of the due day
    await at(page, '2026-03-04 00:30')
    await expect(panel.getByText('Overdue', { exact: true })).toBeVisible()
    await expect
      .poll(async () => (await notifications(page)).map((n) => n.title))
      .toEqual([`Review at risk: ${number}`, `Review overdue: ${number}`])
    await at(page, '2026-03-04 09:00')
    expect(await notifications(page)).toHaveLength(2)

    await board.click()
    await expect(row).toContainText('Overdue')
    await expect(row).toContainText('Overdue by 1 business day')
    await expect(board).toContainText('1')
    await page.getByRole('checkbox', { name: 'At risk' }).check()
    await expect(row).toHaveCount(0)
    await expect(page.getByText('No open review has the chosen status.')).toBeVisible()
    await page.getByRole('checkbox', { name: 'Overdue' }).check()
    await expect(row).toBeVisible()

    // closing the review empties the board and the badge
    await row.getByRole('link', { name: number }).click()
    await panel.getByRole('button', { name: 'Close review' }).click()
    const close = page.getByRole('dialog', { name: 'Close the review' })
    await close.getByRole('radio', { name: 'Approved' }).check()
    // the page behind the dialog is out of reach: one "Close review", the dialog's, as a screen reader has it
    await expect(page.getByRole('button', { name: 'Close review' })).toHaveCount(1)
    await page.getByRole('button', { name: 'Close review' }).click()
    await expect(panel.getByText('No open review on this case.')).toBeVisible()
    await expect(panel).toContainText('Closed: Approved')
    await expect(board).not.toContainText(/\d/)
    await board.click()
    await expect(page.getByText('No open reviews.')).toBeVisible()
  })

  test('alerts that fell due while the console was closed are listed at the next start', async ({ page, context }) => {
    await context.grantPermissions(['notifications'])
    await spyOnNotifications(page)
    await page.clock.install({ time: sh('2026-03-09 09:59:30') })
    await openApp(page)
    const number = await logCase(page, { uid: '88776655' })
    await at(page, '2026-03-09 10:00') // Mon: expected from Thu 03-12, due by Wed 03-18
    await page.getByRole('button', { name: 'Open a review' }).click()
    await page.getByRole('dialog', { name: 'Open a security-reset review' }).getByRole('button', { name: 'Open review' }).click()
    await expect(page.getByRole('region', { name: 'Security-reset review' })).toContainText('Wed, Mar 18, 2026')

    // the console is closed for ten days
    await page.goto('about:blank')
    await page.clock.setFixedTime(sh('2026-03-19 09:00'))
    await openApp(page, '#/reviews')
    const missed = page.getByText('While the console was closed, 1 review needed attention')
    await expect(missed).toBeVisible()
    await expect(page.getByRole('link', { name: number }).first()).toBeVisible()
    await expect(page.getByText('is overdue (was due by Wed, Mar 18, 2026)')).toBeVisible()
    expect(await notifications(page)).toEqual([])
    await expect(page.getByRole('row', { name: new RegExp(number) })).toContainText('Overdue')

    // shown once: not again after a reload
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible()
    await expect(page.getByRole('row', { name: new RegExp(number) })).toBeVisible()
    await expect(missed).toHaveCount(0)
  })
})

test.describe('review details', () => {
  test('details added later; a forgotten pause recorded afterwards moves the dates', async ({ page }) => {
    await page.clock.install({ time: sh('2026-11-02 10:00') })
    await openApp(page)
    await logCase(page, { email: 'li.wei@qq.com' })
    const panel = page.getByRole('region', { name: 'Security-reset review' })
    await panel.getByRole('button', { name: 'Open a review' }).click()
    const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
    await expect(form.getByLabel('Registered phone or email')).toHaveValue('li.wei@qq.com')
    await form.getByRole('button', { name: 'Open review' }).click()
    await expect(form).toBeHidden()
    await expect(panel).toContainText('Submitted')
    // submitted Mon 11-02: business day 7 is Wed 11-11
    await expect(panel).toContainText('Wed, Nov 11, 2026')

    // Fri 11-06: the agent forgot to pause while ID documents were requested (Tue 11-03 09:00 → Thu 11-05 09:00)
    await at(page, '2026-11-06 12:00')
    await panel.getByRole('button', { name: 'Add missed waiting time' }).click()
    const past = page.getByRole('dialog', { name: 'Record an earlier pause' })
    await past.getByLabel('Paused from (Asia/Shanghai)').fill('2026-11-03T09:00')
    await past.getByLabel('Paused until (Asia/Shanghai)').fill('2026-11-07T09:00')
    await past.getByRole('button', { name: 'Record pause' }).click()
    await expect(past.getByText('Enter the reason for the pause.')).toBeVisible()
    await expect(past.getByText('A pause cannot start or end in the future.')).toBeVisible()
    await past.getByRole('button', { name: 'Identity documents requested from the user' }).click()
    await past.getByLabel('Paused until (Asia/Shanghai)').fill('2026-11-05T09:00')
    await past.getByRole('button', { name: 'Record pause' }).click()
    await expect(past).toBeHidden()
    // Tue 3 and Wed 4 no longer count: due by Fri 11-13; the timeline and the history show the pause
    await expect(panel).toContainText('Fri, Nov 13, 2026')
    await expect(panel).toContainText('Paused: Identity documents requested from the user')
    await expect(page.getByText('Earlier pause recorded', { exact: true }).first()).toBeVisible()

    await panel.getByRole('button', { name: 'Edit details' }).click()
    const edit = page.getByRole('dialog', { name: 'Review details' })
    await edit.getByLabel('Back-office reference number').fill('BO-555')
    await edit.getByRole('checkbox', { name: 'Requested' }).check()
    await edit.getByRole('button', { name: 'Save details' }).click()
    await expect(edit).toBeHidden()
    await expect(panel).toContainText('Submitted (reference BO-555)')
    await page.reload()
    await panel.getByText('Review details').click()
    await expect(panel).toContainText('Requested: Yes · Received: No')
  })
})

test.describe('business calendar settings', () => {
  test('refuse a bad time zone and a file that is not a calendar, changing nothing; import an .ics as days off', async ({ page }) => {
    await page.clock.install({ time: sh('2026-11-24 10:00') })
    await openApp(page, '#/settings')
    const card = page.getByRole('region', { name: 'Business calendar' })
    const summary = card.getByRole('status')
    await expect(summary).toContainText('Time zone Asia/Shanghai')
    const before = (await summary.textContent()) ?? ''
    await expect(card.getByText('No holiday data for 2027')).toBeVisible()

    const zone = card.getByLabel('Time zone', { exact: true })
    await zone.fill('Mars/Olympus')
    await card.getByRole('button', { name: 'Save time zone' }).click()
    await expect(card.getByText('“Mars/Olympus” is not a time zone this console knows.')).toBeVisible()
    await expect(zone).toHaveAttribute('aria-invalid', 'true')
    await page.reload()
    await expect(summary).toHaveText(before)

    const file = card.getByLabel('Import an .ics file')
    await file.setInputFiles({ name: 'holidays.ics', mimeType: 'text/calendar', buffer: Buffer.from('Name,Date\nNew Year,2027-01-01\n') })
    await expect(
      card.getByText('“holidays.ics” was not imported: This file is not an iCalendar (.ics) file. Nothing was changed.'),
    ).toBeVisible()
    await expect(card.getByRole('button', { name: /as days off/ })).toHaveCount(0)
    await expect(summary).toHaveText(before)

    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:ny-2027',
      'DTSTART;VALUE=DATE:20270101',
      'DTEND;VALUE=DATE:20270102',
      'SUMMARY:New Year 2027',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:sf-2027',
      'DTSTART;VALUE=DATE:20270205',
      'DTEND;VALUE=DATE:20270208',
      'SUMMARY:Spring Festival 2027',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n')
    await file.setInputFiles({ name: 'cn-2027.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) })
    await expect(card.getByText('“cn-2027.ics” lists 4 dates (2027).')).toBeVisible()
    await card.getByRole('button', { name: 'Add 4 dates as days off' }).click()
    await expect(card.getByText('4 new days off added; 0 working days turned into days off. Now marked complete: 2027.')).toBeVisible()
    await expect(card.getByText('No holiday data for 2027')).toHaveCount(0)

    await card.getByLabel('Show days in').selectOption('2027')
    const daysOff = card.getByRole('list', { name: 'Days off in 2027 (4)' })
    await expect(daysOff.getByRole('listitem')).toHaveCount(4)
    await expect(daysOff).toContainText('Spring Festival 2027')
  })

  test('SLA targets are validated and saved', async ({ page }) => {
    await openApp(page, '#/settings')
    const card = page.getByRole('region', { name: 'Review deadlines' })
    await card.getByLabel('Expected result after (business days)').fill('8')
    await card.getByRole('button', { name: 'Save deadlines' }).click()
    await expect(card.getByText('the due day cannot come before the expected day')).toBeVisible()
    await card.getByLabel('Expected result after (business days)').fill('2')
    await card.getByLabel('Due within (business days)').fill('5')
    await card.getByRole('button', { name: 'Save deadlines' }).click()
    await expect(card.getByText('the due day cannot come before the expected day')).toHaveCount(0)
    // the save is done when it says so: a reload before that may come first (a fresh-clone CI run once did)
    await expect(page.getByText('Calendar saved. Open reviews were recomputed.')).toBeVisible()
    await page.reload()
    await expect(card.getByLabel('Expected result after (business days)')).toHaveValue('2')
    await expect(card.getByLabel('Due within (business days)')).toHaveValue('5')
  })
})
