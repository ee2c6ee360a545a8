import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './src/vite.config.mjs'

export default defineConfig({
  main: {
    build: {
      // Bundle main's few npm imports (zod): the packaged app ships out/ only, no node_modules (electron-builder.json).
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only load CommonJS and may require nothing but electron: bundle everything.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, outDir: resolve(__dirname, 'out/renderer'), emptyOutDir: true },
  },
})
