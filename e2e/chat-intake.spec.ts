import { expect, test, type Page } from '@playwright/test'
import { logCase, openApp } from './support'

const CHAT = [
  '用户 14:05',
  '你好，我的UID是35001234，手机号13800138000，登录的时候一直收不到短信验证码',
  '客服 14:06',
  '请问您是哪个运营商？用的什么手机？',
  '用户 14:07',
  '中国移动的，华为手机，已经打过10086了。刚才的验证码：654321 也不行',
  '备用号码 139-1234-5678',
].join('\n')

/** Everything the console keeps (IndexedDB and localStorage) as one string, to look for what must not be there. */
async function everythingStored(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [JSON.stringify({ ...localStorage })]
    const dbs = await indexedDB.databases()
    for (const info of dbs) {
      if (!info.name) continue
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(info.name!)
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
      for (const name of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const r = db.transaction(name).objectStore(name).getAll()
          r.onsuccess = () => resolve(r.result)
          r.onerror = () => reject(r.error)
        })
        out.push(JSON.stringify(rows))
      }
      db.close()
    }
    return out.join('\n')
  })
}

test.describe('paste a chat into the intake', () => {
  test('proposes facts from a Chinese chat, lets the agent pick between two phones, and saves the case with its checklist outcome', async ({
    page,
  }) => {
    await openApp(page, '#/cases/new')
    const chat = page.getByRole('textbox', { name: 'Chat messages' })
    await page.keyboard.press('Alt+V')
    await expect(chat).toBeFocused()
    await page.keyboard.insertText(CHAT)

    const found = page.getByRole('group', { name: /Found in the chat/ })
    await expect(found).toBeVisible()
    // the secret is counted, never shown in the preview or proposed
    await expect(page.getByRole('status').filter({ hasText: 'Left out, never filled or saved: 1 verification code.' })).toBeVisible()
    const preview = page.getByRole('region', { name: 'The chat, with what was found highlighted' })
    await expect(preview).toContainText('[verification code removed]')
    await expect(preview).not.toContainText('654321')
    await expect(found).not.toContainText('654321')

    for (const name of [
      'UID: 35001234',
      'Affected channel: SMS',
      'Symptom: Code never arrives',
      'Operation: Login',
      'Carrier: China Mobile (10086)',
      'Device: Android',
      "User's language: Simplified Chinese",
      'Already tried: 2 · Carrier international SMS: Tried without success',
    ]) {
      await expect(found.getByRole('checkbox', { name }), name).toBeChecked()
    }
    // two phone numbers: both shown, neither ticked; ticking one unticks the other
    const first = found.getByRole('checkbox', { name: 'Phone: +86 138 0013 8000' })
    const second = found.getByRole('checkbox', { name: 'Phone: +86 139 1234 5678' })
    await expect(first).not.toBeChecked()
    await expect(second).not.toBeChecked()
    await expect(found.getByText('The chat gives more than one: pick one.')).toHaveCount(2)
    await second.check()
    await first.check()
    await expect(second).not.toBeChecked()
    // the highlighted source of a proposal is in the preview, as text
    await expect(preview.locator('mark', { hasText: '35001234' })).toBeVisible()

    await page.getByRole('button', { name: /^Fill selected \(9\)$/ }).click()
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('35001234')
    await expect(page.getByRole('textbox', { name: 'Phone' })).toHaveValue('+86 138 0013 8000')
    await expect(page.getByRole('combobox', { name: 'Operation' })).toHaveValue('login')
    await expect(page.getByRole('combobox', { name: 'Carrier' })).toHaveValue('china-mobile')
    await expect(page.getByRole('combobox', { name: 'Device' })).toHaveValue('android')
    await expect(page.getByRole('radio', { name: 'Simplified Chinese' })).toBeChecked()
    const outcomes = page.getByRole('region', { name: 'Checklist outcomes from the chat' })
    await expect(outcomes).toContainText('2 · Carrier international SMS: Tried without success')
    // nothing of the chat but the accepted fields is kept in the draft
    const draft = await everythingStored(page)
    expect(draft).not.toContain('654321')
    expect(draft).not.toContain('请问您是哪个运营商')

    await page.getByRole('button', { name: 'Save case' }).click()
    // the first visit to a case page loads its code: allow for a slow machine
    await expect(page.getByRole('heading', { level: 1, name: /^Case VC-/ })).toBeVisible({ timeout: 20_000 })
    const facts = page.getByRole('region', { name: 'Case facts' })
    await expect(facts).toContainText('35001234')
    await expect(facts).toContainText('+86 138 0013 8000')
    await expect(facts).toContainText('China Mobile')
    const checklist = page.getByRole('region', { name: 'Troubleshooting checklist' })
    await expect(checklist).toContainText('Tried without success')

    const stored = await everythingStored(page)
    expect(stored).toContain('35001234')
    expect(stored).toContain('From the chat: “打过10086”')
    expect(stored).not.toContain('654321')
    expect(stored).not.toContain('请问您是哪个运营商')
  })

  test('fills one field at a time from an English chat; ID numbers are dropped', async ({ page }) => {
    await openApp(page, '#/cases/new')
    await page
      .getByRole('textbox', { name: 'Chat messages' })
      .fill(
        "Hi, my uid：３５００ １２３４ and my phone is +86 138 0013 8000. I can't receive the SMS code on my iPhone when I withdraw. My ID card 11010519491231002X",
      )
    const found = page.getByRole('group', { name: /Found in the chat/ })
    await expect(found.getByRole('checkbox', { name: 'Device: iPhone' })).toBeChecked()
    await expect(page.getByText('Left out, never filled or saved: 1 ID number.')).toBeVisible()
    await found.getByRole('button', { name: 'Fill Phone: +86 138 0013 8000' }).click()
    await expect(page.getByRole('textbox', { name: 'Phone' })).toHaveValue('+86 138 0013 8000')
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('')
    await expect(page.getByRole('combobox', { name: 'Device' })).toHaveValue('')
    await found.getByRole('button', { name: 'Fill UID: 35001234' }).click()
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('35001234')
    await expect(page.getByRole('radio', { name: 'English' })).not.toBeChecked()
  })

  test('on an open case, the chat fills the facts editor and records the methods already tried', async ({ page }) => {
    await openApp(page)
    await logCase(page, { uid: '88776655' })
    await page.getByRole('button', { name: 'Paste chat' }).click()
    const chat = page.getByRole('textbox', { name: 'Chat messages' })
    await expect(chat).toBeFocused()
    await page.keyboard.insertText('I am on China Unicom with an iPhone. I already called 10010 and checked my spam folder, nothing.')
    await expect(page.getByRole('heading', { name: 'Add facts from the chat' })).toBeVisible()
    const found = page.getByRole('group', { name: /Found in the chat/ })
    await expect(found.getByRole('checkbox', { name: 'Already tried: 3 · Email codes: Tried without success' })).toBeChecked()
    await page.getByRole('button', { name: /^Fill selected/ }).click()

    const checklist = page.getByRole('region', { name: 'Troubleshooting checklist' })
    await expect(page.getByText('2 checklist outcomes recorded from the chat.')).toBeVisible()
    await expect(checklist.getByRole('button', { name: /Carrier international SMS|Method 2/ }).first()).toBeVisible()

    const editor = page.getByRole('form', { name: 'Edit facts' })
    await expect(editor.getByRole('combobox', { name: 'Carrier' })).toHaveValue('china-unicom')
    await expect(editor.getByRole('combobox', { name: 'Device' })).toHaveValue('iphone')
    await editor.getByRole('button', { name: 'Save changes' }).click()
    const facts = page.getByRole('region', { name: 'Case facts' })
    await expect(facts).toContainText('China Unicom')
    await expect(facts).toContainText('iPhone')
  })
})
