import type { BackupInspection } from '../backupFormat'
import createCheckWorker from './backupCheck.worker?nodeWorker'

/**
 * Checks a backup's text in a worker thread: parsing a backup of a large database takes seconds, and main's
 * event loop also serves the window. The text is copied to the worker; the worker ends after one answer.
 */
export function inspectInWorker(text: string): Promise<BackupInspection> {
  return new Promise((resolve, reject) => {
    const worker = createCheckWorker({ workerData: text })
    let answered = false
    worker.once('message', (m: BackupInspection) => {
      answered = true
      resolve(m)
      void worker.terminate()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the backup check stopped (exit code ${code})`))
    })
  })
}
