import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadWindowState, saveWindowState, validateWindowState, type Rect } from './bounds'

const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 }
const right: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }
const above: Rect = { x: 0, y: -1080, width: 1920, height: 1080 }
const win = (x: number, y: number, width = 1280, height = 820) => ({ x, y, width, height, maximized: false })

describe('validateWindowState', () => {
  it.each([
    ['centred on the primary display', win(100, 80), [primary]],
    ['on a second display', win(2200, 100), [primary, right]],
    ['on a display above the primary', win(100, -900), [primary, above]],
    ['straddling two displays', win(1500, 100), [primary, right]],
    ['partly off the right edge', win(1500, 100), [primary]],
    ['snapped on Windows, a few pixels outside', win(-7, -7, 967, 1047), [primary]],
    ['at the minimum size', win(0, 0, 900, 600), [primary]],
  ])('keeps bounds %s', (_label, state, areas) => {
    expect(validateWindowState(state, areas)).toEqual(state)
  })

  it('defaults maximized to false', () => {
    expect(validateWindowState({ x: 10, y: 10, width: 1000, height: 700 }, [primary])?.maximized).toBe(false)
    expect(validateWindowState({ x: 10, y: 10, width: 1000, height: 700, maximized: true }, [primary])?.maximized).toBe(true)
  })

  it.each([
    ['on a display that was unplugged', win(2200, 100), [primary]],
    ['far off to the right', win(5000, 100), [primary]],
    ['far off to the left', win(-3000, 100), [primary]],
    ['below every display', win(100, 2000), [primary]],
    ['showing only a sliver on the right', win(1900, 100), [primary]],
    ['showing only a sliver at the bottom', win(100, 1000), [primary]],
    ['with its title bar above the screen', win(100, -700), [primary]],
    ['with no displays at all', win(100, 80), []],
  ])('ignores bounds %s', (_label, state, areas) => {
    expect(validateWindowState(state, areas)).toBeNull()
  })

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', '{"x":0}'],
    ['an array', [0, 0, 1280, 820]],
    ['missing height', { x: 0, y: 0, width: 1280 }],
    ['string numbers', { x: '0', y: '0', width: '1280', height: '820' }],
    ['fractions', { x: 0.5, y: 0, width: 1280, height: 820 }],
    ['NaN', { x: Number.NaN, y: 0, width: 1280, height: 820 }],
    ['infinite', { x: 0, y: 0, width: Number.POSITIVE_INFINITY, height: 820 }],
    ['too small', { x: 0, y: 0, width: 300, height: 200 }],
    ['absurdly large', { x: 0, y: 0, width: 50_000, height: 820 }],
    ['a non-boolean maximized', { x: 0, y: 0, width: 1280, height: 820, maximized: 'yes' }],
  ])('ignores invalid state: %s', (_label, raw) => {
    expect(validateWindowState(raw, [primary])).toBeNull()
  })
})

describe('window state file', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bounds-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('round-trips through the file, creating the folder', () => {
    const file = path.join(dir, 'nested', 'window-state.json')
    saveWindowState(file, { x: 40, y: 30, width: 1300, height: 900, maximized: true })
    expect(loadWindowState(file, [primary])).toEqual({ x: 40, y: 30, width: 1300, height: 900, maximized: true })
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json'])
  })

  it('returns null for a missing or corrupt file', () => {
    expect(loadWindowState(path.join(dir, 'none.json'), [primary])).toBeNull()
    const file = path.join(dir, 'bad.json')
    fs.writeFileSync(file, '{"x": 1, "y":')
    expect(loadWindowState(file, [primary])).toBeNull()
  })

  it('never throws when the state cannot be written', () => {
    const blocker = path.join(dir, 'a-file')
    fs.writeFileSync(blocker, '')
    expect(() => saveWindowState(path.join(blocker, 'window-state.json'), win(0, 0))).not.toThrow()
  })
})
