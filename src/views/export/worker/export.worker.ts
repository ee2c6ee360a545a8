/**
 * The export worker (a module worker: `new Worker(new URL('./worker/export.worker.ts', import.meta.url), { type: 'module' })`).
 * It opens the app's database itself (IndexedDB works in workers) and runs ExportJobs; the renderer's main
 * thread only sends requests and receives progress and the finished files. Cancelling terminates it.
 */
import { ConsoleDb } from '@/data/db'
import { ExportJobs } from './exportJob'
import type { WorkerRequest, WorkerResponse } from '../protocol'

const dbs = new Map<string, ConsoleDb>()
const jobs = new ExportJobs((name) => {
  const key = name ?? ''
  let db = dbs.get(key)
  if (!db) {
    db = name ? new ConsoleDb(name) : new ConsoleDb()
    dbs.set(key, db)
  }
  return db
})

const post = (message: WorkerResponse, transfer: Transferable[] = []): void => self.postMessage(message, { transfer })

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  void jobs.handle(event.data, post)
}
