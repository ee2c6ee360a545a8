import { readFileSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig, type UserConfig } from 'vite'

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))
/** The console's version (package.json), shown in Settings and written into backups in browser mode too. */
const version = (JSON.parse(readFileSync(here('../package.json'), 'utf8')) as { version: string }).version

/** Renderer build shared by browser mode (`npm run web`) and the Electron renderer (electron.vite.config.ts). */
export const rendererConfig: UserConfig = {
  root: here('.'),
  base: './',
  plugins: [vue()],
  define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(version) },
  // module workers (the export worker) may import lazily, which only the ES format allows
  worker: { format: 'es' },
  resolve: {
    alias: {
      '@': here('.'),
      '@shared': here('../electron/shared'),
      '@resources': here('../resources'),
    },
  },
  build: {
    target: 'chrome130',
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: here('./index.html'),
      // the first screen's modules in one chunk: 12 files cost a new page more to fetch (or revalidate) than one
      output: { codeSplitting: { groups: [{ name: 'start', tags: ['$initial'] }] } },
    },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
}

export default defineConfig({
  ...rendererConfig,
  build: { ...rendererConfig.build, outDir: here('../out/web'), emptyOutDir: true },
})
