#!/usr/bin/env node
/**
 * npm run bench — figures, not tests. Builds the benchmark page, serves out/, and in Chromium:
 * seeds 100,000 cases through the app's data layer, times every kind of look-up against a full-scan
 * baseline, times the case list, the console's cold start and its initial JS size, and exports every case
 * to CSV and XLSX through the Export page's worker (time, longest main-thread task, heap).
 * Each export is measured beside its raw anchor in the same run (interleaved, fresh pages): the same rows
 * read straight from IndexedDB and written by a plain Papa.unparse (CSV) or as bare SpreadsheetML
 * through fflate's streaming zip (XLSX); the ratio is printed so a regression shows.
 * Speed as felt (felt.mjs): Ctrl+K keystroke → results painted, opening a case, fast scrolling, a new page
 * and a cold start to the first row, for the real renderer beside a bare raw page, interleaved, with ratios.
 * The app's cases CSV is also measured beside a second anchor that writes the same file (rawCasesCsv.ts:
 * cases and their checklist records read with plain Dexie, the same columns, one Papa.unparse per 2,000 cases).
 * Usage: node e2e/bench/run.mjs [--cases 100000] [--json out.json] [--only exports|felt] [--exports csv|xlsx]
 */
import { execFile, execSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium } from '@playwright/test'
import { feltBench, reportFelt } from './felt.mjs'

const root = path.resolve(import.meta.dirname, '../..')
const out = path.join(root, 'out')
const arg = (name, def) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : def
}
const N = Number(arg('--cases', '100000'))
/** `--only exports|felt|lookups`: seed and run that part only (quicker while working on it). */
const ONLY = arg('--only', '')
if (!['', 'exports', 'felt', 'lookups'].includes(ONLY)) throw new Error(`--only ${ONLY}: exports, felt or lookups`)
/** `--exports csv|xlsx`: only that format's export rows. */
const EXPORTS = arg('--exports', '')
if (!['', 'csv', 'xlsx'].includes(EXPORTS)) throw new Error(`--exports ${EXPORTS}: csv or xlsx`)
const jsonOut = arg('--json', path.join(root, 'e2e/.artifacts/bench.json'))

execSync('npx vite build --config e2e/bench/vite.config.mts --logLevel error', { cwd: root, stdio: 'inherit' })
if (!fs.existsSync(path.join(out, 'web/index.html'))) execSync('npm run build:web', { cwd: root, stdio: 'inherit' })

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}
const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  const file = path.normalize(path.join(out, decodeURIComponent(url.pathname)))
  if (!file.startsWith(out) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end()
    return
  }
  // as `vite preview` serves a build (sirv with etag): an ETag, `no-cache` (revalidate every time), 304 when it
  // matches. Without a validator every new page fetched every file again (the app's first screen is 19 files
  // over HTTP/1.1's 6 connections, the raw page's 3); a Last-Modified alone did not help, as nothing answered
  // the revalidation with a 304 and a just-built file is stale at once (heuristic freshness: 10 % of its age).
  const stat = fs.statSync(file)
  const etag = `W/"${stat.size}-${stat.mtimeMs}"`
  const headers = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', ETag: etag }
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end()
    return
  }
  res.writeHead(200, headers)
  fs.createReadStream(file).pipe(res)
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}`

const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && fs.existsSync(p))
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-precise-memory-info',
]
const browser = await chromium.launch({ executablePath, args: chromiumArgs })
const fmt = (x) => (typeof x === 'number' ? x.toFixed(x < 10 ? 2 : 0) : String(x))

/** Runs `run` while sampling the largest Chromium renderer process (page plus its workers) with ps; MB, or null without ps. */
async function withRendererRss(run) {
  let peakKB = 0
  let on = true
  // only this bench's Chromium: renderer processes descending from this Node process (Playwright launched it;
  // Browser has no public process handle)
  const root = process.pid
  const sample = () =>
    new Promise((resolve) =>
      execFile('ps', ['-eo', 'pid=,ppid=,rss=,args='], { maxBuffer: 16 << 20 }, (err, out) => {
        if (!err) {
          const procs = out
            .split('\n')
            .map((l) => l.trim().split(/\s+/))
            .filter((f) => f.length >= 4)
            .map(([pid, ppid, rss, ...args]) => ({ pid: Number(pid), ppid: Number(ppid), rss: Number(rss), args: args.join(' ') }))
          const parent = new Map(procs.map((p) => [p.pid, p.ppid]))
          const ours = (pid) => {
            for (let p = pid, hops = 0; p && hops < 10; p = parent.get(p), hops++) if (p === root) return true
            return false
          }
          for (const p of procs) if (p.args.includes('--type=renderer') && ours(p.pid)) peakKB = Math.max(peakKB, p.rss)
        }
        resolve()
      }),
    )
  const loop = (async () => {
    while (on) {
      await sample()
      await new Promise((r) => setTimeout(r, 150))
    }
  })()
  try {
    const value = await run()
    return { ...value, rendererRssPeakMB: peakKB ? peakKB / 1024 : null }
  } finally {
    on = false
    await loop
  }
}
/** Thrown to skip the other parts after `--only felt`. */
const DONE = Symbol('done')
const results = { cases: N, machine: `${process.platform} ${process.arch}, node ${process.version}` }

try {
  const all = ONLY === ''
  if (ONLY === 'felt') {
    results.felt = await runFelt()
    throw DONE
  }
  // 1. initial JS (gzip): the scripts index.html loads before the first screen
  const html = fs.readFileSync(path.join(out, 'web/index.html'), 'utf8')
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(out, 'web', f)), { level: 9 }).length
  results.initialJsGzipKB = initial.filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0) / 1024
  results.initialCssGzipKB = initial.filter((f) => f.endsWith('.css')).reduce((s, f) => s + gz(f), 0) / 1024

  // 2. cold start on an empty profile: navigation start to the first interactive screen
  const coldStart = async (context) => {
    const page = await context.newPage()
    await page.goto(`${base}/web/index.html#/cases`)
    await page.getByRole('searchbox').waitFor()
    await page.locator('.case-row, .empty').first().waitFor()
    const ms = await page.evaluate(() => performance.now())
    const mounted = await page.evaluate(() => performance.getEntriesByName('app-mounted')[0]?.startTime ?? NaN)
    await page.close()
    return { interactive: ms, mounted }
  }
  const empties = []
  for (let i = 0; i < (all ? 5 : 0); i++) {
    const ctx = await browser.newContext()
    empties.push(await coldStart(ctx))
    await ctx.close()
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  results.coldStartEmptyMs = med(empties.map((e) => e.interactive))
  results.appMountedEmptyMs = med(empties.map((e) => e.mounted))

  // 3. seed N cases through the data layer, then look-ups
  const context = await browser.newContext()
  const page = await context.newPage()
  page.setDefaultTimeout(15 * 60_000)
  await page.goto(`${base}/bench/index.html`)
  await page.getByText('ready').waitFor()
  process.stdout.write(`seeding ${N} cases… `)
  results.seed = await page.evaluate((n) => window.bench.seed(n), N)
  console.log(`${fmt(results.seed.ms / 1000)} s`)
  if (all || ONLY === 'lookups') results.lookups = await page.evaluate(() => window.bench.lookups(200, 10))
  if (ONLY === 'lookups') throw DONE
  if (all) {
    results.caseList = await page.evaluate(() => window.bench.caseList())
    results.reviewsBoard = await page.evaluate(() => window.bench.reviewsBoard(2000))
    results.reviewsSeeded = await page.evaluate(() => window.bench.seedReviews(2000))
  }
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null)
  results.benchPageHeapMB = heap ? heap / 2 ** 20 : null
  await page.close()

  // 4. cold start with N cases in the database (same profile, new page)
  const full = []
  for (let i = 0; i < (all ? 3 : 0); i++) full.push(await coldStart(context))
  results.coldStartWithCasesMs = med(full.map((e) => e.interactive))

  if (all) {
    // 5. the real reviews board with 2,000 open reviews: main-thread time per clock tick, from Chrome's own
    //    counters (script + layout + paint of every task) over 10 one-second ticks
    const board = await context.newPage()
    await board.goto(`${base}/web/index.html#/reviews`)
    await board.getByRole('heading', { level: 1 }).waitFor()
    await board.waitForTimeout(5000) // let start-up work (catch-up alert check, first render) finish
    const cdp = await context.newCDPSession(board)
    await cdp.send('Performance.enable')
    const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
    const before = await metric()
    await board.waitForTimeout(10_000)
    const after = await metric()
    results.boardPage = {
      taskMsPerTick: ((after.TaskDuration - before.TaskDuration) * 1000) / 10,
      scriptMsPerTick: ((after.ScriptDuration - before.ScriptDuration) * 1000) / 10,
    }
    await board.close()
  }

  // 6. speed as felt, in its own on-disk profile (the same cases seeded again there)
  if (all) results.felt = await runFelt()

  // 7. bulk export of every case, through the Export page's worker (attempts and reviews added first);
  // each export in a fresh page (same profile, same data), as an agent runs one export at a time
  const extrasPage = await context.newPage()
  extrasPage.setDefaultTimeout(15 * 60_000)
  await extrasPage.goto(`${base}/bench/index.html`)
  await extrasPage.getByText('ready').waitFor()
  results.exportExtras = await extrasPage.evaluate(() => window.bench.seedExportExtras())
  await extrasPage.close()
  results.exports = {}
  results.rawExports = {}
  results.rawSameFileExports = {}
  const inFreshPage = async (fn, opts) => {
    const p = await context.newPage()
    p.setDefaultTimeout(15 * 60_000)
    await p.goto(`${base}/bench/index.html`)
    await p.getByText('ready').waitFor()
    const r = await withRendererRss(() => p.evaluate(fn, opts))
    await p.close()
    return r
  }
  for (const [key, opts] of [
    ['CSV cases', { format: 'csv' }],
    ['CSV cases+attempts+reviews', { format: 'csv', tables: ['attempts', 'reviews'] }],
    ['XLSX cases', { format: 'xlsx' }],
    ['XLSX cases+attempts+reviews', { format: 'xlsx', tables: ['attempts', 'reviews'] }],
  ].filter(([, o]) => !EXPORTS || o.format === EXPORTS)) {
    // the raw anchor(s) and the app's export, interleaved, each in a fresh page
    process.stdout.write(`export ${key}: raw… `)
    const raw = await inFreshPage((o) => window.bench.rawExport(o.format, o.tables ?? []), opts)
    results.rawExports[key] = raw
    process.stdout.write(`${fmt(raw.totalMs / 1000)} s, `)
    let same = null
    if (key === 'CSV cases') {
      process.stdout.write('raw same file… ')
      same = await inFreshPage(() => window.bench.rawCasesFile())
      results.rawSameFileExports[key] = same
      process.stdout.write(`${fmt(same.totalMs / 1000)} s, `)
    }
    process.stdout.write('app… ')
    const r = await inFreshPage((o) => window.bench.exportCases(o), opts)
    results.exports[key] = r
    console.log(
      `${fmt(r.totalMs / 1000)} s (${(r.totalMs / raw.totalMs).toFixed(2)}× raw${same ? `, ${(r.totalMs / same.totalMs).toFixed(2)}× the same-file anchor` : ''})`,
    )
  }
  if (!EXPORTS || EXPORTS === 'csv') {
    // the cases file when no case has its stored checklist summary (every chunk reads the records): what
    // an export costs on a database from before summaries until the back-fill has gone through it; then
    // that back-fill's whole work
    process.stdout.write('export CSV cases without stored summaries… ')
    const dropPage = await context.newPage()
    await dropPage.goto(`${base}/bench/index.html`)
    await dropPage.getByText('ready').waitFor()
    results.summariesDropped = await dropPage.evaluate(() => window.bench.dropAttemptSummaries())
    await dropPage.close()
    results.exportWithoutSummaries = await inFreshPage((o) => window.bench.exportCases(o), { format: 'csv' })
    console.log(`${fmt(results.exportWithoutSummaries.totalMs / 1000)} s`)
    process.stdout.write('back-fill of every summary… ')
    results.backfill = await inFreshPage(() => window.bench.backfillBench())
    console.log(`${fmt(results.backfill.ms / 1000)} s`)
  }
  await context.close()
} catch (e) {
  if (e !== DONE) throw e
} finally {
  await browser.close()
  server.close()
}

function runFelt() {
  return feltBench({
    launch: (dir) => chromium.launchPersistentContext(dir, { executablePath, args: chromiumArgs, viewport: { width: 1366, height: 768 } }),
    base,
    n: N,
    log: (s) => process.stdout.write(s),
  })
}

// report
if (results.lookups) reportLookups()
if (ONLY === '') report()
if (results.felt) reportFelt(results.felt, N)
if (results.exports) reportExports()
function reportLookups() {
  const L = results.lookups
  const rows = Object.entries(L).map(([k, v]) => [k, fmt(v.p50), fmt(v.p95), `${v.hits}/${v.n}`])
  console.log(`\nLook-ups at ${N.toLocaleString('en')} cases (ms)`)
  console.log(['query', 'p50', 'p95', 'found'].join('\t'))
  for (const r of rows) console.log(r.join('\t'))
  const speedup = (a, b) => (L[b].p95 / L[a].p95).toFixed(0)
  console.log(
    `speed-up over full scan (p95): uid ${speedup('uid exact', 'baseline scan: uid')}x, phone ${speedup('phone national', 'baseline scan: phone')}x, last-4 ${speedup('last 4 digits', 'baseline scan: last 4 digits')}x, email ${speedup('email', 'baseline scan: email')}x`,
  )
  const anchor = L['raw anchor: phone equals'].p95
  const forms = ['phone +86 spaced', 'phone 0086', 'phone national', 'phone dashed']
  console.log(
    `phone look-up p95 per form beside the raw anchor (one equals() on phoneE164, ${fmt(anchor)} ms): ${forms
      .map((f) => `${f.slice(6)} ${fmt(L[f].p95)} ms (${(L[f].p95 / anchor).toFixed(1)}×)`)
      .join(', ')}`,
  )
}
function report() {
  console.log(
    `\nCase list ids (ms): ${Object.entries(results.caseList)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join('; ')}`,
  )
  console.log(
    `Cold start to first interactive screen: ${fmt(results.coldStartEmptyMs)} ms empty (app mounted at ${fmt(results.appMountedEmptyMs)} ms), ${fmt(results.coldStartWithCasesMs)} ms with ${N.toLocaleString('en')} cases`,
  )
  console.log(`Initial JS: ${fmt(results.initialJsGzipKB)} KB gzip (CSS ${fmt(results.initialCssGzipKB)} KB)`)
  const rb = results.reviewsBoard
  console.log(
    `\nReviews board, 2,000 open reviews: dates for every review ${fmt(rb.computeColdMs)} ms cold / ${fmt(rb.computeWarmMs)} ms warm; ` +
      `clock tick (helpers) median ${fmt(rb.tickMedianMs)} ms, slowest ${fmt(rb.tickMaxMs)} ms; ` +
      `real page (Chrome's counters over 10 ticks): script ${fmt(results.boardPage.scriptMsPerTick)} ms per tick, all main-thread tasks ${fmt(results.boardPage.taskMsPerTick)} ms per second`,
  )
  console.log(
    `Seeding: ${fmt(results.seed.ms / 1000)} s for ${results.seed.count} cases; bench page heap ${results.benchPageHeapMB ? fmt(results.benchPageHeapMB) + ' MB' : 'n/a'}`,
  )
}
function reportExports() {
  console.log(
    `\nBulk export of ${N.toLocaleString('en')} cases in the worker (${results.exportExtras.attempts} attempts, ${results.exportExtras.reviews} reviews)`,
  )
  console.log(
    [
      'export',
      'total s',
      'raw anchor s',
      'ratio',
      'longest main task ms',
      'max timer delay ms',
      'page heap start→peak MB',
      'renderer RSS peak MB (raw)',
      'files MB',
    ].join('\t'),
  )
  const mb = (x) => (x === null || x === undefined ? 'n/a' : fmt(x))
  for (const [k, r] of Object.entries(results.exports)) {
    const raw = results.rawExports[k]
    console.log(
      [
        k,
        fmt(r.totalMs / 1000),
        fmt(raw.totalMs / 1000),
        `${(r.totalMs / raw.totalMs).toFixed(2)}×`,
        `${fmt(r.longestTaskMs)} (${r.longTasks} over 50 ms)`,
        fmt(r.maxProbeDelayMs),
        `${mb(r.heapStartMB)}→${mb(r.heapPeakMB)}`,
        `${mb(r.rendererRssPeakMB)} (${mb(raw.rendererRssPeakMB)})`,
        r.files.map((f) => fmt(f.mb)).join(' + '),
      ].join('\t'),
    )
  }
  for (const [k, same] of Object.entries(results.rawSameFileExports ?? {})) {
    const r = results.exports[k]
    console.log(
      `${k} beside the anchor that writes the same file (cases + checklist records read with plain Dexie, the same columns, one Papa.unparse per 2,000 cases): ` +
        `app ${fmt(r.totalMs / 1000)} s, anchor ${fmt(same.totalMs / 1000)} s (${same.rows} rows, ${fmt(same.mb)} MB), ratio ${(r.totalMs / same.totalMs).toFixed(2)}×; ` +
        `renderer RSS peak ${mb(same.rendererRssPeakMB)} MB`,
    )
  }
}
if (results.exportWithoutSummaries) {
  const r = results.exportWithoutSummaries
  const raw = results.rawExports['CSV cases']
  console.log(
    `CSV cases with no stored checklist summary (${results.summariesDropped} cases without one: every chunk reads the records): ` +
      `${fmt(r.totalMs / 1000)} s (${(r.totalMs / raw.totalMs).toFixed(2)}× raw), renderer RSS peak ${fmt(r.rendererRssPeakMB)} MB`,
  )
}
if (results.backfill) {
  const b = results.backfill
  console.log(
    `Back-fill of the checklist summaries (after the first screen, in slices of 100 at idle moments; here without pauses): ` +
      `${fmt(b.ms / 1000)} s of background work for ${b.cases} cases, ${b.written} written`,
  )
}
fs.mkdirSync(path.dirname(jsonOut), { recursive: true })
fs.writeFileSync(jsonOut, JSON.stringify(results, null, 2))
console.log(`\nfigures saved to ${path.relative(root, jsonOut)}`)
