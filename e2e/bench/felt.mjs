/**
 * Speed as felt (issue 14), for `npm run bench` (or `node e2e/bench/run.mjs --only felt`): the console's real
 * built renderer (out/web) beside the raw anchor page (out/bench/raw.html: the same case list and search box
 * over plain Dexie with plain indexes, no framework), both holding the same synthetic cases, measured in the
 * same run, interleaved, in one on-disk Chromium profile (as an agent's), at 1366×768.
 *
 * How "painted" is timed: a DOM change is on screen once the frame that follows it has been rendered.
 * `requestAnimationFrame` runs at the start of that frame's rendering; a message posted from it runs right
 * after the frame's style, layout and paint are done. So "painted at" is the time of that message
 * (`afterPaint` below), and every figure runs from the input event's own timestamp (`event.timeStamp`, when
 * the browser received the key or the click) to it.
 * - Ctrl+K, keystroke → results painted: Ctrl+K, then the characters one by one; for each keystroke the search
 *   region (the box and its results) is watched with a MutationObserver, and the figure is the paint after
 *   the last change it caused (settled: 150 ms without a change), or the paint after the key when nothing
 *   changed. Typing a UID (8 keystrokes each) and a phone's last 4 digits (4 keystrokes each).
 * - Open a case: a click on a row of the case list → the paint after an h1 naming that case appears. The first
 *   open of a freshly loaded page (the case page's code may still have to load), then later opens (back to
 *   the list, the next row).
 * - Fast scroll: 150 px a frame for 3 s by setting scrollTop in requestAnimationFrame; per frame, whether a
 *   placeholder row ("Loading…") is within the list's visible box, and frames more than 50 ms after the last.
 * - New page in a warm browser / cold start of a fresh browser on the same profile: navigation start → the
 *   paint after the first loaded case row appears. The raw page paints its first screen from the updatedAt
 *   index with a limit and reads every id after that frame (reading all 100,000 ids first made its "first
 *   row" a full index read: 1.1 s on a quiet machine, where the anchor took 0.23 s). Every other
 *   measure starts once the whole list is in (its content n × 40 px tall), as it did before.
 * Figures only: nothing here asserts a time.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Browser side, installed with addInitScript in every page of the profile. */
function feltProbe() {
  const afterPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const ch = new MessageChannel()
        ch.port1.onmessage = () => resolve(performance.now())
        ch.port2.postMessage(null)
      }),
    )
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
  const ROW = 'a.case-row, a.raw-row'
  const PLACEHOLDER = '.case-row--placeholder, .raw-row--placeholder'
  const felt = {}
  window.__felt = felt
  felt.firstRow = new Promise((resolve) => {
    const mo = new MutationObserver(() => {
      if (!document.querySelector(ROW)) return
      mo.disconnect()
      void afterPaint().then(resolve)
    })
    mo.observe(document, { childList: true, subtree: true })
  })

  /** Watches `selector`'s subtree for the next keystroke; `settle` then gives keystroke → painted in ms. */
  felt.armKey = (selector) => {
    const root = document.querySelector(selector)
    let key = null
    let lastChange = null
    let keyPaint = null
    let changePaint = null
    const onKey = (e) => {
      if (key !== null) return
      key = e.timeStamp
      keyPaint = afterPaint()
    }
    addEventListener('keydown', onKey, true)
    const mo = new MutationObserver(() => {
      if (key === null) return
      lastChange = performance.now()
      changePaint = afterPaint()
    })
    mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true })
    felt.settle = async (quietMs = 150) => {
      while (key === null || performance.now() - (lastChange ?? key) < quietMs) await sleep(25)
      mo.disconnect()
      removeEventListener('keydown', onKey, true)
      return (await (changePaint ?? keyPaint)) - key
    }
  }

  /** Arms for the next click: resolves `felt.opened` with click → the paint after an h1 containing `text`. */
  felt.armOpen = (text) => {
    let click = null
    addEventListener('click', (e) => (click = e.timeStamp), { capture: true, once: true })
    felt.opened = new Promise((resolve) => {
      const check = () => {
        if (click === null || ![...document.querySelectorAll('h1')].some((h) => h.textContent.includes(text))) return
        mo.disconnect()
        void afterPaint().then((t) => resolve(t - click))
      }
      const mo = new MutationObserver(check)
      mo.observe(document.body, { subtree: true, childList: true, characterData: true })
    })
  }

  /** The case list's scrolling box (the nearest scrollable ancestor of a row), or null. */
  const scroller = () => {
    let sc = document.querySelector(ROW)?.parentElement ?? null
    while (sc && !(sc.scrollHeight > sc.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(sc).overflowY))) sc = sc.parentElement
    return sc
  }
  /** How tall the list's content is, px: every row is in once it is 40 px times the number of cases. */
  felt.listHeight = () => scroller()?.scrollHeight ?? 0

  /** Scrolls the case list `step` px a frame for `ms`; placeholder frames (%) and frames over 50 ms. */
  felt.scroll = (step, ms) =>
    new Promise((resolve) => {
      const sc = scroller()
      if (!sc) throw new Error('no scrolling list')
      let frames = 0
      let withPlaceholder = 0
      let over50 = 0
      let prev = null
      let t0 = null
      const frame = (ts) => {
        if (prev !== null) {
          frames++
          if (ts - prev > 50) over50++
          const box = sc.getBoundingClientRect()
          const visible = [...sc.querySelectorAll(PLACEHOLDER)].some((p) => {
            const r = p.getBoundingClientRect()
            return r.bottom > box.top && r.top < box.bottom
          })
          if (visible) withPlaceholder++
        }
        prev = ts
        t0 ??= ts
        if (ts - t0 >= ms) {
          resolve({ frames, placeholderPct: (100 * withPlaceholder) / Math.max(1, frames), over50, scrolledPx: sc.scrollTop })
          return
        }
        sc.scrollTop += step
        requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN
}
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) })

/**
 * Runs the felt measures; returns { [measure]: { raw, app } } with stats per side. `launch(dir)` opens a
 * persistent Chromium context on a profile folder.
 */
export async function feltBench({ launch, base, n, log }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-felt-'))
  const SIDES = {
    raw: { url: `${base}/bench/raw.html#/cases`, search: '.top', number: '.raw-row__number' },
    app: { url: `${base}/web/index.html#/cases`, search: '.lookup', number: '.case-row__number' },
  }
  const open = async () => {
    const context = await launch(dir)
    await context.addInitScript(feltProbe)
    return context
  }
  let context = await open()
  const out = {}
  const both = () => Object.fromEntries(Object.keys(SIDES).map((s) => [s, []]))
  try {
    // the same cases in both databases (the same generator, the same ids)
    const seeder = await context.newPage()
    seeder.setDefaultTimeout(15 * 60_000)
    log(`felt: seeding ${n} cases for the console and the raw anchor… `)
    await seeder.goto(`${base}/bench/index.html`)
    await seeder.getByText('ready').waitFor()
    await seeder.evaluate((k) => window.bench.seed(k), n)
    await seeder.goto(`${base}/bench/raw.html`)
    await seeder.evaluate((k) => window.raw.seed(k), n)
    const samples = await seeder.evaluate(() => window.raw.samples(12))
    await seeder.close()
    log('done\n')

    const load = async (side) => {
      const page = await context.newPage()
      page.setDefaultTimeout(60_000)
      await page.goto(SIDES[side].url)
      const firstRow = await page.evaluate(() => window.__felt.firstRow)
      // both pages paint a first page of rows, then read every id: what follows starts on the whole list
      await page.waitForFunction((h) => window.__felt.listHeight() >= h, n * 40, { polling: 100 })
      return { page, firstRow }
    }

    // new page in the warm browser → first row; open a case: first, then later opens
    const newPage = both()
    const firstOpen = both()
    const laterOpen = both()
    for (let round = 0; round < 5; round++)
      for (const side of Object.keys(SIDES)) {
        const { page, firstRow } = await load(side)
        newPage[side].push(firstRow)
        await page.waitForTimeout(1000) // as a person would: the list is up, then a row is chosen
        for (let k = 0; k < 6; k++) {
          const row = page.locator('a.case-row, a.raw-row').nth(2 + k)
          const number = (await row.locator(SIDES[side].number).textContent()).trim()
          await page.evaluate((t) => window.__felt.armOpen(t), number)
          await row.click()
          ;(k === 0 ? firstOpen : laterOpen)[side].push(await page.evaluate(() => window.__felt.opened))
          await page.waitForTimeout(300)
          await page.evaluate(() => history.back())
          await page
            .locator('a.case-row, a.raw-row')
            .nth(2 + k + 1)
            .waitFor()
          await page.waitForFunction((h) => window.__felt.listHeight() >= h, n * 40, { polling: 100 })
          await page.waitForTimeout(300)
        }
        await page.close()
      }
    out.newPageFirstRowMs = newPage
    out.openCaseFirstMs = firstOpen
    out.openCaseLaterMs = laterOpen
    log('felt: new page and open a case done\n')

    // Ctrl+K: keystroke → painted, typing a UID and a last-4 search, interleaved per sample
    const pages = {}
    for (const side of Object.keys(SIDES)) {
      pages[side] = (await load(side)).page
      await pages[side].waitForTimeout(1500)
    }
    const typeUid = both()
    const typeLast4 = both()
    const typeAll = async (side, text, into) => {
      const page = pages[side]
      await page.bringToFront() // a page behind another gets no animation frames
      await page.keyboard.press('Control+k')
      await page.waitForTimeout(100)
      for (const ch of text) {
        await page.evaluate((sel) => window.__felt.armKey(sel), SIDES[side].search)
        await page.keyboard.press(ch)
        into[side].push(await page.evaluate(() => window.__felt.settle(150)))
      }
      await page.keyboard.press('Control+a')
      await page.keyboard.press('Backspace')
      await page.waitForTimeout(200)
    }
    for (const s of samples) {
      for (const side of Object.keys(SIDES)) await typeAll(side, s.uid, typeUid)
      for (const side of Object.keys(SIDES)) await typeAll(side, s.phone.slice(-4), typeLast4)
    }
    for (const p of Object.values(pages)) await p.close()
    out.keyUidMs = typeUid
    out.keyLast4Ms = typeLast4
    log('felt: Ctrl+K done\n')

    // fast scroll: a fresh page each run, once its first screen is up
    const scroll = both()
    for (let round = 0; round < 3; round++)
      for (const side of Object.keys(SIDES)) {
        const { page } = await load(side)
        await page.waitForTimeout(1500)
        scroll[side].push(await page.evaluate(() => window.__felt.scroll(150, 3000)))
        await page.close()
      }
    out.fastScroll = scroll

    // cold start: a fresh browser on the same profile, navigation start → first row painted
    await context.close()
    const cold = both()
    for (let round = 0; round < 3; round++)
      for (const side of Object.keys(SIDES)) {
        context = await open()
        const page = context.pages()[0] ?? (await context.newPage())
        page.setDefaultTimeout(60_000)
        await page.goto(SIDES[side].url)
        cold[side].push(await page.evaluate(() => window.__felt.firstRow))
        await context.close()
      }
    context = null
    out.coldStartFirstRowMs = cold
  } finally {
    await context?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return summarize(out)
}

function summarize(raw) {
  const res = {}
  for (const [k, sides] of Object.entries(raw)) {
    if (k === 'fastScroll') {
      res[k] = Object.fromEntries(
        Object.entries(sides).map(([s, runs]) => [
          s,
          {
            runs: runs.length,
            placeholderPct: runs.reduce((a, r) => a + r.placeholderPct, 0) / runs.length,
            framesOver50: runs.reduce((a, r) => a + r.over50, 0) / runs.length,
            frames: runs.reduce((a, r) => a + r.frames, 0) / runs.length,
          },
        ]),
      )
    } else res[k] = Object.fromEntries(Object.entries(sides).map(([s, xs]) => [s, stats(xs)]))
  }
  return res
}

/** Prints the felt table: each figure beside the raw anchor's, and the ratio. */
export function reportFelt(f, n) {
  const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1))
  const row = (name, key, stat) => {
    const a = f[key].app[stat]
    const r = f[key].raw[stat]
    return [name, ms(a), ms(r), `${(a / r).toFixed(2)}×`]
  }
  const rows = [
    row('Ctrl+K keystroke → painted, typing a UID, p95', 'keyUidMs', 'p95'),
    row('Ctrl+K keystroke → painted, typing a UID, p50', 'keyUidMs', 'p50'),
    row('Ctrl+K keystroke → painted, last-4 search, p95', 'keyLast4Ms', 'p95'),
    row('Open a case: click → header painted, first (median)', 'openCaseFirstMs', 'p50'),
    row('Open a case: later opens, median', 'openCaseLaterMs', 'p50'),
    row('Open a case: later opens, p95', 'openCaseLaterMs', 'p95'),
    row('New page, warm browser → first row painted (median)', 'newPageFirstRowMs', 'p50'),
    row('Cold start, fresh browser → first row painted (median)', 'coldStartFirstRowMs', 'p50'),
  ]
  const s = f.fastScroll
  console.log(`\nSpeed as felt at ${n.toLocaleString('en')} cases: the console (out/web) beside the raw anchor page, same run (ms)`)
  console.log(['measure', 'app', 'raw anchor', 'ratio'].join('\t'))
  for (const r of rows) console.log(r.join('\t'))
  console.log(
    `Fast scroll (150 px a frame, 3 s): frames showing placeholder rows ${s.app.placeholderPct.toFixed(1)} % (raw ${s.raw.placeholderPct.toFixed(1)} %), ` +
      `frames over 50 ms ${s.app.framesOver50.toFixed(1)} (raw ${s.raw.framesOver50.toFixed(1)}), frames ${s.app.frames.toFixed(0)} (raw ${s.raw.frames.toFixed(0)})`,
  )
}
