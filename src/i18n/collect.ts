export interface Messages {
  [key: string]: string | Messages
}

/** Each file in en/ and zh-CN/ is one namespace, named after the file. */
export function collect(modules: Record<string, { default: Messages }>): Messages {
  const out: Messages = {}
  for (const [path, mod] of Object.entries(modules)) {
    const name = path.replace(/^.*\/([^/]+)\.ts$/, '$1')
    out[name] = mod.default
  }
  return out
}
