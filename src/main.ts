import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { requestPersistentStorage } from './data/db'
import { i18n } from './i18n'
import { createAppRouter } from './router'
import { useSettingsStore } from './stores/settings'
import './styles.css'

async function start(): Promise<void> {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  app.use(i18n)
  app.use(createAppRouter())
  await useSettingsStore(pinia).load()
  void requestPersistentStorage()
  app.mount('#app')
  performance.mark('app-mounted')
}

void start()
