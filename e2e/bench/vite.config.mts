import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import { rendererConfig } from '../../src/vite.config.mjs'

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))

/**
 * The benchmark page (the app's own data and domain modules) and the raw anchor page of the felt measures
 * (plain Dexie, no framework), driven from e2e/bench/run.mjs.
 */
export default defineConfig({
  ...rendererConfig,
  root: here('.'),
  build: {
    target: 'chrome130',
    outDir: here('../../out/bench'),
    emptyOutDir: true,
    rollupOptions: { input: { index: here('./index.html'), raw: here('./raw.html') } },
  },
})
