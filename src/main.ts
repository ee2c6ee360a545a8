import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { clockNow, localIsoDate } from './clock'
import { getDb, requestPersistentStorage } from './data/db'
import { createReplica } from './data/replica'
import { generateCaseNumber } from './domain/case/caseNumber'
import { i18n } from './i18n'
import { log, platform, startLogging } from './platform'
import { platformVault } from './platform/sessionVault'
import { createAppRouter } from './router'
import { useSettingsStore } from './stores/settings'
import { provideSyncEnvironment, useSyncStore } from './stores/sync'
import './styles.css'

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
  await settings.load()
  // team sync reaches local data only through src/data's replica (docs/team-sync.md, "The seam"); the
  // refresh token lives in the platform's vault (safeStorage in the desktop app, memory in the browser)
  provideSyncEnvironment({
    vault: () => platformVault(platform()),
    replica: () =>
      createReplica(getDb(), {
        now: clockNow,
        nextCaseNumber: () => generateCaseNumber(localIsoDate(clockNow()), Math.random),
        agent: () => settings.agent,
        // the removal note put in place of a secret in a pulled record, in the agent's language
        language: () => settings.uiLocale,
      }),
  })
  await useSyncStore(pinia).load()
  void requestPersistentStorage()
  app.mount('#app')
  performance.mark('app-mounted')
}

void start()
