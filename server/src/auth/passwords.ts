/**
 * Local account passwords: scrypt from node:crypto (N=2^15 by default, r=8, p=1, 32-byte key, 16-byte
 * salt), stored as `scrypt$N$r$p$salt$hash` (base64url), so the cost can change without breaking old hashes.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

let dummy: Promise<string> | null = null

let N = 32_768
const R = 8
const P = 1
const KEYLEN = 32

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { ...opts, maxmem: 256 * opts.N! * opts.r! }, (err, key) =>
      err ? reject(err) : resolve(key),
    )
  })
}

/** Sets the cost of new hashes (log2 of N; SYNC_SCRYPT_LOG2N). Tests and benchmarks use a low one. */
export function setPasswordCost(log2N: number): void {
  N = 2 ** log2N
  dummy = null
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, { N, r: R, p: P })
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [n, r, p] = parts.slice(1, 4).map(Number)
  const salt = Buffer.from(parts[4]!, 'base64url')
  const expected = Buffer.from(parts[5]!, 'base64url')
  if (!n || !r || !p || expected.length !== KEYLEN) return false
  const key = await derive(password, salt, { N: n, r, p })
  return timingSafeEqual(key, expected)
}

/** A hash that matches nothing, verified when the user is unknown so both paths take the same time. */
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(16).toString('hex')))

/** A generated password: 20 characters from an alphabet without look-alikes (about 115 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  let out = ''
  for (let i = 0; i < 20; i++) out += alphabet[randomInt(alphabet.length)]
  return out
}
