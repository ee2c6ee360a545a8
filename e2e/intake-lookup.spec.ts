import { expect, test, type Page } from '@playwright/test'
import { logCase, lookup, openApp } from './support'

test.describe('case intake and lookup', () => {
  test('a logged case survives a reload and is found by UID, every phone form, last digits and email', async ({ page }) => {
    await openApp(page)
    const number = await logCase(page, { uid: '  3500 1234 56 ', phone: '+86 138 0013 8000', email: 'Li.Wei@Gmail.com' })
    await expect(page.getByText('UID', { exact: true }).locator('..')).toContainText('3500123456')

    await page.reload()
    await expect(page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()
    await expect(page.getByText('Li.Wei@gmail.com')).toBeVisible()

    for (const query of [
      '3500123456',
      '+86 138 0013 8000',
      '008613800138000',
      '13800138000',
      '138-0013-8000',
      '8000',
      '0013 8000',
      'li.wei@gmail.com',
      'LI.WEI@GMAIL.COM',
      number.toLowerCase(),
    ]) {
      const results = await lookup(page, query)
      await expect(results.getByRole('option').first(), `query ${query}`).toContainText(number)
    }

    // Enter opens the best match
    await page.goto('/#/cases')
    const results = await lookup(page, '13800138000')
    await expect(results.getByRole('option')).toHaveCount(1)
    // the search field's clear "×" shows while there is text: the Ctrl+K badge makes room instead of covering it
    const badge = page.getByRole('search').getByText('Ctrl+K', { exact: true })
    await expect(badge).toBeHidden()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()
    // the look-up is done: the box is empty again on the case page, its badge back
    await expect(page.getByRole('searchbox', { name: 'Find case' })).toHaveValue('')
    await expect(badge).toBeVisible()
    // the same after a menu link: typed text does not follow the agent to another page
    await page.getByRole('searchbox', { name: 'Find case' }).fill('1380013')
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Reviews/ })
      .click()
    await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible()
    await expect(page.getByRole('searchbox', { name: 'Find case' })).toHaveValue('')
  })

  test("a UID, phone and email copied with their labels and the chat's full stop are saved, and found the same way", async ({ page }) => {
    await openApp(page, '#/cases/new')
    await page.getByRole('textbox', { name: 'UID' }).fill('UID 3500 1234。')
    await page.getByRole('textbox', { name: 'Phone' }).fill('Phone number: +86-138-0013-8000')
    await page.getByRole('textbox', { name: 'Email' }).fill('邮箱：Li.Wei@Gmail.com')
    await page.getByRole('button', { name: 'Save case' }).click()
    const heading = page.getByRole('heading', { level: 1, name: /^Case VC-/ })
    await expect(heading).toBeVisible({ timeout: 20_000 })
    const number = ((await heading.textContent()) ?? '').replace('Case ', '').trim()
    const facts = page.getByRole('region', { name: 'Case facts' })
    await expect(facts).toContainText('35001234')
    await expect(facts).toContainText('Li.Wei@gmail.com')

    for (const query of [
      'UID 35001234',
      'UID-35001234',
      '手机号：13800138000',
      'Phone number: +86 138 0013 8000',
      '138/0013/8000',
      '尾号8000',
      'E-mail: LI.WEI@GMAIL.COM',
      'Li Wei <li.wei@gmail.com>',
      'li.wei@gmail.com。',
      // the case page's heading, copied whole
      `Case ${number}`,
      // a UID and a phone number copied together from a chat line
      '35001234 13800138000',
      '13800138000，35001234',
    ]) {
      const results = await lookup(page, query)
      await expect(results.getByRole('option').first(), `query ${query}`).toContainText(number)
    }
  })

  test('bad input shows a message next to the field and nothing is saved', async ({ page }) => {
    await openApp(page, '#/cases/new')
    await page.getByRole('textbox', { name: 'UID' }).fill('12ab34')
    await page.getByRole('textbox', { name: 'Phone' }).fill('12345')
    await page.getByRole('textbox', { name: 'Email' }).fill('li.wei@gmail')
    await page.getByRole('button', { name: 'Save case' }).click()
    await expect(page.getByText('A UID has digits only; “a” is not allowed.')).toBeVisible()
    await expect(page.getByText('This phone number is too short.')).toBeVisible()
    await expect(page.getByText('This is not a valid email address.')).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible()

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click()
    await expect(page.getByText('No cases yet.')).toBeVisible()
  })

  test('a UID and a phone number pasted together into UID are refused, not saved as one long UID', async ({ page }) => {
    await openApp(page, '#/cases/new')
    const uid = page.getByRole('textbox', { name: 'UID' })
    await uid.fill('35001234 13800138000')
    await page.getByRole('button', { name: 'Save case' }).click()
    await expect(
      page.getByText('This looks like a UID and a phone number together. Put the phone number in the Phone field.'),
    ).toBeVisible()
    await expect(uid).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible()
  })

  test('a mainland mobile number with a wrong digit is refused, not saved as a North American number', async ({ page }) => {
    await openApp(page, '#/cases/new')
    const phone = page.getByRole('textbox', { name: 'Phone' })
    await phone.fill('12345678901')
    await page.getByRole('button', { name: 'Save case' }).click()
    await expect(page.getByText('This is not a valid phone number.', { exact: false })).toBeVisible()
    await expect(phone).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible()
    // what was typed stays, to be corrected
    await expect(phone).toHaveValue('12345678901')
  })

  test('an empty form asks for a way to find the user again', async ({ page }) => {
    await openApp(page, '#/cases/new')
    await page.getByRole('button', { name: 'Save case' }).click()
    await expect(page.getByText('Enter at least one of UID, phone or email')).toBeVisible()
  })

  test('the draft survives a reload mid-chat', async ({ page }) => {
    await openApp(page, '#/cases/new')
    await page.getByRole('textbox', { name: 'UID' }).fill('77665544')
    await page.getByRole('textbox', { name: 'Notes' }).fill('User on Xiaomi, tried twice')
    await page.getByLabel('Carrier').selectOption({ label: 'China Unicom (10010)' })
    await page.reload()
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('77665544')
    await expect(page.getByRole('textbox', { name: 'Notes' })).toHaveValue('User on Xiaomi, tried twice')
    await expect(page.getByLabel('Carrier')).toHaveValue('china-unicom')
    await expect(page.getByText('Draft restored')).toBeVisible()
  })

  test('the open case of the same user shows as soon as a UID or email is typed; opening it ends the intake', async ({ page }) => {
    await openApp(page)
    const first = await logCase(page, { uid: '99887766', email: 'Li.Wei@Gmail.com' })
    const newCase = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' })
    await newCase.click()
    // no Save needed: the complete UID alone brings the open case up, under the fields
    await page.getByRole('textbox', { name: 'UID' }).fill('9988 7766')
    await expect(page.getByRole('status').getByRole('button', { name: `Open ${first}` })).toBeVisible()
    await page.getByRole('textbox', { name: 'UID' }).fill('')
    await expect(page.getByRole('button', { name: `Open ${first}` })).toBeHidden()
    await page.getByRole('textbox', { name: 'Email' }).fill('LI.WEI@gmail.com')
    await page.getByRole('textbox', { name: 'Phone' }).fill('13800138000')
    await page.getByRole('button', { name: `Open ${first}` }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Case ${first}` })).toBeVisible()
    // the next New case starts empty: nothing of that user comes back as a draft
    await newCase.click()
    await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'Phone' })).toHaveValue('')
    await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('')
    await expect(page.getByText('Draft restored')).toBeHidden()
  })

  test("a case logged anyway beside the open case found by its email lists that case as the user's other case", async ({ page }) => {
    await openApp(page)
    const first = await logCase(page, { email: 'li.wei@gmail.com' })
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click()
    await page.getByRole('textbox', { name: 'Email' }).fill('LI.WEI@GMAIL.COM')
    await expect(page.getByRole('button', { name: `Open ${first}` })).toBeVisible()
    await page.getByRole('button', { name: 'Log a new case anyway' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /^Case VC-/ })).toBeVisible({ timeout: 20_000 })
    const other = page.getByRole('region', { name: "User's other cases" })
    await expect(other.getByRole('link', { name: first })).toBeVisible()
    await expect(other).toContainText('same Email')
    await expect(page.getByText('Repeat contact: 1 other case')).toBeVisible()
  })

  test('typed through an input method, the look-up takes the composed text; Escape closes the results and clears the box', async ({
    page,
  }) => {
    await openApp(page)
    const number = await logCase(page, { email: 'li.wei@gmail.com' })
    await page.goto('/#/cases')
    await page.keyboard.press('Control+K')
    const box = page.getByRole('searchbox', { name: 'Find case' })
    await expect(box).toBeFocused()
    // as a Chinese input method types Latin text: composed first, then committed
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Input.imeSetComposition', { text: 'li.wei@gmail', selectionStart: 12, selectionEnd: 12 })
    await expect(box).toHaveValue('li.wei@gmail')
    await cdp.send('Input.insertText', { text: 'li.wei@gmail.com' })
    const results = page.getByRole('listbox', { name: 'Matching cases' })
    await expect(results.getByRole('option').first()).toContainText(number)
    // Escape closes the results, and the search field clears itself (Chromium's own Escape in type="search")
    await page.keyboard.press('Escape')
    await expect(results).toBeHidden()
    await expect(box).toHaveValue('')
    await expect(page.getByRole('search').getByText('Ctrl+K', { exact: true })).toBeVisible()
  })

  test('arrowing through more results than the panel shows keeps the active one in sight; Enter opens it', async ({ page }) => {
    await openApp(page)
    const numbers: string[] = []
    for (const prefix of ['138', '139', '137', '136', '135', '133']) numbers.push(await logCase(page, { phone: `${prefix}00002468` }))
    // a low window: the results panel (60 % of the height, 180 px) shows about three rows of six
    await page.setViewportSize({ width: 1024, height: 300 })
    await page.goto('/#/cases')
    const results = await lookup(page, '2468')
    await expect(results.getByRole('option')).toHaveCount(6)
    const box = page.getByRole('searchbox', { name: 'Find case' })
    for (let i = 1; i <= 5; i++) {
      await page.keyboard.press('ArrowDown')
      const id = await box.getAttribute('aria-activedescendant')
      expect(id).toBe(`lookup-option-${i}`)
      // the active option lies inside the panel's visible part
      await expect.poll(() => visibleIn(page, `#${id}`, '.lookup__panel'), `option ${i}`).toBe(true)
    }
    const picked = ((await page.locator('#lookup-option-5 .lookup__number').textContent()) ?? '').trim()
    expect(numbers).toContain(picked)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: `Case ${picked}` })).toBeVisible()
  })

  test('a case with no match offers to log a new one from the search', async ({ page }) => {
    await openApp(page)
    const results = await lookup(page, '13912345678')
    await expect(results).toHaveCount(0)
    await page.getByRole('button', { name: 'Log a new case with this' }).click()
    await expect(page.getByRole('textbox', { name: 'Phone' })).toHaveValue('13912345678')
  })

  test('"Log a new case with this" fills the field also when New case is already open', async ({ page }) => {
    await openApp(page, '#/cases/new')
    await lookup(page, '13912345678')
    await page.getByRole('button', { name: 'Log a new case with this' }).click()
    await expect(page.getByRole('textbox', { name: 'Phone' })).toHaveValue('13912345678')
    await expect(page.getByRole('searchbox', { name: 'Find case' })).toHaveValue('')
    // full-width digits copied with a label are a phone too (not a UID), without the label
    await lookup(page, '手机号：１３７１２３４５６７８')
    await page.getByRole('button', { name: 'Log a new case with this' }).click()
    await expect(page.getByRole('textbox', { name: 'Phone' })).toHaveValue('１３７１２３４５６７８')
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('')
  })

  test('a search for another user starts a new form: the unsaved one is set aside, never mixed in, and comes back with one click', async ({
    page,
  }) => {
    // an intake left unsaved for one user
    await openApp(page, '#/cases/new')
    await page.getByRole('textbox', { name: 'UID' }).fill('35001234')
    await page.getByRole('textbox', { name: 'Notes' }).fill('Huawei, SMS blocked')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click()
    // the next user's phone: no case yet
    await lookup(page, '139 1234 5678')
    await page.getByRole('button', { name: 'Log a new case with this' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'Phone' })).toHaveValue('139 1234 5678')
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('')
    await expect(page.getByRole('textbox', { name: 'Notes' })).toHaveValue('')
    await expect(page.getByRole('alert').filter({ hasText: 'New form for this search' })).toBeVisible()

    // it was the same user after all: the earlier form comes back, with the phone searched for
    await page.getByRole('button', { name: 'Bring back the previous form' }).click()
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('35001234')
    await expect(page.getByRole('textbox', { name: 'Notes' })).toHaveValue('Huawei, SMS blocked')
    await expect(page.getByRole('textbox', { name: 'Phone' })).toHaveValue('139 1234 5678')
    await expect(page.getByText('New form for this search')).toBeHidden()
  })

  test('Clear form pressed by mistake mid-chat loses nothing: the form comes back with one click', async ({ page }) => {
    await openApp(page, '#/cases/new')
    await page.getByRole('textbox', { name: 'UID' }).fill('35001234')
    await page.getByLabel('Carrier').selectOption({ label: 'China Unicom (10010)' })
    await page.getByRole('button', { name: 'Clear form' }).click()
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('')
    await expect(page.getByRole('alert').filter({ hasText: 'Form cleared' })).toBeVisible()
    await page.getByRole('button', { name: 'Bring back the previous form' }).click()
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('35001234')
    await expect(page.getByLabel('Carrier')).toHaveValue('china-unicom')
    // and it is the draft again: it survives a reload
    await page.reload()
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('35001234')
  })
})

/** Whether the element lies wholly inside the visible part of its scrolling container. */
async function visibleIn(page: Page, selector: string, container: string): Promise<boolean> {
  return page.evaluate(
    ([sel, box]) => {
      const el = document.querySelector(sel)
      const c = el?.closest(box)
      if (!el || !c) return false
      const r = el.getBoundingClientRect()
      const b = c.getBoundingClientRect()
      return r.top >= b.top - 1 && r.bottom <= b.bottom + 1
    },
    [selector, container] as const,
  )
}

/** Where the focus is: never the page itself after a shortcut, and always on screen. */
async function focusLanded(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement
    if (!a || a === document.body || !a.isConnected) return 'lost'
    const r = a.getBoundingClientRect()
    return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth ? 'on screen' : 'off screen'
  })
}

test('keyboard only: find a case, open it, mark the suggested method, reach the reply; focus never falls to the page', async ({ page }) => {
  await openApp(page)
  // Ctrl+S saves the new case; the case page takes the focus
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click()
  await page.getByRole('textbox', { name: 'UID' }).fill('24681357')
  await page.keyboard.press('Control+s')
  const heading = page.getByRole('heading', { level: 1, name: /^Case VC-/ })
  await expect(heading).toBeVisible({ timeout: 20_000 })
  const number = ((await heading.textContent()) ?? '').replace('Case ', '').trim()
  await expect.poll(() => focusLanded(page)).toBe('on screen')

  await page.goto('/#/cases')
  await lookup(page, '24681357')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()
  await page.keyboard.press('Alt+J')
  await expect(page.getByRole('status').filter({ hasText: 'Tried without success' })).toBeVisible()
  await expect(page.getByTestId('next-method')).toBeVisible()
  await expect.poll(() => focusLanded(page)).toBe('on screen')
  await page.keyboard.press('Alt+M')
  await expect(page.getByRole('textbox', { name: 'Reply' })).toBeFocused()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByText('Reply copied and logged.')).toBeVisible()
  await expect.poll(() => focusLanded(page)).toBe('on screen')
  // F1 opens the shortcuts with the focus inside them; Escape closes them and the focus comes back to the page
  await page.keyboard.press('F1')
  await expect(page.getByRole('dialog')).toBeVisible()
  await expect.poll(() => focusLanded(page)).toBe('on screen')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toBeHidden()
  await expect.poll(() => focusLanded(page)).toBe('on screen')
})
