import { defineConfig } from 'vitest/config'
import { rendererConfig } from './vite.config.mjs'

const root = new URL('..', import.meta.url).pathname

export default defineConfig({
  plugins: rendererConfig.plugins,
  // `@test`: the shared test fixtures (test/), for tests only: the app's build has no such alias
  resolve: { alias: { ...(rendererConfig.resolve?.alias as Record<string, string>), '@test': `${root}test` } },
  test: {
    root,
    include: ['src/**/*.test.ts', 'electron/**/*.test.ts', 'test/**/*.test.ts', 'e2e/bench/**/*.test.ts'],
    // the sync engine's tests against the real service run with the service tests (server/vitest.config.mts)
    exclude: ['src/**/*.service.test.ts'],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
    testTimeout: 20_000,
    pool: 'threads',
  },
})
