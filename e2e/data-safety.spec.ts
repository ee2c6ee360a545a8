import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { logCase, lookup, openApp } from './support'

async function goTo(page: Page, name: 'Settings' | 'Trash' | 'Cases'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

/** Backs up from Settings; returns the downloaded file's path and text. */
async function backUp(page: Page): Promise<{ path: string; text: string }> {
  await goTo(page, 'Settings')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up now' }).click()])
  expect(download.suggestedFilename()).toMatch(/^console-backup-\d{4}-\d{2}-\d{2}\.json$/)
  const path = await download.path()
  return { path, text: fs.readFileSync(path, 'utf8') }
}

async function expectFound(page: Page, query: string, number: string): Promise<void> {
  const results = await lookup(page, query)
  await expect(results.getByRole('option').first()).toContainText(number)
  await page.keyboard.press('Escape')
}

async function expectNotFound(page: Page, query: string): Promise<void> {
  await lookup(page, query)
  await expect(page.getByText(`No case matches “${query}”.`)).toBeVisible()
  await page.keyboard.press('Escape')
}

async function deleteCurrentCase(page: Page, number: string): Promise<void> {
  await page.getByRole('button', { name: 'Delete case' }).click()
  const dialog = page.getByRole('dialog', { name: `Delete case ${number}?` })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(`Case ${number} moves to the trash`)
  await dialog.getByRole('button', { name: 'Move to trash' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible()
  await expect(page.getByText(`Case ${number} moved to the trash.`)).toBeVisible()
}

test.describe('data safety', () => {
  test('back up, change data, restore: the original data is back', async ({ page }) => {
    test.slow() // two cases logged, a backup, a restore and four look-ups: over 45 s when the machine is shared
    await openApp(page)
    const kept = await logCase(page, { uid: '35001234', phone: '13800138000', notes: 'Huawei phone, 360 Security' })
    const { path, text } = await backUp(page)
    const file = JSON.parse(text)
    expect(file.console).toMatchObject({ app: 'verification-code-console', schemaVersion: 3 })
    // the console's own version (package.json), never a placeholder such as "dev"
    expect(file.console.appVersion).toBe(JSON.parse(fs.readFileSync('package.json', 'utf8')).version)
    expect(file.formatName).toBe('dexie')
    expect(file.data.tables.find((t: { name: string }) => t.name === 'cases').rowCount).toBe(1)

    // change data after the backup
    const later = await logCase(page, { uid: '99887766' })
    await expectFound(page, '99887766', later)

    await goTo(page, 'Settings')
    // the check and the restore run in a worker and show their progress: a small file passes through it
    // too fast to look at, so every state of the labelled progress bar is recorded as it is drawn
    await page.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { progressSeen: string[] }).progressSeen = seen
      new MutationObserver(() => {
        const bar = document.querySelector('progress')
        if (!bar) return
        const state = `${bar.labels[0]?.textContent?.trim()} | ${bar.getAttribute('aria-valuetext')}`
        if (seen.at(-1) !== state) seen.push(state)
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
    })
    await page.getByLabel('Backup file to restore').setInputFiles(path)
    const preview = page.getByRole('region', { name: 'Restore this backup?' })
    await expect(preview).toBeVisible()
    await expect(preview.getByRole('row', { name: /^Cases/ })).toHaveText(/Cases\s*2\s*1/)
    // with the keyboard: the focus stays on the page, back on the file field once the preview is gone
    await preview.getByRole('button', { name: 'Replace my data with this backup' }).focus()
    await page.keyboard.press('Enter')
    // a restore replaces every table and reloads every page's data: slower than a form on a busy machine
    await expect(page.getByText('Backup restored: 1 cases.')).toBeVisible({ timeout: 20_000 })
    await expect(page.getByLabel('Backup file to restore')).toBeFocused()
    await expect(page.getByRole('progressbar')).toHaveCount(0)
    const records = (file.data.tables as { rowCount: number }[]).reduce((n, t) => n + t.rowCount, 0)
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)
    expect(seen).toEqual(
      expect.arrayContaining([
        'Checking the backup | Reading the file…',
        `Checking the backup | Checking records: ${records} of ${records}`,
        `Restoring the backup | Writing records: ${records} of ${records}`,
      ]),
    )

    await expectNotFound(page, '99887766')
    await expectFound(page, '35001234', kept)
    await page.goto('/#/cases')
    await expect(page.getByRole('link', { name: new RegExp(later) })).toHaveCount(0)
    await expect(page.getByRole('link', { name: new RegExp(kept) })).toBeVisible()
  })

  test('a corrupt or truncated backup is refused and nothing changes', async ({ page }) => {
    await openApp(page)
    const number = await logCase(page, { uid: '35001234' })
    const { text } = await backUp(page)
    const second = await logCase(page, { uid: '55667788' })

    await goTo(page, 'Settings')
    const input = page.getByLabel('Backup file to restore')
    await input.setInputFiles({
      name: 'half.json',
      mimeType: 'application/json',
      buffer: Buffer.from(text.slice(0, Math.floor(text.length / 2))),
    })
    await expect(page.getByRole('alert').filter({ hasText: 'This file cannot be restored. Nothing was changed.' })).toContainText(
      'The file is incomplete or damaged',
    )
    await expect(page.getByRole('region', { name: 'Restore this backup?' })).toHaveCount(0)

    const wrongCount = JSON.parse(text)
    wrongCount.data.tables.find((t: { name: string }) => t.name === 'cases').rowCount = 5
    await input.setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrongCount)) })
    await expect(page.getByRole('alert').filter({ hasText: 'Nothing was changed' })).toContainText(
      'The table “Cases” should hold 5 records but holds 1',
    )

    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
    await expect(page.getByRole('alert').filter({ hasText: 'Nothing was changed' })).toBeVisible()

    await expectFound(page, '35001234', number)
    await expectFound(page, '55667788', second)
  })

  test('an export chosen instead of a backup is named as such, not as a damaged file; nothing changes', async ({ page }) => {
    await openApp(page)
    const number = await logCase(page, { uid: '35001234', notes: 'Android, Phone Manager.' })
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Export' }).click()
    await expect(page.getByText('Matching cases: 1')).toBeVisible()
    const exports: { name: string; path: string }[] = []
    for (const format of [/^CSV/, /^Excel/]) {
      await page.getByRole('radio', { name: format }).check()
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export', exact: true }).click(),
      ])
      exports.push({ name: download.suggestedFilename(), path: await download.path() })
    }

    await goTo(page, 'Settings')
    const input = page.getByLabel('Backup file to restore')
    for (const file of exports) {
      await input.setInputFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: fs.readFileSync(file.path) })
      const refusal = page.getByRole('alert').filter({ hasText: 'This file cannot be restored. Nothing was changed.' })
      await expect(refusal).toContainText('This file is not a backup made by this console.')
      await expect(refusal).toContainText('exports (CSV, Excel) cannot be restored')
      await expect(refusal).not.toContainText('damaged')
      await expect(page.getByRole('region', { name: 'Restore this backup?' })).toHaveCount(0)
    }
    await expectFound(page, '35001234', number)
  })

  test('delete a case, then undo', async ({ page }) => {
    await openApp(page)
    const number = await logCase(page, { uid: '35001234', phone: '13800138000' })
    await deleteCurrentCase(page, number)
    await expect(page.getByText('No cases yet.')).toBeVisible()
    await expectNotFound(page, '35001234')

    await page.getByRole('button', { name: 'Undo' }).click()
    await expect(page.getByText(`Case ${number} restored.`)).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()
    await expectFound(page, '13800138000', number)

    // the history shows it all, newest first
    const history = page.getByRole('list', { name: 'History' })
    await expect(history.getByRole('listitem').filter({ hasText: /^(Case logged|Moved to the trash|Restored from the trash)/ })).toHaveText(
      [/^Restored from the trash/, /^Moved to the trash/, /^Case logged/],
    )
  })

  test('Ctrl+Z undoes a delete while the notice shows', async ({ page }) => {
    await openApp(page)
    const number = await logCase(page, { uid: '35001234' })
    await deleteCurrentCase(page, number)
    await page.keyboard.press('Control+z')
    await expect(page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()
    await expectFound(page, '35001234', number)
  })

  test('delete, find it in the trash, restore', async ({ page }) => {
    await openApp(page)
    const number = await logCase(page, { uid: '35001234' })
    await deleteCurrentCase(page, number)
    await goTo(page, 'Trash')
    const row = page.getByRole('row', { name: new RegExp(number) })
    await expect(row).toContainText('UID 35001234')
    await row.getByRole('button', { name: `Restore case ${number}` }).click()
    await expect(page.getByText(`Case ${number} restored.`)).toBeVisible()
    await expect(page.getByText('The trash is empty.')).toBeVisible()
    await expectFound(page, '35001234', number)
  })

  test('delete permanently: gone from the trash and from look-up', async ({ page }) => {
    await openApp(page)
    const number = await logCase(page, { uid: '35001234', notes: 'to be purged' })
    const caseUrl = page.url()
    await deleteCurrentCase(page, number)
    await goTo(page, 'Trash')
    await page.getByRole('button', { name: `Delete case ${number} permanently` }).click()
    const dialog = page.getByRole('dialog', { name: `Delete case ${number} permanently?` })
    const confirm = dialog.getByRole('button', { name: 'Delete permanently' })
    await expect(confirm).toBeDisabled()
    await dialog.getByLabel('Type the case number to confirm').fill(number.slice(0, -1))
    await expect(confirm).toBeDisabled()
    await dialog.getByLabel('Type the case number to confirm').fill(number)
    await confirm.click()
    await expect(page.getByText(`Case ${number} was deleted permanently.`)).toBeVisible()
    await expect(page.getByText('The trash is empty.')).toBeVisible()
    await expectNotFound(page, '35001234')
    await page.goto(caseUrl)
    await expect(page.getByRole('heading', { level: 1, name: 'Case not found' })).toBeVisible()
  })

  test('in the trash the keyboard keeps its place: after a restore or a permanent deletion the focus moves to the next row, then to the heading', async ({
    page,
  }) => {
    await openApp(page)
    for (const uid of ['35001111', '35002222', '35003333']) await deleteCurrentCase(page, await logCase(page, { uid }))
    await goTo(page, 'Trash')
    const focused = page.locator(':focus')
    const restoreName = /^Restore case (VC-\S+)$/

    // Enter on the first row's Restore: the focus is on the row that moved up
    await page.getByRole('button', { name: restoreName }).first().focus()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('row')).toHaveCount(3) // header + 2
    await expect(focused).toHaveAccessibleName(restoreName)

    // Tab to that row's Delete…, confirm by typing the number and Enter: the focus is on the last row
    const number = ((await focused.getAttribute('aria-label')) ?? '').replace('Restore case ', '')
    await page.keyboard.press('Tab')
    await expect(focused).toHaveAccessibleName(`Delete case ${number} permanently`)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('dialog', { name: `Delete case ${number} permanently?` })).toBeVisible()
    await page.keyboard.type(number)
    await page.keyboard.press('Enter')
    await expect(page.getByText(`Case ${number} was deleted permanently.`)).toBeVisible()
    await expect(page.getByRole('row')).toHaveCount(2)
    await expect(focused).toHaveAccessibleName(restoreName)

    // the last one restored: the trash is empty and the focus is on its heading
    await page.keyboard.press('Enter')
    await expect(page.getByText('The trash is empty.')).toBeVisible()
    await expect(page.getByRole('heading', { level: 1, name: 'Trash' })).toBeFocused()
  })
})
