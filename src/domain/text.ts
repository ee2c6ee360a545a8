/** Fills `{name}` placeholders from `params`; a placeholder without a value stays as written. */
export const fill = (template: string, params: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m))
