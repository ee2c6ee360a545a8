/** Worker thread: checks one automatic backup's text off main's event loop (see ../backupFormat.ts). */
import { parentPort, workerData } from 'node:worker_threads'
import { inspectBackupText } from '../backupFormat'

parentPort?.postMessage(inspectBackupText(typeof workerData === 'string' ? workerData : ''))
