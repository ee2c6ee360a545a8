import { expect, type Page } from '@playwright/test'

/** Opens the console on a route and waits until the app has rendered its first screen. */
export async function openApp(page: Page, hash = '#/cases'): Promise<void> {
  await page.goto(`/${hash}`)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

export interface NewCase {
  uid?: string
  phone?: string
  email?: string
  notes?: string
}

/** Logs a case through the intake form, as an agent would, and waits for its page. Returns the case number. */
export async function logCase(page: Page, c: NewCase): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click()
  await expect(page.getByRole('heading', { name: 'New case', level: 1 })).toBeVisible()
  if (c.uid !== undefined) await page.getByRole('textbox', { name: 'UID' }).fill(c.uid)
  if (c.phone !== undefined) await page.getByRole('textbox', { name: 'Phone' }).fill(c.phone)
  if (c.email !== undefined) await page.getByRole('textbox', { name: 'Email' }).fill(c.email)
  if (c.notes !== undefined) await page.getByRole('textbox', { name: 'Notes' }).fill(c.notes)
  await page.getByRole('button', { name: 'Save case' }).click()
  const heading = page.getByRole('heading', { level: 1, name: /^Case VC-/ })
  // the first visit to a case page loads its code: allow for a busy machine
  await expect(heading).toBeVisible({ timeout: 20_000 })
  return ((await heading.textContent()) ?? '').replace('Case ', '').trim()
}

/** Types into the lookup box (focused with the keyboard shortcut) and returns the results list. */
export async function lookup(page: Page, query: string) {
  await page.keyboard.press('Control+K')
  const box = page.getByRole('searchbox', { name: 'Find case' })
  await expect(box).toBeFocused()
  await box.fill(query)
  return page.getByRole('listbox', { name: 'Matching cases' })
}

/** Everything the console keeps: every IndexedDB row and every localStorage/sessionStorage value. */
export async function everythingStored(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const req = indexedDB.open('verification-console')
    const db: IDBDatabase = await new Promise((res, rej) => {
      req.onsuccess = () => res(req.result)
      req.onerror = () => rej(req.error)
    })
    const all: unknown[] = []
    for (const name of Array.from(db.objectStoreNames)) {
      const rows: unknown[] = await new Promise((res) => {
        const r = db.transaction(name).objectStore(name).getAll()
        r.onsuccess = () => res(r.result)
      })
      all.push(...rows)
    }
    db.close()
    const storage = [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k) ?? ''}`))
    return JSON.stringify({ all, storage })
  })
}
