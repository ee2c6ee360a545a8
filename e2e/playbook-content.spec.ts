import fs from 'node:fs/promises'
import { expect, test, type Download, type Locator, type Page } from '@playwright/test'
import { logCase, openApp } from './support'

const BUNDLED_TITLE = 'Method 1: Turn off SMS blocking'
const NEW_TITLE = 'Method 1: Look for the code in the blocked messages'

const section = (page: Page): Locator => page.getByRole('region', { name: 'Troubleshooting playbook' })
const inUse = (page: Page): Locator => section(page).getByTestId('playbook-in-use')
const checklistMethods = (page: Page): Locator =>
  page.getByRole('region', { name: 'Troubleshooting checklist' }).getByRole('list', { name: 'The seven methods' })

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(section(page)).toBeVisible()
}

/** Clicks "Download the current files" and returns each saved file's text by its suggested name. */
async function downloadCurrentFiles(page: Page): Promise<Record<string, string>> {
  const downloads: Download[] = []
  const onDownload = (d: Download): void => {
    downloads.push(d)
  }
  page.on('download', onDownload)
  await section(page).getByRole('button', { name: 'Download the current files' }).click()
  await expect.poll(() => downloads.length).toBe(2)
  page.off('download', onDownload)
  await expect(section(page).getByRole('status').filter({ hasText: 'Saved:' })).toContainText('playbook.en.json')
  const out: Record<string, string> = {}
  for (const d of downloads) {
    const path = await d.path()
    out[d.suggestedFilename()] = await fs.readFile(path, 'utf8')
  }
  return out
}

const asFile = (name: string, data: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data, null, 2)),
})

async function expectMethodTitle(page: Page, caseHash: string, title: string): Promise<void> {
  await page.goto(`/${caseHash}`)
  await expect(page.getByRole('heading', { level: 1, name: /^Case VC-/ })).toBeVisible()
  await expect(checklistMethods(page).getByRole('button', { name: title, exact: true })).toBeVisible()
}

test('a support lead edits the playbook wording, installs it, and goes back to the bundled playbook', async ({ page }) => {
  await openApp(page)
  await logCase(page, { uid: '35007777', phone: '13700137000' })
  const caseHash = new URL(page.url()).hash
  await expect(checklistMethods(page).getByRole('button', { name: BUNDLED_TITLE, exact: true })).toBeVisible()

  // the section says what is in use: the bundled playbook
  await openSettings(page)
  await expect(inUse(page)).toContainText('The playbook bundled with the app')
  await expect(section(page).getByRole('button', { name: 'Use the bundled playbook' })).toHaveCount(0)

  // download the current files and edit the English title of method 1 (in memory)
  const files = await downloadCurrentFiles(page)
  expect(Object.keys(files).sort()).toEqual(['playbook.en.json', 'playbook.zh-CN.json'])
  const en = JSON.parse(files['playbook.en.json'] ?? '') as { language: string; version: number; methods: { id: string; title: string }[] }
  const zh = JSON.parse(files['playbook.zh-CN.json'] ?? '') as {
    language: string
    version: number
    methods: { id: string; title: string }[]
  }
  expect(en.language).toBe('en')
  expect(zh.language).toBe('zh-CN')
  const m1 = en.methods.find((m) => m.id === 'sms-blocking')
  expect(m1?.title).toBe(BUNDLED_TITLE)
  m1!.title = NEW_TITLE
  en.version += 1
  zh.version += 1

  // install the edited pair
  const input = section(page).getByLabel('Install playbook files')
  await input.setInputFiles([asFile('playbook.en.json', en), asFile('playbook.zh-CN.json', zh)])
  await expect(section(page).getByRole('status').filter({ hasText: 'installed' })).toContainText(`Playbook version ${en.version} installed`)
  await expect(inUse(page)).toContainText('Installed playbook files')
  await expect(inUse(page)).toContainText(String(en.version))
  await expect(inUse(page)).toContainText(/Installed.*by Agent/)

  // the checklist shows the new wording at once, and after a reload
  await expectMethodTitle(page, caseHash, NEW_TITLE)
  await page.reload()
  await expect(checklistMethods(page).getByRole('button', { name: NEW_TITLE, exact: true })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)

  // a broken pair is refused: an unknown method id, and a file missing its language
  await openSettings(page)
  const badEn = structuredClone(en)
  badEn.methods[0]!.id = 'sms-blockin'
  const { language: _dropped, ...noLanguage } = zh
  await section(page)
    .getByLabel('Install playbook files')
    .setInputFiles([asFile('playbook.en.json', badEn), asFile('playbook.zh-CN.json', noLanguage)])
  const refusal = section(page).getByRole('alert').filter({ hasText: 'The files were not installed' })
  await expect(refusal).toBeVisible()
  await expect(refusal).toContainText('Nothing changed')
  const items = refusal.getByRole('listitem')
  await expect(items.filter({ hasText: 'playbook.en.json' }).filter({ hasText: 'methods[0]' })).toContainText(
    'unknown method id "sms-blockin"',
  )
  await expect(items.filter({ hasText: 'playbook.zh-CN.json' }).filter({ hasText: 'field language' })).toContainText('missing language')
  // nothing changed: same content in use, and the checklist keeps the installed wording (no error there)
  await expect(inUse(page)).toContainText('Installed playbook files')
  await expect(inUse(page)).toContainText(String(en.version))
  await expectMethodTitle(page, caseHash, NEW_TITLE)
  await expect(page.getByRole('alert')).toHaveCount(0)

  // downloading now gives the installed wording back
  await openSettings(page)
  const current = await downloadCurrentFiles(page)
  expect(JSON.parse(current['playbook.en.json'] ?? '').methods[0].title).toBe(NEW_TITLE)

  // back to the bundled playbook, after confirming
  await section(page).getByRole('button', { name: 'Use the bundled playbook' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Use the bundled playbook?')
  await dialog.getByRole('button', { name: 'Use the bundled playbook' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(inUse(page)).toContainText('The playbook bundled with the app')
  await expect(section(page).getByRole('status').filter({ hasText: 'bundled playbook again' })).toBeVisible()
  await expectMethodTitle(page, caseHash, BUNDLED_TITLE)
  await page.reload()
  await expect(checklistMethods(page).getByRole('button', { name: BUNDLED_TITLE, exact: true })).toBeVisible()
})

test('a single file or a file in the wrong language is refused with the file named', async ({ page }) => {
  await openApp(page)
  await openSettings(page)
  const files = await downloadCurrentFiles(page)
  const input = section(page).getByLabel('Install playbook files')

  // only the English file: the Chinese one is missing
  await input.setInputFiles([asFile('playbook.en.json', files['playbook.en.json'] ?? '')])
  const refusal = section(page).getByRole('alert').filter({ hasText: 'The files were not installed' })
  await expect(refusal.getByRole('listitem')).toContainText(['playbook.zh-CN.json, field (file): no playbook for language "zh-CN"'])

  // the Chinese content under the English name, and broken JSON
  await input.setInputFiles([
    asFile('playbook.en.json', files['playbook.zh-CN.json'] ?? ''),
    asFile('playbook.zh-CN.json', '{ "version": 1,'),
  ])
  await expect(refusal.getByRole('listitem').filter({ hasText: 'playbook.en.json, field language' })).toContainText('must be "en"')
  await expect(refusal.getByRole('listitem').filter({ hasText: 'playbook.zh-CN.json, field (file)' })).toContainText('not valid JSON')
  await expect(inUse(page)).toContainText('The playbook bundled with the app')
})

test('installed files that no longer load at start are reported, and the bundled playbook is used', async ({ page }) => {
  await openApp(page)
  await openSettings(page)
  const files = await downloadCurrentFiles(page)
  const zh = JSON.parse(files['playbook.zh-CN.json'] ?? '') as Record<string, unknown>
  await section(page)
    .getByLabel('Install playbook files')
    .setInputFiles([asFile('playbook.en.json', files['playbook.en.json'] ?? ''), asFile('playbook.zh-CN.json', zh)])
  await expect(inUse(page)).toContainText('Installed playbook files')

  // the stored Chinese file loses its language (as if edited in the database by an older version)
  delete zh['language']
  await page.evaluate(async (text) => {
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('verification-console')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const db = open.result
        const tx = db.transaction('settings', 'readwrite')
        const store = tx.objectStore('settings')
        const get = store.get('playbook.files')
        get.onsuccess = () => {
          const row = get.result as { key: string; value: { file: string; text: string }[] }
          store.put({ key: row.key, value: row.value.map((f) => (f.file === 'playbook.zh-CN.json' ? { ...f, text } : f)) })
        }
        tx.oncomplete = () => {
          db.close()
          resolve()
        }
        tx.onerror = () => reject(tx.error)
      }
    })
  }, JSON.stringify(zh))
  await page.reload()

  const warning = section(page).getByRole('alert').filter({ hasText: 'The installed playbook files could not be used' })
  await expect(warning).toBeVisible()
  await expect(warning.getByRole('listitem')).toContainText(['playbook.zh-CN.json, field language: missing language'])
  await expect(warning).toContainText('The checklist uses the playbook bundled with the app')
  await expect(inUse(page)).toContainText('The playbook bundled with the app')

  // going back to the bundled playbook clears the broken files
  await section(page).getByRole('button', { name: 'Use the bundled playbook' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Use the bundled playbook' }).click()
  await expect(warning).toHaveCount(0)
  await page.reload()
  await expect(section(page)).toBeVisible()
  await expect(section(page).getByRole('alert')).toHaveCount(0)
  await expect(section(page).getByRole('button', { name: 'Use the bundled playbook' })).toHaveCount(0)
})
