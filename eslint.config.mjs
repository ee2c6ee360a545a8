import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import layers from './eslint/layers.mjs'

/**
 * The layer table (drawn in docs/architecture.md; intent in ARCHITECTURE.md, "Layer rules"): domain ← data ← stores ← composables ← components/views.
 * A file may import its own layer and those in `allow`; tests (`*.test.ts`) also those in `testsAlsoAllow`.
 * `path` ending in `/` is a folder, otherwise one module; the longest match wins. test/layers.test.ts
 * plants a violation of every rule here and fails if lint stops reporting it.
 */
const UI_PACKAGES = ['vue', 'pinia', 'naive-ui', 'vue-i18n', 'vue-router', 'echarts', 'vue-echarts']
const LAYERS = [
  // pure TypeScript: no framework, no storage, no UI words, no desktop; time comes in as an argument
  {
    name: 'domain',
    path: 'src/domain/',
    allow: ['resources'],
    testsAlsoAllow: ['test'],
    packages: [...UI_PACKAGES, 'dexie', 'dexie-export-import', 'electron'],
    packagesWhy: 'domain code is pure TypeScript',
  },
  { name: 'resources', path: 'resources/' },
  // UI words; the catalogs' tests check them against the keys the domain emits
  { name: 'i18n', path: 'src/i18n/', allow: ['domain'], testsAlsoAllow: ['test'], packages: ['electron'] },
  // IndexedDB (Dexie): repositories, backup. Implements the sync seam's interface (src/sync/types.ts)
  {
    name: 'data',
    path: 'src/data/',
    allow: ['domain', 'resources', 'sync-types'],
    // tests check that the main process reads backups as this layer writes them (electron/main/backupFormat.ts)
    testsAlsoAllow: ['test', 'electron'],
    packages: [...UI_PACKAGES, 'electron'],
    packagesWhy: 'the data layer knows no UI',
  },
  // the only door to the desktop: the preload bridge (window.api, electron/shared's contract)
  { name: 'platform', path: 'src/platform/', allow: ['domain', 'bridge'], testsAlsoAllow: ['test'], packages: ['electron'] },
  { name: 'bridge', path: 'electron/shared/' },
  // the main process and the preload: never imported by the renderer
  { name: 'electron', path: 'electron/' },
  // the one shared clock (docs/team-sync.md: server-corrected in team mode): read by stores and views alike
  { name: 'clock', path: 'src/clock/', allow: ['domain'], testsAlsoAllow: ['test'], packages: ['electron'] },
  // web workers and their page-side clients (src/workers/job.ts runs one job per worker): pure work off
  // the main thread, at the services level
  {
    name: 'workers',
    path: 'src/workers/',
    allow: ['domain'],
    testsAlsoAllow: ['test'],
    packages: [...UI_PACKAGES, 'electron'],
    packagesWhy: 'a worker has no UI',
  },
  // team sync (docs/team-sync.md), at the data/services level: never above it
  {
    name: 'sync',
    path: 'src/sync/',
    allow: ['domain', 'data', 'platform', 'clock', 'sync-types'],
    // *.service.test.ts run the engine against the real service (server/testing/harness.ts)
    testsAlsoAllow: ['test', 'server'],
    packages: [...UI_PACKAGES, 'electron'],
    packagesWhy: 'sync state reaches views through a store',
  },
  { name: 'sync-types', path: 'src/sync/types.ts', allow: ['domain'] },
  // Pinia stores: the only way views read and write data
  {
    name: 'stores',
    path: 'src/stores/',
    allow: ['domain', 'data', 'platform', 'clock', 'workers', 'sync', 'sync-types', 'i18n', 'resources'],
    testsAlsoAllow: ['test'],
    packages: ['naive-ui', 'vue-router', 'echarts', 'vue-echarts', 'electron'],
  },
  // useX helpers above the stores (they may use stores; stores never use them). Dexie only for liveQuery
  {
    name: 'composables',
    path: 'src/composables/',
    allow: ['domain', 'stores', 'platform', 'clock', 'workers', 'i18n'],
    testsAlsoAllow: ['test'],
    packages: ['electron'],
  },
  {
    name: 'components',
    path: 'src/components/',
    allow: ['domain', 'stores', 'composables', 'platform', 'clock', 'workers', 'i18n'],
    testsAlsoAllow: ['test'],
    packages: ['dexie', 'dexie-export-import', 'electron'],
    packagesWhy: 'components read data through stores',
  },
  {
    name: 'views',
    path: 'src/views/',
    allow: ['domain', 'stores', 'composables', 'components', 'platform', 'clock', 'workers', 'i18n', 'resources', 'export-protocol'],
    testsAlsoAllow: ['test'],
    packages: ['dexie', 'dexie-export-import', 'electron'],
    packagesWhy: 'views read data through stores',
  },
  // the export worker is a program of its own (no Pinia, no Vue): it reads through the data layer's
  // export reader (src/data/exportReader.ts) and talks to the page only through protocol.ts
  {
    name: 'export-worker',
    path: 'src/views/export/worker/',
    allow: ['domain', 'data', 'export-protocol'],
    testsAlsoAllow: ['test'],
    packages: [...UI_PACKAGES, 'electron'],
    packagesWhy: 'the worker has no UI',
  },
  { name: 'export-protocol', path: 'src/views/export/protocol.ts', allow: ['domain'] },
  // the global stylesheets, one file per area (src/styles/index.css imports them in cascade order)
  { name: 'styles', path: 'src/styles/' },
  // the composition root (main.ts, App.vue, AppShell.vue, router.ts): wires every layer together
  {
    name: 'app',
    path: 'src/',
    filesOnly: true,
    allow: [
      'domain',
      'data',
      'platform',
      'clock',
      'workers',
      'sync',
      'sync-types',
      'i18n',
      'stores',
      'composables',
      'components',
      'views',
      'resources',
      'bridge',
      'styles',
    ],
    packages: ['electron'],
  },
  // shared test fixtures (vitest includes test/**); nothing outside tests may import them
  {
    name: 'test',
    path: 'test/',
    allow: ['domain', 'data', 'platform', 'clock', 'workers', 'i18n', 'stores', 'resources', 'sync', 'sync-types'],
  },
  // `npm run bench:sync`: simulated agents made of src/sync's engine against the real service (not shipped)
  {
    name: 'sync-bench',
    path: 'server/bench/',
    allow: ['domain', 'server', 'sync', 'sync-types'],
    packages: [...UI_PACKAGES, 'dexie', 'dexie-export-import', 'electron'],
    packagesWhy: 'the benchmark drives the sync engine without a UI or IndexedDB',
  },
  // the team sync service shares only pure domain code with the renderer
  {
    name: 'server',
    path: 'server/',
    allow: ['domain'],
    testsAlsoAllow: ['test'],
    packages: [...UI_PACKAGES, 'dexie', 'dexie-export-import', 'electron'],
    packagesWhy: 'the server shares only src/domain with the renderer',
  },
]
const ROOT = import.meta.dirname
const ALIASES = { '@': 'src', '@shared': 'electron/shared', '@resources': 'resources', '@test': 'test' }

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    files: ['src/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: [
      'electron/**/*.{ts,mjs}',
      'e2e/**/*.{ts,mjs}',
      'server/**/*.{ts,mts}',
      '*.config.*',
      '*.mjs',
      'src/*.config.{ts,mts}',
      '.ci/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='window'][property.name='api']", message: 'Only src/platform/ may touch window.api.' },
      ],
    },
  },
  {
    // scripts that run code inside the page (page.evaluate / waitForFunction) use browser globals
    files: ['e2e/**/*.{ts,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/platform/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/**/*.{ts,mts,vue}', 'server/**/*.{ts,mts,mjs,js}', 'test/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/imports': ['error', { root: ROOT, aliases: ALIASES, layers: LAYERS, required: ['src/'] }] },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Domain code takes time as an argument.' }],
    },
  },
  // formatting is Prettier's job (npm run format); turn off the stylistic rules that would fight it
  prettier,
)
