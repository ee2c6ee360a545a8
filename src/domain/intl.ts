const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

/** One Intl.DateTimeFormat per locale and options, made once (making one costs far more than using it). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options)
  let f = dateTimeFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options)
    dateTimeFormats.set(key, f)
  }
  return f
}
