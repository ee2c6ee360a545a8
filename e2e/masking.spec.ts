import fs from 'node:fs'
import { expect, test, type Download, type Page } from '@playwright/test'
import { unzipSync } from 'fflate'
import Papa from 'papaparse'
import { logCase, lookup, openApp } from './support'
import { readXlsx, xlsxStrings } from './xlsxRead'

/**
 * Issue 15: masked exports must not leak personal data through free text. A case gets somebody's second
 * phone number (in three written forms), a backup mail address and an old UID in every free-text field an
 * agent can fill: notes, a checklist note, the review's contact, UID and description, a pause reason and a
 * sent reply. The masked CSV (papaparse), XLSX (unzipped and parsed) and Markdown report must hold none of it in full;
 * a full export holds it and is recorded in the audit trail.
 */
const SECOND_PHONE = '13912345678'
const MAIL = 'li.wei@163.com'
const OLD_UID = '87654321'
const LEAKY = `second number ${SECOND_PHONE}, also +86 139 1234 5678 and 0086 139-1234-5678; backup mail ${MAIL}; old account UID ${OLD_UID}`
/** None of these may appear in a masked file. */
const IN_FULL = [SECOND_PHONE, '139 1234 5678', '139-1234-5678', '1234 5678', MAIL, 'li.wei', OLD_UID, '35001234', '13800138000']

const checklist = (page: Page) => page.getByRole('region', { name: 'Troubleshooting checklist' })
const methodRow = (page: Page, title: string) =>
  checklist(page)
    .getByRole('list', { name: 'The seven methods' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: title, exact: true }) })

async function fillEveryFreeTextField(page: Page): Promise<string> {
  await openApp(page)
  const number = await logCase(page, { uid: '35001234', phone: '13800138000', notes: `Notes: ${LEAKY}` })

  // a checklist note
  const m2 = methodRow(page, 'Method 1: Turn off SMS blocking')
  await m2.getByRole('textbox', { name: 'Note (optional)' }).fill(`Checklist: ${LEAKY}`)
  await m2.getByRole('button', { name: 'Tried without success', exact: true }).click()
  await expect(m2.locator('[data-status]')).toHaveText('Tried without success')

  // a sent reply, edited by the agent
  await page.getByRole('radio', { name: 'English' }).check()
  const reply = page.getByRole('textbox', { name: 'Reply', exact: true })
  await expect(reply).toHaveValue(/^Hello,/)
  await reply.fill(`Hello, we will also check ${SECOND_PHONE} and ${MAIL} (UID ${OLD_UID}).`)
  await page.getByRole('button', { name: 'Copy and log' }).click()
  await expect(page.getByRole('region', { name: 'Sent replies' }).getByRole('listitem')).toHaveCount(1)

  // the review: contact, UID and description
  const panel = page.getByRole('region', { name: 'Security-reset review' })
  await panel.getByRole('button', { name: 'Open a review' }).click()
  const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
  await form.getByLabel('Registered phone or email').fill(`${MAIL} / ${SECOND_PHONE}`)
  await form.getByLabel('UID').fill(OLD_UID)
  await form.getByLabel('Description', { exact: true }).fill(`Review: ${LEAKY}`)
  await form.getByRole('button', { name: 'Open review' }).click()
  await expect(form).toBeHidden({ timeout: 15_000 })

  // a pause reason
  await panel.getByRole('button', { name: 'Pause', exact: true }).click()
  const pause = page.getByRole('dialog', { name: 'Pause the review' })
  await pause.getByLabel('Reason').fill(`Waiting: ${LEAKY}`)
  await pause.getByRole('button', { name: 'Pause review' }).click()
  await expect(pause).toBeHidden({ timeout: 15_000 })
  return number
}

async function openExport(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Export' }).click()
  await expect(page.getByRole('heading', { name: 'Export cases', level: 1 })).toBeVisible()
  await expect(page.getByText('Matching cases: 1')).toBeVisible()
  const include = page.getByRole('group', { name: 'Include' })
  await include.getByRole('checkbox', { name: 'Method attempts' }).check()
  await include.getByRole('checkbox', { name: 'Security-reset reviews' }).check()
}

/** Clicks Export and collects the downloads it makes (browser mode: one file, CSV tables in one ZIP). */
async function exportFiles(page: Page, count: number): Promise<Download[]> {
  const files: Download[] = []
  const onDownload = (d: Download): void => void files.push(d)
  page.on('download', onDownload)
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  // the worker is slow to start on a busy machine
  await expect(page.getByRole('status').filter({ hasText: 'Cases exported: 1.' })).toBeVisible({ timeout: 60_000 })
  await expect.poll(() => files.length).toBe(count)
  page.off('download', onDownload)
  return files
}

/** Every cell of a CSV file, parsed. */
function csvCells(text: string): string[] {
  text = text.replace(/^\ufeff/, '')
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true, delimiter: ',' })
  expect(parsed.errors).toEqual([])
  return parsed.data.flat()
}

/** Every cell of every sheet of an XLSX file, as text. */
async function xlsxCells(file: string): Promise<string[]> {
  return xlsxStrings(readXlsx(fs.readFileSync(file)))
}

function expectNothingInFull(cells: string[], where: string): void {
  const all = cells.join('\n')
  for (const value of IN_FULL) expect(all, `${where} holds ${value}`).not.toContain(value)
  // and the masked forms are there: the data was exported, only hidden
  expect(all, where).toContain('139****5678')
  expect(all, where).toContain('l***i@163.com')
  expect(all, where).toContain('87****21')
}

test('masked CSV, XLSX and Markdown hold none of the personal data typed in free text', async ({ page }) => {
  test.setTimeout(240_000)
  const number = await fillEveryFreeTextField(page)

  await openExport(page)
  await page.getByRole('radio', { name: /^CSV/ }).check()
  const [zip] = await exportFiles(page, 1)
  const csv = Object.values(unzipSync(fs.readFileSync(await zip!.path())))
  expect(csv).toHaveLength(3)
  const csvAll: string[] = []
  for (const bytes of csv) csvAll.push(...csvCells(new TextDecoder().decode(bytes)))
  expectNothingInFull(csvAll, 'CSV')
  // each free-text column made it into the files
  for (const label of ['Notes:', 'Checklist:', 'Review:', 'Waiting:']) expect(csvAll.join('\n')).toContain(label)

  await page.getByRole('radio', { name: /^Excel workbook/ }).check()
  const [xlsx] = await exportFiles(page, 1)
  const xlsxAll = await xlsxCells(await xlsx!.path())
  expectNothingInFull(xlsxAll, 'XLSX')
  for (const label of ['Notes:', 'Checklist:', 'Review:', 'Waiting:']) expect(xlsxAll.join('\n')).toContain(label)
  // masked exports are not audited: the list of full exports is not shown
  await expect(page.getByRole('heading', { name: 'Recent exports with full details' })).toHaveCount(0)

  // the case report, on the page and as Markdown, in both report languages
  const found = await lookup(page, number)
  await found.getByRole('option').first().click()
  await expect(page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()
  await page.getByRole('button', { name: 'Report' }).click()
  const report = page.getByRole('article')
  await expect(report).toContainText('l***i@163.com')
  for (const value of IN_FULL) await expect(report).not.toContainText(value)
  for (const lang of ['en', 'zh-CN']) {
    await page.getByLabel('Report language').selectOption(lang)
    const md = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Save as Markdown' }).click()
    const text = fs.readFileSync(await (await md).path(), 'utf8').replace(/\\(.)/g, '$1')
    expectNothingInFull([text], `Markdown (${lang})`)
  }

  // full details are one explicit choice away, and recorded in the audit trail
  await openExport(page)
  await page.getByRole('radio', { name: /^Excel workbook/ }).check()
  await page.getByRole('checkbox', { name: 'Include full details' }).check()
  const [full] = await exportFiles(page, 1)
  const fullAll = (await xlsxCells(await full!.path())).join('\n')
  for (const value of [SECOND_PHONE, MAIL, OLD_UID]) expect(fullAll).toContain(value)
  const audit = page.getByRole('region', { name: 'Recent exports with full details' })
  await expect(audit.getByRole('listitem')).toHaveCount(1)
  await expect(audit.getByRole('listitem')).toContainText('XLSX · 1 cases')
})

test('phone numbers and mail addresses pasted from a chat tool or a document (no-break spaces, dashes, 。 for a dot) are masked in the notes of a CSV export and the report', async ({
  page,
}) => {
  // as they arrive from a web chat (no-break spaces), a word processor (en dash) and hasty typing (spaced dash)
  const forms = ['139\u00a01234\u00a05678', '+86\u00a0137\u00a02468\u00a01357', '136–1357–2468', '135 - 8642 - 9753']
  const inFull = ['1234\u00a05678', '2468\u00a01357', '1357–2468', '8642 - 9753', 'li.wei', 'zhang.san']
  await openApp(page)
  // and a mail address typed with a Chinese input method on (。 for the dot) and a space before the @
  await logCase(page, { uid: '35001234', notes: `Other numbers: ${forms.join('; ')}. 邮箱 li.wei@163。com，备用 zhang.san @qq.com` })
  const caseUrl = new URL(page.url()).hash

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Export' }).click()
  await expect(page.getByText('Matching cases: 1')).toBeVisible()
  await page.getByRole('radio', { name: /^CSV/ }).check()
  const [file] = await exportFiles(page, 1)
  const notes = Papa.parse<Record<string, string>>(fs.readFileSync(await file!.path(), 'utf8').replace(/^\ufeff/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data[0]!['Notes']!
  expect(notes).toContain('Other numbers:')
  for (const value of inFull) expect(notes, `the CSV notes hold ${value}`).not.toContain(value)
  expect(notes).toContain('139****5678')
  expect(notes).toContain('+86 137****1357')

  await page.goto(`/${caseUrl}/report`)
  const report = page.getByRole('article')
  await expect(report).toContainText('Other numbers:')
  for (const value of inFull) await expect(report).not.toContainText(value)
})
