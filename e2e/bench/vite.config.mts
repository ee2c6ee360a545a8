import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import { rendererConfig } from '../../src/vite.config.mjs'

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))

/** The benchmark page: the app's own data and domain modules, driven from e2e/bench/run.mjs. */
export default defineConfig({
  ...rendererConfig,
  root: here('.'),
  build: { target: 'chrome130', outDir: here('../../out/bench'), emptyOutDir: true, rollupOptions: { input: here('./index.html') } },
})
