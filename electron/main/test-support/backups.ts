/** Backup texts for main-process tests, shaped like the renderer's (src/data/backup.ts `createBackup`). */
import { BACKUP_APP, BACKUP_TABLES } from '../backupFormat'

export interface FakeBackupOptions {
  cases?: number
  /** Written into every case row, to tell files apart. */
  marker?: string
  schemaVersion?: number
}

export function backupText({ cases = 0, marker = '', schemaVersion = 2 }: FakeBackupOptions = {}): string {
  const tables = BACKUP_TABLES[schemaVersion] ?? BACKUP_TABLES[2]!
  const rows = (name: string): object[] => (name === 'cases' ? Array.from({ length: cases }, (_, i) => ({ id: i + 1, marker })) : [])
  return JSON.stringify({
    console: { app: BACKUP_APP, appVersion: '0.1.0', schemaVersion, createdAt: 0, agent: 'Lin' },
    formatName: 'dexie',
    formatVersion: 1,
    data: {
      databaseName: 'verification-console',
      databaseVersion: schemaVersion,
      tables: tables.map((name) => ({ name, schema: '++id, [caseId+at]', rowCount: rows(name).length })),
      data: tables.map((tableName) => ({ tableName, inbound: true, rows: rows(tableName) })),
    },
  })
}
