import fs from 'node:fs/promises'
import { BrowserWindow, dialog, type IpcMainInvokeEvent } from 'electron'
import type { FilePayload, SaveFileRequest, SaveFileResult } from '../../shared/contract'

/** Writes to a temp file then renames, so a failed write never leaves a partial file under the chosen name. */
export async function writeFileAtomic(file: string, payload: FilePayload): Promise<void> {
  const tmp = `${file}.partial`
  try {
    await fs.writeFile(tmp, payload.kind === 'text' ? payload.text : payload.bytes)
    await fs.rename(tmp, file)
  } catch (err) {
    await fs.rm(tmp, { force: true })
    throw err
  }
}

/** Asks where to save (native dialog); writes only where the user chose. */
export async function askSavePath(
  event: IpcMainInvokeEvent,
  defaultName: string,
  filters: SaveFileRequest['filters'],
): Promise<string | null> {
  const win = BrowserWindow.fromWebContents(event.sender)
  const options = { defaultPath: defaultName, filters }
  const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
  return result.canceled || !result.filePath ? null : result.filePath
}

export async function saveFile(event: IpcMainInvokeEvent, req: SaveFileRequest): Promise<SaveFileResult> {
  const file = await askSavePath(event, req.defaultName, req.filters)
  if (!file) return { saved: false }
  await writeFileAtomic(file, req.payload)
  return { saved: true, path: file }
}
