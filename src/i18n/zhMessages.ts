import { collect, type Messages } from './collect'

/** The zh-CN strings: their own chunk, loaded only when the UI language is zh-CN (index.ts, setLocale). */
export const zhMessages: Messages = collect(import.meta.glob<{ default: Messages }>('./zh-CN/*.ts', { eager: true }))
