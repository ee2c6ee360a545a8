import { defineConfig } from 'vitest/config'

const root = new URL('..', import.meta.url).pathname

// Service tests against a real PostgreSQL that the global setup starts (and removes) itself; the renderer's
// sync engine is tested against the same service here too (src/sync/*.service.test.ts).
export default defineConfig({
  resolve: { alias: { '@': new URL('../src', import.meta.url).pathname } },
  test: {
    root,
    include: ['server/**/*.test.ts', 'src/sync/**/*.service.test.ts'],
    environment: 'node',
    globalSetup: ['server/test/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
