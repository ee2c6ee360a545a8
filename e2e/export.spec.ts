import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type Download, type Page } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import Papa from 'papaparse'
import { openApp } from './support'
import { readXlsx } from './xlsxRead'

/**
 * Bulk export (browser mode: files arrive as downloads), the case report and the dashboard, driven in
 * English by roles and labels. Cases are logged through the intake form at fixed times (page.clock), so
 * date ranges select a known set.
 */

interface Logged {
  number: string
  uid: string
  phone: string
  email: string
  symptom: 'Code never arrives' | 'Code arrives but is rejected as invalid'
}

const at = (date: string): Date => new Date(`${date}T10:00:00+08:00`)

async function logCaseAt(page: Page, date: string, c: Omit<Logged, 'number'>, notes = ''): Promise<Logged> {
  await page.clock.setFixedTime(at(date))
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click()
  await expect(page.getByRole('heading', { name: 'New case', level: 1 })).toBeVisible()
  await page.getByRole('textbox', { name: 'UID' }).fill(c.uid)
  await page.getByRole('textbox', { name: 'Phone' }).fill(c.phone)
  await page.getByRole('textbox', { name: 'Email' }).fill(c.email)
  if (notes) await page.getByRole('textbox', { name: 'Notes' }).fill(notes)
  await page.getByRole('radio', { name: c.symptom }).check()
  await page.getByRole('button', { name: 'Save case' }).click()
  const dup = page.getByRole('button', { name: /Log a new case anyway|new case anyway/i })
  if (await dup.isVisible({ timeout: 500 }).catch(() => false)) await dup.click()
  const heading = page.getByRole('heading', { level: 1, name: /^Case VC-/ })
  await expect(heading).toBeVisible()
  return { ...c, number: ((await heading.textContent()) ?? '').replace('Case ', '').trim() }
}

/** Four cases: 3 Nov (rejected), 10 Nov (rejected), 10 Nov (never arrives), 20 Nov (rejected). */
async function seedCases(page: Page): Promise<Logged[]> {
  await openApp(page)
  const out: Logged[] = []
  out.push(
    await logCaseAt(page, '2026-11-03', {
      uid: '41000001',
      phone: '13800138001',
      email: 'alpha@qq.com',
      symptom: 'Code arrives but is rejected as invalid',
    }),
  )
  out.push(
    await logCaseAt(page, '2026-11-10', {
      uid: '41000002',
      phone: '13800138002',
      email: 'bravo@163.com',
      symptom: 'Code arrives but is rejected as invalid',
    }),
  )
  out.push(
    await logCaseAt(page, '2026-11-10', {
      uid: '41000003',
      phone: '13800138003',
      email: 'charlie@gmail.com',
      symptom: 'Code never arrives',
    }),
  )
  out.push(
    await logCaseAt(page, '2026-11-20', {
      uid: '41000004',
      phone: '13800138004',
      email: 'delta@qq.com',
      symptom: 'Code arrives but is rejected as invalid',
    }),
  )
  await page.clock.setFixedTime(at('2026-11-25'))
  return out
}

async function openExport(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Export' }).click()
  await expect(page.getByRole('heading', { name: 'Export cases', level: 1 })).toBeVisible()
}

async function exportAndDownload(page: Page): Promise<Download> {
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  return download
}

const readCsv = (file: string): Record<string, string>[] => {
  const text = fs.readFileSync(file, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true })
  expect(parsed.errors).toEqual([])
  return parsed.data
}

test('exports a date range and a symptom to CSV, masked by default and in full on request', async ({ page }) => {
  const logged = await seedCases(page)
  await openExport(page)
  await page.getByLabel('From').fill('2026-11-01')
  await page.getByLabel('To').fill('2026-11-15')
  await page.getByRole('group', { name: 'Symptom' }).getByRole('checkbox', { name: 'Code arrives but is rejected as invalid' }).check()
  await expect(page.getByText('Matching cases: 2')).toBeVisible()
  await page.getByRole('radio', { name: /^CSV/ }).check()
  await expect(page.getByText('cases-2026-11-01_2026-11-15.csv')).toBeVisible()

  const masked = await exportAndDownload(page)
  expect(masked.suggestedFilename()).toBe('cases-2026-11-01_2026-11-15.csv')
  const rows = readCsv(await masked.path())
  const want = [logged[0]!, logged[1]!]
  expect(rows.map((r) => r['Case number'])).toEqual(want.map((c) => c.number))
  expect(rows.map((r) => r['UID'])).toEqual(['41****01', '41****02'])
  // phones as national digits with the country code in its own column: readable, no formula-guard apostrophe
  expect(rows.map((r) => r['Phone'])).toEqual(['138****8001', '138****8002'])
  expect(rows.map((r) => r['Phone country code'])).toEqual(['86', '86'])
  expect(rows.map((r) => r['Email'])).toEqual(['a***a@qq.com', 'b***o@163.com'])
  expect(rows.map((r) => r['Symptom'])).toEqual(['Code rejected', 'Code rejected'])
  expect(rows.map((r) => r['Created'])).toEqual(['2026-11-03 10:00:00', '2026-11-10 10:00:00'])
  await expect(page.getByRole('status').filter({ hasText: 'Cases exported: 2.' })).toBeVisible()

  await page.getByRole('checkbox', { name: 'Include full details' }).check()
  await expect(page.getByText('This file will hold personal data in full.', { exact: false })).toBeVisible()
  const full = readCsv(await (await exportAndDownload(page)).path())
  expect(full.map((r) => [r['UID'], r['Phone'], r['Email']])).toEqual(want.map((c) => [c.uid, c.phone, c.email]))
  // the dialog says what the guard does
  await expect(page.getByRole('group', { name: 'Format' })).toContainText('never runs it as a formula')
  // browser mode: the browser decides where a download goes, and the message says so
  await expect(page.getByRole('status').filter({ hasText: 'Handed to your browser as a download' })).toBeVisible()
  await expect(page.getByText('Saved to')).toHaveCount(0)
})

test("the cases file's methods tried follow the checklist as the agent changes it", async ({ page }) => {
  await openApp(page)
  await logCaseAt(page, '2026-11-03', { uid: '41000009', phone: '13800138009', email: 'echo@qq.com', symptom: 'Code never arrives' })
  const caseUrl = new URL(page.url()).hash
  const methodRow = (title: string) =>
    page
      .getByRole('region', { name: 'Troubleshooting checklist' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: title, exact: true }) })
  const fail = async (title: string): Promise<void> => {
    const row = methodRow(title)
    await row.getByRole('button', { name: 'Tried without success', exact: true }).click()
    await expect(row.locator('[data-status]')).toHaveText('Tried without success')
  }
  const exportCases = async (): Promise<Record<string, string>> => {
    await openExport(page)
    await page.getByRole('radio', { name: /^CSV/ }).check()
    const rows = readCsv(await (await exportAndDownload(page)).path())
    expect(rows).toHaveLength(1)
    return rows[0]!
  }
  await fail('Method 1: Turn off SMS blocking')
  let row = await exportCases()
  expect([row['Methods tried'], row['Methods tried (count)']]).toEqual(['1. Disable SMS blocking: Tried without success', '1'])

  await page.goto(`/${caseUrl}`)
  await fail('Method 2: Ask the carrier to allow international SMS')
  row = await exportCases()
  expect([row['Methods tried'], row['Methods tried (count)']]).toEqual([
    '1. Disable SMS blocking: Tried without success; 2. Carrier: enable international SMS: Tried without success',
    '2',
  ])
})

test('exports XLSX with method attempts and reviews sheets that read back', async ({ page }) => {
  const logged = await seedCases(page)
  await openExport(page)
  await page.getByLabel('From').fill('2026-11-10')
  await page.getByLabel('To').fill('2026-11-30')
  await expect(page.getByText('Matching cases: 3')).toBeVisible()
  await page.getByRole('group', { name: 'Include' }).getByRole('checkbox', { name: 'Method attempts' }).check()
  await page.getByRole('group', { name: 'Include' }).getByRole('checkbox', { name: 'Security-reset reviews' }).check()
  await expect(page.getByText('cases-2026-11-10_2026-11-30.xlsx')).toBeVisible()
  const download = await exportAndDownload(page)
  expect(download.suggestedFilename()).toBe('cases-2026-11-10_2026-11-30.xlsx')
  // unzipped, every XML part parsed strictly
  const wb = readXlsx(fs.readFileSync(await download.path()))
  expect(wb.sheets.map((w) => w.name)).toEqual(['Cases', 'Method attempts', 'Reviews'])
  const sheet = wb.sheets[0]!
  const header = sheet.rows[0]!
  const col = (name: string): number => header.indexOf(name)
  const body = sheet.rows.slice(1)
  expect(body.map((r) => r[col('Case number')])).toEqual([logged[1]!.number, logged[2]!.number, logged[3]!.number])
  expect(body.map((r) => r[col('UID')])).toEqual(['41****02', '41****03', '41****04'])
  // a string cell is never evaluated: the phone keeps its + and gets no apostrophe
  expect(body.map((r) => r[col('Phone')])).toEqual(['+86 138****8002', '+86 138****8003', '+86 138****8004'])
  const created = body[0]![col('Created')]
  expect(created instanceof Date ? created.toISOString() : created).toBe('2026-11-10T10:00:00.000Z')
  expect(sheet.frozen).toEqual({ state: 'frozen', ySplit: 1 })
  expect(sheet.autoFilter).toMatch(/^A1:[A-Z]+4$/)
})

test('in browser mode a CSV export with attempts and reviews comes as one ZIP of the CSV files', async ({ page }) => {
  await seedCases(page)
  await openExport(page)
  await page.getByRole('radio', { name: /^CSV/ }).check()
  await page.getByRole('group', { name: 'Include' }).getByRole('checkbox', { name: 'Method attempts' }).check()
  await page.getByRole('group', { name: 'Include' }).getByRole('checkbox', { name: 'Security-reset reviews' }).check()
  await expect(page.getByText('the files come together in one ZIP file')).toBeVisible()
  // the clock stands at 2026-11-25 (seedCases)
  const today = '2026-11-25'
  const download = await exportAndDownload(page)
  expect(download.suggestedFilename()).toBe(`export-${today}.zip`)
  const entries = unzipSync(fs.readFileSync(await download.path()))
  expect(Object.keys(entries)).toEqual([`cases-${today}.csv`, `attempts-${today}.csv`, `reviews-${today}.csv`])
  const cases = Papa.parse<Record<string, string>>(strFromU8(entries[`cases-${today}.csv`]!).replace(/^\ufeff/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data
  expect(cases.length).toBeGreaterThan(0)
  await expect(page.getByRole('status').filter({ hasText: `Handed to your browser as a download: export-${today}.zip` })).toBeVisible()
})

test('an export with no matching case says so and writes nothing; a reversed range is refused', async ({ page }) => {
  await seedCases(page)
  await openExport(page)
  let downloads = 0
  page.on('download', () => downloads++)

  await page.getByLabel('From').fill('2027-01-01')
  await expect(page.getByRole('status').filter({ hasText: 'No cases match this filter.' })).toBeVisible()
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'No cases match this filter.' })).toBeVisible()

  await page.getByLabel('From').fill('2026-11-20')
  await page.getByLabel('To').fill('2026-11-01')
  await expect(page.getByText('The start date 2026-11-20 is after the end date 2026-11-01.')).toBeVisible()
  await expect(page.getByLabel('To')).toHaveAttribute('aria-invalid', 'true')
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(page.getByLabel('To')).toBeFocused()
  await page.waitForTimeout(300)
  expect(downloads).toBe(0)
})

test('an export started with the keyboard keeps the focus on Export while it runs and after', async ({ page }) => {
  await openApp(page)
  await logCaseAt(page, '2026-11-03', { uid: '41000001', phone: '13800138001', email: 'alpha@qq.com', symptom: 'Code never arrives' })
  await openExport(page)
  await expect(page.getByText('Matching cases: 1')).toBeVisible()
  const exportButton = page.getByRole('button', { name: 'Export', exact: true })
  await exportButton.focus()
  const download = page.waitForEvent('download')
  await page.keyboard.press('Enter')
  await download
  await expect(page.getByRole('status').filter({ hasText: 'Cases exported: 1.' })).toBeVisible()
  await expect(exportButton).toBeFocused()
})

test('a large export shows progress, keeps the page responsive and can be cancelled without saving', async ({ page }) => {
  await openApp(page)
  // enough cases that the export is still running when Cancel is pressed, on a fast idle machine too (20,000
  // were done in under a second there)
  await seedBulk(page, 60_000)
  await openExport(page)
  await expect(page.getByText('Matching cases: 60,000')).toBeVisible()
  let downloads = 0
  page.on('download', () => downloads++)
  await page.getByRole('group', { name: 'Include' }).getByRole('checkbox', { name: 'Method attempts' }).check()
  const exportButton = page.getByRole('button', { name: 'Export', exact: true })
  await exportButton.click()
  const bar = page.getByRole('progressbar', { name: 'Export progress' })
  await expect(bar).toBeVisible()
  // the main thread stays free: the form still reacts while the worker exports
  await page.getByRole('checkbox', { name: 'Include full details' }).check()
  await expect(page.getByText('This file will hold personal data in full.', { exact: false })).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Export cancelled. Nothing was saved.' })).toBeVisible()
  await expect(bar).toBeHidden()
  // Cancel went away with the export: the focus is back on Export, not at the page's start
  await expect(exportButton).toBeFocused()
  await page.waitForTimeout(500)
  expect(downloads).toBe(0)
})

/** Writes `n` plain cases straight into the app's IndexedDB (the form would take minutes). */
async function seedBulk(page: Page, n: number): Promise<void> {
  await page.evaluate(async (count) => {
    // the few IndexedDB shapes used here (this file is type-checked without the DOM library)
    interface Req<T> {
      result: T
      error: unknown
      onsuccess: (() => void) | null
      onerror: (() => void) | null
    }
    interface Tx {
      objectStore(name: string): { add(value: unknown): unknown }
      oncomplete: (() => void) | null
      onerror: (() => void) | null
      error: unknown
    }
    interface Db {
      transaction(store: string, mode: string): Tx
      close(): void
    }
    const idb = (globalThis as unknown as { indexedDB: { open(name: string): Req<Db> } }).indexedDB
    const db = await new Promise<Db>((resolve, reject) => {
      const req = idb.open('verification-console')
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('cases', 'readwrite')
      const store = tx.objectStore('cases')
      const start = Date.UTC(2026, 9, 1)
      for (let i = 0; i < count; i++) {
        const createdAt = start + i * 60_000
        store.add({
          caseNumber: `VC-BULK-${String(i).padStart(6, '0')}`,
          uid: String(50_000_000 + i),
          phoneE164: `+86139${String(i).padStart(8, '0')}`,
          phoneRev: null,
          email: `bulk${i}@qq.com`,
          emailLower: `bulk${i}@qq.com`,
          channels: ['sms'],
          operation: 'login',
          symptom: 'not-received',
          phoneOs: 'android',
          blockingApp: null,
          carrier: 'china-mobile',
          emailProvider: 'qq',
          boundMethods: ['sms'],
          unavailableMethods: [],
          language: 'zh-CN',
          notes: 'Bulk case for the export test, long enough to take some time to write: 用户收不到短信验证码。',
          status: 'open',
          agent: 'bulk',
          resolvedBy: null,
          createdAt,
          updatedAt: createdAt,
        })
      }
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  }, n)
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

test('the case report is masked by default, complete on request, and saves as Markdown', async ({ page }) => {
  await openApp(page)
  const c = await logCaseAt(
    page,
    '2026-11-24',
    { uid: '52001234', phone: '13912345678', email: 'mei.lin@qq.com', symptom: 'Code never arrives' },
    'User 52001234 wrote from mei.lin@qq.com; SMS to 13912345678 never arrive.',
  )
  await page.getByRole('button', { name: 'Report' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Case ${c.number}` })).toBeVisible()
  const report = page.getByRole('article')
  await expect(report).toContainText('+86 139****5678')
  await expect(report).toContainText('m***n@qq.com')
  await expect(report).toContainText('52****34')
  await expect(report).toContainText('Personal details are partly hidden.')
  await expect(report).toContainText('User 52****34 wrote from m***n@qq.com; SMS to 139****5678 never arrive.')
  for (const secret of ['13912345678', 'mei.lin@qq.com', '52001234']) await expect(report).not.toContainText(secret)
  await expect(report.getByRole('heading', { name: 'Methods tried' })).toBeVisible()
  await expect(report.getByRole('heading', { name: 'Replies sent' })).toBeVisible()
  await expect(report.getByRole('heading', { name: 'Security-reset review' })).toBeVisible()

  const md = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Save as Markdown' }).click()
  const file = await md
  expect(file.suggestedFilename()).toBe(`case-${c.number}.md`)
  const text = fs.readFileSync(await file.path(), 'utf8')
  expect(text).toContain(`# Case ${c.number}`)
  // a masked value reads as written (a code span), not one backslash per star
  expect(text).toContain('| Phone | +86 `139****5678` |')
  expect(text).not.toContain('\\*')
  expect(text).not.toContain('13912345678')

  await page.getByRole('checkbox', { name: 'Include full details' }).check()
  await expect(page.getByText('The report now shows personal data in full.', { exact: false })).toBeVisible()
  await expect(report).toContainText('+8613912345678')
  await expect(report).toContainText('mei.lin@qq.com')
  await expect(report).toContainText('User 52001234 wrote from mei.lin@qq.com; SMS to 13912345678 never arrive.')

  await page.getByLabel('Report language').selectOption('zh-CN')
  await expect(page.getByRole('heading', { level: 1, name: `工单 ${c.number}` })).toBeVisible()
  await expect(report).toContainText('收不到验证码')
  await expect(report).toHaveAttribute('lang', 'zh-CN')
})

test('the dashboard charts seeded cases and gives the numbers as tables', async ({ page }, testInfo) => {
  await seedCases(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await page.getByLabel('From').fill('2026-11-01')
  await page.getByLabel('To').fill('2026-11-24')
  const stats = page.getByRole('region', { name: 'Key figures' })
  await expect(stats.getByRole('definition').first()).toHaveText('4')
  await expect(page.locator('.echart svg').first()).toBeVisible()

  const perDay = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Cases per day by symptom' }) })
  await perDay.getByText('Show the numbers').click()
  const table = perDay.getByRole('table', { name: 'Cases created per day, by symptom' })
  await expect(table).toBeVisible()
  await expect(table.getByRole('row')).toHaveCount(1 + 24)
  const nov10 = table.getByRole('row', { name: /Nov 10, 2026/ })
  await expect(nov10.getByRole('cell')).toHaveText(['1', '1', '0', '2'])

  // start after end is refused, and the figures stay
  await page.getByLabel('From').fill('2026-11-30')
  await expect(page.getByText('The start date is after the end date.')).toBeVisible()
  await expect(stats.getByRole('definition').first()).toHaveText('4')
  await page.getByLabel('From').fill('2026-11-01')

  const shot = path.join(testInfo.outputDir, 'dashboard.png')
  await page.screenshot({ path: shot, fullPage: true })
  await testInfo.attach('dashboard', { path: shot, contentType: 'image/png' })

  // no data in these dates: an empty state, not empty charts
  await page.getByLabel('From').fill('2025-01-01')
  await page.getByLabel('To').fill('2025-01-31')
  await expect(page.getByText('No cases and no reviews in these dates.')).toBeVisible()
})
