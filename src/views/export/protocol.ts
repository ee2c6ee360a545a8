/**
 * Messages between the renderer and the export worker (`worker/export.worker.ts`). Everything here is
 * structured-cloneable. File bytes stream back while the export runs, as `chunk` messages of about
 * 1 MiB (transferred ArrayBuffers, no copy), so neither side ever holds a whole file; `exported` then
 * names the files the chunks made.
 */
import type { BusinessCalendar } from '@/domain/calendar/calendar'
import type { DashboardData } from '@/domain/dashboard/aggregate'
import type { ExportTable } from '@/domain/export/columns'
import type { ExportFilter } from '@/domain/export/filter'
import type { Language } from '@/domain/model'
import type { Problem } from '@/domain/result'
import type { SlaSettings } from '@/domain/sla/settings'

interface RequestBase {
  /** Answers carry the same id. */
  id: number
  /** IndexedDB name (default: the app's database). */
  dbName?: string
  /** IANA zone for dates, date ranges and day buckets (the business calendar's zone). */
  timeZone: string
  /** Epoch ms "now" from the renderer's shared clock (SLA statuses are "as of now"). */
  now: number
  /** Business calendar and SLA settings; absent: the defaults (see slaFields.ts). */
  calendar?: BusinessCalendar | null
  sla?: SlaSettings | null
}

/** How many cases a filter selects (indexes only). A newer count supersedes an older one. */
export interface CountRequest extends RequestBase {
  type: 'count'
  filter: ExportFilter
}

export interface ExportRequest extends RequestBase {
  type: 'export'
  filter: ExportFilter
  format: 'csv' | 'xlsx'
  /** Tables to write; 'cases' is always written. XLSX: one sheet each; CSV: one file each. */
  tables: ExportTable[]
  language: Language
  fullDetails: boolean
  attempts: 'current' | 'history'
  values: 'labels' | 'codes'
  /** Today's local date (ISO), for the file name when the range is open. */
  today: string
  /** Cases per chunk (default FILE_EXPORT_CHUNK, 1,000). */
  chunkSize?: number
  /** CSV with more than one table: one .zip holding the CSV files (browser mode: one download). */
  bundle?: boolean
}

export interface DashboardRequest extends RequestBase {
  type: 'dashboard'
  /** Inclusive local dates; null: open. */
  from: string | null
  to: string | null
}

export type WorkerRequest = CountRequest | ExportRequest | DashboardRequest

/** A file the export wrote; its bytes came as `chunk` messages with its index. */
export interface ExportFileInfo {
  /** The table it holds (a bundle: the first; XLSX: 'cases', with every sheet). */
  table: ExportTable
  name: string
  mimeType: string
  /** Data rows in the file (a bundle: in its cases file). */
  rows: number
  /** For a .zip of CSV files: the names inside. */
  entries?: string[]
}

export type WorkerResponse =
  | { type: 'count'; id: number; count: number }
  | {
      type: 'progress'
      id: number
      /** reading: `done` of `total` cases read and written; writing: building the file. */
      phase: 'reading' | 'writing'
      done: number
      total: number
      /** The worker's JS heap in bytes, where the browser tells (Chromium). */
      heap?: number
    }
  /** The next bytes of file `file` (an index into `exported.files`), in order. */
  | { type: 'chunk'; id: number; file: number; bytes: Uint8Array }
  | { type: 'exported'; id: number; cases: number; files: ExportFileInfo[]; heap?: number }
  /** No case matches: nothing was written. */
  | { type: 'empty'; id: number }
  | { type: 'dashboard'; id: number; data: DashboardData }
  | { type: 'failed'; id: number; problem: Problem }

export const CSV_MIME = 'text/csv;charset=utf-8'
export const ZIP_MIME = 'application/zip'
