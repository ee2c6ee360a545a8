/**
 * The installers cannot be built on this project's machines (electron-builder downloads Electron, NSIS and
 * the AppImage tools), so their configuration is checked here instead: electron-builder's own schema and
 * file matchers, the icons it points to at the sizes each platform needs, the `dist` script and the release
 * workflow that builds them on hosted runners.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'

const root = path.resolve(__dirname, '../..')
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8')
const config = JSON.parse(read('electron-builder.json')) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const pkg = JSON.parse(read('package.json')) as {
  main: string
  scripts: Record<string, string>
  devDependencies: Record<string, string>
  dependencies: Record<string, string>
}

// electron-builder's internals, pinned with the package (it is installed at an exact version)
interface Matcher {
  patterns: string[]
  createFilter(): (file: string, stat: { isDirectory(): boolean; moduleFullFilePath?: string }) => boolean
}
const builderConfig = (await import('app-builder-lib/out/util/config/config.js' as string)) as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean }): Promise<void>
}
const fileMatcher = (await import('app-builder-lib/out/fileMatcher.js' as string)) as {
  getMainFileMatchers(...args: unknown[]): Matcher[]
  getNodeModuleFileMatcher(...args: unknown[]): Matcher
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(path.join(root, file))
  expect(b.subarray(1, 4).toString('ascii'), `${file} is a PNG`).toBe('PNG')
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

/** The image sizes inside a Windows .ico (a stored 0 means 256). */
function icoSizes(file: string): number[] {
  const b = fs.readFileSync(path.join(root, file))
  expect(b.readUInt16LE(2), `${file} is an icon file`).toBe(1)
  return Array.from({ length: b.readUInt16LE(4) }, (_, i) => b[6 + 16 * i] || 256)
}

/** The chunk types inside a macOS .icns. */
function icnsTypes(file: string): string[] {
  const b = fs.readFileSync(path.join(root, file))
  expect(b.subarray(0, 4).toString('ascii')).toBe('icns')
  expect(b.readUInt32BE(4), 'declared length matches the file').toBe(b.length)
  const types: string[] = []
  for (let at = 8; at < b.length; at += b.readUInt32BE(at + 4)) types.push(b.subarray(at, at + 4).toString('ascii'))
  return types
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(builderConfig.validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined()
  })

  it('the schema check can fail: a misspelt option is refused', async () => {
    const broken = { ...config, nsis: { ...config['nsis'], oneClik: false } }
    await expect(builderConfig.validateConfiguration(broken, { isEnabled: false })).rejects.toThrow(/nsis/)
  })

  it('keeps one app id and product name (changing them orphans installed copies and their settings)', () => {
    expect(config['appId']).toBe('com.supportconsole.verification-code-console')
    expect(config['appId']).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/)
    expect(config['productName']).toBe('Verification Code Console')
    // no productName in package.json: the user-data folder stays "verification-code-console" (README)
    expect(pkg).not.toHaveProperty('productName')
  })

  it('builds NSIS for Windows, dmg for macOS, AppImage and deb for Linux', () => {
    const targets = (platform: string): string[] => (config[platform].target as { target: string }[]).map((t) => t.target)
    expect(targets('win')).toEqual(['nsis'])
    expect(targets('mac')).toEqual(['dmg'])
    expect(targets('linux')).toEqual(['AppImage', 'deb'])
    expect(config['nsis'].oneClick).toBe(false)
    expect(config['nsis'].perMachine).toBe(false)
    // deb refuses to build without a maintainer
    expect(config['linux'].maintainer).toMatch(/<[^>@\s]+@[^>\s]+>/)
  })

  it('packs the built app into an asar archive, with hardened Electron fuses and the macOS hardened runtime', () => {
    expect(config['asar']).toBe(true)
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(config['mac'].hardenedRuntime).toBe(true)
  })

  describe('files in the package', () => {
    const packager = {
      config,
      projectDir: root,
      buildResourcesDir: path.join(root, config['directories'].buildResources),
      isPrepackedAppAsar: false,
      debugLogger: { isEnabled: false },
    }
    const matchers = fileMatcher.getMainFileMatchers(root, '/app', (s: string) => s, {}, { info: packager }, path.join(root, 'dist'), false)
    const included = matchers[0]!.createFilter()
    const file = { isDirectory: () => false }

    it('lists out/**', () => {
      expect(config['files']).toContain('out/**')
      expect(matchers).toHaveLength(1)
    })

    it.each(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/icons/png/256x256.png', 'package.json'])(
      'includes %s',
      (p) => expect(included(path.join(root, p), file)).toBe(true),
    )

    it.each([
      'out/web/index.html',
      'out/main/index.js.map',
      'src/main.ts',
      'electron/main/index.ts',
      'resources/icon.svg',
      'e2e/support.ts',
      'electron-builder.json',
      'dist/verification-code-console-0.1.0-x64.AppImage',
    ])('leaves out %s', (p) => expect(included(path.join(root, p), file)).toBe(false))

    it('ships no node_modules: the renderer, preload and main are bundled', () => {
      const modules = fileMatcher.getNodeModuleFileMatcher(root, '/app', (s: string) => s, {}, packager).createFilter()
      for (const dep of Object.keys(pkg.dependencies)) {
        const p = `node_modules/${dep}/package.json`
        expect(modules(path.join(root, p), { isDirectory: () => false, moduleFullFilePath: p }), dep).toBe(false)
      }
    })

    it('main starts from a file the package includes', () => {
      expect(included(path.join(root, pkg.main), file)).toBe(true)
    })
  })
})

describe('icons', () => {
  const iconPaths = [config['win'].icon, config['mac'].icon, config['linux'].icon] as string[]

  it('every icon the configuration names exists, and the one source image beside them', () => {
    for (const p of [...iconPaths, 'resources/icon.svg']) expect(fs.existsSync(path.join(root, p)), p).toBe(true)
  })

  it('Linux and the window: PNGs from 16 to 1024 px, each the size its name says', () => {
    const dir = config['linux'].icon as string
    const names = fs.readdirSync(path.join(root, dir)).sort((a, b) => parseInt(a) - parseInt(b))
    expect(names).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024].map((n) => `${n}x${n}.png`))
    for (const name of names) {
      const n = parseInt(name)
      expect(pngSize(path.join(dir, name)), name).toEqual({ width: n, height: n })
    }
  })

  it('Windows: an .ico with 16, 24, 32, 48, 64, 128 and 256 px images', () => {
    expect(icoSizes(config['win'].icon)).toEqual([16, 24, 32, 48, 64, 128, 256])
  })

  it('macOS: an .icns up to 1024 px (512@2x)', () => {
    expect(icnsTypes(config['mac'].icon)).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14']))
  })

  it('tray: 16 px and 32 px (@2x)', () => {
    expect(pngSize('resources/icons/tray.png')).toEqual({ width: 16, height: 16 })
    expect(pngSize('resources/icons/tray@2x.png')).toEqual({ width: 32, height: 32 })
  })
})

describe('npm run dist', () => {
  it('builds the app, then packs it with this configuration and never publishes', () => {
    expect(pkg.scripts['dist']).toBe('electron-vite build && electron-builder --config electron-builder.json --publish never')
    expect(pkg.scripts['icons']).toBe('node electron/tools/icons.mjs')
  })

  it('uses a pinned electron-builder', () => {
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/)
  })
})

describe('release workflow', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const workflow = parseYaml(read('.github/workflows/release.yml')) as Record<string, any>
  const jobs = workflow['jobs']

  it('runs on version tags and by hand, reading the repository only by default', () => {
    expect(workflow['on'].push.tags).toEqual(['v*'])
    expect(workflow['on']).toHaveProperty('workflow_dispatch')
    expect(workflow['permissions']).toEqual({ contents: 'read' })
  })

  it('checks the code before building', () => {
    const runs = (jobs.check.steps as { run?: string }[]).flatMap((s) => (s.run ? [s.run] : []))
    expect(runs).toEqual(expect.arrayContaining(['npm run lint', 'npm run typecheck', 'npm run test:unit']))
    expect(jobs.build.needs).toBe('check')
  })

  it('builds each platform on its own hosted runner with npm run dist', () => {
    const matrix = jobs.build.strategy.matrix.include as { os: string; platform: string }[]
    expect(matrix.map((m) => [m.os, m.platform])).toEqual([
      ['windows-latest', '--win'],
      ['macos-latest', '--mac'],
      ['ubuntu-latest', '--linux'],
    ])
    const steps = jobs.build.steps as { run?: string; uses?: string; with?: Record<string, string> }[]
    expect(steps.some((s) => s.run === 'npm run dist -- ${{ matrix.platform }}')).toBe(true)
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))
    for (const ext of ['exe', 'dmg', 'AppImage', 'deb']) expect(upload?.with?.['path']).toContain(`dist/*.${ext}`)
  })

  it('drafts a release only for tags, with write access only there', () => {
    expect(jobs.release.if).toBe("startsWith(github.ref, 'refs/tags/v')")
    expect(jobs.release.permissions).toEqual({ contents: 'write' })
    expect(jobs.release.needs).toBe('build')
  })

  it('uses the Node version of .nvmrc', () => {
    for (const job of [jobs.check, jobs.build]) {
      const setup = (job.steps as { uses?: string; with?: Record<string, string> }[]).find((s) => s.uses?.startsWith('actions/setup-node'))
      expect(setup?.with?.['node-version-file']).toBe('.nvmrc')
    }
  })
})
