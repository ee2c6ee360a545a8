/**
 * Renders every icon the app and its installers use from the one source image, resources/icon.svg:
 *   resources/icons/png/<N>x<N>.png   Linux icon set (electron-builder reads the folder), window icon
 *   resources/icons/icon.ico          Windows installer and executable (16–256 px)
 *   resources/icons/icon.icns         macOS app and dmg (16–1024 px)
 *   resources/icons/tray.png, tray@2x.png   tray / menu-bar icon (16 px and 32 px)
 *   resources/icons/tray-alert.png, tray-alert@2x.png   the same with a red dot: reviews need attention
 * The results are committed, so a build needs no image tools; run `npm run icons` after changing the SVG.
 * sharp renders the SVG (librsvg), icon-gen packs the ICO and ICNS files.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import icongen from 'icon-gen'
import sharp from 'sharp'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const source = path.join(root, 'resources/icon.svg')
const out = path.join(root, 'resources/icons')

/** Every size any platform asks for; ICO and ICNS pick theirs from these. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
export const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024]

async function render(size, file) {
  // density scales the 1024-unit SVG so small sizes are rendered, not shrunk from a bitmap
  await sharp(source, { density: Math.max(1, (72 * size) / 1024) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(file)
}

/** The tray icon with a red dot in its top-right corner (a quarter of its width, white ring). */
async function withAlertDot(file, size, outFile) {
  const r = size / 4
  const dot = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">` +
      `<circle cx="${size - r}" cy="${r}" r="${r}" fill="#ffffff"/><circle cx="${size - r}" cy="${r}" r="${r * 0.72}" fill="#dc2626"/></svg>`,
  )
  await sharp(file)
    .composite([{ input: dot }])
    .png({ compressionLevel: 9 })
    .toFile(outFile)
}

async function main() {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'icons-'))
  try {
    await fs.rm(out, { recursive: true, force: true })
    await fs.mkdir(path.join(out, 'png'), { recursive: true })
    for (const size of PNG_SIZES) {
      await render(size, path.join(work, `${size}.png`))
      await fs.copyFile(path.join(work, `${size}.png`), path.join(out, 'png', `${size}x${size}.png`))
    }
    await fs.copyFile(path.join(work, '16.png'), path.join(out, 'tray.png'))
    await fs.copyFile(path.join(work, '32.png'), path.join(out, 'tray@2x.png'))
    await withAlertDot(path.join(work, '16.png'), 16, path.join(out, 'tray-alert.png'))
    await withAlertDot(path.join(work, '32.png'), 32, path.join(out, 'tray-alert@2x.png'))
    await icongen(work, out, { ico: { name: 'icon', sizes: ICO_SIZES }, icns: { name: 'icon', sizes: ICNS_SIZES } })
    console.log(`icons written to ${path.relative(root, out)}/`)
  } finally {
    await fs.rm(work, { recursive: true, force: true })
  }
}

await main()
