/** Checks and restores one backup off the page's thread (see ./backupSession.ts). */
import { backupSession, type BackupReply, type BackupRequest } from './backupSession'

const scope = self as unknown as { onmessage: ((e: MessageEvent<BackupRequest>) => void) | null; postMessage(m: BackupReply): void }
const handle = backupSession((m) => scope.postMessage(m))
scope.onmessage = (event) => void handle(event.data)
