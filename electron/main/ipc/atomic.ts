import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import type { FilePayload } from '../../shared/contract'

/**
 * Writes to a fresh temp file beside the target, flushes it to disk, then renames it over the target:
 * a failed or interrupted write never leaves a partial file under the chosen name, and the previous
 * file (if any) stays intact until the new one is complete. The temp name is unique, so two writes to
 * the same target cannot trample each other's temp file. `mode` sets the permissions the file is created
 * with, before any byte is written (0o600: readable by its owner only).
 */
export async function writeFileAtomic(file: string, payload: FilePayload, mode = 0o666): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.partial`
  let handle: fs.FileHandle | undefined
  let created = false
  try {
    handle = await fs.open(tmp, 'wx', mode)
    created = true
    await handle.writeFile(payload.kind === 'text' ? payload.text : payload.bytes)
    await handle.sync()
    await handle.close()
    handle = undefined
    await fs.rename(tmp, file)
  } catch (err) {
    // cleaning up after a failure: the first error is the one rethrown below
    await handle?.close().catch(() => undefined)
    if (created) await fs.rm(tmp, { force: true }).catch(() => undefined)
    throw err
  }
}
