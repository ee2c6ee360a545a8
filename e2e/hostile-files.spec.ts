/**
 * Hostile and oversized files: each one ends with a clear message, and the page keeps painting meanwhile
 * (a requestAnimationFrame counter keeps advancing while the work runs in a worker). No timing thresholds.
 */
import { expect, test, type Page } from '@playwright/test'
import { openApp } from './support'

interface Watch {
  frames: number
  /** The frame count when a progress bar first appeared (null: none appeared). */
  framesAtProgress: number | null
}

/**
 * Starts counting animation frames in the page, and notes the count when a progress bar first appears
 * (however briefly: the work may be quick on a fast machine). `watched(page)` reads both.
 */
async function watchPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __watch: Watch }
    w.__watch = { frames: 0, framesAtProgress: null }
    const tick = (): void => {
      w.__watch.frames++
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    new MutationObserver(() => {
      if (w.__watch.framesAtProgress === null && document.querySelector('progress')) w.__watch.framesAtProgress = w.__watch.frames
    }).observe(document.body, { childList: true, subtree: true })
  })
}
const watched = (page: Page): Promise<Watch> => page.evaluate(() => (window as unknown as { __watch: Watch }).__watch)

const calendar = (events: string[][]): Buffer =>
  Buffer.from(
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//hostile//EN',
      ...events.flatMap((e, i) => ['BEGIN:VEVENT', `UID:e${i}@hostile`, ...e, 'END:VEVENT']),
      'END:VCALENDAR',
      '',
    ].join('\r\n'),
  )

const manyDays = (n: number): string[][] =>
  Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(2026, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')
    return [`DTSTART;VALUE=DATE:${d}`, `SUMMARY:Day ${i}`]
  })

/** Thousands of plain days, then one event spanning seventy years: read with progress, then refused. */
const longHostileIcs = (): Buffer =>
  calendar([...manyDays(9_900), ['DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20960101', 'SUMMARY:Forever']])

/** Thousands of plain days, then a rule that never matches (30 February): slow to read. */
const slowHostileIcs = (): Buffer =>
  calendar([...manyDays(9_900), ['DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Never']])

test.describe('hostile calendar files', () => {
  test('a hostile .ics shows its progress, ends with a clear refusal, and the page keeps painting', async ({ page }) => {
    await openApp(page, '#/settings')
    const card = page.getByRole('region', { name: 'Business calendar' })
    const summary = card.getByText(/^Based on:/)
    await expect(summary).toContainText('Time zone Asia/Shanghai')
    const before = (await summary.textContent()) ?? ''
    await watchPage(page)

    await card.getByLabel('Import an .ics file').setInputFiles({ name: 'hostile.ics', mimeType: 'text/calendar', buffer: longHostileIcs() })
    const refusal = card.getByText('“hostile.ics” was not imported: This file covers more than 20000 dates. Nothing was changed.')
    await expect(refusal).toBeVisible({ timeout: 40_000 })
    // the progress bar showed while the worker read the file, and the page kept painting frames after that
    const { frames, framesAtProgress } = await watched(page)
    expect(framesAtProgress).not.toBeNull()
    expect(frames).toBeGreaterThan(framesAtProgress!)
    await expect(card.getByRole('button', { name: 'Stop reading' })).toHaveCount(0)
    await expect(card.getByRole('button', { name: /as days off/ })).toHaveCount(0)
    await expect(summary).toHaveText(before)
  })

  test('reading can be stopped; nothing changes', async ({ page }) => {
    test.slow() // on a loaded machine the worker takes a while to start
    await openApp(page, '#/settings')
    const card = page.getByRole('region', { name: 'Business calendar' })
    const summary = card.getByText(/^Based on:/)
    const before = (await summary.textContent()) ?? ''
    await card.getByLabel('Import an .ics file').setInputFiles({ name: 'slow.ics', mimeType: 'text/calendar', buffer: slowHostileIcs() })
    await card.getByRole('button', { name: 'Stop reading' }).click()
    await expect(page.getByText('Stopped reading “slow.ics”. Nothing was changed.')).toBeVisible()
    await expect(card.getByRole('button', { name: 'Stop reading' })).toHaveCount(0)
    await expect(card.getByText(/was not imported/)).toHaveCount(0)
    await expect(summary).toHaveText(before)
  })

  test('59,000 events and 50 every-second rules are refused with a message that says why', async ({ page }) => {
    await openApp(page, '#/settings')
    const card = page.getByRole('region', { name: 'Business calendar' })
    const file = card.getByLabel('Import an .ics file')
    const many = Buffer.from(
      ['BEGIN:VCALENDAR', ...Array<string>(59_000).fill('BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT'), 'END:VCALENDAR'].join(
        '\r\n',
      ),
    )
    await file.setInputFiles({ name: 'many.ics', mimeType: 'text/calendar', buffer: many })
    await expect(
      card.getByText(
        '“many.ics” was not imported: This file holds 59000 events; a calendar file may hold at most 10000. Export only the holidays you need. Nothing was changed.',
      ),
    ).toBeVisible()

    const ticks = calendar(Array.from({ length: 50 }, (_, i) => ['DTSTART:20260101T000000Z', 'RRULE:FREQ=SECONDLY', `SUMMARY:Tick ${i}`]))
    await file.setInputFiles({ name: 'ticks.ics', mimeType: 'text/calendar', buffer: ticks })
    await expect(card.getByText(/^“ticks\.ics” was not imported: Event 1 \(“Tick 0”\) repeats every hour or more often\./)).toBeVisible()

    const huge = Buffer.alloc(5_000_001, 'A')
    await file.setInputFiles({ name: 'huge.ics', mimeType: 'text/calendar', buffer: huge })
    await expect(
      card.getByText('“huge.ics” was not imported: This file is larger than 5 MB, the most a calendar file may be. Nothing was changed.'),
    ).toBeVisible()
  })
})

test.describe('hostile template files', () => {
  const SLOW = '{% for a in (1..10000) %}{% for b in (1..10000) %}{{ b }}{% endfor %}{% endfor %}'

  test('25 templates that each hit the render limit are refused at import, naming the first; an oversized file is not read', async ({
    page,
  }) => {
    await openApp(page, '#/templates')
    const count = page.getByRole('status').filter({ hasText: /^(\d+|No) templates?$/ })
    const before = (await count.textContent()) ?? ''
    const file = {
      format: 'vc-console/reply-templates',
      schemaVersion: 1,
      templates: Array.from({ length: 25 }, (_, i) => ({
        id: `custom.slow-${i}`,
        shortcut: `slow${i}`,
        title: { en: `Slow ${i}`, 'zh-CN': `慢 ${i}` },
        tags: [],
        body: { en: SLOW, 'zh-CN': SLOW },
        methodId: null,
        variantId: null,
        version: 1,
      })),
    }
    const input = page.getByLabel('Import templates (JSON file)')
    await input.setInputFiles({ name: 'slow.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) })
    await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toContainText(
      'template “Slow 0” (custom.slow-0, zh-CN) takes too long (over 250 ms) or builds too much text when it writes a reply',
    )
    await expect(count).toHaveText(before)

    await input.setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(5_000_001, ' ') })
    await expect(page.getByRole('alert').filter({ hasText: 'Import refused' })).toContainText(
      'The file is larger than 5 MB, the most a templates file may be.',
    )
    await expect(count).toHaveText(before)
  })
})
