import { expect, test, type Page } from '@playwright/test'
import { logCase, openApp } from './support'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

/** The reply card (other panels on the case page may show the same step names). */
const panel = (page: Page) => page.locator('section.reply')
const compose = (page: Page) => page.getByRole('group', { name: 'Compose' })
const replyBox = (page: Page) => page.getByRole('textbox', { name: 'Reply', exact: true })
const sentReplies = (page: Page) => page.getByRole('region', { name: 'Sent replies' })
/** Page-side code as strings: the e2e project is type-checked without the DOM library. */
const readClipboard = (page: Page): Promise<string> => page.evaluate<string>('navigator.clipboard.readText()')
const templateCount = (page: Page) => page.getByRole('status').filter({ hasText: /^(\d+|No) templates?$/ })

async function openCase(page: Page): Promise<string> {
  await openApp(page)
  const number = await logCase(page, { uid: '35001234', phone: '13800138000', email: 'li.wei@qq.com' })
  await expect(replyBox(page)).not.toHaveValue('')
  return number
}

async function useEnglish(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'English' }).check()
  await expect(replyBox(page)).toHaveValue(/^Hello,/)
}

test.describe('scripted replies', () => {
  test('composes the next step in the case language, edits, copies with Ctrl+Enter and logs it', async ({ page }) => {
    await openCase(page)
    // The case was logged in Chinese (the intake default): the next step (method 1) in Chinese.
    await expect(panel(page).getByText('1 · SMS blocking: any phone')).toBeVisible()
    await expect(replyBox(page)).toHaveValue(/您好！/)
    await expect(replyBox(page)).toHaveValue(/骚扰/)

    await useEnglish(page)
    await expect(replyBox(page)).toHaveValue(/Filter Unknown Senders/)

    // Alt+M reaches the box from anywhere on the page.
    await page.getByRole('heading', { level: 1 }).click()
    await page.keyboard.press('Alt+M')
    await expect(replyBox(page)).toBeFocused()
    await page.keyboard.press('Control+End')
    await page.keyboard.type('\n\nBest regards, Lily')

    await page.keyboard.press('Control+Enter')
    await expect(page.getByText('Reply copied and logged.')).toBeVisible()
    const clipboard = await readClipboard(page)
    expect(clipboard).toMatch(/^Hello,/)
    expect(clipboard).toMatch(/Best regards, Lily$/)
    expect(clipboard).toBe((await replyBox(page).inputValue()).trim())

    const sent = sentReplies(page)
    await expect(sent.getByRole('listitem')).toHaveCount(1)
    await expect(sent).toContainText('Best regards, Lily')
    await expect(sent).toContainText('1 · SMS blocking: any phone')
    await expect(sent).toContainText('by Agent')
    await expect(sent).toContainText('English')

    // Kept on the case.
    await page.reload()
    await expect(sentReplies(page).getByRole('listitem')).toHaveCount(1)
    await expect(sentReplies(page)).toContainText('Best regards, Lily')
    // the history names the template by its title, never by its id
    const sentEntry = page.getByRole('list', { name: 'History' }).getByRole('listitem').filter({ hasText: 'Reply sent' })
    await expect(sentEntry).toContainText('from the template “1 · SMS blocking: any phone” v1, in English')
    await expect(sentEntry).not.toContainText('method.')

    // The "Copy and log" button does the same.
    await compose(page).getByRole('button', { name: 'Greeting' }).click()
    await expect(replyBox(page)).toHaveValue(/UID：35001234/)
    await page.getByRole('button', { name: 'Copy and log' }).click()
    await expect(sentReplies(page).getByRole('listitem')).toHaveCount(2)
    expect(await readClipboard(page)).toMatch(/UID：35001234/)
    await expect(sentReplies(page).getByRole('listitem').first()).toContainText('Greeting and account details')
    await expect(sentReplies(page).getByRole('listitem').first()).toContainText('Simplified Chinese')
  })

  test('the reply follows the attempt log and acknowledges what was already tried', async ({ page }) => {
    await openCase(page)
    const id = /cases\/(\d+)/.exec(page.url())?.[1]
    // the checklist records attempts in the attempts table; write one the same way a checklist change would
    await page.evaluate(`new Promise((resolve, reject) => {
      const open = indexedDB.open('verification-console')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const db = open.result
        const tx = db.transaction('attempts', 'readwrite')
        tx.objectStore('attempts').add({ caseId: ${id}, methodId: 'sms-blocking', status: 'failed', variantId: 'generic', steps: [], note: '', at: Date.now(), agent: 'Agent' })
        tx.oncomplete = () => { db.close(); resolve(true) }
        tx.onerror = () => reject(tx.error)
      }
    })`)
    await page.reload()
    await expect(page.getByTestId('next-reason')).toContainText('The carrier may block international SMS')
    await page.getByRole('radio', { name: 'English' }).check()
    await expect(replyBox(page)).toHaveValue(
      /Since you've already checked your SMS blocking settings, the next step is to check with your mobile carrier/,
    )
    await expect(replyBox(page)).not.toHaveValue(/Filter Unknown Senders/)
  })

  test('the pre-send check blocks a reply with template code left in it', async ({ page }) => {
    await openCase(page)
    await useEnglish(page)
    await replyBox(page).fill('Hello {{ carrier_name }}, please try again.')
    await page.evaluate("navigator.clipboard.writeText('before')")
    await replyBox(page).press('Control+Enter')
    const alert = page.getByRole('alert').filter({ hasText: 'Must fix before copying' })
    await expect(alert).toContainText('template code “{{” at line 1, column 7')
    expect(await readClipboard(page)).toBe('before')
    await expect(sentReplies(page).getByRole('listitem')).toHaveCount(0)
    await expect(sentReplies(page)).toContainText('No replies sent yet.')
  })

  test('"/" quick insert ranks templates, inserts the rendered snippet at the cursor, and Escape closes it', async ({ page }) => {
    await openCase(page)
    await useEnglish(page)
    const box = replyBox(page)
    await box.fill('')
    await box.pressSequentially('/carrier-mob')
    const list = page.getByRole('listbox', { name: 'Templates matching “/carrier-mob”' })
    await expect(list.getByRole('option').first()).toContainText('/carrier-mobile')
    await expect(list.getByRole('option').first()).toContainText('China Mobile')
    await page.keyboard.press('Enter')
    await expect(list).toBeHidden()
    await expect(box).toHaveValue(/call China Mobile customer service on 10086/)
    await expect(box).not.toHaveValue(/\/carrier-mob/)

    // A second snippet, combined with the first, picked with the arrow keys.
    await page.keyboard.press('Control+End')
    await page.keyboard.type('\n/email-')
    const emails = page.getByRole('listbox', { name: 'Templates matching “/email-”' })
    await expect(emails.getByRole('option')).not.toHaveCount(0)
    await emails.getByRole('option', { name: /email-qq/ }).click()
    await expect(box).toHaveValue(/10086[\s\S]*QQ Mail/)
    // inserted mid-reply, a template does not greet the user a second time
    expect((await box.inputValue()).match(/^(Hello|Hi)\b.*$/gm)).toHaveLength(1)

    // Escape closes the list and keeps what was typed.
    await page.keyboard.press('Control+End')
    await page.keyboard.type('\n/hi')
    await expect(page.getByRole('listbox', { name: 'Templates matching “/hi”' })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('listbox', { name: 'Templates matching “/hi”' })).toBeHidden()
    await expect(box).toHaveValue(/\n\/hi$/)

    // The command palette searches titles, tags and text too.
    await page.keyboard.press('Alt+P')
    const search = page.getByRole('searchbox', { name: 'Search templates' })
    await expect(search).toBeFocused()
    await search.fill('10010')
    await expect(page.getByRole('listbox', { name: 'Matching templates' }).getByRole('option').first()).toContainText('China Unicom')
    await page.keyboard.press('Enter')
    await expect(box).toHaveValue(/China Unicom customer service on 10010/)
  })

  test('a template edited in the manager changes the composed reply', async ({ page }) => {
    await openCase(page)
    await useEnglish(page)
    await panel(page).getByRole('link', { name: 'Edit template' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Templates' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Edit “1 · SMS blocking: any phone”' })).toBeVisible()
    await expect(page.getByText(/Previewed with case VC-/)).toBeVisible()

    const body = page.getByRole('textbox', { name: 'Text (English)' })
    await body.fill('Hi, this is case {{ case_number }}. ')
    // a placeholder from the picker goes in at the cursor
    await page.getByLabel('Placeholder').selectOption('carrier_hotline')
    await page.getByRole('button', { name: 'Insert into English text' }).click()
    await expect(body).toHaveValue(/case \{\{ case_number \}\}\. \{\{ carrier_hotline \| default: "your carrier's hotline" \}\}$/)
    await expect(page.getByRole('region', { name: 'Preview (English)' })).toContainText(
      /Hi, this is case VC-\d{8}-\w{4}\. your carrier's hotline/,
    )
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByText('Saved as version 2.')).toBeVisible()

    // the history has version 1
    await page.getByRole('button', { name: 'Version history' }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog.getByRole('button', { name: /Version 2 \(current\)/ })).toBeVisible()
    await expect(dialog.getByRole('button', { name: /^Version 1/ })).toBeVisible()
    await page.keyboard.press('Escape')

    await page.goBack()
    await expect(page.getByRole('radio', { name: 'English' })).toBeChecked()
    await expect(replyBox(page)).toHaveValue(/^Hi, this is case VC-\d{8}-\w{4}\. your carrier's hotline$/)
    await expect(panel(page).getByText('v2', { exact: true })).toBeVisible()

    // restore version 1 from the history: the reply follows again
    await panel(page).getByRole('link', { name: 'Edit template' }).click()
    await page.getByRole('button', { name: 'Version history' }).click()
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^Version 1/ })
      .click()
    await page.getByRole('button', { name: 'Restore version 1' }).click()
    await expect(page.getByText('Version 1 restored as version 3.')).toBeVisible()
    await page.goBack()
    await expect(replyBox(page)).toHaveValue(/Filter Unknown Senders/)
    await expect(panel(page).getByText('v3', { exact: true })).toBeVisible()
  })

  test('a template with a syntax error is refused with line and column and not saved', async ({ page }) => {
    await openApp(page, '#/templates')
    await expect(templateCount(page)).toHaveText('25 templates')
    await page.getByRole('button', { name: 'New template' }).click()
    await page.getByRole('textbox', { name: 'Shortcut' }).fill('thanks')
    await page.getByRole('textbox', { name: 'Title (English)' }).fill('Thanks')
    await page.getByRole('textbox', { name: 'Title (Chinese)' }).fill('感谢')
    await page.getByRole('textbox', { name: 'Text (English)' }).fill('Thank you!\n{% if customer_name %}Bye {{ customer_name }}')
    await page.getByRole('textbox', { name: 'Text (Chinese)' }).fill('谢谢！')
    await page.getByRole('button', { name: 'Create template' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'syntax error at line 2, column 1' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'Text (English)' })).toHaveAttribute('aria-invalid', 'true')
    await expect(templateCount(page)).toHaveText('25 templates')

    // The draft survives a reload; fixed, it saves.
    await page.reload()
    await expect(page.getByRole('textbox', { name: 'Text (English)' })).toHaveValue(/Bye \{\{ customer_name \}\}$/)
    await expect(page.getByText('Unsaved changes were restored from a draft.')).toBeVisible()
    await page.getByRole('textbox', { name: 'Text (English)' }).press('End')
    await page.keyboard.type('{% endif %}')
    await page.getByRole('button', { name: 'Create template' }).click()
    await expect(page.getByText('Template created.')).toBeVisible()
    await expect(templateCount(page)).toHaveText('26 templates')
    await page.getByLabel('Type').selectOption({ label: 'Custom' })
    await expect(templateCount(page)).toHaveText('1 template')

    // duplicate, disable, filter by status
    await page.getByRole('button', { name: 'Duplicate' }).click()
    await expect(page.getByText('Copy created: Thanks (copy)')).toBeVisible()
    await expect(templateCount(page)).toHaveText('2 templates')
    await page.getByRole('button', { name: 'Disable' }).click()
    await expect(page.getByText('This template is disabled')).toBeVisible()
    await page.getByLabel('Status').selectOption({ label: 'Disabled' })
    await expect(templateCount(page)).toHaveText('1 template')
    await expect(page.getByRole('link', { name: /Thanks \(copy\)/ })).toBeVisible()
    await page.getByRole('button', { name: 'Enable' }).click()
    await expect(templateCount(page)).toHaveText('No templates')
  })

  test('a broken import file is refused whole and nothing changes; export gives the library back', async ({ page }) => {
    await openApp(page, '#/templates')
    await expect(templateCount(page)).toHaveText('25 templates')
    const broken = {
      format: 'vc-console/reply-templates',
      schemaVersion: 1,
      templates: [
        {
          id: 'greeting',
          shortcut: 'hi',
          title: { en: 'Changed', 'zh-CN': '改' },
          tags: [],
          body: { en: 'CHANGED', 'zh-CN': '改' },
          methodId: null,
          variantId: null,
          version: 1,
        },
        {
          id: 'custom.bad',
          shortcut: 'bad',
          title: { en: 'Bad', 'zh-CN': '坏' },
          tags: [],
          body: { en: 'Hi {{ uid ', 'zh-CN': '好' },
          methodId: null,
          variantId: null,
          version: 1,
        },
      ],
    }
    await page
      .getByLabel('Import templates (JSON file)')
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) })
    await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toContainText(
      'template “custom.bad” (en) has a syntax error at line 1',
    )
    await expect(templateCount(page)).toHaveText('25 templates')
    await page.getByRole('link', { name: /Greeting and account details/ }).click()
    await expect(page.getByRole('textbox', { name: 'Text (English)' })).not.toHaveValue('CHANGED')
    await expect(page.getByRole('textbox', { name: 'Title (English)' })).toHaveValue('Greeting and account details')

    await page
      .getByLabel('Import templates (JSON file)')
      .setInputFiles({ name: 'nonsense.json', mimeType: 'application/json', buffer: Buffer.from('{"templates": [') })
    await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toContainText('not valid JSON')

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export templates' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^reply-templates-\d{4}-\d{2}-\d{2}\.json$/)
    const stream = await file.createReadStream()
    const chunks: Buffer[] = []
    for await (const c of stream) chunks.push(c as Buffer)
    const exported = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    expect(exported.templates).toHaveLength(25)
    expect(exported.templates[0].id).toBe('greeting')
  })

  test('HTML and script in templates stay inert text; a 100 KB template is refused', async ({ page }) => {
    await openApp(page, '#/templates?id=closing')
    const body = page.getByRole('textbox', { name: 'Text (English)' })
    await body.fill('<b>bold</b><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> {{ case_number }}')
    await expect(page.getByRole('region', { name: 'Preview (English)' })).toContainText(
      '<b>bold</b><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>',
    )
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByText('Saved as version 2.')).toBeVisible()
    expect(await page.evaluate('window.__pwned')).toBeUndefined()
    expect(await page.locator('.tedit b, .tedit img, .tedit script').count()).toBe(0)

    await body.fill('x'.repeat(100_000))
    await expect(page.getByRole('region', { name: 'Preview (English)' })).toContainText(
      'The template is too long (at most 20000 characters).',
    )
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(page.getByText('Not saved: fix the problems shown.')).toBeVisible()
    await expect(page.getByRole('heading', { name: /^Edit “Closing/ })).toBeVisible()
    expect(
      await page.evaluate(() => {
        const key = Object.keys(localStorage).find((k) => k.startsWith('draft:template:closing@'))
        return JSON.parse((key && localStorage.getItem(key)) || '{}').baseVersion
      }),
    ).toBe(2)

    await page.getByRole('button', { name: 'Discard changes' }).click()
    await logCase(page, { uid: '35001234', notes: '<script>window.__pwned=3</script><b>note</b>' })
    await compose(page).getByRole('button', { name: 'Closing' }).click()
    await page.getByRole('radio', { name: 'English' }).check()
    await expect(replyBox(page)).toHaveValue(/^<b>bold<\/b><img src=x onerror="window.__pwned=1"><script>window.__pwned=2<\/script> VC-/)
    await expect(page.getByText('<script>window.__pwned=3</script><b>note</b>')).toBeVisible()
    expect(await page.evaluate('window.__pwned')).toBeUndefined()

    // reset the built-in templates (confirmed): the closing reply is the default again
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click()
    await page.getByRole('button', { name: 'Reset built-in templates…' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click()
    await expect(page.getByText('1 template reset to the default.')).toBeVisible()
    await page.goBack()
    await expect(replyBox(page)).not.toHaveValue(/bold/)
  })
})
