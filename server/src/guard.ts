/**
 * Checks every parsed request body before zod sees it, iteratively (a hostile body cannot overflow the
 * stack): nesting depth, object keys that could pollute prototypes, strings PostgreSQL cannot store in
 * jsonb (NUL, unpaired surrogates), numbers JSON cannot carry (1e400 parses to Infinity), and a total
 * node count. Returns a problem (path and reason) or null.
 */
export const MAX_DEPTH = 32
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
// eslint-disable-next-line no-control-regex
const BAD_STRING = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export interface BodyProblem {
  path: (string | number)[]
  reason: 'too-deep' | 'forbidden-key' | 'bad-string' | 'bad-number' | 'too-many-values'
}

export function checkBody(root: unknown, maxValues = 2_000_000): BodyProblem | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }]
  let seen = 0
  while (stack.length > 0) {
    const { value, path } = stack.pop()!
    if (++seen > maxValues) return { path, reason: 'too-many-values' }
    if (typeof value === 'string') {
      if (BAD_STRING.test(value)) return { path, reason: 'bad-string' }
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { path, reason: 'bad-number' }
    } else if (value !== null && typeof value === 'object') {
      if (path.length >= MAX_DEPTH) return { path, reason: 'too-deep' }
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) stack.push({ value: value[i], path: [...path, i] })
      } else {
        for (const key of Object.keys(value)) {
          if (FORBIDDEN_KEYS.has(key) || BAD_STRING.test(key)) return { path: [...path, key], reason: 'forbidden-key' }
          stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] })
        }
      }
    }
  }
  return null
}
