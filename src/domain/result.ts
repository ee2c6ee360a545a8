/** A validation message as an i18n key (under `errors.`) with its parameters: the view translates it. */
export interface Problem {
  key: string
  params?: Record<string, string | number>
}

export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: Problem }
