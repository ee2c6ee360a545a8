import { expect, test, type Locator, type Page } from '@playwright/test'
import { logCase, openApp } from './support'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

const replyBox = (page: Page) => page.getByRole('textbox', { name: 'Reply', exact: true })
const statusGroup = (page: Page) => page.getByRole('group', { name: 'Status' })

/** True when the whole element is inside the window (no scrolling needed to see it). */
async function inWindow(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox()
  const size = page.viewportSize()
  if (!box || !size) return false
  return box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width
}

/** How far the page itself could scroll (the panes scroll on their own; the page should not). */
const pageOverflow = (page: Page): Promise<number> =>
  page.evaluate<number>(
    '(() => { const m = document.getElementById("main"); return Math.max(document.documentElement.scrollHeight - innerHeight, m.scrollHeight - m.clientHeight) })()',
  )

for (const size of [
  { width: 1366, height: 768 },
  { width: 1024, height: 640 },
]) {
  test(`at ${size.width}×${size.height} the case page fits the window: reply box, Copy and log, next step and status without scrolling`, async ({
    page,
  }) => {
    await page.setViewportSize(size)
    // (the agent name is not set: its banner takes room too)
    await openApp(page)
    if (size.width < 1200) {
      // the side navigation folds away behind Menu; New case is one click further
      const menu = page.getByRole('button', { name: 'Menu' })
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
      await menu.click()
      await expect(menu).toHaveAttribute('aria-expanded', 'true')
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' })).toBeFocused()
      await page.keyboard.press('Escape')
      await expect(menu).toHaveAttribute('aria-expanded', 'false')
      await expect(menu).toBeFocused()
      await menu.click()
    }
    await logCase(page, { uid: '35001234', phone: '13800138000', email: 'li.wei@qq.com', notes: 'Huawei phone.' })
    await expect(replyBox(page)).not.toHaveValue('')
    await expect(page.getByTestId('next-method')).toBeVisible()

    expect(await pageOverflow(page)).toBeLessThanOrEqual(1)
    expect(await inWindow(page, replyBox(page))).toBe(true)
    expect(await inWindow(page, page.getByRole('button', { name: 'Copy and log' }))).toBe(true)
    expect(await inWindow(page, page.getByTestId('next-method'))).toBe(true)
    expect(await inWindow(page, statusGroup(page))).toBe(true)
    // each pane scrolls on its own, and can be reached with the keyboard to do so
    for (const name of ['Checklist and next step', 'Reply', 'Related information']) {
      await expect(page.getByRole(name === 'Related information' ? 'complementary' : 'region', { name, exact: true })).toHaveAttribute(
        'tabindex',
        '0',
      )
    }

    // the case list keeps the same window: the page does not scroll, and its list has room for ten rows or more
    await page.goto('/#/cases')
    const list = page.getByRole('list', { name: 'Case list' })
    await expect(list.getByRole('listitem')).toHaveCount(1)
    expect(await pageOverflow(page)).toBeLessThanOrEqual(1)
    const row = await list.getByRole('listitem').first().boundingBox()
    const listBox = await list.boundingBox()
    expect(row && listBox && Math.min(listBox.y + listBox.height, size.height) - row.y).toBeGreaterThanOrEqual(
      10 * (row?.height ?? Infinity),
    )
  })
}

test('the case status is one click (or Alt+C) in the case header, and is recorded in the history', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  const group = statusGroup(page)
  await expect(group.getByRole('button', { name: 'Open' })).toHaveAttribute('aria-pressed', 'true')

  await group.getByRole('button', { name: 'Escalated' }).click()
  await expect(group.getByRole('button', { name: 'Escalated' })).toHaveAttribute('aria-pressed', 'true')
  await expect(group.getByRole('button', { name: 'Open' })).toHaveAttribute('aria-pressed', 'false')

  // Alt+C from the reply box: focus lands on the current status; arrows move, Enter sets
  await replyBox(page).focus()
  await page.keyboard.press('Alt+C')
  await expect(group.getByRole('button', { name: 'Escalated' })).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(group.getByRole('button', { name: 'Resolved' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(group.getByRole('button', { name: 'Resolved' })).toHaveAttribute('aria-pressed', 'true')

  await page.reload()
  await expect(statusGroup(page).getByRole('button', { name: 'Resolved' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('list', { name: 'History' })).toContainText('Status: from Escalated to Resolved')
  // the edit form no longer hides a second status field
  await page.getByRole('button', { name: 'Edit facts' }).click()
  await expect(page.getByRole('form', { name: 'Edit facts' }).getByLabel('Status')).toHaveCount(0)
  // F1 lists the key
  await page.keyboard.press('F1')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toContainText('Go to the case status')
  // "/" finds a case too (outside a text field), as the README's table says
  await expect(help.getByRole('term').filter({ hasText: 'Ctrl+K' })).toHaveText('Ctrl+K /')
})

test('the review-status reply on a case with no open review says so before it is sent, and not once a review is open', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35001277', phone: '13800138077' })
  const warning = page.getByText('This reply is about a security-reset review, but this case has no open review.', { exact: false })
  await page.getByRole('group', { name: 'Compose' }).getByRole('button', { name: 'Review status' }).click()
  await expect(warning).toBeVisible()
  // in view, above the send bar, even in a short window
  await page.setViewportSize({ width: 1024, height: 640 })
  await page.getByRole('group', { name: 'Compose' }).getByRole('button', { name: 'Greeting' }).click()
  await page.getByRole('group', { name: 'Compose' }).getByRole('button', { name: 'Review status' }).click()
  await expect(warning).toBeInViewport()
  const warned = (await warning.boundingBox())!
  const bar = (await page.getByRole('button', { name: 'Copy and log' }).boundingBox())!
  expect(warned.y + warned.height).toBeLessThanOrEqual(bar.y)
  // a warning, not a refusal: the agent may still send it
  await expect(page.getByRole('button', { name: 'Copy and log' })).toBeEnabled()

  const panel = page.getByRole('region', { name: 'Security-reset review' })
  await panel.getByRole('button', { name: 'Open a review' }).click()
  const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
  await form.getByRole('button', { name: 'Open review' }).click()
  await expect(form).toBeHidden()
  await page.getByRole('group', { name: 'Compose' }).getByRole('button', { name: 'Review status' }).click()
  await expect(replyBox(page)).toHaveValue(/审核需要 3 至 7 个工作日/)
  await expect(warning).toHaveCount(0)
})

test('a reply asking the user to try the next step sets "Waiting on user", with undo; a greeting does not', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35001234', phone: '13800138000' })
  const group = statusGroup(page)

  // a greeting asks nothing: no offer, status unchanged
  await page.getByRole('group', { name: 'Compose' }).getByRole('button', { name: 'Greeting' }).click()
  await expect(page.getByRole('checkbox', { name: /Waiting on user/ })).toHaveCount(0)
  await page.getByRole('button', { name: 'Copy and log' }).click()
  await expect(page.getByText('Reply copied and logged.')).toBeVisible()
  await expect(group.getByRole('button', { name: 'Open' })).toHaveAttribute('aria-pressed', 'true')

  // the next step asks the user to check their phone: sent → waiting on user
  await page.getByRole('group', { name: 'Compose' }).getByRole('button', { name: 'Next step' }).click()
  await expect(page.getByRole('checkbox', { name: /Waiting on user/ })).toBeChecked()
  await replyBox(page).focus()
  await page.keyboard.press('Control+Enter')
  await expect(group.getByRole('button', { name: 'Waiting on user' })).toHaveAttribute('aria-pressed', 'true')
  const note = page.getByRole('status').filter({ hasText: 'Case set to "Waiting on user".' })
  await expect(note).toBeVisible()
  await note.getByRole('button', { name: 'Undo' }).click()
  await expect(group.getByRole('button', { name: 'Open' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('status').filter({ hasText: 'Case status back to "Open".' })).toBeVisible()
  await expect(replyBox(page)).toBeFocused()

  // unticked: the status stays
  await page.getByRole('checkbox', { name: /Waiting on user/ }).uncheck()
  await page.getByRole('button', { name: 'Copy and log' }).click()
  await expect(page.getByRole('region', { name: 'Sent replies' }).getByRole('listitem')).toHaveCount(3)
  await expect(group.getByRole('button', { name: 'Open' })).toHaveAttribute('aria-pressed', 'true')
})

test('escalation follows its review: Alt+J does not fail method 7; a decision records it, proposes the status and offers the reply', async ({
  page,
}) => {
  await openApp(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click()
  await page.getByRole('textbox', { name: 'UID' }).fill('35001234')
  await page.getByRole('textbox', { name: 'Phone' }).fill('13800138000')
  await page.getByRole('radio', { name: 'Account restricted from sending codes' }).check()
  await page.getByRole('button', { name: 'Save case' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Case VC-/ })).toBeVisible()
  const checklist = page.getByRole('region', { name: 'Troubleshooting checklist' })
  await expect(checklist.getByTestId('next-method')).toContainText('Method 7')
  const reply = await replyBox(page).inputValue()
  expect(reply).not.toBe('')

  // the keys for "tried without success" and "resolved it" do not touch the escalation
  await page.getByRole('heading', { level: 1 }).click()
  await page.keyboard.press('Alt+J')
  await expect(checklist.getByRole('status')).toContainText('Method 7 follows its security-reset review')
  await page.keyboard.press('Alt+R')
  await expect(checklist.getByTestId('next-method')).toContainText('Method 7')
  await expect(replyBox(page)).toHaveValue(reply)
  const m7 = checklist.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Method 7/ }) })
  await expect(m7.getByRole('button', { name: 'Tried without success' })).toHaveCount(0)

  // open and approve the review
  const panel = page.getByRole('region', { name: 'Security-reset review' })
  await panel.getByRole('button', { name: 'Open a review' }).click()
  const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
  // labelled fields, without Naive UI's stock "Please Input" placeholder
  await expect(form.getByLabel('Back-office reference number')).toHaveAttribute('placeholder', '')
  await expect(form.locator('[placeholder="Please Input"]')).toHaveCount(0)
  await form.getByRole('button', { name: 'Open review' }).click()
  await expect(form).toBeHidden()
  await expect(statusGroup(page).getByRole('button', { name: 'Escalated' })).toHaveAttribute('aria-pressed', 'true')

  // "When will my reset be done?" (Alt+W): the review-status template, in the reply box to read and edit
  await page.keyboard.press('Alt+W')
  await expect(replyBox(page)).toBeFocused()
  await expect(replyBox(page)).toHaveValue(/审核需要 3 至 7 个工作日，预计\d{4}年\d+月\d+日 星期.起可出结果/)
  // a template like the others: edited in the library, Alt+W uses the new version
  await page.locator('section.reply').getByRole('link', { name: 'Edit template' }).click()
  await expect(page.getByRole('heading', { name: 'Edit “Review status: when will my reset be done?”' })).toBeVisible()
  // the template's stable key is for files and sync, not for people: the title names it
  await expect(page.getByText('review-status', { exact: true })).toHaveCount(0)
  await page.getByRole('textbox', { name: 'Text (Chinese)' }).fill('预计{{ review_expected_date }}起出结果（{{ review_status }}）。')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('Saved as version 2.')).toBeVisible()
  await page.goBack()
  await page.getByRole('group', { name: 'Compose' }).getByRole('button', { name: 'Next step' }).click()
  await expect(replyBox(page)).not.toHaveValue(/起出结果/)
  await page.keyboard.press('Alt+W')
  await expect(replyBox(page)).toHaveValue(/^预计\d{4}年\d+月\d+日 星期.起出结果（pending）。$/)

  await panel.getByRole('button', { name: 'Close review' }).click()
  const close = page.getByRole('dialog', { name: 'Close the review' })
  await close.getByRole('radio', { name: 'Approved' }).check()
  await close.getByRole('button', { name: 'Close review' }).click()

  const decision = page.getByRole('group', { name: 'After the decision' })
  await expect(decision).toContainText('Review approved')
  await expect(decision.getByRole('button', { name: 'Set the case to Resolved' })).toBeFocused()
  await expect(checklist.getByRole('region', { name: 'Escalation available' })).toHaveCount(0)
  await decision.getByRole('button', { name: 'Set the case to Resolved' }).click()
  await expect(statusGroup(page).getByRole('button', { name: 'Resolved' })).toHaveAttribute('aria-pressed', 'true')
  await expect(decision).toContainText('Case status: Resolved.')
  await decision.getByRole('button', { name: 'Write the closing reply' }).click()
  await expect(replyBox(page)).toBeFocused()
  await expect(page.getByRole('group', { name: 'Compose' }).getByRole('button', { name: 'Closing' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
})
