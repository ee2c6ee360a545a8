import { expect, test } from '@playwright/test'
import { logCase, openApp } from './support'

test.describe('case list and case page', () => {
  test('filters by status, channel, symptom and date range; refuses a reversed range', async ({ page }) => {
    await openApp(page)
    const a = await logCase(page, { uid: '11112222' })
    // second case: email channel, rejected codes, waiting on user
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click()
    await page.getByRole('textbox', { name: 'UID' }).fill('33334444')
    const channels = page.getByRole('group', { name: 'Affected channels' })
    await channels.getByRole('checkbox', { name: 'SMS' }).uncheck()
    await channels.getByRole('checkbox', { name: 'Email' }).check()
    await page.getByRole('radio', { name: 'Code arrives but is rejected as invalid' }).check()
    await page.getByRole('button', { name: 'Save case' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /^Case VC-/ })).toBeVisible()
    const b = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Case ', '')

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click()
    const list = page.getByRole('list', { name: 'Case list' })
    await expect(page.getByText('2 cases')).toBeVisible()
    await expect(list.getByRole('listitem')).toHaveCount(2)
    // the full date and time is the short one's tooltip, written when the pointer comes over it
    const updated = list.locator('.case-row__updated').first()
    await updated.hover()
    await expect(updated).toHaveAttribute('title', /\b20\d\d\b/)

    // the filters are native checkboxes: the keyboard ticks them (Space), as a pointer does
    const emailFilter = page.getByRole('group', { name: 'Channel' }).getByRole('checkbox', { name: 'Email' })
    await emailFilter.focus()
    await page.keyboard.press('Space')
    await expect(emailFilter).toBeChecked()
    await expect(list.getByRole('listitem')).toHaveCount(1)
    await expect(list).toContainText(b)
    await page.getByRole('group', { name: 'Channel' }).getByRole('checkbox', { name: 'Email' }).uncheck()

    await page.getByRole('group', { name: 'Symptom' }).getByRole('checkbox', { name: 'Code never arrives' }).check()
    await expect(list.getByRole('listitem')).toHaveCount(1)
    await expect(list).toContainText(a)
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect(list.getByRole('listitem')).toHaveCount(2)

    await page.getByLabel('Created from').fill('2030-01-02')
    await page.getByLabel('Created to').fill('2030-01-01')
    await expect(page.getByText('The start date is after the end date.')).toBeVisible()
    await page.getByLabel('Created from').fill('2020-01-01')
    await page.getByLabel('Created to').fill('2020-12-31')
    await expect(page.getByText('No case matches these filters.')).toBeVisible()
    await page.getByRole('button', { name: 'Clear filters' }).click()

    // "All filters" wraps the row to show every choice; kept with the settings (not localStorage), across a reload
    await expect(page.getByRole('button', { name: 'All filters' })).toHaveAttribute('aria-expanded', 'false')
    await page.getByRole('button', { name: 'All filters' }).click()
    await expect(page.getByRole('button', { name: 'One line of filters' })).toHaveAttribute('aria-expanded', 'true')
    const storedOpen = (): Promise<unknown> =>
      page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const open = indexedDB.open('verification-console')
            open.onerror = () => reject(open.error)
            open.onsuccess = () => {
              const get = open.result.transaction('settings').objectStore('settings').get('prefs')
              get.onsuccess = () => {
                open.result.close()
                resolve((get.result as { value?: { caseFiltersOpen?: unknown } } | undefined)?.value?.caseFiltersOpen)
              }
              get.onerror = () => reject(get.error)
            }
          }),
      )
    await expect.poll(storedOpen).toBe(true)
    await page.reload()
    await page.getByRole('button', { name: 'One line of filters' }).click()
    await expect(page.getByRole('button', { name: 'All filters' })).toHaveAttribute('aria-expanded', 'false')
    await expect.poll(storedOpen).toBe(false)
    expect(await page.evaluate(() => localStorage.getItem('console.caseFilters.open'))).toBeNull()

    await page.getByLabel('Sort by').selectOption({ label: 'Oldest first' })
    await expect(list.getByRole('listitem').first()).toContainText(a)
    await page.getByLabel('Sort by').selectOption({ label: 'Newest first' })
    await expect(list.getByRole('listitem').first()).toContainText(b)

    // the column headers sort too: Updated first sorts recently updated first, a second click reverses it
    const columns = page.getByRole('group', { name: /^Columns/ })
    await columns.getByRole('button', { name: /^Updated/ }).click()
    await expect(page.getByLabel('Sort by')).toHaveValue('updatedAt-desc')
    await expect(list.getByRole('listitem').first()).toContainText(b)
    await columns.getByRole('button', { name: /^Updated/ }).click()
    await expect(page.getByLabel('Sort by')).toHaveValue('updatedAt-asc')
    await expect(list.getByRole('listitem').first()).toContainText(a)

    // an escalated case: its review's due date shows in the SLA due column, and that column brings it to the top
    await list.getByRole('link', { name: new RegExp(a) }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Case ${a}` })).toBeVisible()
    await page.getByRole('button', { name: 'Open a review' }).click()
    const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
    await form.getByRole('button', { name: 'Open review' }).click()
    await expect(form).toBeHidden()
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click()
    await page.getByLabel('Sort by').selectOption({ label: 'Newest first' })
    await expect(list.getByRole('listitem').first()).toContainText(b)
    await columns.getByRole('button', { name: /^SLA due/ }).click()
    await expect(columns.getByRole('button', { name: /^SLA due/ })).toHaveAttribute('aria-pressed', 'true')
    await expect(list.getByRole('listitem').first()).toContainText(a)
    await expect(list.getByRole('listitem').first()).toContainText(/(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [A-Z][a-z]{2} \d+/)
    await expect(list.getByRole('listitem').nth(1)).toContainText('No open review')

    await list.getByRole('link', { name: new RegExp(a) }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Case ${a}` })).toBeVisible()
  })

  test('the filters and the order stay as the agent left them back from a case; a reload shows every case again', async ({ page }) => {
    await openApp(page)
    await logCase(page, { uid: '12121212' })
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click()
    await page.getByRole('textbox', { name: 'UID' }).fill('34343434')
    await page.getByRole('group', { name: 'Affected channels' }).getByRole('checkbox', { name: 'Email' }).check()
    await page.getByRole('button', { name: 'Save case' }).click()
    const heading = page.getByRole('heading', { level: 1, name: /^Case VC-/ })
    await expect(heading).toBeVisible({ timeout: 20_000 })
    const b = ((await heading.textContent()) ?? '').replace('Case ', '').trim()

    const casesLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' })
    await casesLink.click()
    const list = page.getByRole('list', { name: 'Case list' })
    const emailFilter = page.getByRole('group', { name: 'Channel' }).getByRole('checkbox', { name: 'Email' })
    await expect(list.getByRole('listitem')).toHaveCount(2)
    await emailFilter.check()
    await page.getByLabel('Sort by').selectOption({ label: 'Oldest first' })
    await expect(list.getByRole('listitem')).toHaveCount(1)

    // into the case and back: the list is as it was
    await list.getByRole('link', { name: new RegExp(b) }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Case ${b}` })).toBeVisible()
    await casesLink.click()
    await expect(emailFilter).toBeChecked()
    await expect(page.getByLabel('Sort by')).toHaveValue('createdAt-asc')
    await expect(list.getByRole('listitem')).toHaveCount(1)

    // a reload (or a new start) shows every case again, in the usual order: a filter left on would hide cases
    await page.reload()
    await expect(list.getByRole('listitem')).toHaveCount(2)
    await expect(emailFilter).not.toBeChecked()
    await expect(page.getByLabel('Sort by')).toHaveValue('updatedAt-desc')
  })

  test('editing facts saves them and flags contradictions', async ({ page }) => {
    await openApp(page)
    await logCase(page, { uid: '55556666', phone: '13800138000' })
    await page.getByRole('button', { name: 'Edit facts' }).click()
    await page.getByLabel('Device').selectOption({ label: 'iPhone' })
    await page.getByLabel('Android blocking app').selectOption({ label: '360 Security' })
    await page.getByLabel('Carrier').selectOption({ label: 'China Telecom (10000)' })
    // the case's Notes is the only control of that name on the page (the method's tips are "Tips")
    await page.getByLabel('Notes').fill('Huawei P40, SMS filter on')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect(page.getByText('Changes saved.')).toBeVisible()
    await expect(page.getByRole('region', { name: 'Case facts' }).getByText('China Telecom (10000)')).toBeVisible()
    await expect(page.getByText('The device is an iPhone, but an Android blocking app is selected.')).toBeVisible()
    await page.reload()
    await expect(page.getByRole('region', { name: 'Case facts' }).getByText('China Telecom (10000)')).toBeVisible()
    await expect(page.getByRole('region', { name: 'Case facts' })).toContainText('Huawei P40, SMS filter on')
  })

  test('the interface switches to Simplified Chinese and back', async ({ page }) => {
    await openApp(page, '#/settings')
    await page.getByRole('radio', { name: '简体中文' }).check()
    await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible()
    await expect(page.getByRole('navigation').getByRole('link', { name: '工单', exact: true })).toBeVisible()
    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible()
    await page.getByRole('radio', { name: 'English' }).check()
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  })

  test('the agent name signs new cases', async ({ page }) => {
    await openApp(page, '#/settings')
    await page.getByRole('textbox', { name: 'Agent name' }).fill('Lin Mei')
    await page.getByRole('button', { name: 'Save name' }).click()
    await expect(page.getByText('Saved')).toBeVisible()
    await logCase(page, { uid: '77778888' })
    await expect(page.getByRole('region', { name: 'Case facts' }).getByText('Lin Mei')).toBeVisible()
  })
})
