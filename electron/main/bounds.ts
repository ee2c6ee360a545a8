import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { mainLog } from './log'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_BOUNDS = { width: 1280, height: 820 } as const
export const MIN_SIZE = { width: 900, height: 600 } as const

const stateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(MIN_SIZE.width).max(20000),
  height: z.number().int().min(MIN_SIZE.height).max(20000),
  maximized: z.boolean().default(false),
})

export type WindowState = z.infer<typeof stateSchema>

/** Height of the strip at the top of the window the user drags it by. */
const TITLE_BAR = 32
/** Windows reports snapped windows a few pixels outside the work area (invisible resize borders). */
const EDGE_SLACK = 16

/**
 * Saved bounds are used only if valid and if the window is reachable on a display that still exists:
 * a good part of it visible, and its title bar on screen (not above the top or below the bottom edge).
 */
export function validateWindowState(raw: unknown, workAreas: readonly Rect[]): WindowState | null {
  const parsed = stateSchema.safeParse(raw)
  if (!parsed.success) return null
  const s = parsed.data
  const visible = workAreas.some((area) => {
    const w = Math.min(s.x + s.width, area.x + area.width) - Math.max(s.x, area.x)
    const h = Math.min(s.y + s.height, area.y + area.height) - Math.max(s.y, area.y)
    const titleBarOnScreen = s.y >= area.y - EDGE_SLACK && s.y + TITLE_BAR <= area.y + area.height
    return w >= Math.min(200, s.width) && h >= Math.min(100, s.height) && titleBarOnScreen
  })
  return visible ? s : null
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState | null {
  try {
    return validateWindowState(JSON.parse(fs.readFileSync(file, 'utf8')), workAreas)
  } catch (err) {
    // no file yet is the usual case; anything else is noted (the window opens at the default place)
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') mainLog.warn('window.state.load', err)
    return null
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = `${file}.tmp`
    fs.writeFileSync(tmp, JSON.stringify(state))
    fs.renameSync(tmp, file)
  } catch (err) {
    // losing the window position is harmless
    mainLog.warn('window.state.save', err)
  }
}
