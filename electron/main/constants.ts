/** The renderer's origin. IndexedDB data is tied to it: never change it. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'console'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** https hosts that links may open in the system browser. Everything else is refused. */
export const EXTERNAL_HOST_ALLOW_LIST: readonly string[] = [
  'www.binance.com',
  'support.apple.com',
  'support.google.com',
  'www.10086.cn',
  'www.10010.com',
  'www.189.cn',
]

/** Permissions the renderer may use. Everything not listed is denied. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['notifications', 'clipboard-sanitized-write', 'persistent-storage']

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // the team server (docs/team-sync.md): https anywhere, plain http only on this machine (as Settings → Team allows)
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "object-src 'none'",
].join('; ')
