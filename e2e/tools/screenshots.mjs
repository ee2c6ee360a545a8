#!/usr/bin/env node
// Takes screenshots of the built renderer (out/web) for a visual check:
//   npm run build:web && node e2e/tools/screenshots.mjs [outDir] [route ...]
// Each route is shot in English and Chinese, light and dark, at 1366×768 and 1024×640 (SHOTS_SIZES=1366x768,…
// to change), as a person sees the window (not the full page). Seeds a few cases first. The route `lookup`
// is the case list with Ctrl+K results open.
import { chromium } from '@playwright/test'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const outDir = path.resolve(process.argv[2] ?? 'e2e/.artifacts/screens')
const routes = process.argv.slice(3).length
  ? process.argv.slice(3)
  : [
      '#/cases',
      'lookup',
      '#/cases/new',
      '#/cases/1',
      '#/cases/1/report',
      '#/reviews',
      '#/dashboard',
      '#/templates',
      '#/export',
      '#/trash',
      '#/settings',
    ]
const sizes = (process.env.SHOTS_SIZES ?? '1366x768,1024x640').split(',').map((s) => s.split('x').map(Number))
const port = Number(process.env.SHOTS_PORT ?? 4391)
fs.mkdirSync(outDir, { recursive: true })

const server = spawn(
  'npx',
  ['vite', 'preview', '--config', 'src/vite.config.mts', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  // its own process group: stopping it at the end stops vite too, not only npx
  { stdio: 'ignore', detached: true },
)
const base = `http://127.0.0.1:${port}/`
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(base)).ok) break
  } catch {
    await new Promise((r) => setTimeout(r, 200))
  }
}
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && fs.existsSync(p))
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
})
try {
  for (const variant of [
    { name: 'en-light', locale: 'en-US', colorScheme: 'light' },
    { name: 'en-dark', locale: 'en-US', colorScheme: 'dark' },
    { name: 'zh-light', locale: 'zh-CN', colorScheme: 'light' },
    { name: 'zh-dark', locale: 'zh-CN', colorScheme: 'dark' },
  ]) {
    const context = await browser.newContext({
      locale: variant.locale,
      colorScheme: variant.colorScheme,
      viewport: { width: 1360, height: 860 },
      timezoneId: 'Asia/Shanghai',
    })
    const page = await context.newPage()
    await page.goto(base + '#/cases/new')
    await page.locator('#intake-uid').waitFor()
    // seed: two cases for the same user plus one other
    for (const c of [
      { uid: '35001234', phone: '13800138000', email: 'li.wei@qq.com', notes: 'User on a Huawei phone, 360 Security installed.' },
      { uid: '35001234', phone: '13800138000', email: '', notes: 'Called again.' },
      { uid: '88776655', phone: '+852 9123 4567', email: 'chan@gmail.com', notes: '' },
    ]) {
      await page.goto(base + '#/cases/new')
      await page.locator('#intake-uid').fill(c.uid)
      await page.locator('#intake-phone').fill(c.phone)
      if (c.email) await page.locator('#intake-email').fill(c.email)
      await page.locator('#intake-notes').fill(c.notes)
      await page.locator('form button[type=submit]').first().click()
      // the same user's second case asks first (the duplicate notice): wait for that or the new case's page
      const dup = page.locator('.duplicate button').last()
      const saved = () => /^#\/cases\/\d+$/.test(window.location.hash)
      const settle = (p) =>
        p.then(
          () => true,
          () => false,
        )
      await Promise.race([settle(dup.waitFor({ timeout: 30_000 })), settle(page.waitForFunction(saved, null, { timeout: 30_000 }))])
      if (await dup.isVisible()) await dup.click()
      await page.waitForFunction(saved)
    }
    for (const [width, height] of sizes) {
      await page.setViewportSize({ width, height })
      for (const route of routes) {
        if (route === 'lookup') {
          await page.goto(base + '#/cases')
          await page.keyboard.press('Control+k')
          await page.keyboard.type('3500')
        } else {
          await page.goto(base + route)
        }
        await page.waitForTimeout(400)
        const name = route.replace(/[#/]+/g, '_').replace(/^_|_$/g, '') || 'home'
        const file = path.join(outDir, `${variant.name}-${width}-${name}.png`)
        await page.screenshot({ path: file })
        console.log(file)
      }
    }
    await context.close()
  }
} finally {
  await browser.close()
  process.kill(-server.pid)
}
