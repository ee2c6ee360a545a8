import { BrowserWindow, dialog, type IpcMainInvokeEvent } from 'electron'
import type { SaveFileRequest, SaveFileResult } from '../../shared/contract'
import { writeFileAtomic } from './atomic'

export { writeFileAtomic }

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
