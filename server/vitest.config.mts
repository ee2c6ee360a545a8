import { defineConfig } from 'vitest/config'

const root = new URL('..', import.meta.url).pathname

// Service tests against a real PostgreSQL that the global setup starts (and removes) itself.
export default defineConfig({
  test: {
    root,
    include: ['server/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['server/test/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
