import { z } from 'zod'
import type { EmailProvider } from '../model'
import type { Result } from '../result'
import { cleanPastedEmail } from './pasted'

const emailSchema = z.email()

export interface NormalizedEmail {
  /** As typed, trimmed, with the domain lower-cased. */
  display: string
  /** Lower-cased, for look-ups. */
  lower: string
  provider: EmailProvider
}

const PROVIDER_DOMAINS: Record<string, EmailProvider> = {
  'qq.com': 'qq',
  'vip.qq.com': 'qq',
  'foxmail.com': 'qq',
  '163.com': '163',
  'vip.163.com': '163',
  '126.com': '163',
  'yeah.net': '163',
  'gmail.com': 'gmail',
  'googlemail.com': 'gmail',
  'outlook.com': 'outlook',
  'hotmail.com': 'outlook',
  'live.com': 'outlook',
  'msn.com': 'outlook',
  'outlook.cn': 'outlook',
  'proton.me': 'protonmail',
  'protonmail.com': 'protonmail',
  'protonmail.ch': 'protonmail',
  'pm.me': 'protonmail',
}

/** Infers the email provider from the address's domain (regional Outlook/Hotmail domains included). */
export function inferEmailProvider(email: string): EmailProvider {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
  const known = PROVIDER_DOMAINS[domain]
  if (known) return known
  if (/^(?:outlook|hotmail|live)\.[a-z.]+$/.test(domain)) return 'outlook'
  return 'other'
}

/** Trims what people paste (mailto:, angle brackets, full-width @), validates, lower-cases for look-up. */
export function normalizeEmail(input: string): Result<NormalizedEmail> {
  const text = cleanPastedEmail(input)
  if (text === '') return { ok: false, error: { key: 'errors.email.empty' } }
  if (/\s/.test(text)) return { ok: false, error: { key: 'errors.email.spaces' } }
  if (!text.includes('@')) return { ok: false, error: { key: 'errors.email.noAt' } }
  if (text.length > 254 || !emailSchema.safeParse(text).success) return { ok: false, error: { key: 'errors.email.invalid' } }
  const at = text.lastIndexOf('@')
  const display = text.slice(0, at) + '@' + text.slice(at + 1).toLowerCase()
  return { ok: true, value: { display, lower: text.toLowerCase(), provider: inferEmailProvider(text) } }
}
