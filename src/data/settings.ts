import type { ConsoleDb } from './db'

export async function readSetting(db: ConsoleDb, key: string): Promise<unknown> {
  return (await db.settings.get(key))?.value
}

export async function writeSetting(db: ConsoleDb, key: string, value: unknown): Promise<void> {
  await db.settings.put({ key, value })
}
