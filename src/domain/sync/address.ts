/**
 * The team server's address as an agent types it: an http(s) URL with no user name, password, query or
 * fragment. Plain http only to this machine (a loopback address) — anywhere else the sign-in and every
 * case would cross the network unencrypted. Returns the base URL (origin plus path, no trailing slash).
 * Typed with a Chinese input method on, an address comes with full-width signs (`https：／／sync。example。com`):
 * they are read as the ASCII ones (Unicode compatibility normalisation, NFKC).
 */

export type AddressProblem = 'empty' | 'invalid' | 'insecure' | 'credentials' | 'query'

export type AddressResult = { ok: true; url: string; origin: string } | { ok: false; problem: AddressProblem }

// the CSP (src/index.html, electron/main/constants.ts) allows these; a CSP source cannot name [::1]
const LOOPBACK = /^(localhost|127\.0\.0\.1)$/i

export function parseServerAddress(input: string): AddressResult {
  const text = input.normalize('NFKC').trim()
  if (text === '') return { ok: false, problem: 'empty' }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return { ok: false, problem: 'invalid' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'invalid' }
  if (url.hostname === '') return { ok: false, problem: 'invalid' }
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' }
  if (url.search !== '' || url.hash !== '') return { ok: false, problem: 'query' }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) return { ok: false, problem: 'insecure' }
  const path = url.pathname.replace(/\/+$/, '')
  return { ok: true, url: `${url.origin}${path}`, origin: url.origin }
}
