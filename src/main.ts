import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { requestPersistentStorage } from './data/db'
import { i18n } from './i18n'
import { log, startLogging } from './platform'
import { createAppRouter } from './router'
import { useSettingsStore } from './stores/settings'
import { useSyncStore } from './stores/sync'
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
  await useSettingsStore(pinia).load()
  await useSyncStore(pinia).load()
  void requestPersistentStorage()
  app.mount('#app')
  performance.mark('app-mounted')
}

void start()
