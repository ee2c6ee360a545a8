import { onBeforeUnmount, ref, watch, type Ref } from 'vue'
import type { ZodType } from 'zod'
import { redactDeep } from '@/domain/guard/storedText'
import type { Language } from '@/domain/model'
import { i18n } from '@/i18n'
import { log } from '@/platform'

export interface DraftStore<T> {
  draft: Ref<T>
  /** Whether a saved draft (different from an empty form) was restored at start. */
  restored: boolean
  /** Empties the form and forgets this window's stored draft (another window's draft is left alone). */
  clear(): void
}

const WINDOW_KEY = 'console.windowId'
const WINDOWS_KEY = 'draft-windows'
/** A window that has not said it is alive for this long is gone (closed or crashed): its drafts may be adopted. */
export const WINDOW_GONE_MS = 60_000
const HEARTBEAT_MS = 15_000

let windowId: string | null = null
let heartbeat: ReturnType<typeof setInterval> | null = null

function readWindows(): Record<string, number> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(WINDOWS_KEY) ?? '{}')
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, number>) : {}
  } catch {
    return {}
  }
}

function touchWindow(id: string): void {
  try {
    const now = Date.now()
    const all = readWindows()
    all[id] = now
    // forget windows gone for a day
    for (const [k, at] of Object.entries(all)) if (typeof at !== 'number' || now - at > 86_400_000) delete all[k]
    localStorage.setItem(WINDOWS_KEY, JSON.stringify(all))
  } catch {
    // storage unavailable: drafts still work for this window
  }
}

/**
 * This window's id (sessionStorage: one per tab, kept across a reload of that tab). Drafts are kept per
 * window, so Cancel in one tab never deletes another tab's unsaved text.
 */
export function currentWindowId(): string {
  if (windowId) return windowId
  let id: string | null = null
  try {
    id = sessionStorage.getItem(WINDOW_KEY)
    if (!id) {
      id = crypto.randomUUID()
      sessionStorage.setItem(WINDOW_KEY, id)
    }
  } catch {
    id = crypto.randomUUID()
  }
  windowId = id
  touchWindow(id)
  heartbeat ??= setInterval(() => touchWindow(id), HEARTBEAT_MS)
  return id
}

const draftKey = (key: string, window: string): string => `draft:${key}@${window}`

/** Forgets every window's draft of a form (after the record it edits changed for good, e.g. a template import). */
export function forgetDrafts(key: string): void {
  try {
    const prefix = `draft:${key}@`
    const doomed: string[] = []
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)
      if (k && (k.startsWith(prefix) || k === `draft:${key}`)) doomed.push(k)
    }
    for (const k of doomed) localStorage.removeItem(k)
  } catch {
    // nothing to forget
  }
}

/**
 * A draft this window may take over: its own, else one left by a window that is gone (closed or crashed; a
 * draft from before per-window drafts counts as such). A live window's draft is never taken.
 */
function adoptableDraft(key: string, own: string): string | null {
  const mine = localStorage.getItem(draftKey(key, own))
  if (mine) return mine
  const windows = readWindows()
  const now = Date.now()
  const prefix = `draft:${key}@`
  const candidates: string[] = [`draft:${key}`]
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i)
    if (!k?.startsWith(prefix)) continue
    const seen = windows[k.slice(prefix.length)]
    if (seen === undefined || now - seen > WINDOW_GONE_MS) candidates.push(k)
  }
  for (const k of candidates) {
    const raw = localStorage.getItem(k)
    if (raw) {
      localStorage.removeItem(k)
      return raw
    }
  }
  return null
}

/**
 * Keeps a form's contents in localStorage as the agent types (synchronously, so a reload or crash
 * loses nothing), per window. Every string is stored with its secrets (verification codes, authenticator keys,
 * ID numbers) replaced by the guard's removal note, whatever the form: the form itself still holds the text,
 * so the agent sees the warning and removes it. `sanitize` runs first, for any other shaping.
 * A stored draft that fails the schema is ignored. An untouched form stores nothing.
 */
export function useDraft<T>(key: string, schema: ZodType<T>, initial: () => T, sanitize: (value: T) => T = (v) => v): DraftStore<T> {
  const storageKey = draftKey(key, currentWindowId())
  const pristine = JSON.stringify(initial())
  const stored = (value: T): string => JSON.stringify(redactDeep(sanitize(value), i18n.global.locale.value as Language))
  let restored = false
  let start = initial()
  try {
    const raw = adoptableDraft(key, currentWindowId())
    if (raw) {
      const parsed = schema.safeParse(JSON.parse(raw))
      if (parsed.success && JSON.stringify(parsed.data) !== pristine) {
        start = parsed.data
        restored = true
        localStorage.setItem(storageKey, stored(parsed.data))
      } else {
        localStorage.removeItem(storageKey)
      }
    }
  } catch (err) {
    // a broken draft is dropped
    log.warn('draft.restore', err)
  }
  const draft = ref(start) as Ref<T>

  let saveFailed = false
  const write = (): void => {
    try {
      const json = stored(draft.value)
      if (json === pristine) localStorage.removeItem(storageKey)
      else localStorage.setItem(storageKey, json)
    } catch (err) {
      // storage full or unavailable: the form still holds the text
      if (!saveFailed) log.warn('draft.save', err) // once: it runs on every keystroke
      saveFailed = true
    }
  }
  watch(draft, write, { deep: true, flush: 'sync' })
  onBeforeUnmount(write)

  return {
    draft,
    restored,
    clear() {
      draft.value = initial()
      localStorage.removeItem(storageKey)
    },
  }
}
