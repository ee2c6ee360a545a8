/**
 * The layer rules (eslint.config.mjs, eslint/layers.mjs) cannot silently stop working: each case plants
 * one import (or call) in a file of one folder, lints it through ESLint's Node API with the project's own
 * config, and expects the rule to report it. The allowed cases check the rules do not over-reach.
 */
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

/** The rule ids and messages ESLint reports for `code` as if it were the file `filePath`. */
async function lint(filePath: string, code: string): Promise<{ ruleId: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }))
}

/** A .vue file whose script holds `line`; a .ts file is `line` itself. */
const source = (filePath: string, line: string): string =>
  filePath.endsWith('.vue') ? `<script setup lang="ts">\n${line}\n</script>\n\n<template>\n  <div />\n</template>\n` : `${line}\n`

// [folder rule, planted file, planted line, what the report must say]
const violations: [string, string, string, RegExp][] = [
  // domain: pure TypeScript
  ['domain ↛ vue', 'src/domain/planted.ts', "import { ref } from 'vue'\nexport const x = ref", /package "vue"/],
  ['domain ↛ pinia', 'src/domain/planted.ts', "import { defineStore } from 'pinia'\nexport const x = defineStore", /package "pinia"/],
  ['domain ↛ dexie', 'src/domain/planted.ts', "import { Dexie } from 'dexie'\nexport const x = Dexie", /package "dexie"/],
  ['domain ↛ naive-ui', 'src/domain/planted.ts', "import { NButton } from 'naive-ui'\nexport const x = NButton", /package "naive-ui"/],
  ['domain ↛ i18n', 'src/domain/planted.ts', "import { i18n } from '@/i18n'\nexport const x = i18n", /domain .* may not import i18n/],
  [
    'domain ↛ platform',
    'src/domain/planted.ts',
    "import { platform } from '@/platform'\nexport const x = platform",
    /may not import platform/,
  ],
  ['domain ↛ data', 'src/domain/case/planted.ts', "import { getDb } from '../../data/db'\nexport const x = getDb", /may not import data/],
  [
    'domain ↛ stores',
    'src/domain/planted.ts',
    "import { useCasesStore } from '@/stores/cases'\nexport const x = useCasesStore",
    /may not import stores/,
  ],
  [
    'domain ↛ composables',
    'src/domain/planted.ts',
    "import { useProblemText } from '@/composables/useProblem'\nexport const x = useProblemText",
    /may not import composables/,
  ],
  ['domain ↛ Date.now()', 'src/domain/planted.ts', 'export const x = Date.now()', /takes time as an argument/],
  // data: below the stores and the UI
  [
    'data ↛ stores',
    'src/data/planted.ts',
    "import { useCasesStore } from '@/stores/cases'\nexport const x = useCasesStore",
    /data .* may not import stores/,
  ],
  ['data ↛ electron main', 'src/data/planted.ts', "export * from '../../electron/main/backupFormat'", /data .* may not import electron/],
  ['data ↛ vue', 'src/data/planted.ts', "import { ref } from 'vue'\nexport const x = ref", /package "vue"/],
  // stores: below composables and views
  [
    'stores ↛ composables',
    'src/stores/planted.ts',
    "import { useProblemText } from '@/composables/useProblem'\nexport const x = useProblemText",
    /stores .* may not import composables/,
  ],
  [
    'stores ↛ views',
    'src/stores/planted.ts',
    "import { createRowCache } from '@/views/cases/rowCache'\nexport const x = createRowCache",
    /may not import views/,
  ],
  // composables: above stores, below views; never the data layer
  [
    'composables ↛ data',
    'src/composables/planted.ts',
    "import { getDb } from '@/data/db'\nexport const x = getDb",
    /composables .* may not import data/,
  ],
  [
    'composables ↛ components',
    'src/composables/planted.ts',
    "export { default } from '@/components/StatusTag.vue'",
    /may not import components/,
  ],
  // components and views read data through stores
  [
    'components ↛ data',
    'src/components/Planted.vue',
    "import { getDb } from '@/data/db'\nconst x = getDb",
    /components .* may not import data/,
  ],
  [
    'components ↛ views',
    'src/components/Planted.vue',
    "import Cases from '@/views/cases/index.vue'\nconst x = Cases",
    /may not import views/,
  ],
  ['components ↛ dexie', 'src/components/Planted.vue', "import { liveQuery } from 'dexie'\nconst x = liveQuery", /package "dexie"/],
  [
    'views ↛ data (alias)',
    'src/views/cases/Planted.vue',
    "import { listCaseIds } from '@/data/cases'\nconst x = listCaseIds",
    /views .* may not import data/,
  ],
  [
    'views ↛ data (relative)',
    'src/views/cases/planted.ts',
    "import { getDb } from '../../data/db'\nexport const x = getDb",
    /may not import data/,
  ],
  ['views ↛ data (dynamic import)', 'src/views/cases/planted.ts', "export const x = () => import('@/data/db')", /may not import data/],
  ['views ↛ data (re-export)', 'src/views/cases/planted.ts', "export * from '@/data/cases'", /may not import data/],
  [
    'views ↛ export worker',
    'src/views/dashboard/planted.ts',
    "export * from '@/views/export/worker/exportJob'",
    /may not import export-worker/,
  ],
  // only src/platform touches the desktop bridge
  ['views ↛ window.api', 'src/views/cases/planted.ts', 'export const x = window.api', /Only src\/platform/],
  ['stores ↛ window.api', 'src/stores/planted.ts', 'export const x = window.api', /Only src\/platform/],
  ['views ↛ IPC contract', 'src/views/cases/planted.ts', "export type { DesktopApi } from '@shared/contract'", /may not import bridge/],
  [
    'stores ↛ electron',
    'src/stores/planted.ts',
    "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer",
    /package "electron"/,
  ],
  // the shared clock sits below the stores
  [
    'clock ↛ stores',
    'src/clock/planted.ts',
    "import { useCasesStore } from '@/stores/cases'\nexport const x = useCasesStore",
    /clock .* may not import stores/,
  ],
  // workers do pure work off the main thread
  ['workers ↛ stores', 'src/workers/planted.ts', "export * from '@/stores/cases'", /workers .* may not import stores/],
  // every folder of src/ is in the table: a new one is not left open
  ['a folder in no layer', 'src/planted/x.ts', 'export const x = 1', /src\/planted\/x\.ts is in no layer/],
  [
    'importing a folder in no layer',
    'src/views/cases/planted.ts',
    "export * from '@/planted/x'",
    /may not import no layer \(src\/planted\/\)/,
  ],
  // the export worker has no Pinia
  [
    'export worker ↛ stores',
    'src/views/export/worker/planted.ts',
    "import { useCasesStore } from '@/stores/cases'\nexport const x = useCasesStore",
    /export-worker .* may not import stores/,
  ],
  // src/sync sits at the data/services level
  [
    'sync ↛ stores',
    'src/sync/planted.ts',
    "import { useCasesStore } from '@/stores/cases'\nexport const x = useCasesStore",
    /sync .* may not import stores/,
  ],
  ['sync ↛ views', 'src/sync/planted.ts', "export * from '@/views/cases/rowCache'", /may not import views/],
  ['sync ↛ vue', 'src/sync/planted.ts', "import { ref } from 'vue'\nexport const x = ref", /package "vue"/],
  // server/ shares only src/domain
  [
    'server ↛ data',
    'server/src/planted.ts',
    "import { getDb } from '../../src/data/db'\nexport const x = getDb",
    /server .* may not import data/,
  ],
  ['server ↛ stores', 'server/planted.ts', "export * from '../src/stores/cases'", /may not import stores/],
  ['server ↛ i18n', 'server/planted.ts', "export * from '../src/i18n'", /may not import i18n/],
  // test fixtures are for tests
  [
    'app code ↛ test fixtures',
    'src/stores/planted.ts',
    "import { testDb } from '@test/db'\nexport const x = testDb",
    /may not import test/,
  ],
  [
    'i18n ↛ stores',
    'src/i18n/planted.ts',
    "import { useSettingsStore } from '@/stores/settings'\nexport const x = useSettingsStore",
    /may not import stores/,
  ],
]

const allowed: [string, string, string][] = [
  ['views → stores', 'src/views/cases/Planted.vue', "import { useCasesStore } from '@/stores/cases'\nconst x = useCasesStore"],
  ['composables → stores', 'src/composables/planted.ts', "import { useCasesStore } from '@/stores/cases'\nexport const x = useCasesStore"],
  [
    'stores → data + clock',
    'src/stores/planted.ts',
    "import { getDb } from '@/data/db'\nimport { clockNow } from '@/clock'\nexport const x = [getDb, clockNow]",
  ],
  ['platform → window.api', 'src/platform/planted.ts', 'export const x = window.api'],
  [
    'sync → data + platform',
    'src/sync/planted.ts',
    "import { getDb } from '@/data/db'\nimport { platform } from '@/platform'\nexport const x = [getDb, platform]",
  ],
  ['data → sync seam types', 'src/data/planted.ts', "export type * from '@/sync/types'"],
  ['stores → workers', 'src/stores/planted.ts', "export * from '@/workers/ics'"],
  ['export worker → data', 'src/views/export/worker/planted.ts', "export * from '@/data/exportReader'"],
  ['server → domain', 'server/src/planted.ts', "export * from '../../src/domain/sla/dates'"],
  ['tests → test fixtures', 'src/data/planted.test.ts', "import { testDb } from '@test/db'\nexport const x = testDb"],
]

describe('layer rules report a planted violation', () => {
  it.each(violations)('%s', async (_rule, filePath, line, expected) => {
    const messages = await lint(filePath, source(filePath, line))
    expect(messages.map((m) => m.message).join('\n')).toMatch(expected)
  })
})

describe('layer rules allow what the layers may do', () => {
  it.each(allowed)('%s', async (_rule, filePath, line) => {
    const messages = await lint(filePath, source(filePath, line))
    expect(messages.filter((m) => m.ruleId === 'layers/imports' || m.ruleId === 'no-restricted-syntax')).toEqual([])
  })
})
