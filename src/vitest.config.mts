import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      '@': here('.'),
      '@shared': here('../electron/shared'),
      '@resources': here('../resources'),
    },
  },
  test: {
    root: here('..'),
    include: ['src/**/*.test.ts', 'electron/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
    testTimeout: 20_000,
    pool: 'threads',
  },
})
