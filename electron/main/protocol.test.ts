import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import fc from 'fast-check'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

type Handler = (request: { url: string }) => Promise<Response>
const electron = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  registered: [] as unknown[],
  fetch: vi.fn<(url: string) => Promise<Response>>(),
}))
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.registered.push(...schemes),
    handle: (scheme: string, handler: Handler) => electron.handlers.set(scheme, handler),
  },
  net: { fetch: electron.fetch },
}))

const { CONTENT_SECURITY_POLICY } = await import('./constants')
const { handleAppProtocol, registerAppScheme, resolveAppPath } = await import('./protocol')

const root = path.resolve('/opt/console/out/renderer')
const inRoot = (...parts: string[]): string => path.join(root, ...parts)
const isInsideRoot = (file: string): boolean => file.startsWith(root + path.sep)

describe('resolveAppPath', () => {
  it.each([
    ['app://console/', inRoot('index.html')],
    ['app://console', inRoot('index.html')],
    ['app://console/index.html', inRoot('index.html')],
    ['app://console/index.html?lang=zh-CN#/cases/VC-1', inRoot('index.html')],
    ['app://console/assets/index-3f2a.js', inRoot('assets', 'index-3f2a.js')],
    ['app://console/assets/%E4%B8%AD%E6%96%87.png', inRoot('assets', '中文.png')],
    ['app://console/assets/a%20b.css', inRoot('assets', 'a b.css')],
  ])('maps %s into the renderer folder', (url, expected) => {
    expect(resolveAppPath(url, root)).toBe(expected)
  })

  it.each([
    // the URL parser removes dot segments, literal or %2e-encoded, before we see the path: they stay inside
    ['app://console/../../etc/passwd', inRoot('etc', 'passwd')],
    ['app://console/assets/../../../etc/passwd', inRoot('etc', 'passwd')],
    ['app://console/%2e%2e/%2e%2e/etc/passwd', inRoot('etc', 'passwd')],
    ['app://console/.%2E/.%2e/etc/passwd', inRoot('etc', 'passwd')],
  ])('keeps dot segments inside the folder: %s', (url, expected) => {
    expect(resolveAppPath(url, root)).toBe(expected)
  })

  it.each([
    ['encoded slash traversal', 'app://console/..%2f..%2fetc%2fpasswd'],
    ['encoded slash, upper case', 'app://console/..%2F..%2Fetc%2Fpasswd'],
    ['encoded dots and slashes', 'app://console/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['encoded slash staying inside', 'app://console/assets%2findex.js'],
    ['encoded backslash', 'app://console/..%5c..%5cwindows%5cwin.ini'],
    ['literal backslash', 'app://console/..\\..\\windows\\win.ini'],
    ['literal backslash inside', 'app://console/assets\\index.js'],
    ['null byte', 'app://console/index.html%00.png'],
    ['raw null byte', 'app://console/index.html\u0000.png'],
    ['broken escape', 'app://console/%E4%B8'],
    ['invalid escape', 'app://console/%zz'],
    ['other host', 'app://evil/index.html'],
    ['host with credentials', 'app://console@evil/index.html'],
    ['host with port', 'app://console:8080/index.html'],
    ['sub-domain look-alike', 'app://console.evil/index.html'],
    ['other scheme', 'https://console/index.html'],
    ['file scheme', 'file:///etc/passwd'],
    ['not a URL', 'index.html'],
    ['empty', ''],
    ['the folder itself', 'app://console//'],
  ])('refuses %s', (_label, url) => {
    expect(resolveAppPath(url, root)).toBeNull()
  })

  it('never resolves outside the renderer folder, whatever the path', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '..%2f', '%2f', '%5c', '\\', '%00', '', 'assets', 'index.html', '%', '%c0%ae'),
      fc.string({ maxLength: 6 }),
    )
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const file = resolveAppPath(`app://console/${segments.join('/')}`, root)
        return file === null || isInsideRoot(file)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('registerAppScheme', () => {
  it('registers app:// as a standard secure scheme without bypassing CSP or opening CORS', () => {
    registerAppScheme()
    expect(electron.registered).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ])
  })
})

describe('handleAppProtocol', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'))
  fs.mkdirSync(path.join(dir, 'assets'))
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>')
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'export {}')
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  beforeEach(() => {
    electron.handlers.clear()
    electron.fetch.mockReset()
    handleAppProtocol(dir)
  })
  const serve = (url: string): Promise<Response> => {
    const handler = electron.handlers.get('app')
    if (!handler) throw new Error('no app: handler')
    return handler({ url })
  }

  it('serves files from the renderer folder with the CSP and nosniff headers', async () => {
    electron.fetch.mockResolvedValue(new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } }))
    const response = await serve('app://console/index.html')
    expect(electron.fetch).toHaveBeenCalledWith(pathToFileURL(path.join(dir, 'index.html')).toString())
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(response.headers.get('Content-Type')).toBe('text/html')
    expect(await response.text()).toBe('<!doctype html>')
  })

  it('answers 404 for refused paths without touching the disk', async () => {
    const response = await serve('app://console/..%2f..%2fetc%2fpasswd')
    expect(response.status).toBe(404)
    expect(electron.fetch).not.toHaveBeenCalled()
  })

  it('answers 404 when the file does not exist instead of failing the request', async () => {
    electron.fetch.mockRejectedValue(new Error('net::ERR_FILE_NOT_FOUND'))
    expect((await serve('app://console/missing.js')).status).toBe(404)
  })

  it('answers 404 for a folder instead of listing it', async () => {
    electron.fetch.mockResolvedValue(new Response('<ul><li>app.js</li></ul>'))
    expect((await serve('app://console/assets/')).status).toBe(404)
    expect((await serve('app://console/assets')).status).toBe(404)
    expect(electron.fetch).not.toHaveBeenCalled()
  })

  it('answers 404 when reading fails', async () => {
    electron.fetch.mockRejectedValue(new Error('net::ERR_ACCESS_DENIED'))
    expect((await serve('app://console/assets/app.js')).status).toBe(404)
  })

  it('sends the CSP on error responses too', async () => {
    const response = await serve('app://evil/')
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
  })
})
