import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'

const electron = vi.hoisted(() => ({
  showSaveDialog: vi.fn<(...args: unknown[]) => Promise<{ canceled: boolean; filePath?: string }>>(),
  window: null as unknown,
}))
vi.mock('electron', () => ({
  BrowserWindow: { fromWebContents: () => electron.window },
  dialog: { showSaveDialog: electron.showSaveDialog },
}))

const { saveFile, writeFileAtomic } = await import('./files')

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-'))
  electron.showSaveDialog.mockReset()
  electron.window = null
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('writeFileAtomic', () => {
  it('writes text as UTF-8 and bytes as they are', async () => {
    await writeFileAtomic(path.join(dir, 'a.csv'), { kind: 'text', text: '姓名,UID\n李伟,3500123456' })
    await writeFileAtomic(path.join(dir, 'b.bin'), { kind: 'bytes', bytes: new Uint8Array([0, 255, 80, 75]) })
    expect(fs.readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe('姓名,UID\n李伟,3500123456')
    expect([...fs.readFileSync(path.join(dir, 'b.bin'))]).toEqual([0, 255, 80, 75])
    expect(fs.readdirSync(dir).sort()).toEqual(['a.csv', 'b.bin'])
  })

  it('replaces an existing file', async () => {
    const file = path.join(dir, 'a.csv')
    fs.writeFileSync(file, 'old')
    await writeFileAtomic(file, { kind: 'text', text: 'new' })
    expect(fs.readFileSync(file, 'utf8')).toBe('new')
  })

  it('leaves no partial file and keeps the old one when the write fails midway', async () => {
    const file = path.join(dir, 'a.csv')
    fs.writeFileSync(file, 'old')
    const broken = { kind: 'bytes', bytes: { length: 3 } } as never
    await expect(writeFileAtomic(file, broken)).rejects.toThrow()
    expect(fs.readdirSync(dir)).toEqual(['a.csv'])
    expect(fs.readFileSync(file, 'utf8')).toBe('old')
  })

  it('leaves no partial file when the final rename fails', async () => {
    const target = path.join(dir, 'taken')
    fs.mkdirSync(target)
    fs.writeFileSync(path.join(target, 'inside.txt'), 'keep')
    await expect(writeFileAtomic(target, { kind: 'text', text: 'x' })).rejects.toThrow()
    expect(fs.readdirSync(dir)).toEqual(['taken'])
    expect(fs.readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('keep')
  })

  it('fails cleanly when the folder does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'a.csv'), { kind: 'text', text: 'x' })).rejects.toThrow(/ENOENT/)
    expect(fs.readdirSync(dir)).toEqual([])
  })
})

describe('saveFile', () => {
  const event = { sender: {} } as IpcMainInvokeEvent
  const req = {
    defaultName: 'cases.csv',
    filters: [{ name: 'CSV', extensions: ['csv'] }],
    payload: { kind: 'text' as const, text: 'a,b' },
  }

  it('asks where to save with the suggested name and filters, then writes there', async () => {
    const chosen = path.join(dir, 'my-export.csv')
    electron.showSaveDialog.mockResolvedValue({ canceled: false, filePath: chosen })
    await expect(saveFile(event, req)).resolves.toEqual({ saved: true, path: chosen })
    expect(electron.showSaveDialog).toHaveBeenCalledWith({ defaultPath: 'cases.csv', filters: req.filters })
    expect(fs.readFileSync(chosen, 'utf8')).toBe('a,b')
  })

  it('parents the dialog to the sending window when there is one', async () => {
    electron.window = { id: 1 }
    electron.showSaveDialog.mockResolvedValue({ canceled: true })
    await saveFile(event, req)
    expect(electron.showSaveDialog).toHaveBeenCalledWith(electron.window, { defaultPath: 'cases.csv', filters: req.filters })
  })

  it.each([
    ['cancelled', { canceled: true, filePath: path.join('x', 'ignored.csv') }],
    ['no path', { canceled: false, filePath: '' }],
  ])('writes nothing when the dialog is %s', async (_label, answer) => {
    electron.showSaveDialog.mockResolvedValue(answer)
    await expect(saveFile(event, req)).resolves.toEqual({ saved: false })
    expect(fs.readdirSync(dir)).toEqual([])
  })
})
