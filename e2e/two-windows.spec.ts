import { expect, test } from '@playwright/test'
import { logCase, openApp } from './support'

/**
 * Two windows, one case (issue 15): two tabs of one browser context share the database. Each edit carries the
 * revision it started from, so the second save of the same field shows the conflict instead of overwriting,
 * and each tab keeps its own draft.
 */
test.describe('two windows of one agent', () => {
  test('the second save of the same field shows the conflict; keep mine or keep theirs', async ({ context }) => {
    const a = await context.newPage()
    await openApp(a)
    await logCase(a, { uid: '66667777', notes: 'first note' })
    const url = a.url()
    const b = await context.newPage()
    await b.goto(url)
    await expect(b.getByRole('heading', { level: 1, name: /^Case VC-/ })).toBeVisible()

    await a.getByRole('button', { name: 'Edit facts' }).click()
    await b.getByRole('button', { name: 'Edit facts' }).click()
    await a.getByRole('textbox', { name: 'Notes' }).fill('note from window A')
    await b.getByRole('textbox', { name: 'Notes' }).fill('note from window B')
    await b.getByLabel('Carrier').selectOption({ label: 'China Telecom (10000)' })

    await a.getByRole('button', { name: 'Save changes' }).click()
    await expect(a.getByText('Changes saved.')).toBeVisible()

    await b.getByRole('button', { name: 'Save changes' }).click()
    const conflict = b.getByRole('heading', { name: /^Changed meanwhile by / })
    await expect(conflict).toBeVisible()
    await expect(b.getByText('Now: note from window A')).toBeVisible()
    await expect(b.getByText('Yours: note from window B')).toBeVisible()

    // B's carrier (nobody else changed it) is already saved; A's note is still there
    await b.getByRole('button', { name: 'Keep mine: Notes' }).click()
    await expect(b.getByText('Changes saved.')).toBeVisible()
    const facts = b.getByRole('region', { name: 'Case facts' })
    await expect(facts.getByText('note from window B')).toBeVisible()
    await expect(facts.getByText('China Telecom (10000)')).toBeVisible()

    // window A, reloaded, shows the result of both
    await a.reload()
    await expect(a.getByRole('region', { name: 'Case facts' }).getByText('note from window B')).toBeVisible()
    await expect(a.getByRole('region', { name: 'Case facts' }).getByText('China Telecom (10000)')).toBeVisible()
  })

  test('drafts are per window: Cancel in one tab keeps the other tab’s unsaved text', async ({ context }) => {
    const a = await context.newPage()
    await openApp(a)
    await logCase(a, { uid: '77778888' })
    const url = a.url()
    const b = await context.newPage()
    await b.goto(url)
    await expect(b.getByRole('heading', { level: 1, name: /^Case VC-/ })).toBeVisible()

    await a.getByRole('button', { name: 'Edit facts' }).click()
    await a.getByRole('textbox', { name: 'Notes' }).fill('unsaved text in A')
    await b.getByRole('button', { name: 'Edit facts' }).click()
    await expect(b.getByRole('textbox', { name: 'Notes' })).toHaveValue('')
    await b.getByRole('textbox', { name: 'Notes' }).fill('unsaved text in B')
    await b.getByRole('button', { name: 'Cancel' }).click()

    // A's draft survives a reload of A
    await a.reload()
    await expect(a.getByRole('heading', { level: 1, name: /^Case VC-/ })).toBeVisible()
    await a.getByRole('button', { name: 'Edit facts' }).click()
    await expect(a.getByRole('textbox', { name: 'Notes' })).toHaveValue('unsaved text in A')
    await expect(a.getByText('Your unsaved edits were restored.')).toBeVisible()
  })
})
