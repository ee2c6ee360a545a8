// first: opens the database and starts the case list's first read while the rest of the code evaluates
import { firstRowsRead } from './firstScreenRead'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { getDb, requestPersistentStorage } from './data/db'
import { readSetting } from './data/settings'
import { afterFirstScreen } from './composables/useFirstScreen'
import { loadDarkTheme, wantsDark } from './darkTheme'
import { prepareShortDateTime } from './domain/intl'
import { TEAM_CONFIG_KEY, isTeamJoined } from './domain/sync/teamConfig'
import { detectLocale, i18n } from './i18n'
import { log, startLogging } from './platform'
import { createAppRouter, loadCaseView } from './router'
import { useSettingsStore } from './stores/settings'
import './styles/index.css'

/** The stored team configuration; unreadable is solo here (the sync store says why when it loads). */
async function readTeamConfig(): Promise<unknown> {
  try {
    return await readSetting(getDb(), TEAM_CONFIG_KEY)
  } catch (err) {
    log.warn('sync.config.unreadable', err)
    return null
  }
}

async function start(): Promise<void> {
  startLogging()
  const app = createApp(App)
  // a component that throws: logged (the page may show less, the app keeps running)
  app.config.errorHandler = (err, _instance, info) => log.error('vue.error', err, { info })
  const pinia = createPinia()
  app.use(pinia)
  app.use(i18n)
  app.use(createAppRouter())
  const settings = useSettingsStore(pinia)
  // the case list's first rows too (firstScreenRead), so the first frame shows them
  const reads = Promise.all([settings.load(), readTeamConfig(), firstRowsRead])
  // meanwhile, the rows' date format (with the engine's Intl set-up, the costly part whatever the language)
  prepareShortDateTime(detectLocale())
  const [, team] = await reads
  // opening dark: the dark theme's chunk is in before the first paint (no light flash); a failed load opens light
  if (wantsDark(settings.prefs.theme, matchMedia('(prefers-color-scheme: dark)').matches))
    await loadDarkTheme().catch((err: unknown) => log.error('theme.load', err))
  const startTeamSync = async (): Promise<void> => (await import('./teamSync')).startTeamSync(pinia)
  // team mode: sync starts before the first screen, so every change the agent makes queues
  if (isTeamJoined(team)) await startTeamSync()
  void requestPersistentStorage()
  app.mount('#app')
  performance.mark('app-mounted')
  // solo: the sync code loads once the first screen is up (Settings → Team needs it to join)
  if (!isTeamJoined(team))
    void afterFirstScreen()
      .then(startTeamSync)
      .catch((err: unknown) => log.error('sync.start', err))
  // cases from before checklist summaries get theirs, a slice at a time at idle moments (cases-only exports)
  void afterFirstScreen()
    .then(() => import('./stores/summaryBackfill'))
    .then((m) => m.startSummaryBackfill())
    .catch((err: unknown) => log.warn('summaries.backfill.load', err))
  // the case page's code, at the next idle moment: opening the first case then paints without fetching it
  void afterFirstScreen()
    .then(loadCaseView)
    .catch((err: unknown) => log.warn('case-view.preload', err))
}

void start()
