import fs from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './constants'
import { mainLog } from './log'

/** Must run before app `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

/**
 * Maps an app:// URL to a file inside the renderer folder, or null when it points elsewhere
 * (other host, path traversal, encoded separators, control characters, the folder itself).
 */
export function resolveAppPath(rawUrl: string, rendererDir: string): string | null {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  // The built renderer never needs an encoded separator; refuse them rather than reason about them.
  if (/%2f|%5c/i.test(url.pathname)) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\\') || /\p{Cc}/u.test(pathname)) return null
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '')
  const root = path.resolve(rendererDir)
  const file = path.resolve(root, relative)
  if (!file.startsWith(root + path.sep)) return null
  return file
}

const securityHeaders = (headers: Headers): Headers => {
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  headers.set('X-Content-Type-Options', 'nosniff')
  return headers
}

const notFound = (): Response =>
  new Response('Not found', { status: 404, headers: securityHeaders(new Headers({ 'Content-Type': 'text/plain' })) })

/** Serves the built renderer from app://console/, with the CSP as a header too. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(request.url, rendererDir)
    if (!file) return notFound()
    let response: Response
    try {
      // only regular files: a folder would otherwise come back as a directory listing
      if (!(await fs.stat(file)).isFile()) return notFound()
      response = await net.fetch(pathToFileURL(file).toString())
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') mainLog.warn('protocol.serve', err)
      return notFound()
    }
    return new Response(response.body, { status: response.status, headers: securityHeaders(new Headers(response.headers)) })
  })
}
