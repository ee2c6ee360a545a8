/**
 * The desktop integration as browser mode shows it: Settings says plainly that the global shortcut and the
 * tray need the desktop app, the shortcut can still be recorded, and its in-app twin looks up what the
 * agent copied (a UID opens the case, an unknown one starts a New case, chat text goes to New case).
 */
import { expect, test, type Page } from '@playwright/test'
import { logCase, openApp } from './support'

test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

const copy = (page: Page, text: string): Promise<void> => page.evaluate((t) => navigator.clipboard.writeText(t), text)
const desktopSection = (page: Page) => page.getByRole('region', { name: 'Desktop app' })

test.describe('desktop integration in browser mode', () => {
  test('Settings says the global shortcut and the tray need the desktop app; keys can still be recorded', async ({ page }) => {
    await openApp(page, '#/settings')
    const section = desktopSection(page)
    await expect(section.getByRole('heading', { name: 'Desktop app', level: 2 })).toBeVisible()
    await expect(section.getByText('Not available in browser mode')).toBeVisible()
    await expect(section.getByText('Needs the desktop app. Inside this page, Ctrl+Shift+K still works.')).toBeVisible()
    const tray = section.getByRole('checkbox', { name: 'Keep running in the tray when the window is closed' })
    await expect(tray).toBeDisabled()
    await expect(tray).toHaveAccessibleDescription('Needs the desktop app.')

    const field = section.getByRole('textbox', { name: 'Global shortcut' })
    await expect(field).toHaveValue('Ctrl+Shift+K')
    await field.focus()
    await expect(field).toHaveValue('')
    // a plain key would take typing from every other app
    await page.keyboard.press('Shift+J')
    await expect(field).toHaveAccessibleDescription(/Add Ctrl, Alt or ⌘/)
    await expect(field).toHaveAttribute('aria-invalid', 'true')
    await page.keyboard.press('Control+Alt+J')
    await expect(field).toHaveValue('Ctrl+Alt+J')
    await expect(field).not.toHaveAttribute('aria-invalid', 'true')
    await expect(section.getByText('Needs the desktop app. Inside this page, Ctrl+Alt+J still works.')).toBeVisible()
    // the app's own keys did not fire while recording, and Tab leaves the box
    await page.keyboard.press('Tab')
    await expect(field).not.toBeFocused()

    // saved: still there after a reload
    await page.reload()
    await expect(desktopSection(page).getByRole('textbox', { name: 'Global shortcut' })).toHaveValue('Ctrl+Alt+J')
    await desktopSection(page).getByRole('button', { name: 'Use Ctrl+Shift+K' }).click()
    await expect(desktopSection(page).getByRole('textbox', { name: 'Global shortcut' })).toHaveValue('Ctrl+Shift+K')
    // clicked while the first change is still saving: it applies too (it used to be dropped as "busy")
    await desktopSection(page).getByRole('button', { name: 'Turn off' }).click()
    await expect(desktopSection(page).getByRole('textbox', { name: 'Global shortcut' })).toHaveValue('Off')
    await page.reload()
    await expect(desktopSection(page).getByRole('textbox', { name: 'Global shortcut' })).toHaveValue('Off')
  })

  test('the in-app shortcut looks up a copied UID, phone or email, and starts a New case when nothing matches', async ({ page }) => {
    await openApp(page)
    const number = await logCase(page, { uid: '35001234', phone: '+86 138 0013 8000', email: 'li.wei@qq.com' })
    const caseHeading = page.getByRole('heading', { level: 1, name: `Case ${number}` })

    for (const copied of ['UID: 35001234', '138-0013-8000', 'Li.Wei@QQ.com']) {
      await page.goto('/#/cases')
      await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible()
      await copy(page, copied)
      await page.keyboard.press('Control+Shift+K')
      await expect(caseHeading, copied).toBeVisible()
    }

    // works from inside a text field too
    await page.goto('/#/cases')
    await copy(page, '88887777')
    await page.getByRole('searchbox', { name: 'Find case' }).focus()
    await page.keyboard.press('Control+Shift+K')
    await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('88887777')
  })

  test('several matching cases are listed in the search box; an empty clipboard is said plainly', async ({ page }) => {
    await openApp(page)
    await logCase(page, { uid: '35001234', email: 'li.wei@qq.com' })
    await logCase(page, { uid: '35009999', email: 'li.wei@qq.com.cn' })
    await page.goto('/#/cases')
    await copy(page, 'li.wei@qq.com')
    await page.keyboard.press('Control+Shift+K')
    await expect(page.getByRole('searchbox', { name: 'Find case' })).toHaveValue('li.wei@qq.com')
    await expect(page.getByRole('listbox', { name: 'Matching cases' }).getByRole('option')).toHaveCount(2)

    await page.keyboard.press('Escape')
    await copy(page, '   ')
    await page.keyboard.press('Control+Shift+K')
    await expect(page.getByText('Nothing to look up: the clipboard holds no text.', { exact: false })).toBeVisible()
  })

  test('copied chat messages open New case with the text handed to it, even when New case is already open', async ({ page }) => {
    await openApp(page, '#/cases/new')
    const chat = '你好，我的UID是35001234\n手机13800138000一直收不到短信验证码'
    await copy(page, chat)
    await page.keyboard.press('Control+Shift+K')
    await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'Chat messages' })).toHaveValue(chat)
  })

  test('keys recorded in Settings become the in-app shortcut', async ({ page }) => {
    await openApp(page, '#/settings')
    const field = desktopSection(page).getByRole('textbox', { name: 'Global shortcut' })
    await field.focus()
    await page.keyboard.press('Alt+Shift+L')
    await expect(field).toHaveValue('Alt+Shift+L')
    await page.keyboard.press('Tab')
    await copy(page, '77776666')
    await page.keyboard.press('Alt+Shift+L')
    await expect(page.getByRole('heading', { level: 1, name: 'New case' })).toBeVisible()
    await expect(page.getByRole('textbox', { name: 'UID' })).toHaveValue('77776666')
    // F1 lists the keys with the others
    await page.keyboard.press('F1')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Alt+Shift+L')
  })
})
