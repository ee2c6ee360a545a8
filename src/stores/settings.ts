import { defineStore } from 'pinia'
import { computed, ref, toRaw } from 'vue'
// zod/mini: settings load before the first screen, which then carries no full zod
import * as z from 'zod/mini'
import { getDb } from '@/data/db'
import { secretsProblemIn } from '@/data/secretGuard'
import { readSetting, writeSetting } from '@/data/settings'
import { detectLocale, setLocale, type UiLocale } from '@/i18n'
import { DEFAULT_GLOBAL_SHORTCUT } from '@/domain/shortcut/accelerator'
import { fail, type Result } from '@/domain/result'
import { log } from '@/platform'
import { attempt } from './attempt'

export const prefsSchema = z.object({
  agentName: z._default(z.string().check(z.maxLength(80)), ''),
  uiLocale: z._default(z.enum(['auto', 'en', 'zh-CN']), 'auto'),
  theme: z._default(z.enum(['auto', 'light', 'dark']), 'auto'),
  /** The desktop's global shortcut (an Electron accelerator); '' turns it off. */
  globalShortcut: z._default(z.string().check(z.maxLength(100)), DEFAULT_GLOBAL_SHORTCUT),
  /** Closing the window keeps the console running in the tray (desktop app). */
  closeToTray: z._default(z.boolean(), false),
  /** The case list's filter row shows every choice at once ("All filters") instead of one line. */
  caseFiltersOpen: z._default(z.boolean(), false),
})
export type Prefs = z.infer<typeof prefsSchema>

export const DEFAULT_AGENT = 'Agent'
const KEY = 'prefs'

/** Saved settings are validated on load; anything malformed falls back to defaults field by field. */
export function parsePrefs(raw: unknown): Prefs {
  const parsed = prefsSchema.safeParse(raw ?? {})
  if (parsed.success) return parsed.data
  const base = prefsSchema.parse({})
  if (raw && typeof raw === 'object') {
    for (const key of Object.keys(base) as (keyof Prefs)[]) {
      const one = prefsSchema.shape[key].safeParse((raw as Record<string, unknown>)[key])
      if (one.success) (base as Record<string, unknown>)[key] = one.data
    }
  }
  return base
}

export const useSettingsStore = defineStore('settings', () => {
  const prefs = ref<Prefs>(prefsSchema.parse({}))
  const loaded = ref(false)

  const uiLocale = computed<UiLocale>(() => (prefs.value.uiLocale === 'auto' ? detectLocale() : prefs.value.uiLocale))
  /** Who is signing events and replies. */
  const agent = computed(() => prefs.value.agentName.trim() || DEFAULT_AGENT)
  const agentIsSet = computed(() => prefs.value.agentName.trim() !== '')

  /** Shows the UI language once its messages are in (zh-CN loads on first use); a failed load stays in English. */
  async function applyLocale(): Promise<void> {
    try {
      await setLocale(uiLocale.value)
    } catch (err) {
      log.warn('settings.locale', err)
    }
  }

  async function load(): Promise<void> {
    try {
      prefs.value = parsePrefs(await readSetting(getDb(), KEY))
    } catch (err) {
      // unreadable settings: keep defaults, the app still works
      log.warn('settings.load', err)
    }
    loaded.value = true
    await applyLocale()
  }

  /** Saves in the order they were asked for, so a quick second change is never overtaken by the first. */
  let saving: Promise<unknown> = Promise.resolve()
  /**
   * The settings this window changed. A save writes these over what is stored, not the whole object this
   * window read at start: a filter ticked in one window no longer puts back the agent name another window
   * changed meanwhile.
   */
  const changed = new Set<keyof Prefs>()

  /**
   * Applies at once (the UI reacts immediately), then saves. Changes may overlap (Use default, then Turn off
   * at once): each is applied and saved in turn. A failed save puts the old value back, unless a newer
   * change was made meanwhile (that one saves everything the agent sees).
   */
  async function update(patch: Partial<Prefs>): Promise<Result<Prefs>> {
    const before = prefs.value
    const next = parsePrefs({ ...before, ...patch })
    // a secret typed as the agent name is refused before anything changes (the data layer would anyway)
    const secret = secretsProblemIn('settings', { key: KEY, value: next })
    if (secret) return fail(secret)
    prefs.value = next
    for (const key of Object.keys(patch) as (keyof Prefs)[]) changed.add(key)
    const save = saving.then(() =>
      attempt('settings.save', async () => {
        const db = getDb()
        await db.transaction('rw', db.settings, async () => {
          const stored = parsePrefs(await readSetting(db, KEY))
          const mine = Object.fromEntries([...changed].map((key) => [key, next[key]]))
          await writeSetting(db, KEY, { ...stored, ...mine })
        })
        return next
      }),
    )
    saving = save
    await applyLocale()
    const saved = await save
    if (!saved.ok && toRaw(prefs.value) === next) {
      prefs.value = before
      await applyLocale()
    }
    return saved
  }

  return { prefs, loaded, uiLocale, agent, agentIsSet, load, update }
})
