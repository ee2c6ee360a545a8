/**
 * Accessibility by construction: axe-core (WCAG 2.0/2.1 A and AA rules, colour contrast included) finds
 * nothing on any screen, in both themes and both UI languages, with data on screen: a case with a tried
 * method, a logged reply and an open review; the lookup's result list and the shortcut dialog open.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { logCase, openApp } from './support'

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

interface Finding {
  screen: string
  rule: string
  nodes: string[]
}

async function scan(page: Page, screen: string, out: Finding[]): Promise<void> {
  // Scan the settled screen, never a toast or dialog half-faded in or out (CI once caught a toast at 30 %
  // opacity): transitions are switched off for this spec (see `settle`), and any still running are awaited.
  // Legacy mode runs axe in the page itself (the console has no iframes), without the extra blank page per
  // scan the default mode opens.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number(a.effect?.getComputedTiming().endTime ?? Infinity) < Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  )
  const r = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true).analyze()
  // printed as found, so a run cut short still says what it saw
  if (r.violations.length)
    console.log(
      screen,
      r.violations
        .map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' ') + ' ' + (n.failureSummary ?? '').split('\n')[1])
              .slice(0, 3)
              .join(' | ')}`,
        )
        .join('\n'),
    )
  for (const v of r.violations) {
    out.push({
      screen,
      rule: `${v.id} (${v.impact ?? '?'})`,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`),
    })
  }
}

/**
 * Switches CSS transitions and animations off: Naive UI fades colours, toasts and dialogs over 0.3 s, and axe
 * measures contrast on whatever frame it meets. The end states scanned are the ones a person reads.
 */
async function settle(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const css = '*,*::before,*::after{transition:none!important;animation:none!important}'
    const add = (): void => {
      const style = document.createElement('style')
      style.textContent = css
      document.head.append(style)
    }
    if (document.head) add()
    else document.addEventListener('DOMContentLoaded', add, { once: true })
  })
}

async function go(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

/** Every screen with the data logged below; in whatever language the UI is in. */
async function scanAll(page: Page, caseUrl: string, lang: string, out: Finding[]): Promise<void> {
  for (const hash of [
    '#/cases',
    '#/cases/new',
    caseUrl,
    `${caseUrl}/report`,
    '#/reviews',
    '#/templates',
    '#/templates?id=greeting',
    '#/trash',
    '#/dashboard',
    '#/export',
    '#/settings',
  ]) {
    await go(page, hash)
    await scan(page, `${lang} ${hash}`, out)
  }
  await go(page, '#/cases')
  await page.keyboard.press('Control+K')
  const box = page.getByRole('searchbox')
  await expect(box).toBeFocused()
  await box.fill('35001234')
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1)
  await scan(page, `${lang} lookup results`, out)
  await page.keyboard.press('Escape')

  // New case after "Clear form": the empty fields show their placeholders ("e.g. 35001234"), and the alert
  // that offers the form back
  await go(page, '#/cases/new')
  await page.locator('#intake-uid').fill('35001234')
  await page.getByRole('button', { name: /^(Clear form|清空表单)$/ }).click()
  await expect(page.locator('#intake-uid')).toHaveValue('')
  await scan(page, `${lang} new case, form cleared`, out)
}

// Both themes and both UI languages, each at least once: colours depend on the theme only, text on the
// language only, so light × en and dark × zh-CN cover both without scanning all four pairings.
const RUNS = [
  { scheme: 'light', lang: 'en' },
  { scheme: 'dark', lang: 'zh-CN' },
] as const
for (const { scheme, lang } of RUNS) {
  test(`axe finds nothing on any screen: ${scheme} theme, ${lang} UI`, async ({ page }) => {
    test.setTimeout(150_000)
    await page.emulateMedia({ colorScheme: scheme })
    await settle(page)
    await openApp(page)
    const findings: Finding[] = []
    await scan(page, 'empty case list', findings)

    // data on screen, logged through the English UI: a case, method 1 failed, a reply logged, a review open
    await logCase(page, { uid: '35001234', phone: '13800138000', notes: 'Android, Phone Manager; China Mobile.' })
    const caseUrl = new URL(page.url()).hash
    await page.keyboard.press('Alt+j')
    await expect(page.getByRole('region', { name: 'Checklist' }).getByRole('status')).toContainText('Tried without success')
    await page.getByRole('button', { name: 'Copy and log' }).click()
    await page.getByRole('button', { name: 'Open a review' }).click()
    const form = page.getByRole('dialog', { name: 'Open a security-reset review' })
    await scan(page, 'open-review dialog', findings)
    await form.getByRole('button', { name: 'Open review' }).click()
    await expect(form).toBeHidden()

    if (lang === 'zh-CN') {
      await go(page, '#/settings')
      await page.getByRole('radio', { name: '简体中文' }).check()
      await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible()
    }
    await scanAll(page, caseUrl, lang, findings)
    expect(findings, JSON.stringify(findings, null, 1)).toEqual([])
  })
}

/**
 * Every visible form control has a visible label tied to it (a <label for>, a wrapping label, or
 * aria-labelledby pointing at visible text): a name from aria-label or a placeholder alone is not enough.
 */
async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const shown = (el: Element | null): boolean => {
      if (!(el instanceof HTMLElement)) return false
      const r = el.getBoundingClientRect()
      return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('.visually-hidden')
    }
    const out: string[] = []
    for (const el of Array.from(document.querySelectorAll<HTMLInputElement>('input, select, textarea'))) {
      if (el.type === 'hidden') continue
      // Naive's checkboxes and radios, and the themed file inputs, draw their own control over a hidden input
      if (!shown(el) && !['checkbox', 'radio', 'file'].includes(el.type)) continue
      const byId = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
      const labels = [...Array.from(el.labels ?? []), ...byId.map((id) => document.getElementById(id))]
      if (!labels.some((l) => shown(l) && (l?.textContent ?? '').trim() !== ''))
        out.push(`${el.tagName.toLowerCase()}#${el.id} (${el.type})`)
    }
    return out
  })
}

// The agent's data screens and every dialog on them at the smallest supported window, where pages scroll,
// the navigation folds into a menu and dialogs are taller than the window: a trash with a case in it, the
// permanent-deletion dialog, a restore waiting for its confirmation (the settings page scrolled to it), a
// refused team address, an export with full details and a refused date range, the menu and the shortcut list.
for (const scheme of ['light', 'dark'] as const) {
  test(`at 1024×640 the settings, export and trash screens and their dialogs are axe-clean with labelled controls: ${scheme} theme`, async ({
    page,
  }) => {
    test.setTimeout(120_000)
    await page.emulateMedia({ colorScheme: scheme })
    await settle(page)
    await openApp(page)
    await logCase(page, { uid: '35001234', phone: '13800138000', notes: 'Backup number 13912345678.' })
    const number = await logCase(page, { uid: '35001299' })
    await page.getByRole('button', { name: 'Delete case' }).click()
    await page
      .getByRole('dialog', { name: `Delete case ${number}?` })
      .getByRole('button', { name: 'Move to trash' })
      .click()
    await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible()
    await page.setViewportSize({ width: 1024, height: 640 })

    const findings: Finding[] = []
    const labels: string[] = []
    const check = async (screen: string): Promise<void> => {
      await scan(page, screen, findings)
      labels.push(...(await unlabelledControls(page)).map((c) => `${screen}: ${c}`))
    }

    await go(page, '#/settings')
    await check('settings')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Back up now' }).click()])
    await page.getByLabel('Backup file to restore').setInputFiles(await download.path())
    await expect(page.getByRole('region', { name: 'Restore this backup?' })).toBeVisible()
    await check('restore preview')
    await page.getByRole('textbox', { name: 'Server address' }).fill('http://sync.example.com')
    await page.getByRole('button', { name: 'Connect' }).click()
    await expect(page.getByText('Use https', { exact: false })).toBeVisible()
    await check('team address refused')

    await go(page, '#/export')
    await page.getByRole('checkbox', { name: 'Include full details' }).check()
    await page.getByRole('radio', { name: /^CSV/ }).check()
    await page.getByRole('checkbox', { name: 'Method attempts' }).check()
    await page.getByLabel('From').fill('2026-12-31')
    await page.getByLabel('To').fill('2026-01-01')
    await check('export')

    await go(page, '#/trash')
    await expect(page.getByRole('row', { name: new RegExp(number) })).toBeVisible()
    await check('trash')
    await page.getByRole('button', { name: `Delete case ${number} permanently` }).click()
    await expect(page.getByRole('dialog', { name: `Delete case ${number} permanently?` })).toBeVisible()
    await check('permanent-deletion dialog')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Menu' }).click()
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
    await check('menu')
    await page.keyboard.press('Escape')
    await page.keyboard.press('F1')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    await check('shortcut list')

    expect(findings, JSON.stringify(findings, null, 1)).toEqual([])
    expect(labels).toEqual([])
  })
}
