import fs from 'node:fs'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

const PORT = Number(process.env['E2E_PORT'] ?? 4319)
const root = path.resolve(__dirname, '..')

/** Debian's chromium where Playwright's own browser cannot be downloaded; CHROMIUM_PATH overrides. */
function chromiumPath(): string | undefined {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  return candidates.find((p) => fs.existsSync(p))
}

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: path.join(__dirname, '.artifacts/results'),
  fullyParallel: true,
  workers: 2,
  // one retry on CI only: a 2-core machine running two browsers, PostgreSQL and the service at once has
  // stalled single steps past their timeout; a test that fails twice still fails the run
  retries: process.env['CI'] ? 1 : 0,
  // a test drives the UI as a person would (several cases logged, then exported): room for a busy 2-core CI machine
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    // a trace records every action (snapshots, screenshots) and slows a 2-core machine by a fifth; CI keeps
    // only the printed error, so traces are recorded on developer machines only
    trace: process.env['CI'] ? 'off' : 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --config src/vite.config.mts --host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
})
