import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './src/vite.config.mjs'

export default defineConfig({
  main: {
    build: {
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
